import type { TransferListItem, Worker } from "node:worker_threads";
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

/** What `run()` takes besides the input (piscina's `run(task, { signal, transferList })` is the model). */
export interface RunOptions {
  /** Cancels the task: a queued task is dropped, a running one's worker is terminated and replaced. */
  readonly signal?: AbortSignal;
  /** Objects moved to the worker instead of copied (`postMessage`'s transfer list): an `ArrayBuffer` is then empty here. */
  readonly transferList?: readonly TransferListItem[];
}

/** What `close()` takes. */
export interface CloseOptions {
  /**
   * How long close() waits for the running tasks, in milliseconds (default 30 000; `Infinity` waits
   * for ever, `0` not at all). Tasks still running then are rejected and their workers terminated.
   */
  readonly timeout?: number;
}

/** How long close() waits for running tasks unless told otherwise: piscina's default too. */
const CLOSE_TIMEOUT_MS = 30_000;

interface Job<Input, Output> {
  readonly input: Input;
  readonly transferList: readonly TransferListItem[] | undefined;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (output: Output) => void;
  readonly reject: (error: unknown) => void;
  /** Settled already (by its worker, by its signal, or by close()): nothing may settle it again. */
  done: boolean;
  /** The worker running it, while it runs. */
  worker: Worker | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * A first-in first-out queue in O(1) per operation at any depth. `Array.prototype.shift()` moves
 * every element left by one, so a burst of n queued tasks costs O(n^2) in all; a head index that
 * moves right costs O(1), and the array is compacted (one copy of at most half of it) once the
 * dead half at its front is large.
 */
class Fifo<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  peek(): T | undefined {
    return this.#items[this.#head];
  }

  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined; // let the task be collected
    if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Empties the queue and returns what was in it. */
  drain(): T[] {
    const rest = this.#items.slice(this.#head) as T[];
    this.#items = [];
    this.#head = 0;
    return rest;
  }
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
  readonly #queue = new Fifo<Job<Input, Output>>();
  /** Workers waiting for a task. */
  readonly #idle: Worker[] = [];
  /** Every worker until its "exit", and the job it runs (undefined while it has none). */
  readonly #workers = new Map<Worker, Job<Input, Output> | undefined>();
  /** Workers the pool stopped using (they broke the protocol, or their task was cancelled). */
  readonly #retired = new Set<Worker>();
  #closing: Promise<void> | undefined;
  /** While close() waits: called once no task is running any more. */
  #drained: (() => void) | undefined;

  /** Step 5. A pool for the worker module `file`; `size` must be a positive integer (the workbook's contract). */
  constructor(file: string | URL, size: number) {
    checkCount(size, "size");
    this.size = size;
    this.#file = file;
  }

  /**
   * Step 5. Queues `input` for the next free worker; resolves with its reply, rejects with its error.
   * Step 6: an input that cannot be sent (a function in it) rejects this task only. Step 7: `signal`
   * cancels the task; `transferList` moves buffers instead of copying them.
   */
  run(input: Input, options: RunOptions = {}): Promise<Output> {
    if (this.#closing) return Promise.reject(new Error("WorkerPool is closed: run() after close() is refused"));
    const { signal, transferList } = options;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      return Promise.reject(new TypeError(`signal must be an AbortSignal, got ${describe(signal)}`));
    }
    if (transferList !== undefined && !Array.isArray(transferList)) {
      return Promise.reject(new TypeError(`transferList must be an array, got ${describe(transferList)}`));
    }
    // Cancelled before it was even queued: the reason, as it is, like every cancellation below.
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Output>((resolve, reject) => {
      const job: Job<Input, Output> = { input, transferList, signal, resolve, reject, done: false, worker: undefined, onAbort: undefined };
      if (signal) {
        job.onAbort = () => this.#cancel(job);
        signal.addEventListener("abort", job.onAbort, { once: true });
      }
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  /**
   * Step 5. Refuses new tasks, rejects the queued ones, lets the running ones finish, then terminates
   * every worker. Calling it again is harmless (it returns the same promise). Step 6: it waits at most
   * `timeout` ms (default 30 000), then rejects the tasks still running and terminates their workers.
   */
  close(options: CloseOptions = {}): Promise<void> {
    const { timeout = CLOSE_TIMEOUT_MS } = options;
    if (typeof timeout !== "number") return Promise.reject(new TypeError(`timeout must be a number of milliseconds, got ${describe(timeout)}`));
    if (Number.isNaN(timeout) || timeout < 0) return Promise.reject(new RangeError(`timeout must be >= 0 ms, got ${timeout}`));
    this.#closing ??= this.#close(timeout);
    return this.#closing;
  }

  async #close(timeout: number): Promise<void> {
    for (const job of this.#queue.drain()) this.#settle(job, () => job.reject(new Error("WorkerPool closed before this task started")));
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => {
          this.#drained = resolve;
          this.#checkDrained();
        }),
        // The global setTimeout, so that a test's fake timers can move it. Infinity waits for ever.
        ...(timeout === Infinity ? [] : [new Promise<void>((resolve) => (timer = setTimeout(resolve, timeout)))]),
      ]);
    } finally {
      clearTimeout(timer);
      this.#drained = undefined;
    }
    // Still running after the bound: reject those tasks; terminate() below stops their workers.
    for (const [worker, job] of this.#workers) {
      if (!job) continue;
      this.#workers.set(worker, undefined);
      this.#settle(job, () => job.reject(new Error(`WorkerPool closed: the task was still running after ${timeout} ms`)));
    }
    await Promise.all([...this.#workers.keys()].map((worker) => worker.terminate()));
  }

  /** Hands queued jobs to idle workers, starting new ones while there are fewer than `size`. */
  #dispatch(): void {
    while (!this.#closing && this.#queue.length > 0) {
      if (this.#queue.peek()?.done) {
        this.#queue.shift(); // cancelled while it waited
        continue;
      }
      const worker = this.#idle.pop() ?? (this.#workers.size < this.size ? this.#spawn() : undefined);
      if (!worker) return; // all `size` workers are busy: the job waits its turn
      const job = this.#queue.shift() as Job<Input, Output>;
      this.#workers.set(worker, job);
      job.worker = worker;
      try {
        worker.postMessage(job.input, job.transferList);
      } catch (error) {
        // A DataCloneError (a function in the input, a bad transfer list): nothing was sent, so the
        // worker is as idle as before. Reject this task only, and go on with the next.
        this.#workers.set(worker, undefined);
        job.worker = undefined;
        this.#idle.push(worker);
        this.#settle(job, () => job.reject(error));
      }
    }
  }

