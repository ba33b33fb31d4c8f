import { parentPort } from "node:worker_threads";

parentPort?.on("message", (numbers: readonly number[]) => {
  parentPort?.postMessage(numbers.reduce((total, n) => total + n, 0));
});
