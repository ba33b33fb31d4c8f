// Alternative: node:events' once() for every wait (it rejects on "error" by itself), and a pool made
// of `size` async loops, each owning one worker and pulling tasks from the shared queue in order.
import { once } from "node:events";
import type { Worker } from "node:worker_threads";
import { createTsWorker } from "../../tools/kit/worker";

export type Log = (line: string) => void;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => void setTimeout(resolve, ms));

async function perform(word: string, rounds: number, intervalMs: number, log: Log): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    log(`${word} ${round}`);
    await sleep(intervalMs);
  }
}

export async function sing(rounds: number, intervalMs: number, log: Log): Promise<void> {
  await perform("singing", rounds, intervalMs, log);
}

export async function dance(rounds: number, intervalMs: number, log: Log): Promise<void> {
  await perform("dancing", rounds, intervalMs, log);
}

export async function singAndDance(rounds: number, intervalMs: number, log: Log): Promise<void> {
  const singing = sing(rounds, intervalMs, log);
  const dancing = dance(rounds, intervalMs, log);
  await singing;
  await dancing;
}

/** The next reply of `worker`: once() rejects on "error"; an "exit" first is turned into an error. */
async function nextReply<Output>(worker: Worker, message: unknown): Promise<Output> {
  const stop = new AbortController();
  const replied = once(worker, "message", { signal: stop.signal }).then(([value]) => value as Output);
  const exited = once(worker, "exit", { signal: stop.signal }).then(([code]) => {
    throw new Error(`worker has exited (${String(code)})`);
  });
  worker.postMessage(message);
  try {
    return await Promise.race([replied, exited]);
  } finally {
    stop.abort();
    replied.catch(() => undefined);
    exited.catch(() => undefined);
  }
}

export async function runInWorker<Input, Output>(file: string | URL, input: Input): Promise<Output> {
  const worker = createTsWorker(file);
  try {
    return await nextReply<Output>(worker, input);
  } finally {
    await worker.terminate();
  }
}

function positiveInteger(value: unknown, name: string, min = 1): number {
  if (typeof value !== "number") throw new TypeError(`bad ${name} (${typeof value === "string" ? JSON.stringify(value) : String(value)}): not a number`);
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`bad ${name} (${value})`);
  return value;
}

async function allThenFirstError<T>(work: Promise<T>[]): Promise<T[]> {
  const done = await Promise.allSettled(work);
  for (const d of done) if (d.status === "rejected") throw d.reason;
  return done.map((d) => (d as PromiseFulfilledResult<T>).value);
}

export async function parallelSum(numbers: readonly number[], threads: number): Promise<number> {
  positiveInteger(threads, "threads");
  const count = Math.min(threads, numbers.length);
  // Chunk i is [floor(i * n / count), floor((i + 1) * n / count)): sizes differ by at most one.
  const chunks = Array.from({ length: count }, (_, i) =>
    numbers.slice(Math.floor((i * numbers.length) / count), Math.floor(((i + 1) * numbers.length) / count)),
  );
  const file = new URL("./sum.worker.ts", import.meta.url);
  let total = 0;
  for (const sum of await allThenFirstError(chunks.map((chunk) => runInWorker<number[], number>(file, chunk)))) total += sum;
  return total;
}

export async function countTogether(threads: number, perThread: number): Promise<number> {
  positiveInteger(threads, "threads");
  positiveInteger(perThread, "perThread", 0);
  if (threads * perThread > 2147483647) throw new RangeError(`bad perThread (${perThread}): ${threads} threads would add ${threads * perThread} times`);
  const counter = new SharedArrayBuffer(4);
  const file = new URL("./count.worker.ts", import.meta.url);
  const workers = Array.from({ length: threads }, () => createTsWorker(file));
  try {
    await allThenFirstError(workers.map((w) => nextReply(w, { counter, times: 0 })));
    await allThenFirstError(workers.map((w) => nextReply(w, { counter, times: perThread })));
    return new Int32Array(counter)[0] ?? 0;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

interface Pending<I, O> {
  input: I;
  resolve(value: O): void;
  reject(reason: unknown): void;
}

export class WorkerPool<Input, Output> {
  readonly size: number;
  private readonly file: string | URL;
  private readonly waiting: Pending<Input, Output>[] = [];
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private loops = 0;
  private readonly loopsDone: Promise<void>[] = [];
  private closed = false;

  constructor(file: string | URL, size: number) {
    this.size = positiveInteger(size, "size");
    this.file = file;
  }

  run(input: Input): Promise<Output> {
    if (this.closed) return Promise.reject(new Error("run() on a closed pool"));
    return new Promise<Output>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (this.loops < this.size) this.loopsDone.push(this.loop());
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0, this.waiting.length)) task.reject(new Error("the pool was closed"));
    await Promise.all(this.loopsDone);
    await Promise.all([...this.all].map((w) => w.terminate()));
  }

  /** One of at most `size` loops: takes a worker, runs queued tasks on it one by one, until none is left. */
  private async loop(): Promise<void> {
    this.loops++;
    try {
      let worker: Worker | undefined;
      for (let task = this.waiting.shift(); task; task = this.closed ? undefined : this.waiting.shift()) {
        worker ??= this.idle.pop() ?? this.start();
        try {
          task.resolve(await nextReply<Output>(worker, task.input));
        } catch (error) {
          task.reject(error);
          worker = undefined; // it threw or exited: the next task gets another worker
        }
      }
      if (worker) this.idle.push(worker);
    } finally {
      this.loops--;
    }
  }

  private start(): Worker {
    const worker = createTsWorker(this.file);
    this.all.add(worker);
    worker.on("error", () => undefined); // seen by nextReply; the worker is gone either way
    worker.once("exit", () => {
      this.all.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
    });
    return worker;
  }
}
