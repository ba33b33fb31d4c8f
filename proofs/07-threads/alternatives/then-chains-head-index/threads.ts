// Alternative: promise chains (.then) instead of async/await, a queue with a head index instead of
// shift(), a record per worker instead of a Map, and chunks cut by "ceil of what is left".
import type { TransferListItem, Worker } from "node:worker_threads";
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

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly transferList?: readonly TransferListItem[];
}

export interface CloseOptions {
  readonly timeout?: number;
}

type Task<I, O> = {
  input: I;
  transfer: readonly TransferListItem[] | undefined;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
  settled: boolean;
  slot: Slot<I, O> | null;
  signal: AbortSignal | undefined;
  abort: (() => void) | undefined;
};
type Slot<I, O> = { worker: Worker; task: Task<I, O> | null; dead: boolean; resting: boolean };

function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : typeof value === "object" && value !== null ? "an object" : String(value);
}

export class WorkerPool<Input, Output> {
  readonly size: number;
  readonly #file: string | URL;
  // A queue with a head index: taking the next task is O(1), however deep the queue.
  #tasks: (Task<Input, Output> | undefined)[] = [];
  #head = 0;
  readonly #slots: Slot<Input, Output>[] = [];
  readonly #running = new Set<Promise<unknown>>();
  #closing = false;
  #closed: Promise<void> | undefined;

  constructor(file: string | URL, size: number) {
    this.size = requireCount("size", size, 1);
    this.#file = file;
  }

  run(input: Input, options: RunOptions = {}): Promise<Output> {
    if (this.#closing) return Promise.reject(new Error("this pool is closed"));
    const signal = options.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) return Promise.reject(new TypeError("expected signal to be an AbortSignal but got " + shown(signal)));
    if (signal?.aborted) return Promise.reject(signal.reason);
    const promise = new Promise<Output>((resolve, reject) => {
      const task: Task<Input, Output> = { input, transfer: options.transferList, resolve, reject, settled: false, slot: null, signal, abort: undefined };
      if (signal) {
        task.abort = () => this.#abort(task);
        signal.addEventListener("abort", task.abort);
      }
      this.#tasks.push(task);
    });
    const tracked = promise.then(
      () => undefined,
      () => undefined,
    );
    this.#running.add(tracked);
    tracked.then(() => this.#running.delete(tracked));
    this.#pump();
    return promise;
  }

  close(options: CloseOptions = {}): Promise<void> {
    const timeout = options.timeout ?? 30_000;
    if (typeof timeout !== "number") return Promise.reject(new TypeError("expected timeout to be a number but got " + shown(timeout)));
    if (!(timeout >= 0)) return Promise.reject(new RangeError("expected timeout to be at least 0 but got " + timeout));
    if (this.#closed) return this.#closed;
    this.#closing = true;
    while (this.#head < this.#tasks.length) {
      const task = this.#take();
      if (task) this.#settle(task, () => task.reject(new Error("pool closed: task dropped")));
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = timeout === Infinity ? new Promise<void>(() => undefined) : new Promise<void>((resolve) => (timer = setTimeout(resolve, timeout)));
    this.#closed = Promise.race([Promise.all([...this.#running]).then(() => undefined), bound])
      .then(() => {
        clearTimeout(timer);
        for (const slot of this.#slots) {
          const task = slot.task;
          slot.task = null;
          if (task) this.#settle(task, () => task.reject(new Error("pool closed while the task was still running")));
        }
        return Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
      })
      .then(() => undefined);
    return this.#closed;
  }

  #settle(task: Task<Input, Output>, how: () => void): void {
    if (task.settled) return;
    task.settled = true;
    if (task.abort) task.signal?.removeEventListener("abort", task.abort);
    how();
  }

  #abort(task: Task<Input, Output>): void {
    if (task.settled) return;
    const slot = task.slot;
    this.#settle(task, () => task.reject(task.signal?.reason));
    if (slot && slot.task === task) {
      slot.task = null;
      slot.dead = true;
      void slot.worker.terminate();
    }
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
      if (this.#tasks[this.#head]?.settled) {
        this.#take();
        continue;
      }
      let slot = this.#slots.find((s) => !s.dead && !s.resting && s.task === null);
      if (!slot && this.#slots.length < this.size) slot = this.#open();
      if (!slot) return;
      const task = this.#take() as Task<Input, Output>;
      slot.task = task;
      task.slot = slot;
      try {
        slot.worker.postMessage(task.input, task.transfer);
      } catch (error) {
        slot.task = null;
        task.slot = null;
        this.#settle(task, () => task.reject(error));
      }
    }
  }

  #open(): Slot<Input, Output> {
    const slot: Slot<Input, Output> = { worker: createTsWorker(this.#file), task: null, dead: false, resting: false };
    this.#slots.push(slot);
    const settle = (how: (task: Task<Input, Output>) => void) => {
      const task = slot.task;
      slot.task = null;
      if (task) this.#settle(task, () => how(task));
    };
    slot.worker.on("message", (value: Output) => {
      if (slot.dead) return;
      if (!slot.task) {
        // A reply nobody asked for: this worker cannot be trusted any more.
        slot.dead = true;
        void slot.worker.terminate();
        return;
      }
      settle((task) => task.resolve(value));
      // Rest one turn of the event loop, so that anything else it sent arrives while it has no task.
      slot.resting = true;
      setImmediate(() => {
        slot.resting = false;
        this.#pump();
      });
    });
    slot.worker.on("error", (error) => {
      slot.dead = true;
      settle((task) => task.reject(error));
    });
    slot.worker.on("exit", (code) => {
      settle((task) => task.reject(new Error(`worker exit ${code}, no reply`)));
      slot.dead = true;
      this.#slots.splice(this.#slots.indexOf(slot), 1);
      this.#pump();
    });
    return slot;
  }
}
