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
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { isLearnerFile, isSpec, isTypeTest, KATA_DIR_PATTERN, listKatas, validateMeta } from "../core/katas.mjs";
import { env as settings, LIMITS } from "../core/config.mjs";
import { ROOT } from "../core/paths.mjs";
import { SPEED_OPTIONS, projects } from "../runner/projects.mjs";
import { lockProblems, readLock, sha256 } from "../core/stubs.mjs";
import { style } from "../terminal/style.mjs";

/**
 * Workers for the self-check's one vitest run: one per core (measured on 2 cores: 2 workers beat 3
 * and 4, which only add workers to load), and at least 2, since the tooling's longest tests wait.
 */
const CHECK_WORKERS = Math.max(2, os.availableParallelism?.() ?? os.cpus().length);
const PROJECT_ORDER = ["tooling", "solution", "learner"];

/**
 * @typedef {{ rule: string, where: string, message: string }} Problem
 * @typedef {{ passed: number, problems: Problem[], lines: string[] }} Section
 */

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
 * Every kata's play.ts, run against its solution with the runs kata.json lists ("play"): each must
 * end with exit code 0 and print what its run expects, in order; and against the untouched stub it
 * must say in one line what is not written yet. A kata without a play.ts is a broken rule.
 * @param {string} root
 * @param {import("../core/katas.mjs").Kata[]} katas
 * @returns {Promise<Section>}
 */
export async function checkPlay(root, katas) {
  const { runPlay, PLAY_FILE } = await import("../play/run.mjs");
  /** @type {Problem[]} */
  const problems = [];
  let passed = 0;
  let runs = 0;
  /** @param {import("../core/katas.mjs").Kata} kata */
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

/** @param {string} root @returns {Section} */
export function checkStructure(root) {
  /** @type {Problem[]} */
  const problems = [];
  let passed = 0;
  /** @param {string} where @param {string} message */
  const fail = (where, message) => problems.push({ rule: "structure", where, message });

  const katasDir = path.join(root, "katas");
  const solutionsDir = path.join(root, "solutions");
  const entries = existsSync(katasDir) ? readdirSync(katasDir) : [];
  for (const entry of entries) {
    if (!statSync(path.join(katasDir, entry)).isDirectory()) continue;
    if (!KATA_DIR_PATTERN.test(entry)) fail(`katas/${entry}`, "is not named NN-slug (two digits, a dash, lowercase words joined by dashes), so no command can find it");
  }
  const katas = listKatas(root);
  if (katas.length === 0) fail("katas/", "holds no kata");

  /** @type {Map<number, string>} */
  const numbers = new Map();
  for (const kata of katas) {
    const where = kata.slug;
    const before = problems.length;
    const other = numbers.get(kata.number);
    if (other) fail(where, `has the same number as ${other}: renumber one of them`);
    numbers.set(kata.number, kata.slug);

    if (!existsSync(path.join(kata.dir, "README.md"))) fail(where, `katas/${kata.slug}/README.md (the lesson) is missing`);
    for (const problem of validateMeta(kata)) fail(where, problem);
    if (kata.specs.length === 0) fail(where, `katas/${kata.slug} has no *.spec.ts`);
    if (kata.files.length === 0) fail(where, `katas/${kata.slug} has no stub (a .ts file that is not a spec)`);
    if (!existsSync(kata.solutionDir)) {
      fail(where, `solutions/${kata.slug}/ is missing: every kata has a mirrored solution folder`);
    } else {
      const solutionFiles = readdirSync(kata.solutionDir).filter(isLearnerFile);
      for (const file of kata.files) {
        if (!solutionFiles.includes(file)) fail(where, `solutions/${kata.slug}/${file} is missing: the solution of katas/${kata.slug}/${file}`);
      }
      for (const file of solutionFiles) {
        if (!kata.files.includes(file)) fail(where, `solutions/${kata.slug}/${file} has no stub in katas/${kata.slug}/: a learner could not write it`);
      }
      for (const file of readdirSync(kata.solutionDir)) {
        if (isSpec(file) || isTypeTest(file)) fail(where, `solutions/${kata.slug}/${file}: specs live in katas/ only (the solution project runs them from there)`);
      }
    }
    if (problems.length === before) passed++;
  }
  if (existsSync(solutionsDir)) {
    for (const entry of readdirSync(solutionsDir)) {
      if (statSync(path.join(solutionsDir, entry)).isDirectory() && !katas.some((k) => k.slug === entry)) {
        fail(`solutions/${entry}`, `has no kata folder katas/${entry}`);
      }
    }
  }

  const focused = findFocusedTests(root);
  for (const hit of focused) fail(hit.file, `line ${hit.line}: \`${hit.text}\` — remove it: a focused or skipped test hides the rest from the self-check`);
  if (focused.length === 0) passed++;

  let lock = [];
  try {
    lock = lockProblems(root);
  } catch (error) {
    lock = [/** @type {Error} */ (error).message];
  }
  for (const problem of lock) fail("tools/stubs.lock.json", problem);
  if (lock.length === 0) passed++;

  const lines = [`${katas.length} katas, ${passed} structural checks passed`];
  return { passed, problems, lines };
}

const FOCUS = /\b(?:(?:describe|it|test|suite|bench)(?:\.\w+)*\.(?:only|skip|todo)|(?:fit|xit|fdescribe|xdescribe|xtest))\s*\(/;

/** @param {string} root */
function findFocusedTests(root) {
  /** @type {{ file: string, line: number, text: string }[]} */
  const hits = [];
  for (const top of ["katas", "solutions", "proofs", "test"]) {
    for (const file of walk(path.join(root, top))) {
      if (!/\.(ts|mts|js|mjs)$/.test(file)) continue;
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((text, i) => {
        if (FOCUS.test(text) && !/^\s*(\/\/|\*)/.test(text)) hits.push({ file: path.relative(root, file), line: i + 1, text: text.trim() });
      });
    }
  }
  return hits;
}

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : walk(full);
    return [full];
  });
}

