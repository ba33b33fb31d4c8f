/**
 * Step 3. The worker side of parallelSum: each message is a chunk of numbers; reply with its sum.
 *
 * This module runs in its own thread, with its own copy of every module it imports: nothing here is
 * shared with the main thread except the messages.
 */
import { parentPort } from "node:worker_threads";
import { todo } from "../../tools/kit";

// `parentPort` is null when a file is imported on the main thread; in a worker it is the channel home.
parentPort?.on("message", (numbers: readonly number[]) => {
  todo("sum.worker.ts: reply with the sum of the numbers (parentPort.postMessage)");
});
