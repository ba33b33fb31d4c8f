/**
 * Step 4. The worker side of countTogether: each message is `{ counter, times }`; add 1 to slot 0 of
 * the shared counter `times` times, atomically, then reply with `times`.
 */
import { parentPort } from "node:worker_threads";
import { todo } from "../../tools/kit";

/** What countTogether sends each worker: the shared memory (not a copy of it) and how often to add. */
export interface CountJob {
  /** One Int32 slot, shared by every worker: postMessage shares a SharedArrayBuffer, it never copies it. */
  readonly counter: SharedArrayBuffer;
  /** How many times this worker adds 1. */
  readonly times: number;
}

parentPort?.on("message", ({ counter, times }: CountJob) => {
  todo("count.worker.ts: add 1 to the shared counter `times` times with Atomics, then reply");
});