  #spawn(): Worker {
    const worker = createTsWorker(this.#file);
    this.#workers.set(worker, undefined);
    worker.on("message", (output: Output) => this.#onReply(worker, output));
    // An uncaught error kills the worker: reject its task only; "exit" follows and replaces it.
    worker.on("error", (error) => {
      this.#retire(worker);
      this.#finish(worker, (job) => job.reject(error));
    });
    worker.on("exit", (code) => {
      this.#finish(worker, (job) => job.reject(new Error(`worker exited with code ${code} before replying`)));
      this.#workers.delete(worker);
      this.#retired.delete(worker);
      this.#dropIdle(worker);
      this.#dispatch();
    });
    return worker;
  }

  #onReply(worker: Worker, output: Output): void {
    if (this.#retired.has(worker)) return;
    if (!this.#workers.get(worker)) {
      // A message while it has no task: the worker broke "one message in, one message out". Ignore
      // the message, and stop using a worker whose next message could not be trusted either.
      this.#retire(worker);
      return;
    }
    this.#finish(worker, (job) => job.resolve(output));
    // Hand it its next task on a later turn of the event loop, once every message it sent with
    // this reply has arrived: a second reply then shows up here as a stray, never as the answer
    // to the next task. (setImmediate, not a timer: nothing for fake timers to hold back.)
    setImmediate(() => {
      if (this.#closing || this.#retired.has(worker) || !this.#workers.has(worker) || this.#workers.get(worker)) return;
      this.#idle.push(worker);
      this.#dispatch();
    });
  }

  /** Cancels `job` (its signal fired): dropped from the queue, or its worker terminated and replaced. */
  #cancel(job: Job<Input, Output>): void {
    const { worker, signal } = job;
    if (job.done) return;
    this.#settle(job, () => job.reject(signal?.reason));
    if (worker && this.#workers.get(worker) === job) {
      this.#workers.set(worker, undefined);
      this.#retire(worker);
    }
    // A queued job stays in the queue, marked done: #dispatch skips it (removing it from the middle
    // would cost O(n)).
  }

  /** Stops using `worker`: it gets no more tasks and is terminated; its "exit" makes room for a new one. */
  #retire(worker: Worker): void {
    if (this.#retired.has(worker)) return;
    this.#retired.add(worker);
    this.#dropIdle(worker);
    void worker.terminate();
  }

  #dropIdle(worker: Worker): void {
    const idle = this.#idle.indexOf(worker);
    if (idle >= 0) this.#idle.splice(idle, 1);
  }

  /** Settles the job `worker` is running, if any, exactly once. */
  #finish(worker: Worker, settle: (job: Job<Input, Output>) => void): void {
    const job = this.#workers.get(worker);
    if (!job) return;
    this.#workers.set(worker, undefined);
    job.worker = undefined;
    this.#settle(job, () => settle(job));
  }

  #settle(job: Job<Input, Output>, settle: () => void): void {
    if (job.done) return;
    job.done = true;
    if (job.onAbort) job.signal?.removeEventListener("abort", job.onAbort);
    settle();
    this.#checkDrained();
  }

  #checkDrained(): void {
    if (!this.#drained) return;
    for (const job of this.#workers.values()) if (job) return;
    this.#drained();
  }
}

/** A refused value as the workbook's contract shows it: primitives as JavaScript writes them. */
function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return String(value);
  return typeof value === "function" ? "a function" : "an object";
}

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
