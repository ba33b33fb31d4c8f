// Alternative: a semaphore built from a closure guards the pool (acquire a slot, borrow a worker,
// ask it, give both back), runInWorker is the same ask() on a worker of its own, and every refusal
// is written with other words than the reference's.
import type { Worker } from "node:worker_threads";
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

export class WorkerPool<Input, Output> {
  readonly size: number;
  readonly #file: string | URL;
  readonly #gate: ReturnType<typeof semaphore>;
  readonly #spare: Worker[] = [];
  readonly #live = new Set<Worker>();
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #refusals = new Map<() => void, () => void>();
  #closed = false;

  constructor(file: string | URL, size: number) {
    this.size = wholeAtLeast(size, "size", 1);
    this.#file = file;
    this.#gate = semaphore(this.size);
  }

  run(input: Input): Promise<Output> {
    if (this.#closed) return Promise.reject(new Error("closed pool: no new tasks"));
    const task = this.#runTask(input);
    const settled = task.catch(() => undefined);
    this.#inFlight.add(settled);
    void settled.then(() => this.#inFlight.delete(settled));
    return task;
  }

  async #runTask(input: Input): Promise<Output> {
    await new Promise<void>((resolve, reject) => {
      let refused = false;
      const refuse = () => {
        refused = true;
        reject(new Error("the pool closed before this task could start"));
      };
      void this.#gate.acquire().then(() => {
        if (refused) return;
        this.#refusals.delete(refuse);
        resolve();
      });
      this.#refusals.set(refuse, refuse);
    });
    const worker = this.#spare.pop() ?? this.#spawn();
    try {
      const value = await ask<Output>(worker, input);
      this.#spare.push(worker);
      return value;
    } finally {
      this.#gate.release();
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const refuse of [...this.#refusals.values()]) refuse();
    this.#refusals.clear();
    this.#gate.cancelWaiters(() => undefined);
    await Promise.all(this.#inFlight);
    await Promise.all([...this.#live].map((worker) => worker.terminate()));
  }

  #spawn(): Worker {
    const worker = createTsWorker(this.#file);
    this.#live.add(worker);
    worker.on("error", () => undefined); // ask() rejects the task; "exit" follows
    worker.once("exit", () => this.#live.delete(worker));
    return worker;
  }
}
