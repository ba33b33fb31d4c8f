#!/usr/bin/env node
// @ts-check
/**
 * The workbook's speed, measured here, on this machine, in one run:
 *
 *   1. one kata cold: `npm test` in katas/01-closure-counter (a fresh process each time), median;
 *   2. the root self-check: `npm test` at the root, median;
 *   3. the guided mode's save -> result latency (`npm start`): the learner's file is saved 20 times,
 *      alternating stub (red) and solution (green), timed from the write to the screen that shows the
 *      new result; median and 90th percentile; the same with a fresh test thread per run (what the
 *      kept thread buys); plain `vitest --watch` on the same kata timed to its "Waiting for file
 *      changes" line, and the ratio of the medians (guided / plain);
 *   4. `npm ci` on a warm npm cache (in a scratch copy of package.json + lock), and the size of the
 *      node_modules it makes;
 *   5. kata 07's WorkerPool beside piscina on the same tasks, 2 threads each (pool-bench.ts): bursts
 *      of 2,000 and 200,000 tiny tasks, round trips one at a time, 20 tasks of 4 MiB; the ratio of
 *      the medians (kata / piscina, at most 1.0 is the goal).
 *
 *   npm run bench
 *   npm run bench -- --kata-runs 5 --check-runs 3 --saves 20 --pool-reps 5 --skip ci,check,pool
 *   npm run bench -- --write      also record the figures in CONTRIBUTING.md ("Proving the specs")
 *
 * Budgets: one kata cold < 1.2 s; the self-check < 15 s (set for eight katas); save -> result
 * median < 120 ms, and under 0.35 of plain `vitest --watch` on the same kata.
 * Figures depend on the machine and on what else runs on it: compare runs made on a quiet machine.
 */
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { KataError } from "../core/katas.mjs";
import { ROOT } from "../core/paths.mjs";
import { collect } from "../core/process.mjs";
import { parseScriptArgs, runScript } from "../core/script-args.mjs";
import { saveLatencies } from "./saves.mjs";

const KATA = "01-closure-counter";
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const BUDGET = { kataMs: 1200, checkMs: 15000, saveMedianMs: 120 };
const README = path.join(ROOT, "CONTRIBUTING.md");
const MARK_START = "<!-- bench:start -->";
const MARK_END = "<!-- bench:end -->";

/** @param {number[]} xs @param {number} q in [0, 1] (nearest rank) */
export function quantile(xs, q) {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * s.length));
  return /** @type {number} */ (s[rank - 1]);
}

/** @param {number[]} xs */
export function median(xs) {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? /** @type {number} */ (s[mid]) : (/** @type {number} */ (s[mid - 1]) + /** @type {number} */ (s[mid])) / 2;
}

/**
 * Runs a command to its end; resolves with the wall time.
 * @param {string} command @param {string[]} args @param {{ cwd: string, env?: NodeJS.ProcessEnv }} options
 */
const timed = (command, args, options) => collect(command, args, options);

/** 1. `npm test` in a kata folder, cold, `runs` times. @param {number} runs */
async function kataCold(runs) {
  const cwd = path.join(ROOT, "katas", KATA);
  /** @type {number[]} */
  const times = [];
  await timed(NPM, ["test"], { cwd, env: { ...process.env, NO_COLOR: "1" } }); // first run: disk cache, not counted
  for (let i = 0; i < runs; i++) times.push((await timed(NPM, ["test"], { cwd, env: { ...process.env, NO_COLOR: "1" } })).ms);
  return times;
}

