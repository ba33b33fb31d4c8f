// @ts-check
/**
 * Learner code will loop forever or wait on a promise that never settles. Vitest's test timeout
 * handles the second kind one test at a time, but cannot interrupt the first: a busy loop blocks the
 * worker, timers included. The watchdog notices both from the outside and ends the run with words a
 * learner can act on:
 *
 * - stall: a test's worker has not given control back to its event loop for `stallMs` (the setup
 *   file records each test as it starts in a progress file, and touches a heartbeat file every
 *   250 ms from a timer: an infinite loop stops both), or no test has started `loadMs` after the run
 *   began (code that runs when a file is imported never finishes; a slow machine gets the longer
 *   allowance here, since loading includes compiling);
 * - wait: a test is still running after `waitMs` while its worker is otherwise alive: a promise that
 *   never settles in a test whose own timeout is longer (kata 07's worker tests allow 60 s);
 * - timeouts: `maxTimeouts` tests timed out in one run: the code leaves promises unsettled, and
 *   waiting for every other test to time out too would only waste the learner's time.
 *
 * The heartbeat is what tells a busy loop from a slow test that awaits: only the first is cut short
 * after 3 s; a test that awaits something slow keeps beating and gets its own timeout, up to `waitMs`.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ENV_NAMES, LIMITS } from "../core/config.mjs";
import { progressDir, removeProgressDir } from "./progress-dir.mjs";

const TEST_TIMEOUT_MS = LIMITS.testTimeoutMs;

/**
 * @typedef {object} WatchdogEvent
 * @property {"stall" | "wait" | "timeouts"} kind
 * @property {string} test     full name of the test ("describe > test"), when known
 * @property {string} file     the spec file, when known
 * @property {string} message  what happened and what to check, for the learner
 */

/** @typedef {{ busyWorker?: string, fakeTimers?: boolean }} Clues */

/** File times come from a coarser clock than Date.now(): a few ms early is still this run. */
const CLOCK_SLACK_MS = 100;

/** @param {number} ms */
const seconds = (ms) => (ms / 1000).toFixed(0);

/**
 * @param {string} where  "the test ..." or "a test"
 * @param {number} running  ms
 * @param {string} worker  what the setup file wrote: the worker's file, and where it was started
 */
function busyWorkerMessage(where, running, worker) {
  return (
    `${where} has been waiting for ${seconds(running)} s on a worker thread that never finishes: ${worker} ` +
    "keeps its thread busy without a break, so it may be in an endless loop (a `while` whose condition never changes, " +
    "a loop that waits for a value no one writes). The run was stopped."
  );
}

/**
 * No test has started yet: a hang if loading has taken `loadMs` or more.
 * @param {number} loading  ms since the run began
 * @param {number} loadMs
 * @returns {WatchdogEvent | undefined}
 */
export function loadingHang(loading, loadMs) {
  if (loading < loadMs) return undefined;
  return {
    kind: "stall",
    test: "",
    file: "",
    message:
      `no test has started ${seconds(loading)} s after the run began: loading the spec and your file never ` +
      "finishes. Look for code that runs when the file is imported (outside any function): an infinite loop there " +
      "blocks everything. The run was stopped.",
  };
}

/**
 * A test under way: a hang if its worker has been quiet for `stallMs` (a loop; under fake timers, one
 * that timers keep going) or the test has run for `waitMs` (a worker thread that spins, or else a
 * promise that never settles). The clues are only needed, and only read, past one of the limits.
 * @param {{ file: string, test: string, running: number, quiet: number, clue: Clues }} test  times in ms
 * @param {{ stallMs: number, waitMs: number }} limits
 * @returns {WatchdogEvent | undefined}
 */
export function testHang({ file, test, running, quiet, clue }, { stallMs, waitMs }) {
  const where = test ? `the test "${test}"` : "a test";
  const at = { test, file };
  if (quiet >= stallMs && clue.fakeTimers) {
    return {
      kind: "stall",
      ...at,
      message:
        `${where} has been running for ${seconds(running)} s without ever giving control back, with fake timers ` +
        "on. A timer that schedules itself again (a `setInterval` at 0 ms, a `setTimeout` that starts the next one) keeps " +
        "`vi.runAllTimers()` or `vi.advanceTimersByTime()` going for ever: stop rescheduling once the work is done. The run was stopped.",
    };
  }
  if (quiet >= stallMs) {
    return {
      kind: "stall",
      ...at,
      message:
        `${where} has been running for ${seconds(running)} s without ever giving control back. Something in ` +
        "your code never returns: an infinite loop (a `while` whose condition never changes, a recursion without a base " +
        "case). The run was stopped.",
    };
  }
  if (running < waitMs) return undefined;
  if (clue.busyWorker) return { kind: "wait", ...at, message: busyWorkerMessage(where, running, clue.busyWorker) };
  return {
    kind: "wait",
    ...at,
    message:
      `${where} has been waiting for ${seconds(running)} s. Your code returns a promise that never settles: ` +
      "a `new Promise` whose resolve/reject is never called, a reply or an event that never comes (a worker's " +
      "message, its exit). The run was stopped.",
  };
}

/**
 * A test timed out: a hang at once if a worker thread of the learner's spins (that is the cause), or
 * once `maxTimeouts` tests have.
 * @param {{ test: string, file: string, timeouts: number, maxTimeouts: number, busyWorker?: string }} timedOut
 * @returns {WatchdogEvent | undefined}
 */
