/**
 * The contract of tools/core/internals.mjs: each private field of vitest and Node the tooling uses
 * still works on the versions installed. A failure here names the function whose field moved; the
 * guard that depends on it would otherwise go blind without a word.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { ThreadsPoolWorker, createVitest } from "vitest/node";
import { activeHandles, detachPoolWorkerThread, dropQueuedRerun, invalidateInWorkers, poolWorkerThread, setPoolWorkerThread, timerDone, workerRequestType, workerResponse } from "../../tools/core/internals.mjs";

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

  it("detachPoolWorkerThread: ThreadsPoolWorker#stop unpipes its thread's output, gives back the listener slots and forgets the thread", () => {
    const stop = ThreadsPoolWorker.prototype.stop.toString();
    for (const step of [/this\.thread\.terminate\(\)/, /stdout\?*\.unpipe\(this\.stdout\)/, /stderr\?*\.unpipe\(this\.stderr\)/, /setMaxListeners/, /this\._thread = (void 0|undefined)/]) {
      expect(stop, "ThreadsPoolWorker#stop").toMatch(step);
    }
    const piped: string[] = [];
    const stream = () => ({ setMaxListeners: (n: number) => piped.push(`max ${n}`), getMaxListeners: () => 11 });
    const thread = { stdout: { unpipe: () => piped.push("out") }, stderr: { unpipe: () => piped.push("err") } } as unknown as import("node:worker_threads").Worker;
    const fake = Object.assign(Object.create(ThreadsPoolWorker.prototype) as object, { stdout: stream(), stderr: stream() });
    setPoolWorkerThread(fake, thread);
    expect(detachPoolWorkerThread(fake)).toBe(thread);
    expect(poolWorkerThread(fake)).toBeUndefined();
    expect(piped).toEqual(["out", "max 10", "err", "max 10"]);
  });

  it("invalidateInWorkers: vitest's watcher collects the files to invalidate in invalidates, a Set", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "pattern-katas-internals-"));
    const vitest = await createVitest("test", { config: false, root, watch: true, include: ["none/*.spec.ts"] }, {}, {});
    try {
      invalidateInWorkers(vitest, ["/a/x.ts"]);
      expect((vitest.watcher as unknown as { invalidates?: unknown }).invalidates, "vitest.watcher.invalidates").toEqual(new Set(["/a/x.ts"]));
    } finally {
      await vitest.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("workerRequestType / workerResponse: a pool worker is started, runs and is stopped by marked requests, and answers in kind", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "pattern-katas-internals-"));
    writeFileSync(path.join(root, "a.spec.ts"), 'import { it } from "vitest";\nit("runs", () => {});\n');
    const requests: string[] = [];
    const answers: unknown[] = [];
    class Recording extends ThreadsPoolWorker {
      override send(message: unknown): void {
        const type = workerRequestType(message);
        if (type) requests.push(type);
        super.send(message as never);
      }
      override async start(): Promise<void> {
        await super.start();
        poolWorkerThread(this)?.on("message", (m: { __vitest_worker_response__?: unknown; type?: unknown }) => {
          if (m?.__vitest_worker_response__) answers.push(m.type);
        });
      }
    }
    const vitest = await createVitest(
      "test",
      { config: false, root, watch: false, include: ["*.spec.ts"], reporters: [{}], pool: { name: "recording", createPoolWorker: (options) => new Recording(options) } },
      {},
      {},
    );
    try {
      await vitest.start();
      const states = vitest.state.getFiles().map((f) => f.result?.state);
      // The worker's "stopped" may come after the run has resolved: closing waits for it.
      await vitest.close();
      expect(states, "the spec ran").toEqual(["pass"]);
      expect(requests, "the requests of vitest's pool runner").toEqual(["start", "run", "stop"]);
      expect(answers, "its worker's answers").toEqual(expect.arrayContaining(["started", "stopped"]));
      expect(workerResponse("started")).toEqual({ type: "started", __vitest_worker_response__: true });
      expect(workerRequestType({ type: "run" }), "a message without the mark is the RPC's").toBeUndefined();
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
