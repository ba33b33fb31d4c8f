// @ts-check
/**
 * vitest's "threads" pool, made quick to rerun on save: one spare worker thread is kept booted, so a
 * run never waits for a thread to start; and, in the guided mode, the thread a run used is kept
 * for the next run instead of being thrown away ("keep"). A kept thread has its JIT warm and the
 * libraries every spec loads (vitest's runtime, fast-check) already imported, which is most of what
 * a rerun costs in a fresh thread. What the learner's code leaves behind is not kept: vitest
 * re-evaluates every module of the workbook for each spec file (`isolate`, set by the engine), and
 * the leak guard stops whatever a test left running. A thread that hung is terminated, never kept;
 * `retire()` ends the kept ones when a run must start from scratch.
 */
import { Worker } from "node:worker_threads";
import { LIMITS, THREAD_IDLE } from "../core/config.mjs";
import { detachPoolWorkerThread, poolWorkerThread, setPoolWorkerThread, workerRequestType, workerResponse } from "../core/internals.mjs";

/**
 * A vitest pool of worker threads with a spare thread booted ahead of time, and with `keep`, threads
 * reused from run to run.
 * @param {{ spare?: boolean, keep?: boolean }} [options]
 */
export async function warmThreadsPool({ spare = true, keep = false } = {}) {
  const { ThreadsPoolWorker } = await import("vitest/node");
  /** @type {Map<string, Worker>} */
  const spares = new Map();
  /** Kept threads, idle, by worker kind. @type {Map<string, { thread: Worker, drop: () => void }[]>} */
  const kept = new Map();
  /** How many spec files each thread in use has run (kept ones included). @type {WeakMap<Worker, number>} */
  const uses = new WeakMap();
  let closed = false;
  /** @param {any} w */
  const keyOf = (w) => JSON.stringify([w.entrypoint, w.execArgv, w.env]);
  /** @param {any} w */
  const spawn = (w) => new Worker(w.entrypoint, { env: w.env, execArgv: w.execArgv, stdout: true, stderr: true });
  /** Threads that run a file now: what `terminateRunning()` stops. @type {Set<Worker>} */
  const running = new Set();

  /** An idle kept thread of this kind, if one is alive. @param {string} key */
  function takeKept(key) {
    const entry = kept.get(key)?.shift();
    entry?.thread.off("exit", entry.drop);
    return entry?.thread;
  }

  /** @param {string} key @param {Worker} thread */
  function park(key, thread) {
    // A kept thread that dies while idle (the learner's leftover code crashing it) is dropped.
    const entry = { thread, drop: () => kept.set(key, (kept.get(key) ?? []).filter((e) => e !== entry)) };
    kept.set(key, [...(kept.get(key) ?? []), entry]);
    thread.postMessage(THREAD_IDLE);
    thread.unref();
    thread.once("exit", entry.drop);
  }

  class WarmThreadsWorker extends ThreadsPoolWorker {
    /** vitest's worker in this thread is already started: its "start" is answered here. */
    resumed = false;
    /** The run's "stop" was answered here: stop() keeps the thread instead of ending it. */
    parking = false;
    /** The listeners vitest put on the thread, taken off again when the thread is kept. @type {[string, (...args: any[]) => void][]} */
    listeners = [];

    /** @override */
    async start() {
      if (!poolWorkerThread(this)) {
        const key = keyOf(this);
        const reuse = keep ? takeKept(key) : undefined;
        if (reuse) {
          this.resumed = true;
          setPoolWorkerThread(this, reuse);
        } else {
          const booted = spares.get(key);
          spares.delete(key);
          if (booted) setPoolWorkerThread(this, booted);
        }
      }
      await super.start();
      const thread = poolWorkerThread(this);
      if (thread) {
        thread.ref();
        running.add(thread);
      }
    }

    /** @override @param {string} event @param {(...args: any[]) => void} callback */
    on(event, callback) {
      this.listeners.push([event, callback]);
      super.on(event, callback);
    }

    /** @override @param {string} event @param {(...args: any[]) => void} callback */
    off(event, callback) {
      this.listeners = this.listeners.filter(([e, cb]) => !(e === event && cb === callback));
      super.off(event, callback);
    }

    /** @override @param {any} message */
    send(message) {
      const type = workerRequestType(message);
      if (type === "start" && this.resumed) return this.reply(workerResponse("started"));
      if (type === "stop" && this.keepable()) {
        this.parking = true;
        return this.reply(workerResponse("stopped"));
      }
      super.send(message);
    }

    /** Whether the thread may serve another run: alive, not worn out, the pool open. */
    keepable() {
      const thread = poolWorkerThread(this);
      return keep && !closed && thread !== undefined && thread.threadId !== -1 && (uses.get(thread) ?? 0) < LIMITS.keptThreadRuns;
    }

    /** Answers vitest as its worker would have, on a later turn. @param {object} message */
    reply(message) {
      const listeners = this.listeners.filter(([e]) => e === "message").map(([, cb]) => cb);
      setImmediate(() => {
        for (const cb of listeners) cb(message);
      });
    }

    /** @override */
    async stop() {
      const thread = poolWorkerThread(this);
      if (thread) {
        running.delete(thread);
        uses.set(thread, (uses.get(thread) ?? 0) + 1);
      }
      const key = keyOf(this);
      if (spare && !closed && !spares.has(key)) {
        const booted = spawn(this);
        booted.unref();
        spares.set(key, booted);
      }
      if (this.parking && thread && thread.threadId !== -1 && !closed) return this.detach(key, thread);
      await super.stop();
    }

    /** What stop() undoes, except ending the thread, which is kept. @param {string} key @param {Worker} thread */
    detach(key, thread) {
      for (const [event, cb] of this.listeners) thread.off(event, cb);
      this.listeners = [];
      detachPoolWorkerThread(this);
      park(key, thread);
    }
  }

  /** @param {Iterable<Worker>} threads */
  const terminate = (threads) => Promise.all([...threads].map((w) => w.terminate()));
  const takeAllKept = () => {
    const all = [...kept.values()].flat().map((e) => e.thread);
    kept.clear();
    return all;
  };

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
      await terminate(all);
    },
    /** Ends the kept threads: the next run starts in fresh ones. */
    async retire() {
      await terminate(takeAllKept());
    },
    /** How many threads are kept, idle, for the next run. */
    get keptCount() {
      return [...kept.values()].reduce((n, list) => n + list.length, 0);
    },
    async close() {
      closed = true;
      const all = [...spares.values(), ...takeAllKept()];
      spares.clear();
      await terminate(all);
    },
  };
}