export function timeoutHang({ test, file, timeouts, maxTimeouts, busyWorker }) {
  if (busyWorker) return { kind: "timeouts", test, file, message: busyWorkerMessage(`the test "${test}"`, TEST_TIMEOUT_MS, busyWorker) };
  if (timeouts < maxTimeouts) return undefined;
  return {
    kind: "timeouts",
    test,
    file,
    message:
      `${timeouts} tests timed out (each gets ${TEST_TIMEOUT_MS / 1000} s), the last one "${test}". ` +
      "Your code returns a promise that never settles: a `new Promise` whose resolve/reject is never called, " +
      "an `await` on something that never happens, a `next()` never called. The run was stopped.",
  };
}

/**
 * The test under way, from the progress file the setup file writes. A progress file left from an
 * earlier run (watch mode) does not count for this one.
 * @param {string} progressFile
 * @param {number} runStarted
 */
function readProgress(progressFile, runStarted) {
  try {
    const since = statSync(progressFile).mtimeMs;
    if (since < runStarted - CLOCK_SLACK_MS) return undefined;
    const [file = "", test = ""] = readFileSync(progressFile, "utf8").split("\n");
    return { file, test, since };
  } catch {
    return undefined;
  }
}

/**
 * When a worker last showed its event loop alive in this run, if it did.
 * @param {string} progressFile
 * @param {number} runStarted
 */
function readBeat(progressFile, runStarted) {
  try {
    const at = statSync(`${progressFile}.beat`).mtimeMs;
    return at >= runStarted - CLOCK_SLACK_MS ? at : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the setup file noticed about the test under way: a worker thread of the learner's that
 * spins (`.busy`, refreshed every beat while it does), fake timers installed (`.fake`).
 * @param {string} progressFile
 * @param {number} since  when the test started
 * @returns {Clues}
 */
function readClues(progressFile, since) {
  /** @type {Clues} */
  const found = {};
  try {
    if (Date.now() - statSync(`${progressFile}.busy`).mtimeMs < 1500) found.busyWorker = readFileSync(`${progressFile}.busy`, "utf8");
  } catch {
    // none
  }
  try {
    if (statSync(`${progressFile}.fake`).mtimeMs >= since - CLOCK_SLACK_MS) found.fakeTimers = true;
  } catch {
    // none
  }
  return found;
}

/** @typedef {{ active: boolean, started: number, timeouts: number, tripped: boolean }} RunWatch */

/**
 * The reporter half: marks the run's start and end, and counts the tests that time out.
 * @param {RunWatch} run
 * @param {{ progressFile: string, maxTimeouts: number, trip: (event: WatchdogEvent | undefined) => void }} options
 * @returns {import("vitest/node").Reporter}
 */
function runReporter(run, { progressFile, maxTimeouts, trip }) {
  return {
    onTestRunStart() {
      Object.assign(run, { active: true, tripped: false, timeouts: 0, started: Date.now() });
    },
    onTestRunEnd() {
      run.active = false;
    },
    onTestCaseResult(testCase) {
      const errors = testCase.result().errors ?? [];
      if (!errors.some((e) => /Test timed out in \d+ms/.test(e.message ?? ""))) return;
      run.timeouts++;
      const { busyWorker } = readClues(progressFile, 0);
      trip(timeoutHang({ test: testCase.fullName, file: testCase.module.moduleId, timeouts: run.timeouts, maxTimeouts, busyWorker }));
    },
  };
}

/**
 * @param {{ stallMs?: number, waitMs?: number, loadMs?: number, maxTimeouts?: number, onTrip: (event: WatchdogEvent) => void }} options
 */
export function createWatchdog({ stallMs = LIMITS.stallMs, waitMs = LIMITS.waitMs, loadMs = LIMITS.loadMs, maxTimeouts = 2, onTrip }) {
  const dir = progressDir();
  const progressFile = path.join(dir, "current-test");
  const removeDir = () => removeProgressDir(dir);
  // A run ended by process.exit() (a hang) does not reach stop().
  process.on("exit", removeDir);
  /** @type {RunWatch} */
  const run = { active: false, started: 0, timeouts: 0, tripped: false };
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let timer;

  /** Once per run: the first hang found ends it. @param {WatchdogEvent | undefined} event */
  function trip(event) {
    if (!event || run.tripped) return;
    run.tripped = true;
    onTrip(event);
  }

  function check() {
    if (!run.active || run.tripped) return;
    const progress = readProgress(progressFile, run.started);
    if (!progress) return trip(loadingHang(Date.now() - run.started, loadMs));
    const now = Date.now();
    const running = now - progress.since;
    const quiet = now - Math.max(progress.since, readBeat(progressFile, run.started) ?? 0);
    if (quiet < stallMs && running < waitMs) return;
    trip(testHang({ ...progress, running, quiet, clue: readClues(progressFile, progress.since) }, { stallMs, waitMs }));
  }

  return {
    reporter: runReporter(run, { progressFile, maxTimeouts, trip }),
    progressFile,
    /** Environment for the vitest workers. */
    env: { [ENV_NAMES.progressFile]: progressFile },
    start() {
      timer ??= setInterval(check, 200);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      removeDir();
      process.off("exit", removeDir);
    },
  };
}
