#!/usr/bin/env node
// @ts-check
/**
 * Mutation testing of the specs: Stryker mutates each kata's *solution* (solutions/<kata>/*.ts) and
 * runs that kata's spec against every mutant, in the "solution" vitest project the self-check uses.
 * A mutant the spec still passes ("survived") is wrong code the spec would accept from a learner.
 *
 *   npm run mutate                      every kata
 *   npm run mutate -- 01 middleware     some katas (number, slug, name or unique prefix)
 *   npm run mutate -- --seed 7          fast-check seed for the run (default 1: results reproduce)
 *   npm run mutate -- --concurrency 2   Stryker's test-runner processes (default: Stryker's own)
 *   npm run mutate -- --no-write        print only; leave scores.json, REPORT.md and README alone
 *   npm run mutate -- --report          no mutation: rewrite REPORT.md and the README column from scores.json
 *
 * Per kata it prints killed, survived, timed out, no coverage, the score and every surviving mutant;
 * then it records the latest figures in tools/mutation/scores.json, the surviving mutants in
 * tools/mutation/REPORT.md, and the scores in the table of mutation scores in CONTRIBUTING.md ("mutation score" column).
 * A survivor explained in tools/mutation/NOTES.md (an equivalent mutant) is marked as such.
 * Exit code 1 when a kata scores under the target (90%).
 *
 * Stryker works in a sandbox copy under the OS temp directory: the real tree is never mutated, so
 * the self-check and the learner's tools can run beside it. Slow (minutes): not part of `npm test`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import process from "node:process";
import { KataError, listKatas, resolveKata } from "../core/katas.mjs";
import { ENV_NAMES } from "../core/config.mjs";
import { ROOT } from "../core/paths.mjs";
import { parseScriptArgs, runScript } from "../core/script-args.mjs";
import { isExplained, printKata, renderReport, TARGET, updateReadmeTable } from "./report.mjs";

/** @typedef {import("./report.mjs").KataScore} KataScore */

const HERE = path.join(ROOT, "tools/mutation");
const SCORES_FILE = path.join(HERE, "scores.json");
const REPORT_FILE = path.join(HERE, "REPORT.md");
const NOTES_FILE = path.join(HERE, "NOTES.md");
const README = path.join(ROOT, "CONTRIBUTING.md");

/**
 * Runs Stryker on one kata.
 * @param {import("../core/katas.mjs").Kata} kata
 * @param {{ seed: number, concurrency?: number }} options
 * @returns {Promise<KataScore>}
 */
export async function mutateKata(kata, { seed, concurrency }) {
  const { Stryker } = await import("@stryker-mutator/core");
  const started = performance.now();
  // Read by tools/mutation/vitest.config.mjs and by the setup file, in every test-runner process.
  process.env[ENV_NAMES.mutateKata] = kata.slug;
  process.env["FC_SEED"] = String(seed);
  const workDir = path.join(tmpdir(), "pattern-katas-stryker");
  const html = path.join(workDir, `${kata.slug}.html`);
  const stryker = new Stryker({
    // Not the entry files of worker threads (*.worker.ts): Stryker switches mutants on through a
    // global of the test's thread, which a worker thread started by the code under test never sees,
    // so their mutants could only ever show as "no coverage".
    mutate: [`solutions/${kata.slug}/**/*.{ts,mts}`, `!solutions/${kata.slug}/**/*.worker.{ts,mts}`],
    // The sandbox holds the machinery and this kata only (node_modules is linked, not copied).
    ignorePatterns: [".katas", "/katas/*", `!/katas/${kata.slug}`, "/solutions/*", `!/solutions/${kata.slug}`, "*.log"],
    testRunner: "vitest",
    plugins: ["@stryker-mutator/vitest-runner", path.join(HERE, "ignore-messages.mjs")],
    ignorers: ["error-messages"],
    vitest: { configFile: "tools/mutation/vitest.config.mjs", related: false },
    coverageAnalysis: "perTest",
    // Stryker rewrites tsconfig.json paths through TypeScript's JS API, which TypeScript 7 (the native
    // compiler) no longer has. The sandbox needs no rewrite (no extends/references), so point Stryker
    // at a file that does not exist; vite still reads the real tsconfig.json. No type checks either.
    tsconfigFile: "tools/mutation/(no tsconfig rewrite)",
    disableTypeChecks: false,
    tempDirName: path.join(workDir, "sandboxes"),
    cleanTempDir: "always",
    reporters: [process.stdout.isTTY ? "progress" : "progress-append-only", "html"],
    htmlReporter: { fileName: html },
    logLevel: /** @type {import("@stryker-mutator/api/core").LogLevel} */ ("warn"),
    fileLogLevel: /** @type {import("@stryker-mutator/api/core").LogLevel} */ ("off"),
    allowConsoleColors: process.stdout.isTTY,
    ...(concurrency ? { concurrency } : {}),
  });
  const results = await stryker.runMutationTest();

  const count = (/** @type {string[]} */ ...statuses) => results.filter((r) => statuses.includes(r.status)).length;
  const killed = count("Killed");
  const survived = count("Survived");
  const timeout = count("Timeout");
  const noCoverage = count("NoCoverage");
  const invalid = count("CompileError", "RuntimeError");
  const total = killed + survived + timeout + noCoverage;
  /** @type {Map<string, string>} */
  const sources = new Map();
  const survivors = results
    .filter((r) => r.status === "Survived" || r.status === "NoCoverage")
    .map((r) => {
      const file = path.relative(ROOT, path.resolve(ROOT, r.fileName)).split(path.sep).join("/");
      if (!sources.has(file)) sources.set(file, safeRead(path.join(ROOT, file)));
      return {
        where: `${file}:${r.location.start.line}:${r.location.start.column}`,
        mutator: r.mutatorName,
        original: sliceLocation(sources.get(file) ?? "", r.location),
        replacement: r.replacement ?? "",
        status: /** @type {"Survived" | "NoCoverage"} */ (r.status),
      };
    })
    .sort((a, b) => compareWhere(a.where, b.where));
  return {
    slug: kata.slug,
    killed,
    survived,
    timeout,
    noCoverage,
    invalid,
    total,
    score: total === 0 ? 100 : Math.floor(((killed + timeout) / total) * 1000) / 10,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    seed,
    date: new Date().toISOString().slice(0, 10),
    survivors,
  };
}

