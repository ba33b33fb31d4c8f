#!/usr/bin/env node
// @ts-check
/**
 * Flake soak: runs every spec against the reference solutions N times, each run with a fresh
 * fast-check seed (FC_SEED), and reports each failure with the seed and the command that replays it.
 * A spec that fails right code even once in a while is a flake: fix it at its cause.
 *
 *   npm run soak                       50 runs, every kata
 *   npm run soak -- --runs 10          fewer runs
 *   npm run soak -- 07 08              some katas (number, slug, name or unique prefix)
 *   npm run soak -- --seed 1234        start from a known seed (run i uses seed + i), to replay a soak
 *   npm run soak -- --bail             stop at the first failing run
 *   npm run soak -- --timeout 300      seconds before a run that hangs is killed and counted as failed
 *   npm run soak -- --load 2           N busy processes beside the runs (a loaded machine: any verdict
 *                                      that depends on speed or scheduling shows up as a flake)
 *
 * Each run is a fresh `vitest run --project solution` process (the same project as the self-check,
 * leak guard and all), so state never carries from one run to the next. Exit code 1 if any run failed.
 */
import { spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import process from "node:process";
import { KataError, listKatas, resolveKata } from "../core/katas.mjs";
import { ROOT } from "../core/paths.mjs";
import { collect } from "../core/process.mjs";
import { parseScriptArgs, runScript } from "../core/script-args.mjs";

const VITEST = path.join(ROOT, "node_modules/vitest/vitest.mjs");

/**
 * @typedef {{ test: string, file: string, message: string }} Failure
 * @typedef {{ run: number, seed: number, seconds: number, passed: number, failures: Failure[], crash?: string }} RunResult
 */

/**
 * One run of the solution project with the given seed.
 * @param {{ run: number, seed: number, files: string[], timeoutMs?: number }} options
 * @returns {Promise<RunResult>}
 */
export async function soakRun({ run, seed, files, timeoutMs = 300_000 }) {
  const dir = mkdtempSync(path.join(tmpdir(), "pattern-katas-soak-"));
  const report = path.join(dir, "report.json");
  const started = performance.now();
  try {
    const { code, output, timedOut } = await exec(
      process.execPath,
      [VITEST, "run", "--project", "solution", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...files],
      { ...process.env, FC_SEED: String(seed), NO_COLOR: "1", FORCE_COLOR: "0" },
      timeoutMs,
    );
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    if (timedOut) return { run, seed, seconds, passed: 0, failures: [], crash: `still running after ${timeoutMs / 1000} s: killed. Its last output:\n${tail(output)}` };
    /** @type {any} */
    let json;
    try {
      json = JSON.parse(readFileSync(report, "utf8"));
    } catch {
      return { run, seed, seconds, passed: 0, failures: [], crash: `vitest exited with ${code} and wrote no report:\n${tail(output)}` };
    }
    /** @type {Failure[]} */
    const failures = [];
    let passed = 0;
    for (const file of json.testResults ?? []) {
      const rel = path.relative(ROOT, file.name ?? "");
      if ((file.assertionResults ?? []).length === 0 && file.status === "failed") {
        failures.push({ test: "(the file failed to run)", file: rel, message: firstLines(file.message ?? "") });
      }
      for (const test of file.assertionResults ?? []) {
        if (test.status === "passed") passed++;
        else failures.push({ test: test.fullName ?? test.title, file: rel, message: firstLines((test.failureMessages ?? []).join("\n")) });
      }
    }
    if (code !== 0 && failures.length === 0) {
      return { run, seed, seconds, passed, failures, crash: `vitest exited with ${code} though every test passed:\n${tail(output)}` };
    }
    return { run, seed, seconds, passed, failures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @param {string} text */
function firstLines(text, n = 6) {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "" && !/^\s*at .*(node_modules|<anonymous>|node:internal)/.test(l))
    .slice(0, n)
    .join("\n");
}

/** @param {string} text */
function tail(text, n = 20) {
  return text.trim().split("\n").slice(-n).join("\n");
}

/**
 * @param {string} command @param {string[]} args @param {NodeJS.ProcessEnv} env @param {number} timeoutMs
 */
const exec = (command, args, env, timeoutMs) => collect(command, args, { cwd: ROOT, env, timeoutMs });

/**
 * `n` processes that keep one core each busy until `stop()` (or, should this process die without
 * stopping them, until they notice their parent is gone, or `maxMs` has passed: bounded either way).
 * @param {number} n
 * @param {number} maxMs
 */
export function startLoad(n, maxMs) {
  const code = `const end = Date.now() + ${maxMs}; const parent = process.ppid;
while (Date.now() < end) {
  for (let i = 0; i < 2e7; i++);
  try { process.kill(parent, 0); } catch { process.exit(0); }
}`;
  const children = Array.from({ length: n }, () => spawn(process.execPath, ["-e", code], { stdio: "ignore" }));
  const stop = () => {
    for (const child of children) child.kill("SIGKILL");
  };
  process.once("exit", stop);
  return {
    stop() {
      stop();
      process.off("exit", stop);
    },
  };
}

/**
 * The command that replays one failure: the same seed, one kata, the test by name.
 * @param {Failure} failure
 * @param {number} seed
 */
export function replayCommand(failure, seed) {
  const name = failure.test.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, "'\\''");
  return `FC_SEED=${seed} npx vitest run --project solution ${failure.file} -t '${name}'`;
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const { flags, numbers, positionals } = parseScriptArgs(argv, {
    script: "tools/soak/soak.mjs",
    flags: ["bail"],
    numbers: ["runs", "seed", "timeout", "load"],
  });
  const options = {
    runs: numbers["runs"] ?? 50,
    ...(numbers["seed"] === undefined ? {} : { seed: numbers["seed"] }),
    katas: positionals,
    bail: flags["bail"] === true,
    timeoutMs: (numbers["timeout"] ?? 300) * 1000,
    load: numbers["load"] ?? 0,
  };
  if (options.runs < 1) throw new KataError("--runs must be at least 1");
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const all = listKatas(ROOT);
  const katas = options.katas.length === 0 ? all : options.katas.map((k) => resolveKata(k, all));
  const files = options.katas.length === 0 ? [] : katas.map((k) => `katas/${k.slug}/`);
  const load = options.load > 0 ? startLoad(options.load, options.runs * options.timeoutMs) : undefined;
  try {
    return await soak(options, katas, files, load ? ` beside ${options.load} busy process${options.load === 1 ? "" : "es"}` : "");
  } finally {
    load?.stop();
  }
}

/**
 * @param {ReturnType<typeof parseArgs>} options
 * @param {import("../core/katas.mjs").Kata[]} katas
 * @param {string[]} files
 * @param {string} beside
 */
async function soak(options, katas, files, beside) {
  console.log(`soak: ${options.runs} runs of ${options.katas.length === 0 ? "every kata's spec" : katas.map((k) => k.slug).join(", ")} against the solutions, a fresh FC_SEED each${beside}`);

  /** @type {RunResult[]} */
  const results = [];
  let streak = 0;
  let best = 0;
  for (let run = 1; run <= options.runs; run++) {
    const seed = options.seed === undefined ? randomInt(0, 2 ** 31 - 1) : (options.seed + run - 1) % 2 ** 31;
    const result = await soakRun({ run, seed, files, timeoutMs: options.timeoutMs });
    results.push(result);
    const ok = result.failures.length === 0 && !result.crash;
    streak = ok ? streak + 1 : 0;
    best = Math.max(best, streak);
    const verdict = ok ? `${result.passed} passed` : result.crash ? "CRASHED" : `${result.failures.length} FAILED, ${result.passed} passed`;
    console.log(`run ${String(run).padStart(String(options.runs).length)}/${options.runs}  FC_SEED=${String(seed).padEnd(10)}  ${verdict}  (${result.seconds} s)`);
    if (result.crash) console.log(indent(result.crash));
    for (const f of result.failures) {
      console.log(`  ✗ ${f.file} > ${f.test}\n${indent(f.message, 6)}\n      replay: ${replayCommand(f, seed)}`);
    }
    if (!ok && options.bail) break;
  }

  const failed = results.filter((r) => r.failures.length > 0 || r.crash);
  /** @type {Map<string, number[]>} */
  const byTest = new Map();
  for (const r of failed) {
    for (const f of r.failures) {
      const key = `${f.file} > ${f.test}`;
      byTest.set(key, [...(byTest.get(key) ?? []), r.seed]);
    }
  }
  const seconds = results.map((r) => r.seconds).sort((a, b) => a - b);
  console.log("");
  console.log(`soak: ${results.length} runs, ${results.length - failed.length} green, ${failed.length} with failures; longest green streak ${best}; median run ${seconds[Math.floor(seconds.length / 2)]} s`);
  for (const [test, seeds] of byTest) console.log(`  ✗ ${test}: failed ${seeds.length}× (FC_SEED ${seeds.join(", ")})`);
  for (const r of failed.filter((x) => x.crash)) console.log(`  ✗ run ${r.run} crashed (FC_SEED ${r.seed})`);
  // The closing line, in the plain form CI tools read.
  console.log(`soak: ${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 ? 0 : 1;
}

/** @param {string} text */
function indent(text, n = 4) {
  return text
    .split("\n")
    .map((l) => " ".repeat(n) + l)
    .join("\n");
}

runScript(import.meta.url, "soak", main);
