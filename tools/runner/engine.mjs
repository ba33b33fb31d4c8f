// @ts-check
/**
 * The learner's katas under vitest's Node API, for the commands that read results rather than print
 * vitest's own report: `npm start` (one long-lived instance in watch mode), `list`/`progress` and
 * `compare` (one run). Results are what the tests say, summed up per kata.
 *
 * Two measured speed-ups for the save -> screen loop (see tools/guide/guided.mjs):
 *  - a pool of worker threads that keeps one spare worker booted, so a rerun does not wait ~200 ms
 *    for a fresh worker (vitest starts a new worker per run: isolation stays as it is);
 *  - the setup file every kata run has (tools/runner/fast-stacks.mjs), which drops node_modules/node:
 *    frames from failure stacks before vitest reads their files looking for source maps.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { kataProjectConfig, ROOT, SPEC_GLOB, SPEED_OPTIONS } from "./projects.mjs";
import { createWatchdog } from "./watchdog.mjs";
import { checkFolders } from "./types.mjs";
import { warmThreadsPool } from "./warm-pool.mjs";
import { addModule, applyTypes, emptyResult, statusOf } from "./results.mjs";
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
 * The files under katas/ and tools/ that a test thread may have loaded as modules, each with its
 * modification time and size.
 * @param {string} root @returns {Map<string, string>}
 */
function sourceStamps(root) {
  /** @type {Map<string, string>} */
  const found = new Map();
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(?:[mc]?ts|[mc]?js|json)$/.test(entry.name)) {
        try {
          const st = statSync(full);
          found.set(full, `${st.mtimeMs}:${st.size}`);
        } catch {
          // gone between the listing and now: the next look sees it gone
        }
      }
    }
  };
  for (const top of ["katas", "tools"]) {
    if (existsSync(path.join(root, top))) walk(path.join(root, top));
  }
  return found;
}

/**
 * What changed between two looks: files added, removed, or written since.
 * @param {Map<string, string>} before @param {Map<string, string>} now
 */
