// @ts-check
/**
 * The learner's katas under vitest's Node API, for the commands that read results rather than print
 * vitest's own report: `npm start` (one long-lived instance in watch mode), `list`/`progress` and
 * `compare` (one run). Results are what the tests say, summed up per kata.
 *
 * The speed-ups of the save -> screen loop (the guided mode):
 *  - a pool of worker threads (warm-pool.mjs) with a spare thread booted ahead, and in watch mode
 *    the thread kept from run to run, its modules re-evaluated and what changed on disk fetched anew;
 *  - the setup file every kata run has (fast-stacks.mjs), which drops node_modules/node: frames
 *    from failure stacks before vitest reads their files looking for source maps.
 */
import path from "node:path";
import { Writable } from "node:stream";
import { kataProjectConfig, ROOT, SPEC_GLOB, SPEED_OPTIONS } from "./projects.mjs";
import { createWatchdog } from "./watchdog.mjs";
import { checkFolders } from "./types.mjs";
import { warmThreadsPool } from "./warm-pool.mjs";
import { applyTypes, summarize } from "./results.mjs";
import { changedFiles, sourceStamps } from "./source-stamps.mjs";
import { invalidateInWorkers } from "../core/internals.mjs";

export { applyTypes, codeFrame, emptyResult } from "./results.mjs";
export { warmThreadsPool } from "./warm-pool.mjs";
/** @typedef {import("./results.mjs").KataResult} KataResult @typedef {import("./results.mjs").Failure} Failure */

/**
 * @typedef {object} Engine
 * @property {import("vitest/node").Vitest} vitest
 * @property {(katas: import("../core/katas.mjs").Kata[], options?: RunOptions) => Promise<Map<string, KataResult>>} run
 * @property {() => Promise<void>} close
 * @property {number} keptThreads  test threads kept, idle, for the next run
 * @property {(listener: ((moduleId: string) => void) | undefined) => void} onModuleEnd  called as each spec file finishes
 */

/**
 * @typedef {object} RunOptions
 * @property {boolean} [types]  type-check the katas' files beside the run (default: on)
 * @property {boolean} [fresh]  start in fresh test threads, not in the ones kept from earlier runs
 * @property {(results: Map<string, KataResult>) => void} [onTypes]  given: `run` resolves as soon as
 *   the tests are done, with `typesPending` set, and this is called with the results once tsc has
 *   reported; not given: `run` waits for both
 */

/**
 * A vitest instance over the learner's katas, silent (results come back as values).
 * @param {{ root?: string, watch?: boolean, warm?: boolean, keep?: boolean, fastStacks?: boolean, output?: NodeJS.WritableStream, extra?: import("vitest/node").InlineConfig, onHang?: (event: import("./watchdog.mjs").WatchdogEvent) => void }} [options]
 *   warm: keep a spare worker booted (default: in watch mode); keep: reuse test threads from run
 *   to run (default: in watch mode; see warm-pool.mjs); fastStacks: fast-stacks.mjs
 *   (default: on); output: where vitest's own logging and the tests' console output go (default: nowhere);
 *   onHang: told when learner code hangs a run (watchdog.mjs). The engine stops the stuck worker
 *   thread itself (a busy loop included), the run resolves with that kata "hung", and the engine
 *   goes on: nothing exits on the learner's bug
 * @returns {Promise<Engine>}
 */
