// @ts-check
/**
 * vitest's "threads" pool, made quick to rerun on save: one spare worker thread is kept booted, so a
 * run never waits for a thread to start; and, in the guided mode, the thread a run used is kept
 * for the next run instead of being thrown away ("keep"). A kept thread has its JIT warm and the
 * libraries every spec loads (vitest's runtime, fast-check) already imported, which is most of what
 * a rerun costs in a fresh thread. What the learner's code leaves behind is not kept: vitest
 * re-evaluates every module of the workbook for each spec file (`isolate`, set by the engine), the
 * files changed on disk are fetched anew (engine.mjs), the kit's setup takes the learner's globals
 * off, and the leak guard stops whatever a test left running. A thread that hung is terminated,
 * never kept; `retire()` ends the kept ones when a run must start from scratch.
 */
import { Worker } from "node:worker_threads";
import { LIMITS, THREAD_IDLE } from "../core/config.mjs";
import { detachPoolWorkerThread, poolWorkerThread, setPoolWorkerThread, workerRequestType, workerResponse } from "../core/internals.mjs";

/** @typedef {{ thread: Worker, drop: () => void }} KeptThread */

/**
 * The threads the pool holds outside of vitest's own bookkeeping: one spare per worker kind, the kept
 * ones (idle, waiting for the next run), the running ones, and how many spec files each has run.
 * @param {{ spare: boolean, keep: boolean }} options
 */
function threadStore({ spare, keep }) {
  /** @type {Map<string, Worker>} */
  const spares = new Map();
  /** @type {Map<string, KeptThread[]>} */
  const kept = new Map();
  /** @type {WeakMap<Worker, number>} */
  const uses = new WeakMap();
  /** Threads that run a file now: what `terminateRunning()` stops. @type {Set<Worker>} */
  const running = new Set();
  const store = {
    spare,
    keep,
    closed: false,
    running,
    uses,
    /** @param {string} key */
    takeSpare(key) {
      const booted = spares.get(key);
      spares.delete(key);
      return booted;
    },
    /** @param {string} key @param {() => Worker} spawn */
    bootSpare(key, spawn) {
      if (!spare || store.closed || spares.has(key)) return;
      const booted = spawn();
      booted.unref();
      spares.set(key, booted);
    },
    /** An idle kept thread of this kind, if one is alive. @param {string} key */
    takeKept(key) {
      const entry = kept.get(key)?.shift();
      entry?.thread.off("exit", entry.drop);
      return entry?.thread;
    },
    /** @param {string} key @param {Worker} thread */
    park(key, thread) {
      // A kept thread that dies while idle (the learner's leftover code crashing it) is dropped.
      /** @type {KeptThread} */
      const entry = { thread, drop: () => kept.set(key, (kept.get(key) ?? []).filter((e) => e !== entry)) };
      kept.set(key, [...(kept.get(key) ?? []), entry]);
      thread.postMessage(THREAD_IDLE);
      thread.unref();
      thread.once("exit", entry.drop);
    },
    /** Whether this thread may serve another run: alive, not worn out, the pool open. @param {Worker | undefined} thread */
    keepable(thread) {
      return keep && !store.closed && thread !== undefined && thread.threadId !== -1 && (uses.get(thread) ?? 0) < LIMITS.keptThreadRuns;
    },
    takeAllKept() {
      const all = [...kept.values()].flat().map((e) => e.thread);
      kept.clear();
      return all;
    },
    takeSpares() {
      const all = [...spares.values()];
      spares.clear();
      return all;
    },
    get keptCount() {
      return [...kept.values()].reduce((n, list) => n + list.length, 0);
    },
  };
  return store;
}

/**
 * vitest's ThreadsPoolWorker, starting in a kept or spare thread when there is one, and keeping its
 * thread at the end of a run when it may. A kept thread's vitest worker is already started and stays
 * so: the "start" and "stop" of the next runs are answered here, as the worker would answer them.
 * @param {typeof import("vitest/node").ThreadsPoolWorker} ThreadsPoolWorker
 * @param {ReturnType<typeof threadStore>} store
 */
function warmWorkerClass(ThreadsPoolWorker, store) {
  /** @param {any} w */
  const keyOf = (w) => JSON.stringify([w.entrypoint, w.execArgv, w.env]);
  /** @param {any} w */
  const spawn = (w) => new Worker(w.entrypoint, { env: w.env, execArgv: w.execArgv, stdout: true, stderr: true });

  return class WarmThreadsWorker extends ThreadsPoolWorker {
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
        const reuse = store.keep ? store.takeKept(key) : undefined;
        this.resumed = reuse !== undefined;
        const thread = reuse ?? store.takeSpare(key);
        if (thread) setPoolWorkerThread(this, thread);
      }
      await super.start();
      const thread = poolWorkerThread(this);
      if (thread) {
        thread.ref();
        store.running.add(thread);
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
      if (type === "stop" && store.keepable(poolWorkerThread(this))) {
        this.parking = true;
        return this.reply(workerResponse("stopped"));
      }
      super.send(message);
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
        store.running.delete(thread);
        store.uses.set(thread, (store.uses.get(thread) ?? 0) + 1);
      }
      const key = keyOf(this);
      store.bootSpare(key, () => spawn(this));
      if (!(this.parking && thread && thread.threadId !== -1 && !store.closed)) return super.stop();
      // What ThreadsPoolWorker#stop() does, except ending the thread, which is kept.
      for (const [event, cb] of this.listeners) thread.off(event, cb);
      this.listeners = [];
      detachPoolWorkerThread(this);
      store.park(key, thread);
    }
  };
}

/**
 * A vitest pool of worker threads with a spare thread booted ahead of time, and with `keep`, threads
 * reused from run to run.
 * @param {{ spare?: boolean, keep?: boolean }} [options]
 */
export async function warmThreadsPool({ spare = true, keep = false } = {}) {
  const { ThreadsPoolWorker } = await import("vitest/node");
  const store = threadStore({ spare, keep });
  const WarmThreadsWorker = warmWorkerClass(ThreadsPoolWorker, store);
  /** @param {Iterable<Worker>} threads */
  const terminate = (threads) => Promise.all([...threads].map((w) => w.terminate()));
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
      const all = [...store.running];
      store.running.clear();
      await terminate(all);
    },
    /** Ends the kept threads: the next run starts in fresh ones. */
    async retire() {
      await terminate(store.takeAllKept());
    },
    /** How many threads are kept, idle, for the next run. */
    get keptCount() {
      return store.keptCount;
    },
    async close() {
      store.closed = true;
      await terminate([...store.takeSpares(), ...store.takeAllKept()]);
    },
  };
}