// ---------------------------------------------------------------------------------------------
// Rules 1 and 2 (and the tooling's own tests): one vitest run over the projects.

/** @returns {import("vitest/node").Reporter} */
function timeline() {
  const t0 = performance.now();
  /** @param {string} what @param {import("vitest/node").TestModule} m */
  const log = (what, m) => void process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(2).padStart(6)} ${what} ${m.project.name} ${m.moduleId.split("/").slice(-2).join("/")}\n`);
  return { onTestModuleStart: (m) => void log("start", m), onTestModuleEnd: (m) => void log("end  ", m) };
}

/**
 * @param {string} root
 * @param {(line: string) => void} out
 * @param {{ workers?: number, env?: Record<string, string>, only?: import("../core/katas.mjs").Kata }} [options]
 *   only: that kata's spec, on both targets, and not the tooling's tests
 * @returns {Promise<Section>}
 */
export async function checkTests(root, out, { workers = settings.checkWorkers() ?? CHECK_WORKERS, env = {}, only } = {}) {
  const { BaseSequencer, createVitest } = await import("vitest/node");

  /**
   * Which file starts first decides how long the run takes once the last one ends. Vitest would run
   * the stubs' specs first (they failed last time), then the solutions', then the tooling's tests,
   * whose longest files take seconds and spend much of them waiting (on a run that must time out, on
   * child processes). Here the longest files of the last run, one per worker, start first, whatever
   * their project, and the rest follow project by project (tooling, solutions, stubs), longest
   * first: vitest hands a worker on to the next file only when it is of the same project, and a new
   * worker costs ~0.5 s of CPU. On a first run (no durations yet): project by project, largest first.
   */
  class CheckOrder extends BaseSequencer {
    /**
     * @override
     * @param {import("vitest/node").TestSpecification[]} files
     */
    async sort(files) {
      const { cache, config } = this.ctx;
      const known = files.map((spec) => {
        const key = `${spec.project.name}:${path.relative(config.root, spec.moduleId)}`;
        return {
          spec,
          group: PROJECT_ORDER.indexOf(spec.project.name),
          last: cache.getFileTestResults(key)?.duration,
          size: cache.getFileStats(key)?.size ?? 0,
        };
      });
      const grouped = [...known].sort((a, b) => a.group - b.group || (b.last ?? b.size / 1000) - (a.last ?? a.size / 1000));
      const heads = known
        .filter((k) => k.last !== undefined)
        .sort((a, b) => (b.last ?? 0) - (a.last ?? 0))
        .slice(0, config.maxWorkers);
      return [...heads, ...grouped.filter((k) => !heads.includes(k))].map((k) => k.spec);
    }
  }

  const katas = only ? [only] : listKatas(root);
  /** @type {Problem[]} */
  const problems = [];
  let passed = 0;
  /** @type {string[]} */
  const lines = [];
  const include = only ? { include: [`katas/${only.slug}/*.spec.ts`] } : {};
  const chosen = projects({ root, env, ...include }).filter((p) => !only || p.test?.name !== "tooling");

  const vitest = await createVitest(
    "test",
    {
      config: false,
      root,
      watch: false,
      reporters: [settings.checkTimeline() ? timeline() : {}],
      // Test files share one module graph per worker here (each kata's files are its own, every spec
      // cleans up after its tests, the tooling's tests work in temporary copies): ~25% less work than
      // loading vitest, fast-check and the kit again for every file. A learner's run is isolated.
      projects: chosen.map((p) => ({ ...p, test: { ...p.test, isolate: false } })),
      // vitest's default on 2 cores is 1 worker in run mode: every file would wait for the one before.
      maxWorkers: workers,
      sequence: { sequencer: CheckOrder },
      ...SPEED_OPTIONS,
    },
    {},
  );
  /** @type {import("vitest/node").TestModule[]} */
  let modules = [];
  /** @type {ReadonlyArray<unknown>} */
  let unhandled = [];
  const exitCodeBefore = process.exitCode;
  try {
    const result = await vitest.start();
    modules = [...result.testModules];
    unhandled = result.unhandledErrors;
  } finally {
    await vitest.close();
  }
  process.exitCode = exitCodeBefore; // the verdict is ours, not vitest's (the stubs are meant to fail)

  for (const error of unhandled) {
    problems.push({ rule: "tests", where: "vitest", message: `an error escaped every test: ${errorText(error)}` });
  }

  for (const kata of katas) {
    const specIds = new Set(kata.specs.map((s) => path.join(kata.dir, s)));
    const of = (/** @type {string} */ project) => modules.filter((m) => m.project.name === project && specIds.has(m.moduleId));
    const solution = verdictSolution(kata, of("solution"));
    const stub = verdictStub(kata, of("learner"));
    problems.push(...solution.problems, ...stub.problems);
    passed += solution.passed + stub.passed;
    const ok = solution.problems.length === 0 && stub.problems.length === 0;
    const mark = ok ? style.green("✓") : style.red("✗");
    const allowed = kata.meta.passOnStub.length > 0 ? style.dim(` (allowed to pass on the stub: ${kata.meta.passOnStub.length})`) : "";
    out(`${mark} ${kata.slug.padEnd(22)} solution ${solution.passed}/${solution.total} pass · stub ${stub.passed}/${stub.total} ${kata.meta.fixTheBug ? "fail (buggy stub)" : "not implemented"}${allowed}`);
    for (const name of kata.meta.passOnStub) out(style.dim(`    allowed to pass on the stub: ${name}`));
  }

  const tooling = modules.filter((m) => m.project.name === "tooling");
  let toolingTotal = 0;
  let toolingPassed = 0;
  for (const module of tooling) {
    const rel = path.relative(root, module.moduleId);
    for (const error of module.errors()) {
      problems.push({ rule: "tooling", where: rel, message: `the test file failed to run: ${errorText(error)}` });
    }
    for (const test of module.children.allTests()) {
      toolingTotal++;
      const result = test.result();
      if (result.state === "passed") toolingPassed++;
      else problems.push({ rule: "tooling", where: `${rel} > ${test.fullName}`, message: `${result.state}: ${errorsText(result.errors)}` });
    }
  }
  passed += toolingPassed;
  const toolingMark = toolingPassed === toolingTotal ? style.green("✓") : style.red("✗");
  if (!only) out(`${toolingMark} ${"tooling".padEnd(22)} ${toolingPassed}/${toolingTotal} tests pass (test/)`);
  lines.push(`${katas.length} katas`);
  return { passed, problems, lines };
}

