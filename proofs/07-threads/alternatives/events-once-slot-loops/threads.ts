// Alternative: node:events' once() for every wait (it rejects on "error" by itself), and a pool made
// of `size` async loops, each owning one worker and pulling tasks from the shared queue in order.
import { once } from "node:events";
import type { TransferListItem, Worker } from "node:worker_threads";
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

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly transferList?: readonly TransferListItem[];
}

export interface CloseOptions {
  readonly timeout?: number;
}

interface Pending<I, O> {
  input: I;
  options: RunOptions;
  resolve(value: O): void;
  reject(reason: unknown): void;
}

/** postMessage refused the input (a DataCloneError): the worker never saw it and is as good as before. */
class NotSent {
  constructor(readonly error: unknown) {}
}

/** Like nextReply, but also gives up when `signal` fires, and tells a refused postMessage apart. */
async function replyOrAbort<Output>(worker: Worker, message: unknown, { signal, transferList }: RunOptions): Promise<Output> {
  const stop = new AbortController();
  const replied = once(worker, "message", { signal: stop.signal }).then(([value]) => value as Output);
  const exited = once(worker, "exit", { signal: stop.signal }).then(([code]) => {
    throw new Error(`worker has exited (${String(code)})`);
  });
  const aborted = signal
    ? once(signal, "abort", { signal: stop.signal }).then(() => {
        throw signal.reason;
      })
    : new Promise<never>(() => undefined);
  try {
    try {
      worker.postMessage(message, transferList);
    } catch (error) {
      throw new NotSent(error);
    }
    return await Promise.race([replied, exited, aborted]);
  } finally {
    stop.abort();
    for (const p of [replied, exited, aborted]) p.catch(() => undefined);
  }
}

export class WorkerPool<Input, Output> {
  readonly size: number;
  private readonly file: string | URL;
  private readonly waiting: Pending<Input, Output>[] = [];
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private loops = 0;
  private readonly loopsDone = new Set<Promise<void>>();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(file: string | URL, size: number) {
    this.size = positiveInteger(size, "size");
    this.file = file;
  }

  run(input: Input, options: RunOptions = {}): Promise<Output> {
    if (this.closed) return Promise.reject(new Error("run() on a closed pool"));
    const { signal } = options;
    if (signal !== undefined && !(signal instanceof AbortSignal)) return Promise.reject(new TypeError(`bad signal (${typeof signal === "string" ? JSON.stringify(signal) : String(signal)}): not an AbortSignal`));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Output>((resolve, reject) => {
      const pending: Pending<Input, Output> = { input, options, resolve, reject };
      this.waiting.push(pending);
      // Cancelled while it waits: out of the queue, never run.
      signal?.addEventListener(
        "abort",
        () => {
          const at = this.waiting.indexOf(pending);
          if (at < 0) return; // running (its loop sees the signal) or done
          this.waiting.splice(at, 1);
          reject(signal.reason);
        },
        { once: true },
      );
      if (this.loops < this.size) {
        const loop = this.loop();
        this.loopsDone.add(loop);
        void loop.then(() => this.loopsDone.delete(loop));
      }
    });
  }

  close(options: CloseOptions = {}): Promise<void> {
    const { timeout = 30_000 } = options;
    if (typeof timeout !== "number") return Promise.reject(new TypeError(`bad timeout (${typeof timeout === "string" ? JSON.stringify(timeout) : String(timeout)}): not a number`));
    if (Number.isNaN(timeout) || timeout < 0) return Promise.reject(new RangeError(`bad timeout (${timeout})`));
    this.closing ??= this.shutDown(timeout);
    return this.closing;
  }

  private async shutDown(timeout: number): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0, this.waiting.length)) task.reject(new Error("the pool was closed"));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.loopsDone),
      new Promise<void>((resolve) => {
        if (timeout !== Infinity) timer = setTimeout(resolve, timeout);
      }),
    ]);
    clearTimeout(timer);
    // Whatever still runs is cut short: its loop sees `closed` and says so.
    await Promise.all([...this.all].map((w) => w.terminate()));
    await Promise.all(this.loopsDone);
  }

  /** One of at most `size` loops: takes a worker, runs queued tasks on it one by one, until none is left. */
  private async loop(): Promise<void> {
    this.loops++;
    try {
      let worker: Worker | undefined;
      for (let task = this.waiting.shift(); task; task = this.closed ? undefined : this.waiting.shift()) {
        worker ??= this.idle.pop() ?? this.start();
        try {
          const value = await replyOrAbort<Output>(worker, task.input, task.options);
          task.resolve(value);
          // One turn of rest before its next task: a second reply it sent arrives now, with nobody
          // listening, instead of being taken for the next task's answer.
          await new Promise((resolve) => setImmediate(resolve));
        } catch (error) {
          if (error instanceof NotSent) {
            task.reject(error.error);
            continue; // the worker is fine
          }
          task.reject(this.closed ? new Error("the pool was closed while the task ran") : error);
          void worker.terminate(); // threw, exited, or its task was cancelled: a fresh one next time
          worker = undefined;
        }
      }
      if (worker && !this.closed) this.idle.push(worker);
    } finally {
      this.loops--;
    }
  }
  private start(): Worker {
    const worker = createTsWorker(this.file);
    this.all.add(worker);
    worker.on("error", () => undefined); // seen by nextReply; the worker is gone either way
    // One "message" listener for the worker's whole life: while a Worker has none, Node holds its
    // messages back for the next listener, and a stray second reply would reach the next task.
    worker.on("message", () => undefined);
    worker.once("exit", () => {
      this.all.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
    });
    return worker;
  }
}
