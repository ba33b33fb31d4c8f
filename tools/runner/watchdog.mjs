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
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { ENV_NAMES, LIMITS } from "../core/config.mjs";

const TEST_TIMEOUT_MS = LIMITS.testTimeoutMs;

/**
 * @typedef {object} WatchdogEvent
 * @property {"stall" | "wait" | "timeouts"} kind
 * @property {string} test     full name of the test ("describe > test"), when known
 * @property {string} file     the spec file, when known
 * @property {string} message  what happened and what to check, for the learner
 */

const CLOCK_SLACK_MS = 100;

const PROGRESS_ROOT = path.join(tmpdir(), "pattern-katas-progress");
let made = 0;

/**
 * A folder of its own for one watchdog, in a folder shared by all: ${pid}-${n}. Folders left by
 * processes that no longer run (killed, or stopped with Ctrl-C) are removed here, so that they do
 * not pile up in the system's temporary directory.
 */
function progressDir() {
  mkdirSync(PROGRESS_ROOT, { recursive: true });
  for (const name of readdirSync(PROGRESS_ROOT)) {
    const pid = Number(name.split("-")[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid)) {
      rmSync(path.join(PROGRESS_ROOT, name), { recursive: true, force: true });
    }
  }
  const dir = path.join(PROGRESS_ROOT, `${process.pid}-${++made}-${threadId}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** @param {number} pid */
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
}

/**
 * @param {string} where  "the test ..." or "a test"
 * @param {number} running  ms
 * @param {string} worker  what the setup file wrote: the worker's file, and where it was started
 */
function busyWorkerMessage(where, running, worker) {
  return (
    `${where} has been waiting for ${(running / 1000).toFixed(0)} s on a worker thread that never finishes: ${worker} ` +
    "keeps its thread busy without a break, so it may be in an endless loop (a `while` whose condition never changes, " +
    "a loop that waits for a value no one writes). The run was stopped."
  );
}

/**
 * @param {{ stallMs?: number, waitMs?: number, loadMs?: number, maxTimeouts?: number, onTrip: (event: WatchdogEvent) => void }} options
 */
export function createWatchdog({ stallMs = LIMITS.stallMs, waitMs = LIMITS.waitMs, loadMs = LIMITS.loadMs, maxTimeouts = 2, onTrip }) {
  const dir = progressDir();
  const progressFile = path.join(dir, "current-test");
  const beatFile = `${progressFile}.beat`;
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  // A run ended by process.exit() (a hang) does not reach stop().
  process.on("exit", removeDir);
  let active = false;
  let runStarted = 0;
  let timeouts = 0;
  let tripped = false;
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let timer;

  function current() {
    try {
      const since = statSync(progressFile).mtimeMs;
      // A progress file left from an earlier run (watch mode) does not count for this one. (File
      // times come from a coarser clock than Date.now(): a few ms early is still this run.)
      if (since < runStarted - CLOCK_SLACK_MS) return undefined;
      const [file = "", test = ""] = readFileSync(progressFile, "utf8").split("\n");
      return { file, test, since };
    } catch {
      return undefined;
    }
  }

  /** When a worker last showed its event loop alive in this run, if it did. */
  function lastBeat() {
    try {
      const at = statSync(beatFile).mtimeMs;
      return at >= runStarted - CLOCK_SLACK_MS ? at : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * What the setup file noticed about the test under way: a worker thread of the learner's that
   * spins (`.busy`, refreshed every beat while it does), fake timers installed (`.fake`).
   * @param {number} since  when the test started
   */
  function clues(since) {
    /** @type {{ busyWorker?: string, fakeTimers?: boolean }} */
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

  /** @param {WatchdogEvent} event */
  function trip(event) {
    if (tripped) return;
    tripped = true;
    onTrip(event);
  }

  function check() {
    if (!active || tripped) return;
    const progress = current();
    if (!progress) {
      const loading = Date.now() - runStarted;
      if (loading < loadMs) return;
      trip({
        kind: "stall",
        test: "",
        file: "",
        message:
          `no test has started ${(loading / 1000).toFixed(0)} s after the run began: loading the spec and your file never ` +
          "finishes. Look for code that runs when the file is imported (outside any function): an infinite loop there " +
          "blocks everything. The run was stopped.",
      });
      return;
    }
    const { file, test, since } = progress;
    const now = Date.now();
    const running = now - since;
    const quiet = now - Math.max(since, lastBeat() ?? 0);
    const where = test ? `the test "${test}"` : "a test";
    const clue = quiet >= stallMs || running >= waitMs ? clues(since) : {};
    if (quiet >= stallMs && clue.fakeTimers) {
      trip({
        kind: "stall",
        test,
        file,
        message:
          `${where} has been running for ${(running / 1000).toFixed(0)} s without ever giving control back, with fake timers ` +
          "on. A timer that schedules itself again (a `setInterval` at 0 ms, a `setTimeout` that starts the next one) keeps " +
          "`vi.runAllTimers()` or `vi.advanceTimersByTime()` going for ever: stop rescheduling once the work is done. The run was stopped.",
      });
    } else if (quiet >= stallMs) {
      trip({
        kind: "stall",
        test,
        file,
        message:
          `${where} has been running for ${(running / 1000).toFixed(0)} s without ever giving control back. Something in ` +
          "your code never returns: an infinite loop (a `while` whose condition never changes, a recursion without a base " +
          "case). The run was stopped.",
      });
    } else if (running >= waitMs && clue.busyWorker) {
      trip({
        kind: "wait",
        test,
        file,
        message: busyWorkerMessage(where, running, clue.busyWorker),
      });
    } else if (running >= waitMs) {
      trip({
        kind: "wait",
        test,
        file,
        message:
          `${where} has been waiting for ${(running / 1000).toFixed(0)} s. Your code returns a promise that never settles: ` +
          "a `new Promise` whose resolve/reject is never called, a reply or an event that never comes (a worker's " +
          "message, its exit). The run was stopped.",
      });
    }
  }

  /** @type {import("vitest/node").Reporter} */
  const reporter = {
    onTestRunStart() {
      active = true;
      tripped = false;
      timeouts = 0;
      runStarted = Date.now();
    },
    onTestRunEnd() {
      active = false;
    },
    onTestCaseResult(testCase) {
      const errors = testCase.result().errors ?? [];
      if (!errors.some((e) => /Test timed out in \d+ms/.test(e.message ?? ""))) return;
      timeouts++;
      // A timeout while a worker thread of the learner's spins: that is the cause, say so at once.
      const busy = clues(0).busyWorker;
      if (busy) {
        trip({ kind: "timeouts", test: testCase.fullName, file: testCase.module.moduleId, message: busyWorkerMessage(`the test "${testCase.fullName}"`, TEST_TIMEOUT_MS, busy) });
      } else if (timeouts >= maxTimeouts) {
        trip({
          kind: "timeouts",
          test: testCase.fullName,
          file: testCase.module.moduleId,
          message:
            `${timeouts} tests timed out (each gets ${TEST_TIMEOUT_MS / 1000} s), the last one "${testCase.fullName}". ` +
            "Your code returns a promise that never settles: a `new Promise` whose resolve/reject is never called, " +
            "an `await` on something that never happens, a `next()` never called. The run was stopped.",
        });
      }
    },
  };

  return {
    reporter,
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
      rmSync(dir, { recursive: true, force: true });
      process.off("exit", removeDir);
    },
  };
}
