#!/usr/bin/env node
// @ts-check
/**
 * The two-sided proof of the specs: every realistic mistake in proofs/<kata>/mistakes/ must turn its
 * kata's spec red through a failing assertion or the hang guard, and every alternative in
 * proofs/<kata>/alternatives/ must be green and type-check. A mistake that survives means the spec
 * is weak; an alternative that fails means the spec (or the lesson) demands something it never says.
 *
 *   npm run prove                  every kata
 *   npm run prove -- 03 deco       some katas (number, slug, name or unique prefix)
 *   npm run prove -- --json        the verdicts as JSON on stdout
 *   npm run prove -- --write       also record the counts in the README's table of katas ("proof")
 *   npm run prove -- --seed 7      fast-check's seed (default 1, so that a run repeats)
 *   npm run prove -- --workers 1   prover processes side by side (default: one per core, at most 4)
 *
 * Exit code 0 when every mistake is caught and every alternative green, 1 otherwise, 2 on bad input
 * or broken proof files (a diff that no longer applies, a header missing).
 */
import { judgeAlternative, judgeMistake } from "./judge.mjs";

export { judgeAlternative, judgeMistake } from "./judge.mjs";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { isLearnerFile, KataError, listKatas, resolveKata } from "../core/katas.mjs";
import { ROOT } from "../core/paths.mjs";
import { parseScriptArgs, runScript } from "../core/script-args.mjs";
import { style } from "../terminal/style.mjs";
import { updateTableColumn } from "../core/markdown-table.mjs";
import { layOut, listCandidates, makeScratch, MIN_ALTERNATIVES, MIN_MISTAKES } from "./candidates.mjs";
import { checkFolders } from "../runner/types.mjs";

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), "child.mjs");

/**
 * @typedef {import("./candidates.mjs").Candidate} Candidate
 * @typedef {{ folder: string, passed?: number, failed?: { name: string, errors: { name: string, message: string, cause?: string, expectation?: boolean }[] }[], moduleErrors?: string[], unhandled?: string[], ms?: number, hung?: { kind: string, test: string, message: string } }} Outcome
 * @typedef {{ candidate: Candidate, ok: boolean, verdict: string, detail?: string, ms: number }} Verdict
 */


/**
 * Runs the folders in prover processes, `workers` at a time; a process that stops on a hang is
 * replaced for the folders it had left.
 * @param {string} scratch
 * @param {string[]} folders
 * @param {{ workers: number, seed: number }} options
 * @returns {Promise<Map<string, Outcome>>}
 */
async function runFolders(scratch, folders, { workers, seed }) {
  /** @type {Map<string, Outcome>} */
  const outcomes = new Map();
  // Slow folders first would be better still; in course order, the big katas come last.
  const queues = Array.from({ length: workers }, () => /** @type {string[]} */ ([]));
  [...folders].reverse().forEach((f, i) => queues[i % workers]?.push(f));
  await Promise.all(
    queues.map(async (queue) => {
      let left = queue;
      while (left.length > 0) {
        const got = await runChild(scratch, left, seed);
        for (const o of got) outcomes.set(o.folder, o);
        const next = left.filter((f) => !outcomes.has(f));
        if (next.length === left.length) {
          // The process died without a word about the first folder: count that one as broken.
          const first = /** @type {string} */ (next[0]);
          outcomes.set(first, { folder: first, moduleErrors: ["the prover process ended without a result for this candidate"] });
        }
        left = left.filter((f) => !outcomes.has(f));
      }
    }),
  );
  return outcomes;
}

/**
 * @param {string} scratch
 * @param {string[]} folders
 * @param {number} seed
 * @returns {Promise<Outcome[]>}
 */
function runChild(scratch, folders, seed) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, scratch, ...folders], {
      cwd: scratch,
      env: { ...process.env, FC_SEED: String(seed), NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      /** @type {Outcome[]} */
      const outcomes = [];
      for (const line of out.split("\n")) {
        if (!line.startsWith("{")) continue;
        try {
          outcomes.push(JSON.parse(line));
        } catch {
          // a test printed something that looks like JSON: not ours
        }
      }
      if (code !== 0 && outcomes.length === 0) process.stderr.write(`prove: a prover process exited with ${code}:\n${err.trim().split("\n").slice(-15).join("\n")}\n`);
      resolve(outcomes);
    });
  });
}

