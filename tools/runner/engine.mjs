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
import { readFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { Worker } from "node:worker_threads";
import { poolWorkerThread, setPoolWorkerThread } from "../core/internals.mjs";
import { kataProjectConfig, ROOT, SPEC_GLOB, SPEED_OPTIONS } from "./projects.mjs";
import { createWatchdog } from "./watchdog.mjs";
import { checkFolders } from "./types.mjs";


/**
 * @typedef {object} Failure
 * @property {string} name        the test's full name, "describe > test"
 * @property {string} message     the error's message (for a property: counterexample, seed, replay)
 * @property {string} [errorName] "AssertionError", "NotImplementedError", ...
 * @property {string} [diff]      expected/received, as vitest prints it
 * @property {string} [cause]     the error underneath (for a property: the assertion that failed)
 * @property {{ file: string, line: number, column: number }} [location]  root-relative
 * @property {"test" | "types"} [kind]  "types": a type error found by tsc, not a failing test
 */

/**
 * @typedef {object} KataResult
 * @property {string} slug
 * @property {number} number
 * @property {string} title
 * @property {"green" | "red" | "todo" | "broken" | "hung" | "empty"} status
 *   green: every test passes; todo: nothing passes yet and the failures are the stub's
 *   not-implemented errors; red: some tests fail; broken: the spec could not even load (a syntax
 *   error in the learner's file, say); hung: the run was stopped by the watchdog (an infinite loop, a
 *   promise that never settles), `error` says why; empty: no tests found
 * @property {number} passed
 * @property {number} failed
 * @property {number} skipped
 * @property {number} total
 * @property {Failure} [firstFailure]  the first failing test, in the order of the spec
 * @property {string} [error]          why the spec could not load (status "broken")
 * @property {string[]} [logs]         what the tests and the learner's code printed (console.log ...)
 * @property {import("./types.mjs").TypeDiagnostic[]} [typeErrors]  tsc's errors in the kata's files:
 *   any of them makes the kata red
 * @property {boolean} [typesPending]  the type check of this run has not reported yet
 */

/**
 * A vitest pool of worker threads with one spare worker kept booted. Same workers as vitest's
 * "threads" pool (a fresh one per run), only started ahead of time.
 */
export async function warmThreadsPool({ spare = true } = {}) {
  const { ThreadsPoolWorker } = await import("vitest/node");
  /** @type {Map<string, Worker>} */
  const spares = new Map();
  let closed = false;
  /** @param {any} w */
  const keyOf = (w) => JSON.stringify([w.entrypoint, w.execArgv, w.env]);
  /** @param {any} w */
  const spawn = (w) => new Worker(w.entrypoint, { env: w.env, execArgv: w.execArgv, stdout: true, stderr: true });
  /** Threads that run a file now: what `terminateRunning()` stops. @type {Set<Worker>} */
  const running = new Set();

  class WarmThreadsWorker extends ThreadsPoolWorker {
    /** @override */
    async start() {
      if (!poolWorkerThread(this)) {
        const key = keyOf(this);
        const spare = spares.get(key);
        spares.delete(key);
        if (spare) setPoolWorkerThread(this, spare);
      }
      await super.start();
      const thread = poolWorkerThread(this);
      if (thread) running.add(thread);
    }
    /** @override */
    async stop() {
      const thread = poolWorkerThread(this);
      if (thread) running.delete(thread);
      const key = keyOf(this);
      if (spare && !closed && !spares.has(key)) {
        const spare = spawn(this);
        spare.unref();
        spares.set(key, spare);
      }
      await super.stop();
    }
  }

  return {
    /** @type {import("vitest/node").PoolRunnerInitializer} */
    initializer: {
      name: "warm-threads",
      createPoolWorker: (options) => new WarmThreadsWorker(options),
    },
    /**
     * Stops every thread running a file now, a thread stuck in a busy loop included (Worker#terminate
     * interrupts running JavaScript): vitest sees the worker exit, fails the run's file, and the
     * next run starts in a fresh worker.
     */
    async terminateRunning() {
      const all = [...running];
      running.clear();
      await Promise.all(all.map((w) => w.terminate()));
    },
    async close() {
      closed = true;
      const all = [...spares.values()];
      spares.clear();
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

/**
 * @typedef {object} Engine
 * @property {import("vitest/node").Vitest} vitest
 * @property {(katas: import("../core/katas.mjs").Kata[], options?: RunOptions) => Promise<Map<string, KataResult>>} run
 * @property {() => Promise<void>} close
 * @property {(listener: ((moduleId: string) => void) | undefined) => void} onModuleEnd  called as each spec file finishes
 */

/**
 * @typedef {object} RunOptions
 * @property {boolean} [types]  type-check the katas' files beside the run (default: on)
 * @property {(results: Map<string, KataResult>) => void} [onTypes]  given: `run` resolves as soon as
 *   the tests are done, with `typesPending` set, and this is called with the results once tsc has
 *   reported; not given: `run` waits for both
 */

/**
 * A vitest instance over the learner's katas, silent (results come back as values).
 * @param {{ root?: string, watch?: boolean, warm?: boolean, fastStacks?: boolean, output?: NodeJS.WritableStream, extra?: import("vitest/node").InlineConfig, onHang?: (event: import("./watchdog.mjs").WatchdogEvent) => void }} [options]
 *   warm: keep a spare worker booted (default: in watch mode); fastStacks: fast-stacks.mjs
 *   (default: on); output: where vitest's own logging and the tests' console output go (default: nowhere);
 *   onHang: told when learner code hangs a run (watchdog.mjs). The engine stops the stuck worker
 *   thread itself (a busy loop included), the run resolves with that kata "hung", and the engine
 *   goes on: nothing exits on the learner's bug
 * @returns {Promise<Engine>}
 */
export async function createEngine({ root = ROOT, watch = false, warm = watch, fastStacks = true, output, extra = {}, onHang } = {}) {
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
  const pool = await warmThreadsPool({ spare: warm });
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
      // A run of several katas goes through one worker, file after file, instead of a fresh worker
      // per file (measured: `npm run list` over the eight stubs 4.7 s -> 2.4 s). Runs stay apart: a
      // worker is handed on only to the next file of the same run, so every run, every rerun on
      // save included, starts in a fresh worker. Each kata's modules are its own, and the leak guard
      // sees that every test cleans up after itself.
      isolate: false,
      reporters: [reporter, watchdog.reporter],
      pool: pool.initializer,
      ...SPEED_OPTIONS,
      ...extra,
    },
    { plugins: config.plugins ?? [] },
    { stdout: /** @type {any} */ (sink), stderr: /** @type {any} */ (sink) },
  );

  watchdog.start();

  /** @param {import("../core/katas.mjs").Kata[]} katas @param {RunOptions} [options] */
  async function run(katas, { types = true, onTypes } = {}) {
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

/**
 * Adds tsc's errors to the results of their katas: a kata with a type error is red, its first type
 * error the first failure when no test fails.
 * @param {Map<string, KataResult>} results
 * @param {import("../core/katas.mjs").Kata[]} katas
 * @param {import("./types.mjs").TypeDiagnostic[]} found
 * @param {string} root
 */
export function applyTypes(results, katas, found, root) {
  for (const kata of katas) {
    const result = results.get(kata.slug);
    if (!result) continue;
    const prefix = `${path.relative(root, kata.dir).split(path.sep).join("/")}/`;
    const mine = found.filter((d) => d.file.startsWith(prefix));
    delete result.typesPending;
    if (mine.length === 0) {
      delete result.typeErrors;
      continue;
    }
    result.typeErrors = mine;
    if (result.status !== "broken" && result.status !== "empty") result.status = "red";
    if (!result.firstFailure) {
      const first = /** @type {import("./types.mjs").TypeDiagnostic} */ (mine[0]);
      result.firstFailure = {
        kind: "types",
        name: `Type error${mine.length === 1 ? "" : `s (${mine.length})`} in this kata's files (tsc)`,
        message: `${first.code}: ${first.message}`,
        location: { file: first.file, line: first.line, column: first.column },
      };
    }
  }
}

/** @param {import("../core/katas.mjs").Kata} kata @returns {KataResult} */
export function emptyResult(kata) {
  return { slug: kata.slug, number: kata.number, title: kata.meta.title, status: "empty", passed: 0, failed: 0, skipped: 0, total: 0 };
}

/**
 * Adds a spec file's results to its kata's. Returns whether every failure was a stub's
 * not-implemented error.
 * @param {KataResult} result
 * @param {import("vitest/node").TestModule} module
 * @param {string} root
 */
function addModule(result, module, root) {
  let notImplementedOnly = true;
  for (const test of module.children.allTests()) {
    const r = test.result();
    result.total++;
    if (r.state === "passed") result.passed++;
    else if (r.state === "failed") {
      result.failed++;
      const error = r.errors[0];
      if (!(test.meta().notImplemented?.length) && error?.name !== "NotImplementedError") notImplementedOnly = false;
      if (!result.firstFailure && error) result.firstFailure = toFailure(test.fullName, error, root);
    } else result.skipped++;
  }
  const moduleErrors = module.errors();
  if (moduleErrors.length > 0) {
    const error = /** @type {import("vitest").TestError} */ (moduleErrors[0]);
    result.error = [error.name && !error.message.startsWith(error.name) ? `${error.name}: ${error.message}` : error.message, locationText(error, root)]
      .filter(Boolean)
      .join("\n");
    result.firstFailure ??= toFailure(path.relative(root, module.moduleId), error, root);
  }
  return notImplementedOnly;
}

/** @param {KataResult} result @param {boolean} notImplementedOnly @returns {KataResult["status"]} */
function statusOf(result, notImplementedOnly) {
  if (result.error) return "broken";
  if (result.total === 0) return "empty";
  if (result.failed === 0) return result.passed > 0 ? "green" : "empty";
  if (result.passed === 0 && notImplementedOnly) return "todo";
  return "red";
}

/**
 * @param {string} name
 * @param {import("vitest").TestError} error
 * @param {string} root
 * @returns {Failure}
 */
function toFailure(name, error, root) {
  /** @type {Failure} */
  const failure = { name, message: String(error.message ?? error) };
  if (error.name) failure.errorName = error.name;
  if (typeof error.diff === "string" && error.diff.trim() !== "") failure.diff = error.diff;
  const cause = error.cause;
  if (cause && typeof cause === "object" && typeof cause.message === "string" && cause.message !== "") {
    failure.cause = cause.name && cause.name !== "Error" && cause.name !== "AssertionError" ? `${cause.name}: ${cause.message}` : cause.message;
  }
  const frame = pickFrame(error, root);
  if (frame) failure.location = frame;
  return failure;
}

/**
 * The first stack frame inside the workbook's katas (the learner's file or the spec), root-relative.
 * @param {import("vitest").TestError} error
 * @param {string} root
 */
function pickFrame(error, root) {
  for (const frame of error.stacks ?? []) {
    const file = path.relative(root, frame.file);
    if (!file.startsWith("..") && !path.isAbsolute(file) && /^(katas|solutions)[\\/]/.test(file)) {
      return { file: file.split(path.sep).join("/"), line: frame.line, column: frame.column };
    }
  }
  return undefined;
}

/** @param {import("vitest").TestError} error @param {string} root */
function locationText(error, root) {
  const frame = pickFrame(error, root);
  return frame ? `at ${frame.file}:${frame.line}:${frame.column}` : "";
}

/**
 * A few lines of source around `line` (1-based), numbered, the line itself marked.
 * @param {string} root
 * @param {{ file: string, line: number, column: number }} location
 * @param {number} [around]
 */
export function codeFrame(root, location, around = 2) {
  let lines;
  try {
    lines = readFileSync(path.join(root, location.file), "utf8").split("\n");
  } catch {
    return "";
  }
  const from = Math.max(1, location.line - around);
  const to = Math.min(lines.length, location.line + around);
  const width = String(to).length;
  /** @type {string[]} */
  const out = [];
  for (let n = from; n <= to; n++) {
    const mark = n === location.line ? ">" : " ";
    out.push(`${mark} ${String(n).padStart(width)} | ${lines[n - 1] ?? ""}`);
    if (n === location.line && location.column > 0) out.push(`  ${" ".repeat(width)} | ${" ".repeat(location.column - 1)}^`);
  }
  return out.join("\n");
}