/**
 * @param {import("../core/katas.mjs").Kata} kata
 * @param {import("vitest/node").TestModule[]} modules
 */
function verdictSolution(kata, modules) {
  /** @type {Problem[]} */
  const problems = [];
  let passed = 0;
  let total = 0;
  if (modules.length === 0 && kata.specs.length > 0) {
    problems.push({ rule: "solution passes", where: kata.slug, message: "the spec did not run against the solution" });
  }
  for (const module of modules) {
    for (const error of module.errors()) {
      problems.push({ rule: "solution passes", where: kata.slug, message: `the spec could not run against solutions/${kata.slug}: ${errorText(error)}` });
    }
    const tests = [...module.children.allTests()];
    if (tests.length === 0 && module.errors().length === 0) {
      problems.push({ rule: "solution passes", where: kata.slug, message: `${path.basename(module.moduleId)} holds no test` });
    }
    for (const test of tests) {
      total++;
      const result = test.result();
      if (result.state === "passed") passed++;
      else {
        problems.push({
          rule: "solution passes",
          where: `${kata.slug} > ${test.fullName}`,
          message: `fails against solutions/${kata.slug}: the spec or the solution is wrong.\n${errorsText(result.errors)}`,
        });
      }
    }
  }
  return { problems, passed, total };
}

