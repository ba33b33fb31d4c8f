/*
 * Learner code that hangs or leaks, run against a spec the way a learner runs it (`npm test` in a
 * kata folder, i.e. `katas.mjs test <kata>`): every run must end, non-zero, with a message that says
 * what happened, soon after the learner's code got stuck. One temporary workbook, the fixture katas
 * of test/fixtures/hang-guards/ (real files, type-checked with the rest), their runs side by side
 * (each case in a run of its own would cost a vitest start each):
 *
 *   01-leaks            a server left listening, a worker left running, a timer left pending (the
 *                       leak guard, tools/kit/leaks.ts), a promise that never settles (the test
 *                       timeout), and a test that cleans up after itself (must stay green)
 *   02-endless-loop     an infinite synchronous loop (the watchdog's stall detection ends the run,
 *                       after the same 3 s a learner's run waits)
 *   03-spinning-worker  a worker thread that never answers: named as the cause
 *   04-fake-interval    a timer that reschedules itself under fake timers: named as the cause
 */
import { spawn } from "node:child_process";
import { cpSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkbook } from "../helpers/workbook";

/**
 * How long a run may go on once its spec file has started (the spec writes the moment to
 * `started.txt`): the 2 s test timeout or the 3 s stall, the leak guard, stopping the worker, the
 * type check's last part and the summary. The start-up before it (vitest, the transform, tsc) is the
 * machine's speed, not the guards', and is left out: on a busy CI machine it alone took 4 to 6 s.
 * On a machine whose run queue is longer than its cores (the load average says so) the bound is
 * stretched by that factor, and says so when it fails.
 */
const AFTER_START_MS = 7_000;
const OVERLOAD = Math.max(1, (os.loadavg()[0] ?? 0) / (os.availableParallelism?.() ?? os.cpus().length));
const LIMIT_MS = Math.round(AFTER_START_MS * OVERLOAD);
/** A run still going after this has failed anyway: it is killed, not left behind. */
const KILL_MS = 60_000;

/** The fixture katas, real files that tsc checks: one folder each, copied into the workbook's katas/. */
const FIXTURES = path.join(import.meta.dirname, "../fixtures/hang-guards");

type Run = { status: number | null; signal: NodeJS.Signals | null; output: string; ms: number; endedAt: number };

function runKataIn(root: string, slug: string): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "tools/bin/katas.mjs"), "test", slug], {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", INIT_CWD: path.join(root, "katas", slug), KATAS_EARLY_WORKER: "report" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    // Far past the limit: a run that is still going has failed the test anyway; do not leave it behind.
    const killer = setTimeout(() => child.kill("SIGKILL"), KILL_MS);
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(killer);
      resolve({ status, signal, output, ms: Date.now() - started, endedAt: Date.now() });
    });
  });
}

describe("learner code that hangs or leaks ends the kata's run clearly", () => {
  let wb: ReturnType<typeof makeWorkbook>;
  const runs: Record<string, Run> = {};

  beforeAll(async () => {
    wb = makeWorkbook();
    const slugs = readdirSync(FIXTURES);
    for (const slug of slugs) cpSync(path.join(FIXTURES, slug), path.join(wb.root, "katas", slug), { recursive: true });
    const results = await Promise.all(slugs.map((slug) => runKataIn(wb.root, slug)));
    slugs.forEach((slug, i) => (runs[slug] = results[i] as Run));
  }, KILL_MS + 30_000);
  afterAll(() => wb?.dispose());

  const ended = (slug: string) => {
    const run = runs[slug] as Run;
    expect(run.signal, `${slug} was still running after ${KILL_MS} ms:\n${run.output}`).toBeNull();
    expect(run.status, run.output).toBe(1);
    const startedAt = Number(readFileSync(path.join(wb.root, "katas", slug, "started.txt"), "utf8"));
    const afterStart = run.endedAt - startedAt;
    const bound = OVERLOAD > 1 ? `${LIMIT_MS} ms (${AFTER_START_MS} ms stretched ×${OVERLOAD.toFixed(1)} for the machine's load)` : `${LIMIT_MS} ms`;
    expect(afterStart, `${slug} ended ${afterStart} ms after its spec started (${run.ms} ms in all), over ${bound}:\n${run.output}`).toBeLessThan(LIMIT_MS);
    return run.output;
  };

  it("fails a test that leaves a server listening, naming its address", () => {
    const output = ended("01-leaks");
    expect(output).toMatch(/LeakError: This test left resources running after it ended:\n\s+- a server still listening \(listening on 127\.0\.0\.1:\d+\): close it/);
    expect(output).toMatch(/FAIL .*leaks > starts a server/);
  });

  it("fails a test that leaves a worker thread running, naming where it was started", () => {
    const output = ended("01-leaks");
    expect(output).toMatch(/- a worker thread still running \(threadId \d+, started at katas\/01-leaks\/leaks\.ts:\d+\)/);
    expect(output).toMatch(/FAIL .*leaks > starts a worker/);
  });

  it("fails a test that leaves a real timer pending, naming where it was started", () => {
    const output = ended("01-leaks");
    expect(output).toMatch(/- a timer still pending \(setInterval\(…, 1000\) started at katas\/01-leaks\/leaks\.ts:\d+\): clear it/);
    expect(output).toMatch(/FAIL .*leaks > starts a ticker/);
  });

  it("keeps a test that closes what it opened green", () => {
    const output = ended("01-leaks");
    expect(output).not.toMatch(/FAIL .*serves once and cleans up/);
    expect(output).toMatch(/Tests\s+4 failed \| 1 passed \(5\)/);
  });

  it("runs the spec in the worker thread started before vitest loaded (tools/runner/early-worker.mjs)", () => {
    // If a vitest upgrade asks for other arguments or environment, the early thread goes unused: the
    // run still works, only slower. This says so.
    expect(ended("01-leaks")).toContain("early worker: used");
  });

  it("fails a test whose promise never settles, saying it timed out, and goes on", () => {
    const output = ended("01-leaks");
    expect(output).toMatch(/FAIL .*leaks > waits for a promise\n.*Test timed out in 2000ms/);
  });

  it("names a worker thread that spins as the cause, not a promise that never settles", () => {
    const output = ended("03-spinning-worker");
    expect(output).toMatch(/Stopped: the test "work > gets (an answer|another)" has been waiting for \d+ s on a worker thread that never finishes: count\.worker\.ts \(started at katas\/03-spinning-worker\/work\.ts:\d+\)/);
    expect(output).not.toContain("a promise that never settles");
  });

  it("names a self-rescheduling timer under fake timers as the cause, not an endless loop of the learner's", () => {
    const output = ended("04-fake-interval");
    expect(output).toMatch(/Stopped: the test "ticker > ticks" has been running for \d+ s without ever giving control back, with fake timers on/);
    expect(output).toContain("A timer that schedules itself again");
  });

  it("stops a run stuck in an infinite loop, naming the test", () => {
    const output = ended("02-endless-loop");
    expect(output).toMatch(/Stopped: the test "loops > returns a number" has been running for \d+ s/);
    expect(output).toContain("an infinite loop");
  });
});
