// @ts-check
/**
 * Every private field of vitest and Node that the tooling touches, behind one function each, in this
 * one module. Each is read off a version (vitest 4.1, Node 20-26) and may change in the next one;
 * test/core/internals.test.ts is their contract: it fails, naming the function, the day one of them no
 * longer works, instead of a hang guard or the leak guard going quietly blind. (Objects come in as
 * arguments: this module imports neither vitest nor anything of the workbook.)
 */

/**
 * The thread of one of vitest's pool workers (vitest's ThreadsPoolWorker keeps it in `_thread`), to
 * terminate a thread stuck in the learner's loop, or to hand it a thread started early.
 * @param {object} poolWorker
 * @returns {import("node:worker_threads").Worker | undefined}
 */
export function poolWorkerThread(poolWorker) {
  return /** @type {{ _thread?: import("node:worker_threads").Worker }} */ (poolWorker)._thread;
}

/**
 * Gives one of vitest's pool workers a thread to use instead of starting its own: set before vitest
 * calls its `start()`, which starts a thread only when it has none.
 * @param {object} poolWorker @param {import("node:worker_threads").Worker} thread
 */
export function setPoolWorkerThread(poolWorker, thread) {
  /** @type {{ _thread?: import("node:worker_threads").Worker }} */ (poolWorker)._thread = thread;
}

/**
 * Takes its thread back from one of vitest's pool workers without ending it: what
 * ThreadsPoolWorker#stop() does (unpipe the thread's output from vitest's streams, give back the
 * listener slots it took, forget the thread) except `terminate()`. Returns the thread.
 * @param {object} poolWorker
 * @returns {import("node:worker_threads").Worker | undefined}
 */
export function detachPoolWorkerThread(poolWorker) {
  const w = /** @type {{ _thread?: import("node:worker_threads").Worker, stdout: NodeJS.WritableStream & import("node:events").EventEmitter, stderr: NodeJS.WritableStream & import("node:events").EventEmitter }} */ (poolWorker);
  const thread = w._thread;
  if (!thread) return undefined;
  thread.stdout.unpipe(w.stdout);
  w.stdout.setMaxListeners(w.stdout.getMaxListeners() - 1);
  thread.stderr.unpipe(w.stderr);
  w.stderr.setMaxListeners(w.stderr.getMaxListeners() - 1);
  w._thread = undefined;
  return thread;
}

/**
 * Drops the rerun vitest's watch mode has queued for the files that just changed (its watcher's
 * `changedTests`), for a caller that starts the runs itself.
 * @param {{ watcher: object }} vitest
 */
export function dropQueuedRerun(vitest) {
  /** @type {{ changedTests?: Set<string> }} */ (vitest.watcher).changedTests?.clear();
}

/**
 * The type of a request of vitest's main thread to one of its pool workers ("start", "run",
 * "collect", "stop"), or undefined for any other message (the RPC's). vitest marks its requests with
 * `__vitest_worker_request__` and its workers' answers with `__vitest_worker_response__`.
 * @param {unknown} message @returns {string | undefined}
 */
export function workerRequestType(message) {
  if (typeof message !== "object" || message === null) return undefined;
  const m = /** @type {{ __vitest_worker_request__?: unknown, type?: unknown }} */ (message);
  return m.__vitest_worker_request__ === true ? String(m.type) : undefined;
}

/**
 * The answer a pool worker gives to a request of type "start" ("started") or "stop" ("stopped"),
 * for a pool that answers it without the worker (a kept thread is already started, and stays).
 * @param {"started" | "stopped"} type
 */
export function workerResponse(type) {
  return { type, __vitest_worker_response__: true };
}

/**
 * Makes the test threads fetch these files' modules anew on the next run instead of evaluating the
 * code they fetched before (vitest passes its watcher's `invalidates` to the workers with each run;
 * its own watcher fills it only for files in its module graph).
 * @param {{ watcher: object }} vitest @param {Iterable<string>} files
 */
export function invalidateInWorkers(vitest, files) {
  const set = /** @type {{ invalidates?: Set<string> }} */ (vitest.watcher).invalidates;
  if (!set) throw new Error("vitest's watcher has no `invalidates` set: runner/warm-pool.mjs cannot keep threads");
  for (const file of files) set.add(file);
}

/**
 * The handle objects behind the process's active resources (servers, sockets...), where Node still
 * offers them (`process._getActiveHandles`); the public `process.getActiveResourcesInfo()` names only
 * their types, not the address a learner needs to see.
 * @returns {object[]}
 */
export function activeHandles() {
  const get = /** @type {{ _getActiveHandles?: () => unknown[] }} */ (/** @type {unknown} */ (process))._getActiveHandles;
  if (typeof get !== "function") return [];
  try {
    return get.call(process).filter((h) => typeof h === "object" && h !== null);
  } catch {
    return [];
  }
}

/**
 * Whether a timer has fired for good (a `setTimeout` that ran) or was cleared (Node's `_destroyed`).
 * @param {NodeJS.Timeout} timer
 */
export function timerDone(timer) {
  return /** @type {{ _destroyed?: boolean }} */ (/** @type {unknown} */ (timer))._destroyed === true;
}