export async function createEngine({ root = ROOT, watch = false, warm = watch, keep = watch, fastStacks = true, output, extra = {}, onHang } = {}) {
  const session = newSession();
  const watchdog = createWatchdog({
    onTrip(event) {
      session.hangs.set(event.file, event);
      void pool.terminateRunning();
      onHang?.(event);
    },
  });
  const pool = await warmThreadsPool({ spare: warm, keep });
  const vitest = await startVitest({ root, watch, keep, fastStacks, output, extra, pool, watchdog, session });
  watchdog.start();
  /** The workbook's source files as they were when the last run started (kept threads). */
  let stamps = keep ? sourceStamps(root) : new Map();

  /** @param {import("../core/katas.mjs").Kata[]} katas */
  async function runTests(katas) {
    vitest.clearSpecificationsCache();
    const dirs = katas.map((k) => k.dir + path.sep);
    const specs = (await vitest.globTestSpecifications()).filter((spec) => dirs.some((d) => spec.moduleId.startsWith(d)));
    if (specs.length === 0) return summarize({ katas, modules: [], logs: [], hangs: new Map(), root, fileOf: () => undefined });
    session.logs = [];
    session.hangs = new Map();
    // A kept thread still holds the code of every module it loaded: what changed on disk since the
    // last run is transformed and fetched anew (vitest re-evaluates the rest from the code it has),
    // whether or not vitest's watcher has seen the change yet.
    if (keep) {
      const now = sourceStamps(root);
      const changed = changedFiles(stamps, now);
      for (const file of changed) vitest.invalidateFile(file);
      invalidateInWorkers(vitest, changed);
      stamps = now;
    }
    const modules = await runGuarded(vitest, specs, session);
    const ran = new Set(specs.map((s) => s.moduleId));
    return summarize({
      katas,
      modules: modules.filter((m) => ran.has(m.moduleId)),
      logs: session.logs,
      hangs: session.hangs,
      root,
      fileOf: (taskId) => vitest.state.idMap.get(taskId)?.file,
      stopped: (file) => testsOf(vitest.state.getFiles([file])[0]),
    });
  }

  return {
    vitest,
    async run(katas, { types = true, fresh = false, onTypes } = {}) {
      if (fresh) await pool.retire();
      return withTypes(root, katas, () => runTests(katas), { types, onTypes });
    },
    get keptThreads() {
      return pool.keptCount;
    },
    onModuleEnd(listener) {
      session.moduleEnd = listener;
    },
    async close() {
      // A thread stuck in the learner's endless loop never lets vitest.close() finish: stop it first.
      await pool.terminateRunning();
      await vitest.close();
      await pool.close();
      // Last: the watchdog's folder goes once no test thread can write into it any more.
      watchdog.stop();
    },
  };
}

/**
 * The tests a spec file had collected, and how many of them passed: how far a file that was stopped
 * had come. Undefined when it had collected nothing.
 * @param {import("vitest").RunnerTestFile | undefined} file
 */
function testsOf(file) {
  if (!file) return undefined;
  let total = 0;
  let passed = 0;
  /** @param {import("vitest").RunnerTask} task */
  const walk = (task) => {
    if (task.type === "test") {
      total++;
      if (task.result?.state === "pass") passed++;
    } else if ("tasks" in task) task.tasks.forEach(walk);
  };
  file.tasks.forEach(walk);
  return total === 0 ? undefined : { passed, total };
}

/**
 * What the reporters collect during one run, and what the engine's caller listens to.
 * @typedef {object} Session
 * @property {Map<string, import("./watchdog.mjs").WatchdogEvent>} hangs  hangs of the run under way,
 *   by spec file (the watchdog names it; "" when it could not)
 * @property {import("vitest").UserConsoleLog[]} logs
 * @property {Map<string, import("vitest/node").TestModule> | undefined} ended  the modules of the run
 *   under way that have ended, as they end (see runGuarded)
 * @property {((moduleId: string) => void) | undefined} moduleEnd
 */

/** @returns {Session} */
function newSession() {
  return { hangs: new Map(), logs: [], ended: undefined, moduleEnd: undefined };
}

/**
 * @param {{ root: string, watch: boolean, keep: boolean, fastStacks: boolean, output?: NodeJS.WritableStream, extra: import("vitest/node").InlineConfig, pool: Awaited<ReturnType<typeof warmThreadsPool>>, watchdog: ReturnType<typeof createWatchdog>, session: Session }} o
 */
