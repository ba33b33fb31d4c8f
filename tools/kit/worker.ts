/**
 * Worker threads whose entry file is TypeScript, for kata 07 (threads) and its solution: the one part
 * of the kit a solution may import, because a learner cannot be expected to write a module loader.
 *
 *   const worker = createTsWorker(new URL("./sum.worker.ts", import.meta.url));
 *
 * It is `new Worker(entry, options)` from node:worker_threads, except that the entry may be a `.ts`
 * file: a tiny bootstrap (worker-bootstrap.mjs) registers tsx inside the new thread and then imports
 * the entry. Works in plain node, under tsx and inside vitest, on Node 20.19+, 22 and 24.
 *
 * The kit also counts the workers it started and that have not exited yet, so a spec can prove that
 * no test leaves a worker running (`liveWorkers()` in afterEach, then `terminateWorkers()`), and that
 * the work really went to workers (`startedWorkers()` before and after).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

const BOOTSTRAP = new URL("./worker-bootstrap.mjs", import.meta.url);

/** Workers started here that have not emitted "exit" yet. */
const live = new Set<Worker>();
let started = 0;

/**
 * Starts a worker thread running `entry` (a `.ts` or `.js` module: a path, a file URL string, or a
 * URL). `options` are node:worker_threads' own: `workerData`, `transferList`, `resourceLimits`...
 */
export function createTsWorker(entry: string | URL, options: WorkerOptions = {}): Worker {
  const href = toHref(entry);
  if (options.eval) throw new TypeError("createTsWorker runs a module file; `eval` is not supported");
  const worker = new Worker(BOOTSTRAP, {
    ...options,
    // The bootstrap takes the entry out of argv again before importing it.
    argv: [href, ...(options.argv ?? [])],
  });
  live.add(worker);
  started++;
  worker.once("exit", () => live.delete(worker));
  return worker;
}

/** How many workers started by createTsWorker are still running (have not emitted "exit"). */
export function liveWorkers(): number {
  return live.size;
}

/** How many workers createTsWorker has started so far in this thread (running or not). */
export function startedWorkers(): number {
  return started;
}

/** Terminates every worker createTsWorker started that is still running; resolves once all exited. */
export async function terminateWorkers(): Promise<void> {
  await Promise.all([...live].map((worker) => worker.terminate()));
}

function toHref(entry: string | URL): string {
  if (entry instanceof URL) return entry.href;
  if (/^file:\/\//.test(entry)) return entry;
  return pathToFileURL(path.resolve(entry)).href;
}
