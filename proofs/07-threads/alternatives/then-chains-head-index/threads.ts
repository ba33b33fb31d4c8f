// Alternative: promise chains (.then) instead of async/await, a queue with a head index instead of
// shift(), a record per worker instead of a Map, and chunks cut by "ceil of what is left".
import type { Worker } from "node:worker_threads";
import { createTsWorker } from "../../tools/kit/worker";

export type Log = (line: string) => void;

export function sleep(ms: number): Promise<void> {
  return new Promise<void>((done) => {
    setTimeout(() => done(), ms);
  });
}

function rounds(word: string, count: number, intervalMs: number, log: Log): Promise<void> {
  let chain = Promise.resolve();
  for (let i = 0; i < count; i++) {
    chain = chain.then(() => {
      log(word + " " + i);
      return sleep(intervalMs);
    });
  }
  return chain;
}

export async function sing(rounds_: number, intervalMs: number, log: Log): Promise<void> {
  return rounds("singing", rounds_, intervalMs, log);
}

export async function dance(count: number, intervalMs: number, log: Log): Promise<void> {
  return rounds("dancing", count, intervalMs, log);
}

export async function singAndDance(count: number, intervalMs: number, log: Log): Promise<void> {
  const both = [sing(count, intervalMs, log), dance(count, intervalMs, log)];
  return Promise.all(both).then(() => undefined);
}

function reply<Output>(worker: Worker, message: unknown): Promise<Output> {
  return new Promise<Output>((resolve, reject) => {
    const listeners = {
      message: (value: Output) => finish(() => resolve(value)),
      error: (error: Error) => finish(() => reject(error)),
      exit: (code: number) => finish(() => reject(new Error("worker exited (code " + code + ") without a reply"))),
    };
    let finished = false;
    function finish(settle: () => void): void {
      if (finished) return;
      finished = true;
      worker.off("message", listeners.message).off("error", listeners.error).off("exit", listeners.exit);
      settle();
    }
    worker.on("message", listeners.message).on("error", listeners.error).on("exit", listeners.exit);
    worker.postMessage(message);
  });
}

export function runInWorker<Input, Output>(file: string | URL, input: Input): Promise<Output> {
  const worker = createTsWorker(file);
  return reply<Output>(worker, input).then(
    (value) => worker.terminate().then(() => value),
    (error: unknown) => worker.terminate().then(() => Promise.reject(error)),
  );
}

function allSettledOrFirstError<T>(promises: Promise<T>[]): Promise<T[]> {
  return Promise.allSettled(promises).then((results) => {
    const values: T[] = [];
    for (const r of results) {
      if (r.status === "rejected") throw r.reason;
      values.push(r.value);
    }
    return values;
  });
}

function requireCount(name: string, value: unknown, least: number): number {
  if (typeof value !== "number") throw new TypeError(`expected ${name} to be a number but got ${typeof value === "string" ? JSON.stringify(value) : String(value)}`);
  if (!Number.isInteger(value) || value < least || value > Number.MAX_SAFE_INTEGER) throw new RangeError(`expected ${name} to be an integer of at least ${least} but got ${value}`);
  return value;
}

export function parallelSum(numbers: readonly number[], threads: number): Promise<number> {
  try {
    requireCount("threads", threads, 1);
  } catch (error) {
    return Promise.reject(error);
  }
  const chunks: number[][] = [];
  let start = 0;
  let left = Math.min(threads, numbers.length);
  while (left > 0) {
    const size = Math.ceil((numbers.length - start) / left);
    chunks.push(numbers.slice(start, start + size));
    start += size;
    left--;
  }
  const file = new URL("./sum.worker.ts", import.meta.url);
  return allSettledOrFirstError(chunks.map((chunk) => runInWorker<number[], number>(file, chunk))).then((sums) =>
    sums.reduce((a, b) => a + b, 0),
  );
}

