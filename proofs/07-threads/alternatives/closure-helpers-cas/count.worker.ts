import { parentPort } from "node:worker_threads";

export interface CountJob {
  readonly counter: SharedArrayBuffer;
  readonly times: number;
}

parentPort?.on("message", (job: CountJob) => {
  const slot = new Int32Array(job.counter);
  let left = job.times;
  while (left-- > 0) Atomics.add(slot, 0, 1);
  parentPort?.postMessage(job.times);
});
