// Alternative: a semaphore built from a closure guards the pool (acquire a slot, borrow a worker,
// ask it, give both back), runInWorker is the same ask() on a worker of its own, and every refusal
// is written with other words than the reference's.
import type { TransferListItem, Worker } from "node:worker_threads";
import { createTsWorker } from "../../tools/kit/worker";

export type Log = (line: string) => void;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
}

const performer =
  (word: string) =>
  async (rounds: number, intervalMs: number, log: Log): Promise<void> => {
    let i = 0;
    while (i < rounds) {
      log(`${word} ${i++}`);
      await sleep(intervalMs);
    }
  };

const singer = performer("singing");
const dancer = performer("dancing");

export async function sing(rounds: number, intervalMs: number, log: Log): Promise<void> {
  return singer(rounds, intervalMs, log);
}

export async function dance(rounds: number, intervalMs: number, log: Log): Promise<void> {
  return dancer(rounds, intervalMs, log);
}

export async function singAndDance(rounds: number, intervalMs: number, log: Log): Promise<void> {
  await Promise.all([singer, dancer].map((perform) => perform(rounds, intervalMs, log)));
}

function ask<Output>(worker: Worker, message: unknown): Promise<Output> {
  return new Promise<Output>((resolve, reject) => {
    const off = () => {
      worker.removeListener("message", ok);
      worker.removeListener("error", fail);
      worker.removeListener("exit", gone);
    };
    const ok = (value: Output) => (off(), resolve(value));
    const fail = (error: unknown) => (off(), reject(error));
    const gone = (code: number) => (off(), reject(new Error(`no reply: the worker exited with ${code}`)));
    worker.addListener("message", ok).addListener("error", fail).addListener("exit", gone);
    worker.postMessage(message);
  });
}

export async function runInWorker<Input, Output>(file: string | URL, input: Input): Promise<Output> {
  const worker = createTsWorker(file);
  const answer = ask<Output>(worker, input).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  const result = await answer;
  await worker.terminate();
  if ("error" in result) throw result.error;
  return result.value;
}

function refuse(name: string, value: unknown, wanted: string): never {
  const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
  if (typeof value !== "number") throw new TypeError(`${name}: a number was wanted, not ${shown}`);
  throw new RangeError(`${name}: ${wanted} wanted, not ${shown}`);
}

function wholeAtLeast(value: unknown, name: string, min: number): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= min) return value;
  return refuse(name, value, `a whole number from ${min} up`);
}

