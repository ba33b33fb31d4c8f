import type { Worker } from "node:worker_threads";
import { createTsWorker } from "../../tools/kit/worker";

/** Receives each line a task prints (the spec passes one that records them; `console.log` works too). */
export type Log = (line: string) => void;

/** Step 1. A promise that resolves after `ms` milliseconds: JavaScript's `time.sleep`, without blocking. */
export function sleep(ms: number): Promise<void> {
  // The global setTimeout (not node:timers/promises), so that fake timers control it in the spec.
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Step 1. Logs `singing 0`, `singing 1`, ... `rounds` times, sleeping `intervalMs` after each line. */
export async function sing(rounds: number, intervalMs: number, log: Log): Promise<void> {
  await perform("singing", rounds, intervalMs, log);
}

/** Step 1. Logs `dancing 0`, `dancing 1`, ... `rounds` times, sleeping `intervalMs` after each line. */
export async function dance(rounds: number, intervalMs: number, log: Log): Promise<void> {
  await perform("dancing", rounds, intervalMs, log);
}

/** Step 1. Sings and dances "at the same time" on one thread: done after `rounds` intervals, not twice that. */
export async function singAndDance(rounds: number, intervalMs: number, log: Log): Promise<void> {
  // Start both, then wait for both. While one task sleeps, the event loop runs the other: they take
  // turns on one thread (concurrency), they never run at the same instant (parallelism).
  // `await sing(...); await dance(...);` would be the sequential version: twice as long.
  await Promise.all([sing(rounds, intervalMs, log), dance(rounds, intervalMs, log)]);
}

async function perform(what: string, rounds: number, intervalMs: number, log: Log): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    log(`${what} ${i}`);
    await sleep(intervalMs);
  }
}

/**
 * Step 2. Runs the worker module `file` on one input: starts a worker, posts it `input`, and resolves
 * with the worker's first reply. Rejects with the worker's own error when it throws, or when it exits
 * without replying. Either way the worker has exited by the time the promise settles.
 */
export async function runInWorker<Input, Output>(file: string | URL, input: Input): Promise<Output> {
  const worker = createTsWorker(file);
  try {
    return await ask<Output>(worker, input);
  } finally {
    // A worker waiting for messages never ends by itself: terminate it, and settle only once it is gone.
    await worker.terminate();
  }
}

/** Posts `message` to `worker` and resolves with its next reply, or rejects with its error or exit. */
function ask<Output>(worker: Worker, message: unknown): Promise<Output> {
  return new Promise<Output>((resolve, reject) => {
    const onMessage = (reply: Output): void => {
      stop();
      resolve(reply);
    };
    // The worker's uncaught error, cloned across the thread boundary: same class name and message.
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    const onExit = (code: number): void => {
      stop();
      reject(new Error(`the worker exited with code ${code} before replying`));
    };
    const stop = (): void => {
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
    };
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    worker.postMessage(message);
  });
}

const SUM_WORKER = new URL("./sum.worker.ts", import.meta.url);
const COUNT_WORKER = new URL("./count.worker.ts", import.meta.url);

/**
 * Step 3. Sums `numbers` on `threads` worker threads (sum.worker.ts): one contiguous chunk each (so
 * `min(threads, numbers.length)` workers), then adds the chunk sums in order. Equals the sequential
 * sum. `threads` must be a positive integer (bad input follows the workbook's contract: a TypeError
 * for a value that is not a number, a RangeError for a number that is not allowed).
 */
export async function parallelSum(numbers: readonly number[], threads: number): Promise<number> {
  checkCount(threads, "threads");
  // One contiguous chunk per thread, the first `numbers.length % threads` chunks one longer. Plain
  // `Math.floor(length / threads)` chunks would silently drop the remainder (10 numbers, 3 threads: 9).
  const base = Math.floor(numbers.length / threads);
  const longer = numbers.length % threads;
  const chunks: number[][] = [];
  for (let i = 0, start = 0; i < threads && start < numbers.length; i++) {
    const end = start + base + (i < longer ? 1 : 0);
    chunks.push(numbers.slice(start, end));
    start = end;
  }
  const sums = await settleAll(chunks.map((chunk) => runInWorker<number[], number>(SUM_WORKER, chunk)));
  return sums.reduce((total, sum) => total + sum, 0);
}

/**
 * Step 4. `threads` workers (count.worker.ts) each add 1 to one shared counter `perThread` times;
 * resolves with the final count, which is exactly `threads * perThread`. `threads` must be a positive
 * integer, `perThread` an integer >= 0, and the total must fit in an Int32 (else a RangeError naming
 * `perThread`). Bad input follows the workbook's contract.
 */