/** @param {string} file */
function safeRead(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/**
 * The source text at a Stryker location (lines and columns 1-based, as in Stryker's report), on one line.
 * @param {string} source
 * @param {{ start: { line: number, column: number }, end?: { line: number, column: number } }} location
 */
export function sliceLocation(source, location) {
  const lines = source.split("\n");
  const end = location.end ?? location.start;
  const picked = lines.slice(location.start.line - 1, end.line);
  if (picked.length === 0) return "";
  picked[picked.length - 1] = /** @type {string} */ (picked.at(-1)).slice(0, end.column - 1);
  picked[0] = /** @type {string} */ (picked[0]).slice(location.start.column - 1);
  return oneLine(picked.join("\n"));
}

/** @param {string} text */
function oneLine(text) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}

/** @param {string} a @param {string} b */
function compareWhere(a, b) {
  const pa = a.split(":");
  const pb = b.split(":");
  return (pa[0] ?? "").localeCompare(pb[0] ?? "") || Number(pa[1]) - Number(pb[1]) || Number(pa[2]) - Number(pb[2]);
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const { flags, numbers, positionals } = parseScriptArgs(argv, {
    script: "tools/mutation/mutate.mjs",
    flags: ["no-write", "report"],
    numbers: ["seed", "concurrency"],
  });
  return {
    katas: positionals,
    seed: numbers["seed"] ?? 1,
    ...(numbers["concurrency"] === undefined ? {} : { concurrency: numbers["concurrency"] }),
    write: !flags["no-write"],
    reportOnly: flags["report"] === true,
  };
}

/**
 * REPORT.md and the CONTRIBUTING.md column, from the scores. Every kata's survivors are checked
 * against NOTES.md as it is now: the katas not mutated in this run too.
 * @param {Record<string, KataScore>} scores @param {string} notes @param {{ slug: string, number: number }[]} katas
 */
function writeReports(scores, notes, katas) {
  for (const s of Object.values(scores)) for (const m of s.survivors) m.explained = isExplained(notes, m);
  writeFileSync(REPORT_FILE, renderReport(scores));
  writeFileSync(README, updateReadmeTable(readFileSync(README, "utf8"), scores, katas));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const all = listKatas(ROOT);
  const katas = options.katas.length === 0 ? all.filter((k) => existsSync(k.solutionDir) && k.specs.length > 0) : options.katas.map((k) => resolveKata(k, all));
  if (katas.length === 0) throw new KataError("no kata with a spec and a solution to mutate");

  /** @type {Record<string, KataScore>} */
  const scores = existsSync(SCORES_FILE) ? JSON.parse(readFileSync(SCORES_FILE, "utf8")) : {};
  // Katas that no longer exist drop out of the record.
  for (const slug of Object.keys(scores)) if (!all.some((k) => k.slug === slug)) delete scores[slug];
  const notes = existsSync(NOTES_FILE) ? readFileSync(NOTES_FILE, "utf8") : "";
  if (options.reportOnly) {
    writeReports(scores, notes, all);
    console.log("Rewrote tools/mutation/REPORT.md and the mutation score column in CONTRIBUTING.md from tools/mutation/scores.json.");
    return 0;
  }

  /** @type {KataScore[]} */
  const fresh = [];
  for (const kata of katas) {
    console.log(`\nmutating solutions/${kata.slug}/ against katas/${kata.slug}/*.spec.ts (FC_SEED=${options.seed})`);
    const result = await mutateKata(kata, options);
    for (const m of result.survivors) if (isExplained(notes, m)) m.explained = true;
    fresh.push(result);
    printKata(result);
    if (options.write) {
      // Merge into the file as it is now, not as it was when this run started: another run may have
      // recorded other katas meanwhile (mutating one kata takes minutes).
      const latest = existsSync(SCORES_FILE) ? JSON.parse(readFileSync(SCORES_FILE, "utf8")) : {};
      Object.assign(scores, latest, { [kata.slug]: result });
      writeFileSync(SCORES_FILE, `${JSON.stringify(scores, null, 2)}\n`);
    } else {
      scores[kata.slug] = result;
    }
  }

  console.log(`\nmutation scores (target ${TARGET}%):`);
  for (const s of fresh) printKata(s);
  const html = path.join(tmpdir(), "pattern-katas-stryker");
  console.log(`\nStryker's HTML reports (every mutant, with its diff): ${html}/<kata>.html`);
  if (options.write) {
    writeReports(scores, notes, all);
    console.log("Recorded in tools/mutation/scores.json, tools/mutation/REPORT.md and the table of mutation scores in CONTRIBUTING.md.");
  }
  const below = fresh.filter((s) => s.score < TARGET);
  if (below.length > 0) console.log(`\nUnder ${TARGET}%: ${below.map((s) => s.slug).join(", ")}`);
  return below.length === 0 ? 0 : 1;
}

runScript(import.meta.url, "mutate", main);