async function everyOrFirstFailure<T>(work: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(work);
  const failure = results.find((r) => r.status === "rejected");
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

export async function parallelSum(numbers: readonly number[], threads: number): Promise<number> {
  wholeAtLeast(threads, "threads", 1);
  const workers = Math.min(threads, numbers.length);
  const sizes = Array.from({ length: workers }, (_, i) => Math.floor(numbers.length / workers) + (i >= workers - (numbers.length % workers) ? 1 : 0));
  const chunks: number[][] = [];
  let at = 0;
  for (const size of sizes) {
    chunks.push(numbers.slice(at, at + size));
    at += size;
  }
  const file = new URL("./sum.worker.ts", import.meta.url);
  const sums = await everyOrFirstFailure(chunks.map((chunk) => runInWorker<number[], number>(file, chunk)));
  return sums.reduce((a, b) => a + b, 0);
}

export async function countTogether(threads: number, perThread: number): Promise<number> {
  wholeAtLeast(threads, "threads", 1);
  wholeAtLeast(perThread, "perThread", 0);
  if (threads * perThread > 2 ** 31 - 1) refuse("perThread", perThread, `at most ${Math.floor((2 ** 31 - 1) / threads)} on ${threads} threads`);
  const slot = new Int32Array(new SharedArrayBuffer(4));
  const file = new URL("./count.worker.ts", import.meta.url);
  const workers = Array.from({ length: threads }, () => createTsWorker(file));
  try {
    await everyOrFirstFailure(workers.map((worker) => ask(worker, { counter: slot.buffer, times: 0 })));
    await everyOrFirstFailure(workers.map((worker) => ask(worker, { counter: slot.buffer, times: perThread })));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return Atomics.load(slot, 0);
}

/** A counting semaphore: `acquire()` resolves when one of `permits` is free, in call order. */
function semaphore(permits: number) {
  const waiters: (() => void)[] = [];
  let free = permits;
  return {
    acquire(): Promise<void> {
      if (free > 0) {
        free--;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    release(): void {
      const next = waiters.shift();
      if (next) next();
      else free++;
    },
    /** Drops every waiter, calling `drop` for each instead of letting it in. */
    cancelWaiters(drop: (waiter: () => void) => void): void {
      for (const waiter of waiters.splice(0)) drop(waiter);
    },
  };
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly transferList?: readonly TransferListItem[];
}

export interface CloseOptions {
  readonly timeout?: number;
}

/** ask() for the pool: also stops at `signal`, and says whether the input was ever sent. */
function askOnce<Output>(worker: Worker, message: unknown, { signal, transferList }: RunOptions): Promise<{ value: Output } | { error: unknown; sent: boolean }> {
  return new Promise((settle) => {
    const off = () => {
      worker.removeListener("message", ok);
      worker.removeListener("error", fail);
      worker.removeListener("exit", gone);
      signal?.removeEventListener("abort", cancel);
    };
    const ok = (value: Output) => (off(), settle({ value }));
    const fail = (error: unknown) => (off(), settle({ error, sent: true }));
    const gone = (code: number) => (off(), settle({ error: new Error(`no reply: the worker exited with ${code}`), sent: true }));
    const cancel = () => (off(), settle({ error: signal?.reason, sent: true }));
    try {
      worker.postMessage(message, transferList);
    } catch (error) {
      settle({ error, sent: false });
      return;
    }
    worker.addListener("message", ok).addListener("error", fail).addListener("exit", gone);
    signal?.addEventListener("abort", cancel);
  });
}

export class WorkerPool<Input, Output> {
  readonly size: number;
  readonly #file: string | URL;
  readonly #gate: ReturnType<typeof semaphore>;
  readonly #spare: Worker[] = [];
  readonly #live = new Set<Worker>();
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #refusals = new Set<() => void>();
  #closed = false;
  /** close() stopped waiting for the running tasks. */
  #gaveUp = false;
  #closing: Promise<void> | undefined;

  constructor(file: string | URL, size: number) {
    this.size = wholeAtLeast(size, "size", 1);
    this.#file = file;
    this.#gate = semaphore(this.size);
  }

  run(input: Input, options: RunOptions = {}): Promise<Output> {
    if (this.#closed) return Promise.reject(new Error("closed pool: no new tasks"));
    const { signal } = options;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      return Promise.reject(new TypeError(`signal: an AbortSignal was wanted, not ${typeof signal === "string" ? JSON.stringify(signal) : String(signal)}`));
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    const task = this.#runTask(input, options);
    const settled = task.catch(() => undefined);
    this.#inFlight.add(settled);
    void settled.then(() => this.#inFlight.delete(settled));
    return task;
  }

  async #runTask(input: Input, options: RunOptions): Promise<Output> {
    const { signal } = options;
    await new Promise<void>((resolve, reject) => {
      let out = false;
      const refuse = (reason: unknown) => {
        if (out) return;
        out = true;
        this.#refusals.delete(closeRefusal);
        signal?.removeEventListener("abort", abortRefusal);
        reject(reason);
      };
      const closeRefusal = () => refuse(new Error("the pool closed before this task could start"));
      const abortRefusal = () => refuse(signal?.reason);
      this.#refusals.add(closeRefusal);
      signal?.addEventListener("abort", abortRefusal, { once: true });
      void this.#gate.acquire().then(() => {
        if (out) return this.#gate.release(); // refused while it waited: pass the place on
        out = true;
        this.#refusals.delete(closeRefusal);
        signal?.removeEventListener("abort", abortRefusal);
        resolve();
      });
    });
    const worker = this.#spare.pop() ?? this.#spawn();
    const result = await askOnce<Output>(worker, input, options);
    if ("value" in result) {
      // Give the worker (and its place) back one turn later: a second reply it sent arrives before
      // anybody listens for the next one.
      setImmediate(() => {
        if (!this.#closed) this.#spare.push(worker);
        this.#gate.release();
      });
      return result.value;
    }
    if (result.sent) void worker.terminate(); // it threw, exited or was cancelled: never reuse it
    else this.#spare.push(worker); // postMessage refused the input: the worker never saw it
    this.#gate.release();
    throw this.#gaveUp && result.sent && !signal?.aborted ? new Error("the pool closed while this task was still running") : result.error;
  }

  close(options: CloseOptions = {}): Promise<void> {
    const timeout = options.timeout === undefined ? 30_000 : options.timeout;
    if (typeof timeout !== "number") return Promise.reject(new TypeError(`timeout: a number was wanted, not ${typeof timeout === "string" ? JSON.stringify(timeout) : String(timeout)}`));
    if (Number.isNaN(timeout) || timeout < 0) return Promise.reject(new RangeError(`timeout: 0 ms or more wanted, not ${timeout}`));
    this.#closing ??= this.#shutDown(timeout);
    return this.#closing;
  }

  async #shutDown(timeout: number): Promise<void> {
    this.#closed = true;
    for (const refuse of [...this.#refusals]) refuse();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      if (timeout !== Infinity) timer = setTimeout(resolve, timeout);
    });
    await Promise.race([Promise.all(this.#inFlight), gaveUp]);
    clearTimeout(timer);
    this.#gaveUp = true;
    await Promise.all([...this.#live].map((worker) => worker.terminate()));
    await Promise.all(this.#inFlight);
  }

  #spawn(): Worker {
    const worker = createTsWorker(this.#file);
    this.#live.add(worker);
    worker.on("error", () => undefined); // askOnce settles the task; "exit" follows
    // Always listening: a Worker without a "message" listener keeps its messages for the next one,
    // so a second reply sent while the worker rests would be taken for the next task's answer.
    worker.on("message", () => undefined);
    worker.once("exit", () => {
      this.#live.delete(worker);
      const at = this.#spare.indexOf(worker);
      if (at >= 0) this.#spare.splice(at, 1);
    });
    return worker;
  }
}
