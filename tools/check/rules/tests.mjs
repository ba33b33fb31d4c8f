// @ts-check
/**
 * Rules 1 and 2 of the self-check, and the tooling's own tests: one vitest run over every spec
 * against the solutions (every test passes) and against the stubs (every test fails, because not
 * implemented), and over test/. The verdicts are pure functions of vitest's results.
 */
import os from "node:os";
import path from "node:path";
import { env as settings } from "../../core/config.mjs";
import { listKatas } from "../../core/katas.mjs";
import { SPEED_OPTIONS, projects } from "../../runner/projects.mjs";
import { style } from "../../terminal/style.mjs";

/** @typedef {import("../section.mjs").Problem} Problem @typedef {import("../section.mjs").Section} Section */

/**
 * Workers for the self-check's one vitest run: one per core (measured on 2 cores: 2 workers beat 3
 * and 4, which only add workers to load), and at least 2, since the tooling's longest tests wait.
 */
const CHECK_WORKERS = Math.max(2, os.availableParallelism?.() ?? os.cpus().length);
const PROJECT_ORDER = ["tooling", "solution", "learner"];

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
 * @param {{ workers?: number, env?: Record<string, string>, only?: import("../../core/katas.mjs").Kata }} [options]
 *   only: that kata's spec, on both targets, and not the tooling's tests
 * @returns {Promise<Section>}
 */
export async function checkTests(root, out, { workers = settings.checkWorkers() ?? CHECK_WORKERS, env = {}, only } = {}) {
  const { BaseSequencer, createVitest } = await import("vitest/node");

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
      sequence: { sequencer: checkOrder(BaseSequencer) },
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

  const verdicts = kataVerdicts(katas, modules, out);
  const tooling = toolingVerdict(modules, root);
  problems.push(...verdicts.problems, ...tooling.problems);
  passed += verdicts.passed + tooling.passed;
  const toolingMark = tooling.problems.length === 0 ? style.green("✓") : style.red("✗");
  if (!only) out(`${toolingMark} ${"tooling".padEnd(22)} ${tooling.passed}/${tooling.total} tests pass (test/)`);
  lines.push(`${katas.length} katas`);
  return { passed, problems, lines };
}

/**
 * Which file starts first decides how long the run takes once the last one ends. Vitest would run
 * the stubs' specs first (they failed last time), then the solutions', then the tooling's tests,
 * whose longest files take seconds and spend much of them waiting (on a run that must time out, on
 * child processes). Here the longest files of the last run, one per worker, start first, whatever
 * their project, and the rest follow project by project (tooling, solutions, stubs), longest
 * first: vitest hands a worker on to the next file only when it is of the same project, and a new
 * worker costs ~0.5 s of CPU. On a first run (no durations yet): project by project, largest first.
 */
/**
 * @param {typeof import("vitest/node").BaseSequencer} BaseSequencer
 */
function checkOrder(BaseSequencer) {
  return class CheckOrder extends BaseSequencer {
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
  };
  }
/**
 * Each kata's verdict on both targets, printed one line per kata.
 * @param {import("../../core/katas.mjs").Kata[]} katas @param {import("vitest/node").TestModule[]} modules @param {(line: string) => void} out
 */
function kataVerdicts(katas, modules, out) {
  /** @type {Problem[]} */
  const problems = [];
  let passed = 0;
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

  return { passed, problems };
}

/**
 * The tooling's own tests: every one passes.
 * @param {import("vitest/node").TestModule[]} modules @param {string} root
 */
function toolingVerdict(modules, root) {
  /** @type {Problem[]} */
  const problems = [];
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
  return { passed: toolingPassed, total: toolingTotal, problems };
}

/**
 * @param {import("../../core/katas.mjs").Kata} kata
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
 * @param {import("../../core/katas.mjs").Kata} kata
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