function changedFiles(before, now) {
  const changed = [...now].filter(([file, stamp]) => before.get(file) !== stamp).map(([file]) => file);
  return [...changed, ...[...before.keys()].filter((file) => !now.has(file))];
}

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
  const { createVitest } = await import("vitest/node");
  const sink = output ?? new Writable({ write: (_chunk, _enc, done) => done() });
  /** Hangs of the run under way, by spec file (the watchdog names it; "" when it could not). */
  /** @type {Map<string, import("./watchdog.mjs").WatchdogEvent>} */
  let hangs = new Map();
  const watchdog = createWatchdog({
    onTrip(event) {
      hangs.set(event.file, event);
      void pool.terminateRunning();
      onHang?.(event);
    },
  });
  const config = kataProjectConfig("learner", [SPEC_GLOB], root, watchdog.env, { fastStacks });
  const pool = await warmThreadsPool({ spare: warm, keep });
  /** @type {import("vitest").UserConsoleLog[]} */
  let logs = [];
  /** @type {((moduleId: string) => void) | undefined} */
  let moduleEnd;
  /** The modules of the run under way that have ended, as they end (see runGuarded). */
  /** @type {Map<string, import("vitest/node").TestModule> | undefined} */
  let ended;
  /** @type {import("vitest/node").Reporter} */
  const reporter = {
    onUserConsoleLog(log) {
      if (logs.length < 500) logs.push(log);
    },
    onTestModuleEnd(module) {
      if (module.state() !== "skipped") ended?.set(module.moduleId, module);
      moduleEnd?.(module.moduleId);
    },
  };
  const vitest = await createVitest(
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

  watchdog.start();
  /** The workbook's source files as they were when the last run started (kept threads). */
  let stamps = keep ? sourceStamps(root) : new Map();

  /** @param {import("../core/katas.mjs").Kata[]} katas @param {RunOptions} [options] */
  async function run(katas, { types = true, fresh = false, onTypes } = {}) {
    if (fresh) await pool.retire();
    const check = () =>
      checkFolders(
        root,
        katas.map((k) => path.relative(root, k.dir)),
      ).catch(() => []);
    // Waiting for both (list, progress): tsc runs beside the tests, in its own process. Reporting
    // the tests first (the guided mode): tsc starts once they are done, so that on two cores it
    // never slows the result the learner is waiting for; its errors follow a moment later.
    let typesDone = types && !onTypes ? check() : undefined;
    const results = await runTests(katas);
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

  /** @param {import("../core/katas.mjs").Kata[]} katas */
  async function runTests(katas) {
    vitest.clearSpecificationsCache();
    const all = await vitest.globTestSpecifications();
    const dirs = new Map(katas.map((k) => [k.dir + path.sep, k]));
    const specs = all.filter((spec) => [...dirs.keys()].some((d) => spec.moduleId.startsWith(d)));
    /** @type {Map<string, KataResult>} */
    const results = new Map(katas.map((k) => [k.slug, emptyResult(k)]));
    if (specs.length === 0) return results;
    const ran = new Set(specs.map((s) => s.moduleId));
    logs = [];
    hangs = new Map();
    // A kept thread still holds the code of every module it loaded: what changed on disk since the
    // last run is fetched anew (vitest re-evaluates the rest from the code it has).
    if (keep) {
      const now = sourceStamps(root);
      invalidateInWorkers(vitest, changedFiles(stamps, now));
      stamps = now;
    }
    const testModules = await runGuarded(specs);
    for (const log of logs) {
      const file = log.taskId ? vitest.state.idMap.get(log.taskId)?.file.filepath : undefined;
      const kata = file ? [...dirs].find(([d]) => file.startsWith(d))?.[1] : katas.length === 1 ? katas[0] : undefined;
      const result = kata && results.get(kata.slug);
      if (result) (result.logs ??= []).push(...log.content.replace(/\n$/, "").split("\n"));
    }
    /** @type {Set<string>} katas with a failure that is not a stub's not-implemented error */
    const realFailures = new Set();
    for (const module of testModules) {
      if (!ran.has(module.moduleId)) continue;
      const kata = [...dirs].find(([d]) => module.moduleId.startsWith(d))?.[1];
      if (!kata) continue;
      if (!addModule(/** @type {KataResult} */ (results.get(kata.slug)), module, root)) realFailures.add(kata.slug);
    }
    for (const result of results.values()) result.status = statusOf(result, !realFailures.has(result.slug));
    for (const [file, event] of hangs) {
      const kata = [...dirs].find(([d]) => file.startsWith(d))?.[1] ?? (katas.length === 1 ? katas[0] : undefined);
      const result = kata && results.get(kata.slug);
      if (!result) continue;
      result.status = "hung";
      result.error = `Stopped: ${event.message}`;
      result.firstFailure = { name: event.test || path.relative(root, file), message: `Stopped: ${event.message}`, errorName: "Stopped" };
    }
    return results;
  }

  /**
   * Runs the specs; when the watchdog stops a stuck worker, the files that had not finished yet run
   * again in a fresh one, without the file that hung: one kata's endless loop costs the others
   * nothing but a rerun. Resolves with the modules that ran to their end.
   * @param {import("vitest/node").TestSpecification[]} specs
   */
  async function runGuarded(specs) {
    /** @type {Map<string, import("vitest/node").TestModule>} */
    const done = new Map();
    let left = specs;
    while (left.length > 0) {
      const hangsBefore = hangs.size;
      ended = done;
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
        ended = undefined;
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

  return {
    vitest,
    run,
    get keptThreads() {
      return pool.keptCount;
    },
    onModuleEnd(listener) {
      moduleEnd = listener;
    },
    async close() {
      watchdog.stop();
      // A thread stuck in the learner's endless loop never lets vitest.close() finish: stop it first.
      await pool.terminateRunning();
      await vitest.close();
      await pool.close();
    },
  };
}

