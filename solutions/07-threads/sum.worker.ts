/**
 * Step 3. The worker side of parallelSum: each message is a chunk of numbers; reply with its sum.
 *
 * This module runs in its own thread, with its own copy of every module it imports: nothing here is
 * shared with the main thread except the messages.
 */
import { parentPort } from "node:worker_threads";

// `parentPort` is null when a file is imported on the main thread; in a worker it is the channel home.
parentPort?.on("message", (numbers: readonly number[]) => {
  let sum = 0;
  // Left to right, like the sequential sum of the same chunk.
  for (const n of numbers) sum += n;
  parentPort?.postMessage(sum);
});
