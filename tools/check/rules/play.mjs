// @ts-check
/** Rule 6 of the self-check: every kata's play.ts runs on its solution and, on its stub, says what is missing. */
import { existsSync } from "node:fs";
import path from "node:path";
import { LIMITS } from "../../core/config.mjs";

/** @typedef {import("../section.mjs").Problem} Problem @typedef {import("../section.mjs").Section} Section */

/**
 * Every kata's play.ts, run against its solution with the runs kata.json lists ("play"): each must
 * end with exit code 0 and print what its run expects, in order; and against the untouched stub it
 * must say in one line what is not written yet. A kata without a play.ts is a broken rule.
 * @param {string} root
 * @param {import("../../core/katas.mjs").Kata[]} katas
 * @returns {Promise<Section>}
 */
export async function checkPlay(root, katas) {
  const { runPlay, PLAY_FILE } = await import("../../play/run.mjs");
  /** @type {Problem[]} */
  const problems = [];
  let passed = 0;
  let runs = 0;
  /** @param {import("../../core/katas.mjs").Kata} kata */
  const one = async (kata) => {
    const where = `${kata.slug}/${PLAY_FILE}`;
    if (!existsSync(path.join(kata.dir, PLAY_FILE))) {
      problems.push({ rule: "play", where, message: `katas/${kata.slug}/${PLAY_FILE} is missing: every kata has the tutorial's program, run on the learner's code` });
      return;
    }
    if (kata.meta.play.length === 0) {
      problems.push({ rule: "play", where, message: `katas/${kata.slug}/kata.json has no "play" runs: the self-check cannot tell whether ${PLAY_FILE} works` });
      return;
    }
    let ok = true;
    for (const run of kata.meta.play) {
      runs++;
      const r = await runPlay(kata, { root, args: run.args, target: "solution", capture: true, input: run.input ?? "", timeoutMs: LIMITS.playCheckMs });
      let at = 0;
      const missing = run.expect.find((line) => {
        const found = r.output.indexOf(line, at);
        if (found < 0) return true;
        at = found + line.length;
        return false;
      });
      if (r.code !== 0 || missing !== undefined) {
        ok = false;
        const why = r.stopped ?? (r.code !== 0 ? `exited with ${r.code}` : `never printed ${JSON.stringify(missing)} (in that order)`);
        problems.push({ rule: "play", where: `${where} ${run.args.join(" ")}`.trim(), message: `against the solution, ${why}:\n${r.output.trim().split("\n").slice(-8).join("\n")}` });
      }
    }
    if (!kata.meta.fixTheBug) {
      const stub = await runPlay(kata, { root, args: kata.meta.play[0]?.args ?? [], capture: true, input: kata.meta.play[0]?.input ?? "", timeoutMs: LIMITS.playCheckMs });
      if (stub.code === 0 || !/^Not written yet: /m.test(stub.output)) {
        ok = false;
        problems.push({ rule: "play", where, message: `on the untouched stub it should stop with "Not written yet: ..." and a non-zero exit; it printed:\n${stub.output.trim().split("\n").slice(-6).join("\n")}` });
      }
    }
    if (ok) passed++;
  };
  // Two at a time: each is a node process with tsx; vitest is done by now.
  const queue = [...katas];
  await Promise.all([0, 1].map(async () => {
    for (let kata = queue.shift(); kata; kata = queue.shift()) await one(kata);
  }));
  const lines = [`${passed}/${katas.length} play.ts files run on their solutions as expected (${runs} runs), and on their stubs say what is missing`];
  return { passed, problems, lines };
}
