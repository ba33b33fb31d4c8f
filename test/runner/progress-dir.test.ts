/**
 * The watchdog's folder goes when its engine closes, even while a test thread that is being torn
 * down still writes into it: closing a command must not fail on that (it did once in CI, with
 * ENOTEMPTY from `npm start` without a terminal).
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { expect, it } from "vitest";
import { progressDir, removeProgressDir } from "../../tools/runner/progress-dir.mjs";

it("removes the folder without throwing while another thread keeps writing files into it", async () => {
  const dir = progressDir();
  writeFileSync(path.join(dir, "current-test"), "");
  // A writer that never stops until told: the removal runs against it, not after it.
  const writer = new Worker(
    `const { writeFileSync } = require("node:fs");
     const { parentPort, workerData } = require("node:worker_threads");
     let n = 0;
     const stop = Date.now() + 2000;
     while (Date.now() < stop) {
       try { writeFileSync(workerData + "/beat-" + (n++ % 50), ""); } catch {}
       if (n === 100) parentPort.postMessage("writing");
     }`,
    { eval: true, workerData: dir },
  );
  try {
    await new Promise((resolve) => writer.once("message", resolve));
    expect(() => removeProgressDir(dir)).not.toThrow();
  } finally {
    await writer.terminate();
  }
  removeProgressDir(dir);
  expect(existsSync(dir), "gone once nobody writes").toBe(false);
});
