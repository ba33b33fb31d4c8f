// @ts-check
/**
 * One prover process: runs the specs of the candidate folders named on the command line, one folder
 * per vitest run (so the hang guard judges each on its own), in a scratch workbook, and prints one
 * JSON line per folder on stdout. When learner code hangs a run, the watchdog stops it: this process
 * prints a "hung" line for that folder and exits, since a worker stuck in a busy loop cannot be
 * stopped from here; prove.mjs starts a new process for the folders left.
 *
 *   node tools/prove/child.mjs <scratch> <folder>...
 */
import path from "node:path";
import process from "node:process";
import { Writable } from "node:stream";
import { LIMITS } from "../core/config.mjs";
import { kataProjectConfig, SPEED_OPTIONS } from "../runner/projects.mjs";
import { createWatchdog } from "../runner/watchdog.mjs";
import { warmThreadsPool } from "../runner/engine.mjs";
import { catchKind, judgedError } from "./judge.mjs";

const [scratch, ...folders] = process.argv.slice(2);
if (!scratch || folders.length === 0) {
  process.stderr.write("usage: node tools/prove/child.mjs <scratch> <folder>...\n");
  process.exit(2);
}

/** @param {object} line */
const emit = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

/** @type {string | undefined} */
let current;
/** The folder of a mistake is named `<kata>__mistake__<name>` (candidates.mjs). */
const MISTAKE = "__mistake__";
let caughtEarly = false;
// Longer limits than a learner's run: a prover shares the machine with its siblings, and a hang it
// wrongly saw would credit a mistake with a catch it did not earn (or fail a correct alternative).
const watchdog = createWatchdog({
  ...LIMITS.prove,
  onTrip(event) {
    emit({ folder: current, hung: { kind: event.kind, test: event.test, message: event.message } });
    process.exit(0);
  },
});
const config = kataProjectConfig("learner", folders.map((f) => `katas/${f}/*.spec.ts`), scratch, watchdog.env);
const { createVitest } = await import("vitest/node");
// Every candidate runs in a fresh worker (isolation: a mistake's globals never reach the next one),
// started ahead of time while the previous candidate runs.
const pool = await warmThreadsPool();
const sink = new Writable({ write: (_c, _e, done) => done() });
/** @type {unknown[]} */
let unhandled = [];
const vitest = await createVitest(
  "test",
  {
    config: false,
    root: scratch,
    watch: false,
    ...config.test,
    maxWorkers: 1,
    pool: pool.initializer,
    reporters: [
      watchdog.reporter,
      {
        onTestRunEnd(_modules, errors) {
          unhandled = [...errors];
        },
        // A mistake is caught at its first caught failure: the rest of its spec cannot change the
        // verdict, so it is not run (an alternative always runs to the end).
        onTestCaseResult(testCase) {
          if (!current?.includes(MISTAKE) || caughtEarly) return;
          const r = testCase.result();
          if (r.state === "failed" && (r.errors ?? []).some((e) => catchKind(judgedError(e)))) {
            caughtEarly = true;
            void vitest.cancelCurrentRun("test-failure");
          }
        },
      },
    ],
    ...SPEED_OPTIONS,
  },
  { plugins: config.plugins ?? [] },
  { stdout: /** @type {any} */ (sink), stderr: /** @type {any} */ (sink) },
);
watchdog.start();
const specs = await vitest.globTestSpecifications();
for (const folder of folders) {
  current = folder;
  const dir = path.join(scratch, "katas", folder) + path.sep;
  const mine = specs.filter((s) => s.moduleId.startsWith(dir));
  const started = performance.now();
  unhandled = [];
  caughtEarly = false;
  const { testModules } = await vitest.runTestSpecifications(mine);
  /** @type {{ name: string, errors: { name: string, message: string, cause?: string, expectation?: boolean }[] }[]} */
  const failed = [];
  let passed = 0;
  /** @type {string[]} */
  const moduleErrors = [];
  // vitest hands back every module it knows of, earlier runs' too: only this folder's count here.
  for (const module of testModules.filter((m) => m.moduleId.startsWith(dir))) {
    for (const error of module.errors()) moduleErrors.push(`${error.name ?? "Error"}: ${error.message}`);
    for (const test of module.children.allTests()) {
      const r = test.result();
      if (r.state === "passed") passed++;
      else if (r.state === "failed") {
        failed.push({
          name: test.fullName,
          errors: (r.errors ?? []).map(judgedError),
        });
      }
    }
  }
  emit({
    folder,
    passed,
    failed,
    moduleErrors,
    unhandled: unhandled.map((e) => String(/** @type {any} */ (e)?.message ?? e)),
    ms: Math.round(performance.now() - started),
  });
}
watchdog.stop();
await vitest.close();
await pool.close();
process.exit(0);