/**
 * @param {import("../core/katas.mjs").Kata} kata
 * @param {import("vitest/node").TestModule[]} modules
 */
function verdictStub(kata, modules) {
  /** @type {Problem[]} */
  const problems = [];
  let passed = 0;
  let total = 0;
  const allowed = new Set(kata.meta.passOnStub);
  /** @type {Set<string>} */
  const seen = new Set();
  const rule = "stub fails";
  for (const module of modules) {
    for (const error of module.errors()) {
      problems.push({ rule, where: kata.slug, message: `the spec could not run against the stub katas/${kata.slug}: ${errorText(error)}\nA spec must load against the untouched stub and fail test by test.` });
    }
    for (const test of module.children.allTests()) {
      total++;
      seen.add(test.fullName);
      const result = test.result();
      const where = `${kata.slug} > ${test.fullName}`;
      if (allowed.has(test.fullName)) {
        passed++;
        continue;
      }
      if (result.state === "passed") {
        problems.push({
          rule,
          where,
          message:
            "passes on the untouched stub, so it asserts nothing the learner has to write. Make it call into the kata's API " +
            `(and fail on todo()), or, if passing on the stub is intended, list its full name in katas/${kata.slug}/kata.json "passOnStub".`,
        });
      } else if (result.state === "skipped" || result.state === "pending") {
        problems.push({ rule, where, message: "is skipped on the stub: every test must run" });
      } else if (!kata.meta.fixTheBug && !(test.meta().notImplemented?.length)) {
        problems.push({
          rule,
          where,
          message:
            "fails on the stub without reaching its todo(): it fails for another reason than \"not implemented yet\", which would " +
            `mislead a learner.\n${errorsText(result.errors)}`,
        });
      } else {
        passed++;
      }
    }
  }
  for (const name of allowed) {
    if (!seen.has(name)) {
      problems.push({ rule, where: kata.slug, message: `kata.json "passOnStub" names "${name}", which is not a test of the spec (full names read "describe > test")` });
    }
  }
  return { problems, passed, total };
}

/** @param {ReadonlyArray<unknown> | undefined} errors */
function errorsText(errors) {
  return (errors ?? []).map(errorText).join("\n") || "(no error recorded)";
}

