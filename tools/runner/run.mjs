// @ts-check
/**
 * Running specs through vitest's Node API, with the configuration passed inline (no config file to
 * load on the hot path of a TDD loop).
 */
import { env as settings } from "../core/config.mjs";
import path from "node:path";
import { style } from "../terminal/style.mjs";
import { ROOT, SPEED_OPTIONS, kataProjectConfig } from "./projects.mjs";
import { startEarlyWorker } from "./early-worker.mjs";
import { createWatchdog } from "./watchdog.mjs";
import { checkFolders, formatDiagnostics } from "./types.mjs";

/**
 * A vitest reporter that type-checks the kata's own files beside every run (tsc starts with the run,
 * so the first test result never waits for it) and prints the type errors after vitest's summary, as
 * failures of the kata. Against the solutions it stays silent: the self-check type-checks those.
 * @param {string} root
 * @param {string} folder  root-relative, "katas/01-closure-counter"
 */
function typesReporter(root, folder) {
  /** @type {Promise<import("./types.mjs").TypeDiagnostic[]> | undefined} */
  let pending;
  let errors = 0;
  /** @type {import("vitest/node").Reporter & { errors(): number }} */
  const reporter = {
    onTestRunStart() {
      pending = checkFolders(root, [folder]).catch((error) => {
        process.stderr.write(`(the type check could not run: ${error instanceof Error ? error.message : error})\n`);
        return [];
      });
    },
    async onTestRunEnd() {
      const found = (await pending) ?? [];
      errors = found.length;
      if (found.length === 0) {
        process.stdout.write(`${style.green(" Types ")} ${style.green("✓")} no type errors in ${folder}/ (tsc)\n\n`);
        return;
      }
      const lines = formatDiagnostics(found, folder).map((l) => `   ${l.split("\n").join("\n   ")}`);
      process.stdout.write(
        `${style.red(style.bold(" Types "))} ${style.red(`${found.length} type error${found.length === 1 ? "" : "s"}`)} in ${folder}/ (tsc): ` +
          `the kata is green only when its types check too\n${lines.join("\n")}\n\n`,
      );
      process.exitCode = 1;
    },
    errors: () => errors,
  };
  return reporter;
}

/**
 * @typedef {object} KataRunOptions
 * @property {"learner" | "solution"} [target]   whose files the spec runs against (default: learner)
 * @property {boolean} [watch]                   rerun on save (vitest's own watcher)
 * @property {string} [testNamePattern]          only the tests whose full name matches
 * @property {string} [root]
 */

/**
 * Runs one kata's spec with vitest's own reporter: what `npm test` in a kata folder does.
 * Resolves with the exit code (0 green, 1 red); in watch mode resolves when the watcher closes.
 * A run that hangs (see watchdog.mjs) is stopped with an explanation and exit code 1.
 * @param {import("../core/katas.mjs").Kata} kata
 * @param {KataRunOptions} [options]
 */
export async function runKata(kata, { target = "learner", watch = false, testNamePattern, root = ROOT } = {}) {
  const watchdog = createWatchdog({
    onTrip(event) {
      const file = event.file ? ` (${path.relative(root, event.file)})` : "";
      const note = `\n${style.red(style.bold("Stopped:"))} ${event.message}${file}\n`;
      if (watch) {
        // The watcher goes on: the stuck thread is stopped, vitest reports the run (the worker's
        // exit among its errors), and the note follows it, last on the screen, where it is read.
        stoppedNote = `${note}Fix it and save: the spec runs again.\n\n`;
        void early.terminateRunning();
        return;
      }
      process.stderr.write(note);
      // One run, one verdict: end it here, threads and all.
      process.exit(1);
    },
  });
  /** Why the watchdog stopped the run under way (watch mode), for the reporter below to print. */
  let stoppedNote = "";
  /** @type {import("vitest/node").Reporter} */
  const stoppedReporter = {
    onTestRunEnd() {
      if (stoppedNote) process.stderr.write(stoppedNote);
      stoppedNote = "";
    },
  };
  const config = kataProjectConfig(target, [`katas/${kata.slug}/*.spec.ts`], root, watchdog.env);
  const types = target === "learner" ? typesReporter(root, `katas/${kata.slug}`) : undefined;
  // The spec's worker thread boots while vitest loads (see early-worker.mjs).
  const early = startEarlyWorker({ env: config.test?.env ?? {}, watch, enabled: settings.earlyWorker() !== "off" });
  const { startVitest, ThreadsPoolWorker } = await import("vitest/node");
  watchdog.start();
  try {
    const vitest = await startVitest(
      "test",
      [],
      {
        config: false,
        root,
        watch,
        run: !watch,
        ...(testNamePattern ? { testNamePattern } : {}),
        reporters: ["default", watchdog.reporter, ...(types ? [types] : []), stoppedReporter],
        ...SPEED_OPTIONS,
        ...config.test,
        pool: early.pool(ThreadsPoolWorker),
      },
      { plugins: config.plugins ?? [] },
    );
    if (!vitest) return 1;
    if (watch) {
      await new Promise((resolve) => vitest.onClose(() => resolve(undefined)));
      return 0;
    }
    await vitest.close();
    return process.exitCode === undefined || process.exitCode === 0 ? 0 : Number(process.exitCode);
  } finally {
    watchdog.stop();
    const adopted = await early.close();
    if (settings.earlyWorker() === "report") process.stderr.write(`early worker: ${adopted ? "used" : "not used"}\n`);
  }
}