/** @param {string[]} argv */
function parseOptions(argv) {
  const { flags, numbers, positionals } = parseScriptArgs(argv, {
    script: "tools/prove/prove.mjs",
    flags: ["json", "write"],
    numbers: ["seed", "workers"],
  });
  const workers = numbers["workers"] ?? defaultWorkers();
  if (workers < 1) throw new KataError("--workers must be at least 1");
  return { katas: positionals, json: flags["json"] === true, write: flags["write"] === true, seed: numbers["seed"] ?? 1, workers };
}

/**
 * Runs the proofs of `katas` and judges every candidate.
 * @param {string} root
 * @param {import("../core/katas.mjs").Kata[]} katas
 * @param {{ workers: number, seed: number }} options
 * @returns {Promise<{ verdicts: Verdict[], problems: string[], seconds: number }>}
 */
export async function proveKatas(root, katas, options) {
  const started = performance.now();
  /** @type {string[]} */
  const problems = [];
  const candidates = katas.flatMap((kata) => {
    const list = listCandidates(root, kata.slug);
    const mistakes = list.filter((c) => c.kind === "mistake").length;
    const alternatives = list.length - mistakes;
    if (mistakes < MIN_MISTAKES) problems.push(`${kata.slug}: ${mistakes} mistakes in proofs/${kata.slug}/mistakes/, at least ${MIN_MISTAKES} wanted`);
    if (alternatives < MIN_ALTERNATIVES) problems.push(`${kata.slug}: ${alternatives} alternatives in proofs/${kata.slug}/alternatives/, at least ${MIN_ALTERNATIVES} wanted`);
    return list;
  });
  const scratch = mkdtempSync(path.join(tmpdir(), "pattern-katas-prove-"));
  try {
    makeScratch(root, scratch);
    for (const c of candidates) layOut(root, scratch, c, isLearnerFile);
    const [outcomes, typeErrors] = await Promise.all([
      runFolders(
        scratch,
        candidates.map((c) => c.folder),
        options,
      ),
      checkFolders(scratch, ["katas"]),
    ]);
    /** @type {Verdict[]} */
    const verdicts = candidates.map((candidate) => {
      const outcome = outcomes.get(candidate.folder) ?? { folder: candidate.folder, moduleErrors: ["no result"] };
      const types = typeErrors.filter((e) => e.file.startsWith(`katas/${candidate.folder}/`));
      const ms = outcome.ms ?? 0;
      if (types.length > 0) {
        const first = types[0];
        const where = first ? `${first.file.split("/").slice(2).join("/")}:${first.line}: ${first.message}` : "";
        return { candidate, ok: false, verdict: "does not type-check", detail: `${types.length} type error(s), first ${where}`, ms };
      }
      if (candidate.kind === "mistake") {
        const { caught, how } = judgeMistake(outcome);
        return { candidate, ok: caught, verdict: caught ? "caught" : "not caught", detail: how, ms };
      }
      const { green, how } = judgeAlternative(outcome);
      return { candidate, ok: green, verdict: green ? "green" : "RED", detail: how, ms };
    });
    return { verdicts, problems, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The proof of one kata as a section of the self-check (`npm run katas -- check <kata>`).
 * @param {string} root
 * @param {import("../core/katas.mjs").Kata} kata
 * @returns {Promise<{ passed: number, problems: { rule: string, where: string, message: string }[], lines: string[] }>}
 */
export async function proveSection(root, kata) {
  const { verdicts, problems } = await proveKatas(root, [kata], { workers: defaultWorkers(), seed: 1 });
  const failed = verdicts.filter((v) => !v.ok);
  const m = verdicts.filter((v) => v.candidate.kind === "mistake");
  const a = verdicts.filter((v) => v.candidate.kind === "alternative");
  return {
    passed: verdicts.length - failed.length,
    problems: [
      ...problems.map((message) => ({ rule: "proof", where: kata.slug, message })),
      ...failed.map((v) => ({ rule: "proof", where: `${kata.slug} ${v.candidate.source}`, message: `${v.verdict}: ${v.detail}\n${v.candidate.about}` })),
    ],
    lines: [`${m.filter((v) => v.ok).length}/${m.length} mistakes caught, ${a.filter((v) => v.ok).length}/${a.length} alternatives green (npm run prove -- ${kata.number})`],
  };
}

function defaultWorkers() {
  return Math.min(4, Math.max(1, availableParallelism()));
}

/**
 * @param {string[]} argv
 * @returns {Promise<number>}
 */
export async function prove(argv) {
  const options = parseOptions(argv);
  const all = listKatas(ROOT);
  const katas = options.katas.length === 0 ? all : options.katas.map((k) => resolveKata(k, all));
  const { verdicts, problems, seconds } = await proveKatas(ROOT, katas, options);
  if (options.json) process.stdout.write(`${JSON.stringify({ seconds, problems, verdicts }, null, 2)}\n`);
  else printTable(katas, verdicts, problems, seconds);
  if (options.write) writeReadme(katas, verdicts);
  return problems.length === 0 && verdicts.every((v) => v.ok) ? 0 : 1;
}

/**
 * The "proof" column of the README's table of katas, for the katas of this run.
 * @param {import("../core/katas.mjs").Kata[]} katas
 * @param {Verdict[]} verdicts
 */
function writeReadme(katas, verdicts) {
  const readme = path.join(ROOT, "README.md");
  const text = readFileSync(readme, "utf8");
  const next = updateTableColumn(text, "proof", (number) => {
    const kata = katas.find((k) => k.number === number);
    const mine = kata ? verdicts.filter((v) => v.candidate.kata === kata.slug) : [];
    if (!kata) return /\| ([^|]*) \|$/.exec(text.split("\n").find((l) => l.startsWith(`| ${String(number).padStart(2, "0")} |`)) ?? "")?.[1] ?? "—";
    const m = mine.filter((v) => v.candidate.kind === "mistake");
    const a = mine.filter((v) => v.candidate.kind === "alternative");
    return `${m.filter((v) => v.ok).length}/${m.length} mistakes caught · ${a.filter((v) => v.ok).length}/${a.length} alternatives green`;
  });
  writeFileSync(readme, next);
  console.log("Recorded in the README's table of katas (proof).");
}

/**
 * @param {import("../core/katas.mjs").Kata[]} katas
 * @param {Verdict[]} verdicts
 * @param {string[]} problems
 * @param {number} seconds
 */
function printTable(katas, verdicts, problems, seconds) {
  const nameWidth = Math.max(12, ...verdicts.map((v) => v.candidate.name.length));
  for (const kata of katas) {
    const mine = verdicts.filter((v) => v.candidate.kata === kata.slug);
    const mistakes = mine.filter((v) => v.candidate.kind === "mistake");
    const alternatives = mine.filter((v) => v.candidate.kind === "alternative");
    const caught = mistakes.filter((v) => v.ok).length;
    const green = alternatives.filter((v) => v.ok).length;
    const allOk = caught === mistakes.length && green === alternatives.length;
    const mark = allOk ? style.green("✓") : style.red("✗");
    console.log(`${mark} ${style.bold(kata.slug)}  mistakes caught ${caught}/${mistakes.length} · alternatives green ${green}/${alternatives.length}`);
    for (const v of mine) {
      const sign = v.ok ? style.green("✓") : style.red("✗");
      const label = v.candidate.kind === "mistake" ? `step ${v.candidate.step}` : "alternative";
      console.log(`    ${sign} ${v.candidate.name.padEnd(nameWidth)}  ${style.dim(label.padEnd(14))} ${v.verdict}: ${v.detail}`);
      if (!v.ok) console.log(`        ${style.dim(v.candidate.about)}  (${v.candidate.source})`);
    }
  }
  for (const p of problems) console.log(style.red(`✗ ${p}`));
  const mistakes = verdicts.filter((v) => v.candidate.kind === "mistake");
  const alternatives = verdicts.filter((v) => v.candidate.kind === "alternative");
  console.log("");
  console.log(`| kata | mistakes caught | alternatives green |`);
  console.log(`| --- | --- | --- |`);
  for (const kata of katas) {
    const m = mistakes.filter((v) => v.candidate.kata === kata.slug);
    const a = alternatives.filter((v) => v.candidate.kata === kata.slug);
    console.log(`| ${kata.slug} | ${m.filter((v) => v.ok).length}/${m.length} | ${a.filter((v) => v.ok).length}/${a.length} |`);
  }
  console.log("");
  const failed = verdicts.filter((v) => !v.ok).length + problems.length;
  console.log(`prove: ${mistakes.filter((v) => v.ok).length}/${mistakes.length} mistakes caught, ${alternatives.filter((v) => v.ok).length}/${alternatives.length} alternatives green (${seconds.toFixed(1)} s)`);
  console.log(`prove: ${verdicts.length + problems.length - failed} passed, ${failed} failed`);
}

runScript(import.meta.url, "prove", () => prove(process.argv.slice(2)));
