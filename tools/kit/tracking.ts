/**
 * What the leak guard (leaks.ts) and the watchdog's clues need to know about the learner's code:
 * every worker thread it started (and whether one spins), and every timer, each with where it was
 * started. Installed once per test thread.
 */
import moduleApi from "node:module";
import timersApi from "node:timers";
import workerThreads from "node:worker_threads";

export type TrackedWorkers = Map<workerThreads.Worker, string>;
export type TrackedTimer = { timer: NodeJS.Timeout; kind: "setTimeout" | "setInterval"; ms: number; stack: Error };

/** The file each tracked worker runs, as a learner knows it ("count.worker.ts"). */
const entries = new WeakMap<workerThreads.Worker, string>();

function entryName(file: unknown, options: unknown): string {
  const named = (options as { name?: unknown } | undefined)?.name;
  if (typeof named === "string" && named !== "") return named;
  if ((options as { eval?: unknown } | undefined)?.eval) return "an inline worker";
  const text = file instanceof URL ? file.pathname : typeof file === "string" ? file : "";
  const base = text.split(/[\\/]/).pop() ?? "";
  // createTsWorker runs a bundle named after its entry: sum.worker-f64cab7c09aa.mjs is sum.worker.ts.
  return base.replace(/^(.+)-[0-9a-f]{8,}\.mjs$/, "$1.ts");
}

/** Event-loop use of each live worker at the last look, to tell one that spins from one that waits. */
const samples = new WeakMap<workerThreads.Worker, { at: number; elu: ReturnType<workerThreads.Worker["performance"]["eventLoopUtilization"]> }>();

/**
 * A worker thread the spec's code started that has kept its thread busy, without a break, for at
 * least `forMs`: "count.worker.ts (started at katas/07-threads/threads.ts:55)", or undefined. Called
 * from the heartbeat (setup.ts): the watchdog then names the right cause of a run that waits.
 */
export function busyWorker(forMs = 1000): string | undefined {
  const now = Date.now();
  let found: string | undefined;
  for (const [worker, where] of trackWorkers()) {
    let elu;
    try {
      elu = worker.performance.eventLoopUtilization();
    } catch {
      continue; // not started yet, or gone
    }
    const last = samples.get(worker);
    if (!last) {
      samples.set(worker, { at: now, elu });
      continue;
    }
    const window = now - last.at;
    if (window < forMs) continue;
    const busy = worker.performance.eventLoopUtilization(elu, last.elu).utilization >= 0.98;
    samples.set(worker, { at: now, elu });
    if (busy && !found) found = `${entries.get(worker) || "a worker thread"}${where ? ` (started at ${where})` : ""}`;
  }
  return found;
}

/**
 * Replaces node:worker_threads' Worker (for every importer, through syncBuiltinESMExports) by a
 * subclass that records each worker until it exits, with where it was started. Once per thread: the
 * setup file runs again for every spec file, the registry stays.
 */
export function trackWorkers(): TrackedWorkers {
  const KEY = Symbol.for("pattern-katas.trackedWorkers");
  const store = globalThis as { [KEY]?: TrackedWorkers };
  const existing = store[KEY];
  if (existing) return existing;
  const live: TrackedWorkers = new Map();
  store[KEY] = live;
  const Original = workerThreads.Worker;
  const origins = new WeakMap<workerThreads.Worker, string>();
  class Worker extends Original {
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      entries.set(this, entryName(args[0], args[1]));
      const where = origin(new Error().stack ?? "");
      origins.set(this, where);
      live.set(this, where);
      this.once("exit", () => {
        live.delete(this);
        origins.delete(this);
      });
    }
    // An unref'd worker does not keep the process alive (like an unref'd timer): not a leak. esbuild's
    // buildSync, for one, runs its service in an unref'd worker thread that lives as long as the
    // thread that started it, and must never be terminated.
    override unref(): void {
      live.delete(this);
      super.unref();
    }
    override ref(): void {
      if (origins.has(this)) live.set(this, origins.get(this) ?? "");
      super.ref();
    }
  }
  (workerThreads as { Worker: typeof Original }).Worker = Worker;
  moduleApi.syncBuiltinESMExports();
  return live;
}

/**
 * Wraps setTimeout and setInterval, on globalThis and in node:timers, to record every timer started
 * from here on (vitest's fake timers, while installed, replace the global ones and are not recorded).
 * Once per thread, like trackWorkers.
 */
export function trackTimers(): Set<TrackedTimer> {
  const KEY = Symbol.for("pattern-katas.trackedTimers");
  const store = globalThis as { [KEY]?: Set<TrackedTimer> };
  const existing = store[KEY];
  if (existing) return existing;
  const live = new Set<TrackedTimer>();
  store[KEY] = live;
  const wrap = <F extends typeof setTimeout | typeof setInterval>(real: F, kind: TrackedTimer["kind"]): F => {
    const wrapped = function (this: unknown, ...args: Parameters<F>) {
      const timer = (real as (...a: unknown[]) => NodeJS.Timeout).apply(this, args);
      // A Timeout object in Node; anything else (a test environment's own timers) is not tracked.
      if (typeof timer === "object" && timer !== null && typeof timer.hasRef === "function") {
        live.add({ timer, kind, ms: Number(args[1] ?? 0) || 0, stack: new Error() });
      }
      return timer;
    };
    Object.defineProperty(wrapped, "name", { value: real.name });
    // setTimeout[util.promisify.custom] and friends stay reachable.
    for (const key of Reflect.ownKeys(real)) {
      if (key !== "length" && key !== "name" && key !== "prototype") {
        Object.defineProperty(wrapped, key, Object.getOwnPropertyDescriptor(real, key) as PropertyDescriptor);
      }
    }
    return wrapped as unknown as F;
  };
  const timersModule = timersApi as { setTimeout: typeof setTimeout; setInterval: typeof setInterval };
  if (globalThis.setTimeout === timersModule.setTimeout) {
    timersModule.setTimeout = globalThis.setTimeout = wrap(globalThis.setTimeout, "setTimeout");
    timersModule.setInterval = globalThis.setInterval = wrap(globalThis.setInterval, "setInterval");
  } else {
    globalThis.setTimeout = wrap(globalThis.setTimeout, "setTimeout");
    globalThis.setInterval = wrap(globalThis.setInterval, "setInterval");
    timersModule.setTimeout = wrap(timersModule.setTimeout, "setTimeout");
    timersModule.setInterval = wrap(timersModule.setInterval, "setInterval");
  }
  moduleApi.syncBuiltinESMExports();
  return live;
}

/** The first stack frame in a kata or a solution: where the learner's code started the worker. */
export function origin(stack: string): string {
  for (const line of stack.split("\n").slice(1)) {
    const match = /((?:katas|solutions)\/[^/\s]+\/[^\s:()]+):(\d+)/.exec(line);
    if (match) return `${match[1]}:${match[2]}`;
  }
  return "";
}
