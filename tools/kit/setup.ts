/**
 * Vitest setup file for every kata spec (learner's file or solution alike).
 *
 * 1. fast-check, configured once for the whole workbook: 100 runs per property unless FC_NUM_RUNS
 *    says otherwise, the seed from FC_SEED (and the path from FC_PATH) when given, and on failure the
 *    counterexample followed by the exact command that replays it.
 * 2. The not-implemented bookkeeping: each test's meta records which stub functions it reached, so
 *    the self-check can prove that a stub fails *because* it is not implemented.
 */
import { closeSync, ftruncateSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import fc from "fast-check";
import { afterAll, afterEach, beforeEach, expect, vi } from "vitest";
import { env, LIMITS, THREAD_IDLE } from "../core/config.mjs";
import { replayCommand } from "./replay";
import { busyWorker } from "./leaks"; // 3. a test that leaves a server, socket, worker or timer running fails, naming it
import { NotImplementedError, takeNotImplemented } from "./todo";

declare module "vitest" {
  interface TaskMeta {
    /** Stub functions that threw NotImplementedError during this test. */
    notImplemented?: string[];
  }
}

const numRuns = readInt("FC_NUM_RUNS") ?? 100;
const seed = readInt("FC_SEED");
const replayPath = process.env["FC_PATH"] || undefined;

fc.configureGlobal({
  numRuns,
  ...(seed === undefined ? {} : { seed }),
  ...(replayPath === undefined ? {} : { path: replayPath }),
  reporter: report,
});

function report(out: fc.RunDetails<unknown>): void {
  if (!out.failed) return;
  // A stub's not-implemented error is not a counterexample: show it as it is.
  if (out.errorInstance instanceof NotImplementedError) throw out.errorInstance;
  const message = fc.defaultReportMessage(out) ?? "Property failed";
  const error = new Error(`${message}\n\n${replayHint(out.seed, out.counterexamplePath)}`, {
    cause: out.errorInstance,
  });
  // Point the code frame at the spec's fc.assert, not at this file.
  Error.captureStackTrace?.(error, report);
  throw error;
}

// The workbook's runner watches this file to name the test that hangs (an infinite loop blocks the
// worker, so nothing else could tell it which test is running).
const progressFile = env.progressFile();

// The heartbeat: a timer that only runs while this worker's event loop turns, so that the runner can
// tell a test stuck in a loop (no beats) from one that awaits something slow (beats go on). Once per
// worker, unref'd: it never keeps a worker alive, and the leak guard ignores it.
// It beats from the start of a spec file until the pool says the thread is idle: a thread kept for
// the next run (runner/warm-pool.mjs) must not beat for the one that is stuck.
const beating = globalThis as { __katasBeat?: () => void; __katasFileRunning?: boolean };
beating.__katasFileRunning = true;
if (progressFile && !beating.__katasBeat) {
  parentPort?.on("message", (message: unknown) => {
    if (message === THREAD_IDLE) beating.__katasFileRunning = false;
  });
  const beatFile = `${progressFile}.beat`;
  const busyFile = `${progressFile}.busy`;
  beating.__katasBeat = () => {
    if (!beating.__katasFileRunning) return;
    try {
      writeFileSync(beatFile, "");
      // A worker thread of the learner's that spins: the watchdog names it instead of "a promise".
      const busy = busyWorker();
      if (busy) writeFileSync(busyFile, busy);
    } catch {
      // the run is over and its folder gone; nothing to tell anyone
    }
  };
  setInterval(beating.__katasBeat, LIMITS.heartbeatMs).unref();
}
// A beat as each spec file starts: a file that loops at once is measured from its own start.
beating.__katasBeat?.();

/*
 * 4. Fake timers, marked in the progress file while a test has them on: a test stuck with fake timers
 * installed is most likely draining a timer that reschedules itself (vi.runAllTimers() on a
 * setInterval at 0 ms), not an endless loop of the learner's own, and the watchdog says so.
 */
if (progressFile) {
  const fakeFile = `${progressFile}.fake`;
  const viApi = vi as { useFakeTimers: typeof vi.useFakeTimers; useRealTimers: typeof vi.useRealTimers };
  const marked = viApi as { __katasMarked?: boolean; __katasFakeOn?: boolean };
  if (!marked.__katasMarked) {
    marked.__katasMarked = true;
    const useFake = viApi.useFakeTimers.bind(vi);
    const useReal = viApi.useRealTimers.bind(vi);
    viApi.useFakeTimers = ((...args: Parameters<typeof vi.useFakeTimers>) => {
      writeFileSync(fakeFile, expect.getState().currentTestName ?? "");
      marked.__katasFakeOn = true;
      return useFake(...args);
    }) as typeof vi.useFakeTimers;
    viApi.useRealTimers = (() => {
      unmarkFake();
      return useReal();
    }) as typeof vi.useRealTimers;
  }
  const unmarkFake = () => {
    if (!marked.__katasFakeOn) return;
    rmSync(fakeFile, { force: true });
    marked.__katasFakeOn = false;
  };
  afterEach(unmarkFake);
}

/*
 * The progress file, written as each test starts, through one file descriptor per spec file: on this
 * file system an open-write-close costs about as much as a short test, and every test does it.
 * Opened at the first test, not before: the watchdog reads a missing file as "still loading".
 */
let progressFd: number | undefined;

function noteProgress(text: string): void {
  if (!progressFile) return;
  progressFd ??= openSync(progressFile, "w");
  const bytes = Buffer.from(text);
  writeSync(progressFd, bytes, 0, bytes.length, 0);
  ftruncateSync(progressFd, bytes.length);
}

afterAll(() => {
  if (progressFd !== undefined) closeSync(progressFd);
  progressFd = undefined;
});

beforeEach(() => {
  takeNotImplemented();
  noteProgress(`${expect.getState().testPath ?? ""}\n${expect.getState().currentTestName ?? ""}`);
});

afterEach((context) => {
  const reached = takeNotImplemented();
  if (reached.length === 0) return;
  context.task.meta.notImplemented = reached;
  // When the spec caught the stub's error itself (inside `expect(...).toThrow(RangeError)` or a
  // property), the failure reads as a wrong error type. Say first what is really going on.
  const result = context.task.result as { state?: string; errors?: unknown[] } | undefined;
  if (result?.state === "fail" && Array.isArray(result.errors)) {
    const named = result.errors.some((e) => (e as { name?: unknown } | null)?.name === "NotImplementedError");
    if (!named) {
      const note = new NotImplementedError(reached.join(", "));
      takeNotImplemented(); // the note itself is not the stub's doing
      result.errors.unshift({ name: note.name, message: note.message, stack: `${note.name}: ${note.message}` });
    }
  }
});

function readInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function replayHint(runSeed: number, counterexamplePath: string | null): string {
  const { testPath, currentTestName } = expect.getState();
  const command = replayCommand({
    cwd: process.cwd(),
    here: process.env["INIT_CWD"],
    testPath,
    testName: currentTestName,
    seed: runSeed,
    path: counterexamplePath,
  });
  return `Replay this counterexample:\n  ${command}`;
}

/*
 * 5. The globals a spec file's code put on globalThis are taken off again as the next spec file
 * starts in the same thread: against the globals this thread had once the kit was first set up in
 * it. In the guided mode a thread is kept from run to run (runner/warm-pool.mjs), and the learner's
 * new version must not find what the old one left there.
 */
const GLOBALS = Symbol.for("pattern-katas.globals");
const globalState = globalThis as { [GLOBALS]?: Set<PropertyKey> };
const firstGlobals = (globalState[GLOBALS] ??= new Set([...Reflect.ownKeys(globalThis), GLOBALS]));
for (const key of Reflect.ownKeys(globalThis)) {
  if (!firstGlobals.has(key) && Object.getOwnPropertyDescriptor(globalThis, key)?.configurable) Reflect.deleteProperty(globalThis, key);
}
