// @ts-check
/**
 * Every setting of the tooling in one place: the `KATAS_*` environment variables it reads (each read
 * here, through a function, so that a test can set one before a run), and the time limits of the
 * runs. CONTRIBUTING.md's "Environment variables" table lists the same variables for maintainers;
 * learners need none of them.
 */

/** The `KATAS_*` variables, read when asked (not at import time). */
export const env = {
  /** `KATAS_CHECK_ANYWAY=1`: run the self-check on a workbook whose kata files differ from their stubs. */
  checkAnyway: () => process.env["KATAS_CHECK_ANYWAY"] === "1",
  /** `KATAS_CHECK_WORKERS=n`: vitest's workers in the self-check (undefined: the default). */
  checkWorkers: () => Number(process.env["KATAS_CHECK_WORKERS"]) || undefined,
  /** `KATAS_CHECK_TIMELINE=1`: the self-check prints on stderr when each test file starts and ends. */
  checkTimeline: () => Boolean(process.env["KATAS_CHECK_TIMELINE"]),
  /** `KATAS_EARLY_WORKER=0`: no worker thread started before vitest loads; `report`: say whether vitest took it. */
  earlyWorker: () => /** @type {"on" | "off" | "report"} */ (process.env["KATAS_EARLY_WORKER"] === "0" ? "off" : process.env["KATAS_EARLY_WORKER"] === "report" ? "report" : "on"),
  /** `KATAS_FS_CACHE=0`: turn off vitest's file-system module cache. */
  fsCache: () => process.env["KATAS_FS_CACHE"] !== "0",
  /** `KATAS_LEAK_CHECK=0`: turn off the leak guard of the kit. */
  leakCheck: () => process.env["KATAS_LEAK_CHECK"] !== "0",
  /** `KATAS_TARGET=solution`: set by the solution project; the kit's `kataFile()` points at solutions/. */
  target: () => (process.env["KATAS_TARGET"] === "solution" ? "solution" : "learner"),
  /** `KATAS_PROGRESS_FILE`: set by the runner; where a test worker writes the running test and its heartbeat. */
  progressFile: () => process.env["KATAS_PROGRESS_FILE"],
  /** `KATAS_MUTATE_KATA`: set by `npm run mutate`; the kata Stryker's vitest runs. */
  mutateKata: () => process.env["KATAS_MUTATE_KATA"],
};

/** The names of the variables the runner and the scripts set for their children. */
export const ENV_NAMES = {
  target: "KATAS_TARGET",
  progressFile: "KATAS_PROGRESS_FILE",
  play: "KATAS_PLAY",
  mutateKata: "KATAS_MUTATE_KATA",
};

/**
 * The time limits of a learner's run, in milliseconds. A test gets `testTimeoutMs`; the watchdog
 * (runner/watchdog.mjs) stops a run whose test has not given control back for `stallMs` (an endless
 * loop), that has awaited for `waitMs` (a promise that never settles, where the test timeout could
 * not fire), or that has not started a test `loadMs` after it began; test workers beat every
 * `heartbeatMs`.
 */
/**
 * What the test-thread pool (runner/warm-pool.mjs) posts to a thread it keeps idle for the next run;
 * the kit's setup stops that thread's heartbeat on it.
 */
export const THREAD_IDLE = "pattern-katas:thread-idle";

export const LIMITS = {
  testTimeoutMs: 2000,
  heartbeatMs: 250,
  stallMs: 3000,
  waitMs: 7000,
  loadMs: 8000,
  /** `npm run play`: silence after the program's first beat that counts as a hang. */
  playStallMs: 3000,
  /** `npm run play`: how long the program may take to start (tsx's transform) before its first beat. */
  playLoadMs: 12_000,
  /** A play run from the guided mode (`g`) ends after this, whatever it does. */
  playGuidedMs: 10_000,
  /** A play run from the self-check ends after this. */
  playCheckMs: 20_000,
  /**
   * `npm run prove`: a candidate's run is judged by the same watchdog with wider limits, since
   * many runs share the machine's cores at once.
   */
  prove: { stallMs: 10_000, waitMs: 20_000, loadMs: 30_000 },
  /**
   * The guided mode keeps a test thread from run to run (runner/warm-pool.mjs); after this many spec
   * files it is replaced by a fresh one, so that whatever a long session piles up in it stays bounded.
   */
  keptThreadRuns: 200,
};
