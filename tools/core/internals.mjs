// @ts-check
/**
 * Every private field of vitest and Node that the tooling touches, behind one function each, in this
 * one module. Each is read off a version (vitest 4.1, Node 20-26) and may change in the next one;
 * test/internals.test.ts is their contract: it fails, naming the function, the day one of them no
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
 * Drops the rerun vitest's watch mode has queued for the files that just changed (its watcher's
 * `changedTests`), for a caller that starts the runs itself.
 * @param {{ watcher: object }} vitest
 */
export function dropQueuedRerun(vitest) {
  /** @type {{ changedTests?: Set<string> }} */ (vitest.watcher).changedTests?.clear();
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
