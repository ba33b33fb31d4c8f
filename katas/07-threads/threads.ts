import { todo } from "../../tools/kit";
// createTsWorker(file, options) is `new Worker(file, options)` that can also start a `.ts` entry.
// Start every worker of this kata with it (the spec counts the workers it started, to find leaks).
import { createTsWorker } from "../../tools/kit/worker";
import type { TransferListItem } from "node:worker_threads";

/** Receives each line a task prints (the spec passes one that records them; `console.log` works too). */
export type Log = (line: string) => void;

/** Step 1. A promise that resolves after `ms` milliseconds: JavaScript's `time.sleep`, without blocking. */
export function sleep(ms: number): Promise<void> {
  return todo("sleep(ms)");
}

/** Step 1. Logs `singing 0`, `singing 1`, ... `rounds` times, sleeping `intervalMs` after each line. */
export async function sing(rounds: number, intervalMs: number, log: Log): Promise<void> {
  return todo("sing(rounds, intervalMs, log)");
}

/** Step 1. Logs `dancing 0`, `dancing 1`, ... `rounds` times, sleeping `intervalMs` after each line. */
export async function dance(rounds: number, intervalMs: number, log: Log): Promise<void> {
  return todo("dance(rounds, intervalMs, log)");
}

/** Step 1. Sings and dances "at the same time" on one thread: done after `rounds` intervals, not twice that. */
export async function singAndDance(rounds: number, intervalMs: number, log: Log): Promise<void> {
  return todo("singAndDance(rounds, intervalMs, log)");
}

/**
 * Step 2. Runs the worker module `file` on one input: starts a worker, posts it `input`, and resolves
 * with the worker's first reply. Rejects with the worker's own error when it throws, or when it exits
 * without replying. Either way the worker has exited by the time the promise settles.
 */
export function runInWorker<Input, Output>(file: string | URL, input: Input): Promise<Output> {
  return todo("runInWorker(file, input)");
}

/**
 * Step 3. Sums `numbers` on `threads` worker threads (sum.worker.ts): one contiguous chunk each (so
 * `min(threads, numbers.length)` workers), then adds the chunk sums in order. Equals the sequential
 * sum. `threads` must be a positive integer (bad input follows the workbook's contract: a TypeError
 * for a value that is not a number, a RangeError for a number that is not allowed).
 */
export async function parallelSum(numbers: readonly number[], threads: number): Promise<number> {
  return todo("parallelSum(numbers, threads)");
}

/**
 * Step 4. `threads` workers (count.worker.ts) each add 1 to one shared counter `perThread` times;
 * resolves with the final count, which is exactly `threads * perThread`. `threads` must be a positive
 * integer, `perThread` an integer >= 0, and the total must fit in an Int32 (else a RangeError naming
 * `perThread`). Bad input follows the workbook's contract.
 */
export async function countTogether(threads: number, perThread: number): Promise<number> {
  return todo("countTogether(threads, perThread)");
}

/** What `run()` takes besides the input (piscina's `run(task, { signal, transferList })` is the model). */
export interface RunOptions {
  /** Step 7. Cancels the task: a queued task is dropped, a running one's worker is terminated and replaced. */
  readonly signal?: AbortSignal;
  /** Step 6. Objects moved to the worker instead of copied (`postMessage`'s transfer list): an `ArrayBuffer` is then empty here. */
  readonly transferList?: readonly TransferListItem[];
}

/** What `close()` takes. */
export interface CloseOptions {
  /**
   * Step 6. How long close() waits for the running tasks, in milliseconds (default 30 000; `Infinity`
   * waits for ever, `0` not at all). Tasks still running then are rejected and their workers terminated.
   */
  readonly timeout?: number;
}

/**
 * Step 5. A pool of at most `size` workers, all running the worker module `file`. `run(input)`
 * resolves with a worker's reply to `input`; at most `size` tasks run at once and the others wait, in
 * order. A task whose worker throws rejects alone: the dead worker is replaced and the pool goes on.
 */
export class WorkerPool<Input, Output> {
  /** How many tasks may run at once (and how many workers the pool keeps at most). */
  readonly size: number;

  /** Step 5. A pool for the worker module `file`; `size` must be a positive integer (the workbook's contract). */
  constructor(file: string | URL, size: number) {
    this.size = todo("new WorkerPool(file, size)");
  }

  /**
   * Step 5. Queues `input` for the next free worker; resolves with its reply, rejects with its error.
   * Step 6: an input that cannot be sent (a function in it) rejects this task only. Step 7: `signal`
   * cancels the task; `transferList` moves buffers instead of copying them.
   */
  run(input: Input, options: RunOptions = {}): Promise<Output> {
    return todo("pool.run(input, options)");
  }

  /**
   * Step 5. Refuses new tasks, rejects the queued ones, lets the running ones finish, then terminates
   * every worker. Calling it again is harmless (it returns the same promise). Step 6: it waits at most
   * `timeout` ms (default 30 000), then rejects the tasks still running and terminates their workers.
   */
  close(options: CloseOptions = {}): Promise<void> {
    return todo("pool.close(options)");
  }
}
