/**
 * The watchdog tells a test stuck in a loop (its worker stops beating) from one that awaits something
 * slow (the beats go on), with the files the setup file writes; here written by the test itself.
 */
import { writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createWatchdog, type WatchdogEvent } from "../tools/runner/watchdog.mjs";

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