export function countTogether(threads: number, perThread: number): Promise<number> {
  try {
    requireCount("threads", threads, 1);
    requireCount("perThread", perThread, 0);
    if (threads * perThread > 0x7fffffff) throw new RangeError(`expected threads * perThread to fit in an Int32, but perThread ${perThread} on ${threads} threads is too many`);
  } catch (error) {
    return Promise.reject(error);
  }
  const memory = new SharedArrayBuffer(4);
  const file = new URL("./count.worker.ts", import.meta.url);
  const workers: Worker[] = [];
  for (let i = 0; i < threads; i++) workers.push(createTsWorker(file));
  const stopAll = () => Promise.all(workers.map((w) => w.terminate()));
  return allSettledOrFirstError(workers.map((w) => reply<number>(w, { counter: memory, times: 0 })))
    .then(() => allSettledOrFirstError(workers.map((w) => reply<number>(w, { counter: memory, times: perThread }))))
    .then(
      () => stopAll().then(() => Atomics.load(new Int32Array(memory), 0)),
      (error: unknown) => stopAll().then(() => Promise.reject(error)),
    );
}

type Task<I, O> = { input: I; resolve: (o: O) => void; reject: (e: unknown) => void };
type Slot<I, O> = { worker: Worker; task: Task<I, O> | null; dead: boolean };

export class WorkerPool<Input, Output> {
  readonly size: number;
  readonly #file: string | URL;
  // A queue with a head index: taking the next task is O(1), however deep the queue.
  #tasks: (Task<Input, Output> | undefined)[] = [];
  #head = 0;
  readonly #slots: Slot<Input, Output>[] = [];
  readonly #running = new Set<Promise<unknown>>();
  #closing = false;

  constructor(file: string | URL, size: number) {
    this.size = requireCount("size", size, 1);
    this.#file = file;
  }

  run(input: Input): Promise<Output> {
    if (this.#closing) return Promise.reject(new Error("this pool is closed"));
    const promise = new Promise<Output>((resolve, reject) => this.#tasks.push({ input, resolve, reject }));
    const tracked = promise.then(
      () => undefined,
      () => undefined,
    );
    this.#running.add(tracked);
    tracked.then(() => this.#running.delete(tracked));
    this.#pump();
    return promise;
  }

  close(): Promise<void> {
    this.#closing = true;
    while (this.#head < this.#tasks.length) this.#take()?.reject(new Error("pool closed: task dropped"));
    return Promise.all([...this.#running])
      .then(() => Promise.all(this.#slots.map((slot) => slot.worker.terminate())))
      .then(() => undefined);
  }

  #take(): Task<Input, Output> | undefined {
    const task = this.#tasks[this.#head];
    this.#tasks[this.#head++] = undefined;
    if (this.#head > 1024 && this.#head * 2 > this.#tasks.length) {
      this.#tasks = this.#tasks.slice(this.#head);
      this.#head = 0;
    }
    return task;
  }

  #pump(): void {
    while (!this.#closing && this.#head < this.#tasks.length) {
      let slot = this.#slots.find((s) => !s.dead && s.task === null);
      if (!slot && this.#slots.length < this.size) slot = this.#open();
      if (!slot) return;
      const task = this.#take() as Task<Input, Output>;
      slot.task = task;
      slot.worker.postMessage(task.input);
    }
  }

  #open(): Slot<Input, Output> {
    const slot: Slot<Input, Output> = { worker: createTsWorker(this.#file), task: null, dead: false };
    this.#slots.push(slot);
    const settle = (how: (task: Task<Input, Output>) => void) => {
      const task = slot.task;
      slot.task = null;
      if (task) how(task);
    };
    slot.worker.on("message", (value: Output) => {
      settle((task) => task.resolve(value));
      this.#pump();
    });
    slot.worker.on("error", (error) => settle((task) => task.reject(error)));
    slot.worker.on("exit", (code) => {
      settle((task) => task.reject(new Error(`worker exit ${code}, no reply`)));
      slot.dead = true;
      this.#slots.splice(this.#slots.indexOf(slot), 1);
      this.#pump();
    });
    return slot;
  }
}