async function startVitest({ root, watch, keep, fastStacks, output, extra, pool, watchdog, session }) {
  const { createVitest } = await import("vitest/node");
  const sink = output ?? new Writable({ write: (_chunk, _enc, done) => done() });
  const config = kataProjectConfig("learner", [SPEC_GLOB], root, watchdog.env, { fastStacks });
  /** @type {import("vitest/node").Reporter} */
  const reporter = {
    onUserConsoleLog(log) {
      if (session.logs.length < 500) session.logs.push(log);
    },
    onTestModuleEnd(module) {
      if (module.state() !== "skipped") session.ended?.set(module.moduleId, module);
      session.moduleEnd?.(module.moduleId);
    },
  };
  return createVitest(
    "test",
    {
      config: false,
      root,
      watch,
      ...config.test,
      // Booting a worker costs about as much as running a kata's spec, so files share threads:
      //  - one run (list, progress): one worker, file after file (isolate off: vitest hands the
      //    worker on to the next file of the same run); the next run starts in a fresh one;
      //  - kept threads (the guided mode): the pool reuses the thread from run to run, and isolate
      //    on makes vitest re-evaluate every module of the workbook for each spec file, so that no
      //    module state of the learner's last version survives into the next run.
      // Either way the leak guard sees that every test cleans up after itself.
      isolate: keep,
      reporters: [reporter, watchdog.reporter],
      pool: pool.initializer,
      ...SPEED_OPTIONS,
      ...extra,
    },
    { plugins: config.plugins ?? [] },
    { stdout: /** @type {any} */ (sink), stderr: /** @type {any} */ (sink) },
  );
}

/**
 * The tests' results with tsc's verdict on the katas' files. Waiting for both (list, progress): tsc
 * runs beside the tests, in its own process. Reporting the tests first (`onTypes`, the guided mode):
 * tsc starts once they are done, so that on two cores it never slows the result the learner is
 * waiting for; its errors follow a moment later.
 * @param {string} root @param {import("../core/katas.mjs").Kata[]} katas
 * @param {() => Promise<Map<string, KataResult>>} runTests
 * @param {{ types: boolean, onTypes?: (results: Map<string, KataResult>) => void }} options
 */
async function withTypes(root, katas, runTests, { types, onTypes }) {
  const check = () =>
    checkFolders(
      root,
      katas.map((k) => path.relative(root, k.dir)),
    ).catch(() => []);
  let typesDone = types && !onTypes ? check() : undefined;
  const results = await runTests();
  if (types && onTypes) typesDone = check();
  if (!typesDone) return results;
  if (!onTypes) {
    applyTypes(results, katas, await typesDone, root);
    return results;
  }
  for (const result of results.values()) result.typesPending = true;
  void typesDone.then((found) => {
    const copy = new Map([...results].map(([slug, r]) => [slug, { ...r, typesPending: false }]));
    applyTypes(copy, katas, found, root);
    // On a later turn of the event loop: the caller has had the test results first, even when
    // tsc finished before the tests did.
    setImmediate(() => onTypes(copy));
  });
  return results;
}

/**
 * Runs the specs; when the watchdog stops a stuck worker, the files that had not finished yet run
 * again in a fresh one, without the file that hung: one kata's endless loop costs the others
 * nothing but a rerun. Resolves with the modules that ran to their end.
 * @param {import("vitest/node").Vitest} vitest
 * @param {import("vitest/node").TestSpecification[]} specs
 * @param {Session} session
 */
async function runGuarded(vitest, specs, session) {
  const { hangs } = session;
  /** @type {Map<string, import("vitest/node").TestModule>} */
  const done = new Map();
  let left = specs;
  while (left.length > 0) {
    const hangsBefore = hangs.size;
    session.ended = done;
    try {
      const { testModules } = await vitest.runTestSpecifications(left);
      if (hangs.size === hangsBefore) {
        for (const m of testModules) done.set(m.moduleId, m);
        break;
      }
    } catch (error) {
      // vitest reports the stopped worker as an error of its own; the hang explains it better.
      if (hangs.size === hangsBefore) throw error;
    } finally {
      session.ended = undefined;
    }
    const stuck = new Set(hangs.keys());
    for (const id of stuck) done.delete(id);
    const next = left.filter((spec) => !done.has(spec.moduleId) && !stuck.has(spec.moduleId));
    // Nothing to tell which file hung: do not loop over the same files for ever.
    if (next.length === left.length) break;
    left = next;
  }
  return [...done.values()];
}
