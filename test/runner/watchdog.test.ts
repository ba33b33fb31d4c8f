/**
 * The watchdog tells a test stuck in a loop (its worker stops beating) from one that awaits something
 * slow (the beats go on), with the files the setup file writes; here written by the test itself.
 */
import { writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createWatchdog, loadingHang, testHang, timeoutHang, type WatchdogEvent } from "../../tools/runner/watchdog.mjs";

/** Starts a run with one test in it; `beating` keeps the heartbeat going every 50 ms. */
async function watch(beating: boolean, within: number): Promise<{ event: WatchdogEvent | undefined; ms: number }> {
  let event: WatchdogEvent | undefined;
  const dog = createWatchdog({ stallMs: 400, waitMs: 1200, onTrip: (e) => (event ??= e) });
  const started = Date.now();
  dog.reporter.onTestRunStart?.([]);
  dog.start();
  writeFileSync(dog.progressFile, "katas/01-x/x.spec.ts\n1. x > waits");
  const beat = beating ? setInterval(() => writeFileSync(`${dog.progressFile}.beat`, ""), 50) : undefined;
  try {
    while (!event && Date.now() - started < within) await sleep(20);
    return { event, ms: Date.now() - started };
  } finally {
    clearInterval(beat);
    dog.stop();
  }
}

describe("the watchdog", () => {
  it("stops a test whose worker stopped beating after stallMs, and calls it a loop", async () => {
    const { event, ms } = await watch(false, 3000);
    expect(event?.kind).toBe("stall");
    expect(event?.test).toBe("1. x > waits");
    expect(event?.message).toContain("infinite loop");
    // Not before stallMs. How soon after it depends on the machine's load; the kind ("stall", not
    // "wait", which only trips at waitMs) is what tells the loop from the slow promise.
    expect(ms).toBeGreaterThanOrEqual(400);
  });

  it("lets a test that awaits while its worker beats run until waitMs, then calls it a promise that never settles", async () => {
    const { event, ms } = await watch(true, 4000);
    expect(event?.kind).toBe("wait");
    expect(event?.message).toContain("never settles");
    expect(ms).toBeGreaterThanOrEqual(1200);
  });
});

describe("the watchdog's verdicts", () => {
  const limits = { stallMs: 3000, waitMs: 10000 };
  const at = { file: "katas/01-x/x.spec.ts", test: "1. x > waits" };

  it("waits for loading up to loadMs, then blames code that runs on import", () => {
    expect(loadingHang(999, 1000)).toBeUndefined();
    expect(loadingHang(4000, 1000)).toMatchObject({ kind: "stall", test: "", message: expect.stringContaining("no test has started 4 s") });
  });

  it("names a quiet worker a loop, or a self-rescheduling timer under fake timers", () => {
    expect(testHang({ ...at, running: 2000, quiet: 2000, clue: {} }, limits)).toBeUndefined();
    expect(testHang({ ...at, running: 3000, quiet: 3000, clue: {} }, limits)?.message).toContain("infinite loop");
    const timers = testHang({ ...at, running: 3000, quiet: 3000, clue: { fakeTimers: true } }, limits);
    expect(timers).toMatchObject({ kind: "stall", ...at, message: expect.stringContaining("schedules itself again") });
  });

  it("names a long wait a spinning worker thread if one spins, else a promise that never settles", () => {
    const worker = "count.worker.ts (started at counter.ts:3)";
    expect(testHang({ ...at, running: 10000, quiet: 0, clue: { busyWorker: worker } }, limits)).toMatchObject({ kind: "wait", message: expect.stringContaining(worker) });
    expect(testHang({ ...at, running: 10000, quiet: 0, clue: {} }, limits)?.message).toContain("never settles");
  });

  it("stops at the first timeout while a worker thread spins, else at maxTimeouts", () => {
    const timedOut = { ...at, maxTimeouts: 2 };
    expect(timeoutHang({ ...timedOut, timeouts: 1 })).toBeUndefined();
    expect(timeoutHang({ ...timedOut, timeouts: 1, busyWorker: "count.worker.ts" })?.message).toContain("worker thread that never finishes");
    expect(timeoutHang({ ...timedOut, timeouts: 2 })).toMatchObject({ kind: "timeouts", message: expect.stringContaining("2 tests timed out") });
  });
});
