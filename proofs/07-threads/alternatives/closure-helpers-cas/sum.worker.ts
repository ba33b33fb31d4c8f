import { parentPort } from "node:worker_threads";

parentPort?.on("message", (numbers: readonly number[]) => {
  let total = 0;
  for (let i = 0; i < numbers.length; i++) total += numbers[i] ?? 0;
  parentPort?.postMessage(total);
});
