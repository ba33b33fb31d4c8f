// @ts-check
/**
 * The workbook's self-check: what `npm test` runs at the root. For every kata it proves
 *
 *   1. every test of the spec passes against the solution;
 *   2. every test fails against the untouched stub, because of the stub's NotImplementedError
 *      (tests listed in kata.json "passOnStub" may pass; a "fixTheBug" kata ships buggy code, so any
 *      failure counts there);
 *   3. stub and solution export the same declarations (tsc emits both; private members aside);
 *   4. the kata has its README, stub, spec, solution, kata.json with hints; no .only/.skip anywhere;
 *      the stubs on disk are the ones recorded in tools/stubs.lock.json;
 *   5. the whole tree type-checks (which also runs every *.test-d.ts type-level test);
 *
 * and that the tooling's own tests pass. Every broken rule is reported with the kata, the file or the
 * test, and what to do about it. The last line reads "self-check: N passed, M failed".
 *
 * For maintainers: KATAS_CHECK_WORKERS=n sets vitest's workers; KATAS_CHECK_TIMELINE=1 prints on
 * stderr when each test file starts and ends (to see what a slow self-check waits on).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { env as settings } from "../core/config.mjs";
import { listKatas } from "../core/katas.mjs";
import { ROOT } from "../core/paths.mjs";
import { readLock, sha256 } from "../core/stubs.mjs";
import { style } from "../terminal/style.mjs";
import { checkPlay } from "./rules/play.mjs";
import { checkStructure } from "./rules/structure.mjs";
import { checkTests } from "./rules/tests.mjs";
import { checkTypes } from "./rules/types.mjs";

/** @typedef {import("./section.mjs").Problem} Problem @typedef {import("./section.mjs").Section} Section */

/**
 * @param {{ root?: string, out?: (line: string) => void, workers?: number, env?: Record<string, string>, only?: import("../core/katas.mjs").Kata, prove?: () => Promise<Section> }} [options]
 *   workers: vitest's maxWorkers (default: KATAS_CHECK_WORKERS, else one per core, at least 2); env: extra environment for the
 *   kata specs (the tooling's tests use FC_NUM_RUNS to check a broken workbook quickly); only: check
 *   this one kata (its structure, tests, types) and not the tooling; prove: a last section (the
 *   kata's proof, for `check <kata>`)
 * @returns {Promise<number>} the exit code: 0 when every rule holds
 */
export async function runCheck({ root = ROOT, out = (line) => process.stdout.write(`${line}\n`), workers, env = {}, only, prove } = {}) {
  const started = performance.now();
  const worked = workedIn(root, only);
  if (worked.length > 0 && !settings.checkAnyway()) {
    out(notForAWorkedInWorkbook(worked));
    return 1;
  }
  out(style.bold(only ? `pattern-katas self-check of ${only.slug}` : "pattern-katas self-check"));
  out("");

  /** @param {Section} section */
  const mine = (section) => (only ? { ...section, problems: section.problems.filter((p) => p.where.includes(only.slug) || !/\d{2}-[a-z]/.test(p.where)) } : section);
  const structure = mine(checkStructure(root));
  printSection(out, "structure", structure);

  // tsc and vitest run side by side: they are separate processes, and the machine has the cores.
  const typesPromise = checkTypes(root);
  const tests = await checkTests(root, out, { ...(workers ? { workers } : {}), env, ...(only ? { only } : {}) });
  const types = mine(await typesPromise);
  printSection(out, "types", types);
  const plays = await checkPlay(root, only ? [only] : listKatas(root));
  printSection(out, "play", plays);
  const proof = prove ? await prove() : undefined;
  if (proof) printSection(out, "proof", proof);

  const sections = [structure, tests, types, plays, ...(proof ? [proof] : [])];
  const passed = sections.reduce((n, s) => n + s.passed, 0);
  const problems = sections.flatMap((s) => s.problems);
  out("");
  if (problems.length > 0) {
    out(style.red(style.bold(`${problems.length} rule${problems.length === 1 ? "" : "s"} broken:`)));
    for (const p of problems) out(`  ${style.red("✗")} ${style.bold(p.where)} ${style.dim(`[${p.rule}]`)}\n    ${p.message.replace(/\n/g, "\n    ")}`);
    out("");
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  out(`${style.dim(`(${seconds} s)`)}`);
  out(`self-check: ${passed} passed, ${problems.length} failed`);
  return problems.length === 0 ? 0 : 1;
}

/**
 * The learner's files that differ from their recorded stubs: a workbook someone has worked in.
 * @param {string} root
 * @param {import("../core/katas.mjs").Kata} [only]
 * @returns {string[]} root-relative paths
 */
function workedIn(root, only) {
  /** @type {ReturnType<typeof readLock>["files"]} */
  let locked;
  try {
    locked = readLock(root).files;
  } catch {
    return []; // a broken lock is the structure check's to report
  }
  return listKatas(root)
    .filter((k) => !only || k.slug === only.slug)
    .flatMap((k) => k.files.map((f) => `katas/${k.slug}/${f}`))
    .filter((rel) => {
      const entry = locked[rel];
      if (!entry) return false; // a new stub: the structure check says to lock it
      try {
        return sha256(readFileSync(path.join(root, rel), "utf8")) !== entry.sha256;
      } catch {
        return false;
      }
    });
}

/** @param {string[]} files */
function notForAWorkedInWorkbook(files) {
  const shown = files.slice(0, 6).map((f) => `  ${f}`);
  if (files.length > shown.length) shown.push(`  … and ${files.length - shown.length} more`);
  return [
    `${style.bold("The self-check is for a clean checkout")}, and ${files.length} of your kata files differ from their stubs:`,
    ...shown,
    "",
    "It proves that every untouched stub fails its spec, so on your work it would report each test you",
    "made pass as a broken rule. What you probably want is your progress: `npm run progress`.",
    "A maintainer who changed a stub on purpose records it with `npm run stubs:lock`; to run the",
    "self-check on this tree anyway: `KATAS_CHECK_ANYWAY=1 npm test`.",
  ].join("\n");
}

/**
 * @param {(line: string) => void} out
 * @param {string} name
 * @param {Section} section
 */
function printSection(out, name, section) {
  const mark = section.problems.length === 0 ? style.green("✓") : style.red("✗");
  for (const line of section.lines) out(`${mark} ${name.padEnd(10)} ${line}`);
}

// ---------------------------------------------------------------------------------------------
// Rule 4: the files of a kata, the stub lock, no focused or skipped tests.
