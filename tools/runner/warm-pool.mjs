// @ts-check
/**
 * vitest's "threads" pool with one spare worker thread kept booted, so that a rerun on save does not
 * wait for a fresh worker (~200 ms here). Isolation is vitest's own: a fresh worker per run.
 */
import { Worker } from "node:worker_threads";
import { poolWorkerThread, setPoolWorkerThread } from "../core/internals.mjs";

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