/** @param {unknown} error */
function errorText(error) {
  if (typeof error !== "object" || error === null) return String(error);
  const e = /** @type {{ name?: string, message?: string, diff?: string, stack?: string }} */ (error);
  const head = `${e.name ?? "Error"}: ${e.message ?? ""}`.trim();
  const diff = e.diff ? `\n${e.diff}` : "";
  const frame = (e.stack ?? "").split("\n").find((l) => /^\s*at /.test(l) && !l.includes("node_modules") && !l.includes("node:"));
  return `${head}${diff}${frame ? `\n${frame.trim()}` : ""}`;
}

// ---------------------------------------------------------------------------------------------
// Rules 3 and 5: tsc over the whole tree, with declarations emitted so stub and solution compare.

/** @param {string} root @returns {Promise<Section>} */
export async function checkTypes(root) {
  const outDir = mkdtempSync(path.join(tmpdir(), "pattern-katas-dts-"));
  /** @type {Problem[]} */
  const problems = [];
  let passed = 0;
  try {
    const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
    // Single-threaded: tsc runs beside vitest, which keeps the cores busy anyway (~20% less CPU).
    const args = [tsc, "-p", path.join(root, "tsconfig.json"), "--noEmit", "false", "--declaration", "--emitDeclarationOnly", "--outDir", outDir, "--pretty", "false", "--singleThreaded"];
    const { code, output } = await run(process.execPath, args, root);
    const errors = output.split("\n").filter((l) => /error TS\d+/.test(l));
    for (const line of errors) {
      const file = line.replace(/\(\d+,\d+\).*$/, "");
      const slug = /^(?:katas|solutions)\/(\d{2}-[^/]+)\//.exec(file)?.[1];
      problems.push({ rule: "types", where: slug ?? file, message: line.trim() });
    }
    if (code !== 0 && errors.length === 0) problems.push({ rule: "types", where: "tsc", message: `tsc exited with ${code}:\n${output.trim()}` });
    if (code === 0) passed++;

    for (const kata of listKatas(root)) {
      let same = true;
      for (const file of kata.files) {
        const dts = file.replace(/\.m?ts$/, (ext) => (ext === ".mts" ? ".d.mts" : ".d.ts"));
        const stub = path.join(outDir, "katas", kata.slug, dts);
        const solution = path.join(outDir, "solutions", kata.slug, dts);
        if (!existsSync(stub) || !existsSync(solution)) continue; // reported by tsc or by the structure check
        const diff = compareDeclarations(readFileSync(stub, "utf8"), readFileSync(solution, "utf8"));
        if (diff) {
          same = false;
          problems.push({
            rule: "same exports",
            where: `${kata.slug}/${file}`,
            message: `the stub and the solution do not export the same declarations (- stub, + solution):\n${diff}`,
          });
        }
      }
      if (same) passed++;
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const lines = [problems.length === 0 ? "tsc clean (type-level tests included); stub and solution declarations match" : "tsc or the declaration comparison found problems"];
  return { passed, problems, lines };
}

/**
 * The public surface of a .d.ts: comments, import lines and private members dropped, whitespace
 * folded. Returns a short -/+ diff when the two differ, "" when they match.
 * @param {string} stub
 * @param {string} solution
 */
export function compareDeclarations(stub, solution) {
  const a = publicSurface(stub);
  const b = publicSurface(solution);
  if (a.join("\n") === b.join("\n")) return "";
  const onlyA = a.filter((l) => !b.includes(l)).map((l) => `- ${l}`);
  const onlyB = b.filter((l) => !a.includes(l)).map((l) => `+ ${l}`);
  const changes = [...onlyA, ...onlyB];
  return (changes.length > 0 ? changes : ["(the same declarations in another order)"]).join("\n");
}

/** @param {string} dts */
function publicSurface(dts) {
  return dts
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .split("\n")
    .map((l) => l.trim().replace(/\s+/g, " "))
    .filter((l) => l !== "" && !/^import\b/.test(l) && !/^export \{\};?$/.test(l))
    .filter((l) => !/^(?:private|#private)\b/.test(l) || /^private constructor\b/.test(l) || /^private (?:static )?(?:readonly )?constructor\b/.test(l));
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 * @returns {Promise<{ code: number, output: string }>}
 */
function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}