export async function countTogether(threads: number, perThread: number): Promise<number> {
  checkCount(threads, "threads");
  checkCount(perThread, "perThread", 0);
  if (threads * perThread > 2 ** 31 - 1) {
    // Name the parameter and show its value (the workbook's contract), then say why it is refused.
    throw new RangeError(`perThread is too large: ${threads} threads * ${perThread} = ${threads * perThread} adds, above 2 ** 31 - 1 (the most an Int32 slot holds)`);
  }
  // 4 bytes that every worker sees: postMessage shares a SharedArrayBuffer instead of copying it.
  const counter = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const workers = Array.from({ length: threads }, () => createTsWorker(COUNT_WORKER));
  try {
    // Warm-up: a job of 0 adds proves that a worker has loaded. Only then start them all at once, so
    // they really count at the same time (a worker that starts while the others are still loading
    // counts alone, and hides whatever races the counting code has).
    await settleAll(workers.map((worker) => ask<number>(worker, { counter, times: 0 })));
    await settleAll(workers.map((worker) => ask<number>(worker, { counter, times: perThread })));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return Atomics.load(new Int32Array(counter), 0);
}

/** Waits for every promise, then fails with the first error: no worker is still busy when we return. */
async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

interface Job<Input, Output> {
  readonly input: Input;
  readonly resolve: (output: Output) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Step 5. A pool of at most `size` workers, all running the worker module `file`. `run(input)`
 * resolves with a worker's reply to `input`; at most `size` tasks run at once and the others wait, in
 * order. A task whose worker throws rejects alone: the dead worker is replaced and the pool goes on.
 */
export class WorkerPool<Input, Output> {
  /** How many tasks may run at once (and how many workers the pool keeps at most). */
  readonly size: number;
  readonly #file: string | URL;
  readonly #queue: Job<Input, Output>[] = [];
  readonly #idle: Worker[] = [];
  /** Every live worker, and the job it runs (undefined while idle). */
  readonly #workers = new Map<Worker, Job<Input, Output> | undefined>();
  readonly #pending = new Set<Promise<void>>();
  #closed = false;

  /** Step 5. A pool for the worker module `file`; `size` must be a positive integer (the workbook's contract). */
  constructor(file: string | URL, size: number) {
    checkCount(size, "size");
    this.size = size;
    this.#file = file;
  }

  /** Step 5. Queues `input` for the next free worker; resolves with its reply, rejects with its error. */
  run(input: Input): Promise<Output> {
    if (this.#closed) return Promise.reject(new Error("WorkerPool is closed: run() after close() is refused"));
    const output = new Promise<Output>((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
    });
    // Remember every task until it settles, so that close() can wait for the running ones.
    const settled = output.then(ignore, ignore);
    this.#pending.add(settled);
    void settled.then(() => this.#pending.delete(settled));
    this.#dispatch();
    return output;
  }

  /**
   * Step 5. Refuses new tasks, rejects the queued ones, lets the running ones finish, then terminates
   * every worker. Calling it again is harmless.
   */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new Error("WorkerPool closed before this task started"));
    await Promise.all(this.#pending);
    await Promise.all([...this.#workers.keys()].map((worker) => worker.terminate()));
  }

  /** Hands queued jobs to idle workers, starting new ones while there are fewer than `size`. */
  #dispatch(): void {
    while (!this.#closed && this.#queue.length > 0) {
      const worker = this.#idle.pop() ?? (this.#workers.size < this.size ? this.#spawn() : undefined);
      if (!worker) return; // all `size` workers are busy: the job waits its turn
      const job = this.#queue.shift() as Job<Input, Output>;
      this.#workers.set(worker, job);
      worker.postMessage(job.input);
    }
  }

  #spawn(): Worker {
    const worker = createTsWorker(this.#file);
    this.#workers.set(worker, undefined);
    worker.on("message", (output: Output) => {
      this.#finish(worker, (job) => job.resolve(output));
      this.#idle.push(worker);
      this.#dispatch();
    });
    // An uncaught error kills the worker: reject its task only; "exit" follows and replaces it.
    worker.on("error", (error) => this.#finish(worker, (job) => job.reject(error)));
    worker.on("exit", (code) => {
      this.#finish(worker, (job) => job.reject(new Error(`worker exited with code ${code} before replying`)));
      this.#workers.delete(worker);
      const idle = this.#idle.indexOf(worker);
      if (idle >= 0) this.#idle.splice(idle, 1);
      this.#dispatch();
    });
    return worker;
  }

  /** Settles the job `worker` is running, if any, exactly once. */
  #finish(worker: Worker, settle: (job: Job<Input, Output>) => void): void {
    const job = this.#workers.get(worker);
    if (!job) return;
    this.#workers.set(worker, undefined);
    settle(job);
  }
}

function ignore(): void {}

/**
 * The workbook's contract for a count: not a number at all is a TypeError; a number that is not an
 * integer >= `min` (NaN, Infinity, 1.5, 0 for a thread count) is a RangeError. Both name the
 * parameter and show the value as JavaScript writes it.
 */
function checkCount(value: unknown, what: string, min = 1): asserts value is number {
  const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
  if (typeof value !== "number") throw new TypeError(`${what} must be a number, got ${shown}`);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${what} must be an integer >= ${min}, got ${shown}`);
  }
}
