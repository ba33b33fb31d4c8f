/**
 * The contract of tools/core/internals.mjs: each private field of vitest and Node the tooling uses
 * still works on the versions installed. A failure here names the function whose field moved; the
 * guard that depends on it would otherwise go blind without a word.
 */
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { ThreadsPoolWorker, createVitest } from "vitest/node";
import { activeHandles, dropQueuedRerun, poolWorkerThread, setPoolWorkerThread, timerDone } from "../tools/core/internals.mjs";

describe("the private fields the tooling relies on (tools/core/internals.mjs)", () => {
  it("poolWorkerThread / setPoolWorkerThread: vitest's ThreadsPoolWorker keeps its thread in _thread and starts one only without it", () => {
    const start = ThreadsPoolWorker.prototype.start.toString();
    expect(start, "ThreadsPoolWorker#start").toMatch(/this\._thread/);
    const fake = Object.create(ThreadsPoolWorker.prototype) as object;
    const thread = {} as import("node:worker_threads").Worker;
    setPoolWorkerThread(fake, thread);
    expect(poolWorkerThread(fake)).toBe(thread);
  });

  it("dropQueuedRerun: vitest's watcher queues changed files in changedTests, a Set", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "pattern-katas-internals-"));
    const vitest = await createVitest("test", { config: false, root, watch: true, include: ["none/*.spec.ts"] }, {}, {});
    try {
      const watcher = vitest.watcher as unknown as { changedTests?: unknown };
      expect(watcher.changedTests, "vitest.watcher.changedTests").toBeInstanceOf(Set);
      (watcher.changedTests as Set<string>).add("x.spec.ts");
      dropQueuedRerun(vitest);
      expect((watcher.changedTests as Set<string>).size).toBe(0);
    } finally {
      await vitest.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("activeHandles: Node still hands out the server objects behind the active resources", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      expect(activeHandles().includes(server), "process._getActiveHandles() holds the listening server").toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("timerDone: Node marks a timer that fired or was cleared, and only those", async () => {
    const pending = setTimeout(() => {}, 60_000);
    const cleared = setTimeout(() => {}, 60_000);
    clearTimeout(cleared);
    const fired = setTimeout(() => {}, 1);
    await sleep(20);
    try {
      expect([timerDone(pending), timerDone(cleared), timerDone(fired)]).toEqual([false, true, true]);
    } finally {
      clearTimeout(pending);
    }
  });
});
