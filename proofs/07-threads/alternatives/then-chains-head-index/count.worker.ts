import { parentPort } from "node:worker_threads";

export interface CountJob {
  readonly counter: SharedArrayBuffer;
  readonly times: number;
}

parentPort?.on("message", ({ counter, times }: CountJob) => {
  const view = new Int32Array(counter);
  for (let done = 0; done < times; done++) {
    // Compare-and-swap: write old + 1 only if nobody changed the slot since we read it; else retry.
    let old = Atomics.load(view, 0);
    while (Atomics.compareExchange(view, 0, old, old + 1) !== old) old = Atomics.load(view, 0);
  }
  parentPort?.postMessage(times);
});