/** 2. `npm test` at the root (the self-check), `runs` times. @param {number} runs */
async function selfCheck(runs) {
  /** @type {number[]} */
  const times = [];
  let last = "";
  for (let i = 0; i < runs; i++) {
    const r = await timed(NPM, ["test"], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", INIT_CWD: ROOT } });
    times.push(r.ms);
    last = r.output.trim().split("\n").at(-1) ?? "";
  }
  return { times, last };
}

/** 4. `npm ci` with a warm cache, and the size of node_modules. */
async function npmCi() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pattern-katas-ci-"));
  try {
    for (const f of ["package.json", "package-lock.json"]) cpSync(path.join(ROOT, f), path.join(dir, f));
    const args = ["ci", "--no-audit", "--no-fund", "--prefer-offline"];
    const warm = await timed(NPM, args, { cwd: dir }); // fills the cache if it was cold
    if (warm.code !== 0) return { error: warm.output.trim().split("\n").slice(-5).join("\n") };
    const r = await timed(NPM, args, { cwd: dir });
    if (r.code !== 0) return { error: r.output.trim().split("\n").slice(-5).join("\n") };
    return { ms: r.ms, bytes: treeSize(path.join(dir, "node_modules")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The pool rows, from tools/bench/pool-bench.ts in a process of its own (through tsx: it imports
 * the kata's TypeScript solution and piscina).
 * @param {number} reps
 * @returns {Promise<{ error: string } | { threads: number, reps: number, rows: { row: string, kataMs: number, piscinaMs: number, ratio: number }[] }>}
 */
async function poolBench(reps) {
  const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
  const r = await timed(process.execPath, [tsx, path.join(ROOT, "tools/bench/pool-bench.ts"), "--reps", String(reps)], { cwd: ROOT });
  const line = r.output.split("\n").find((l) => l.startsWith("{"));
  if (r.code !== 0 || !line) return { error: r.output.trim().split("\n").slice(-8).join("\n") };
  return JSON.parse(line);
}

/** Sum of the file sizes under `dir` (symbolic links not followed). @param {string} dir */
function treeSize(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += treeSize(full);
    else if (entry.isFile()) total += lstatSync(full).size;
  }
  return total;
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const { flags, numbers, lists } = parseScriptArgs(argv, {
    script: "tools/bench/bench.mjs",
    flags: ["write"],
    numbers: ["kata-runs", "check-runs", "saves", "pool-reps"],
    lists: ["skip"],
  });
  for (const [name, value] of Object.entries(numbers)) {
    if (value < 1) throw new KataError(`--${name} needs a whole number >= 1`);
  }
  return {
    kataRuns: numbers["kata-runs"] ?? 5,
    checkRuns: numbers["check-runs"] ?? 3,
    saves: numbers["saves"] ?? 20,
    poolReps: numbers["pool-reps"] ?? 5,
    skip: lists["skip"] ?? [],
    write: flags["write"] === true,
  };
}

const s = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(2)} s`;
const m = (/** @type {number} */ ms) => `${Math.round(ms)} ms`;
const verdict = (/** @type {number} */ value, /** @type {number} */ budget) => (value < budget ? "within budget" : "OVER BUDGET");

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  /** @type {string[]} */
  const lines = [];
  const say = (/** @type {string} */ line) => {
    lines.push(line);
    console.log(line);
  };
  say(`machine: ${cores} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.cpus()[0]?.model ?? "?"}; Node ${process.version}; load average ${os.loadavg()[0]?.toFixed(1)} at start`);

  if (!o.skip.includes("kata")) {
    const t = await kataCold(o.kataRuns);
    say(`one kata cold (npm test in katas/${KATA}):  median ${s(median(t))} of ${t.length} (min ${s(Math.min(...t))}, max ${s(Math.max(...t))})  budget ${s(BUDGET.kataMs)}: ${verdict(median(t), BUDGET.kataMs)}`);
  }
  if (!o.skip.includes("check")) {
    const { times: t, last } = await selfCheck(o.checkRuns);
    say(`self-check (npm test at the root):  median ${s(median(t))} of ${t.length} (min ${s(Math.min(...t))}, max ${s(Math.max(...t))})  budget ${s(BUDGET.checkMs)}: ${verdict(median(t), BUDGET.checkMs)}  [${last}]`);
  }
  if (!o.skip.includes("save")) {
    const { guided, fresh, plain } = await saveLatencies(KATA, o.saves);
    if (guided) {
      say(`save -> result, guided mode (npm start):  median ${m(median(guided))}, p90 ${m(quantile(guided, 0.9))} over ${guided.length} saves  budget median ${m(BUDGET.saveMedianMs)}: ${verdict(median(guided), BUDGET.saveMedianMs)}`);
    } else {
      say("save -> result, guided mode: not measured (tools/guide/guided.mjs has no createGuide)");
    }
    if (fresh) say(`save -> result, guided, fresh thread per run: median ${m(median(fresh))}, p90 ${m(quantile(fresh, 0.9))} over ${fresh.length} saves`);
    say(`save -> result, plain vitest --watch:     median ${m(median(plain))}, p90 ${m(quantile(plain, 0.9))} over ${plain.length} saves`);
    if (guided) say(`guided / plain vitest --watch (medians): ${(median(guided) / median(plain)).toFixed(2)}`);
  }
  if (!o.skip.includes("pool")) {
    const pool = await poolBench(o.poolReps);
    if ("error" in pool) say(`pool beside piscina: FAILED\n${pool.error}`);
    else {
      say(`kata 07's WorkerPool beside piscina (${pool.threads} threads each, median of ${pool.reps}):`);
      for (const r of pool.rows) say(`  ${r.row.padEnd(34)} kata ${m(r.kataMs).padStart(8)}  piscina ${m(r.piscinaMs).padStart(8)}  ratio ${r.ratio.toFixed(2)}${r.ratio <= 1 ? "" : "  (goal: <= 1.00)"}`);
    }
  }
  if (!o.skip.includes("ci")) {
    const ci = await npmCi();
    if ("error" in ci) say(`npm ci (warm cache): FAILED\n${ci.error}`);
    else say(`npm ci (warm cache): ${s(/** @type {number} */ (ci.ms))}; node_modules ${((ci.bytes ?? 0) / 2 ** 20).toFixed(0)} MiB`);
  }
  say(`load average ${os.loadavg()[0]?.toFixed(1)} at the end (${cores} cores: above ${cores} the figures are inflated by other work)`);

  if (o.write) {
    const readme = readFileSync(README, "utf8");
    const a = readme.indexOf(MARK_START);
    const b = readme.indexOf(MARK_END);
    if (a < 0 || b < a) {
      console.log(`CONTRIBUTING.md has no ${MARK_START} ... ${MARK_END} block: figures not recorded`);
    } else {
      const block = `${MARK_START}\n\`\`\`text\n$ npm run bench   # ${new Date().toISOString().slice(0, 10)}\n${lines.join("\n")}\n\`\`\`\n`;
      writeFileSync(README, readme.slice(0, a) + block + readme.slice(b));
      console.log("Recorded in CONTRIBUTING.md.");
    }
  }
}

runScript(import.meta.url, "bench", main, { crashCode: 1 });
