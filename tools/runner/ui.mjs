// @ts-check
/**
 * `ui` and the guided mode's `u`: vitest's own UI (@vitest/ui) over the learner's katas, in watch
 * mode. Prints its address, then one line per run (the report itself is the UI's); opens a browser
 * only on a terminal. The hang guard of every other run watches here too: a test stuck in an endless
 * loop or on a promise that never settles is stopped (its worker thread terminated), the UI shows
 * the run failed with the watchdog's words as its error, and the next save runs it again.
 */
import { Writable } from "node:stream";
import { startEarlyWorker } from "./early-worker.mjs";
import { kataProjectConfig, ROOT, SPEC_GLOB } from "./projects.mjs";
import { createWatchdog } from "./watchdog.mjs";

/**
 * @param {{ root?: string, open?: boolean, quiet?: boolean, say?: (line: string) => void }} [options]
 *   quiet: nothing on the terminal (the guided mode owns the screen); say: where the address-less
 *   run lines and hang notes go otherwise (default: stdout)
 * @returns {Promise<{ vitest: import("vitest/node").Vitest, url: string }>}
 */
export async function startUi({ root = ROOT, open = false, quiet = false, say = (line) => void process.stdout.write(`${line}\n`) } = {}) {
  const { startVitest, ThreadsPoolWorker } = await import("vitest/node");
  /** @type {import("vitest/node").Vitest | undefined} */
  let vitest;
  const watchdog = createWatchdog({
    onTrip(event) {
      const error = new Error(`Stopped: ${event.message}`);
      error.stack = error.message;
      vitest?.state.catchError(error, "Unhandled Error");
      if (!quiet) say(`Stopped: ${event.message}\nFix it and save: the spec runs again.`);
      void threads.terminateRunning();
    },
  });
  const config = kataProjectConfig("learner", [SPEC_GLOB], root, watchdog.env);
  // Not an early thread: only vitest's own, tracked so that a stuck one can be stopped.
  const threads = startEarlyWorker({ env: config.test?.env ?? {}, watch: true, enabled: false });
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  /** @type {import("vitest/node").Reporter} */
  const runLine = {
    onTestRunEnd(modules) {
      if (quiet) return;
      const tests = modules.flatMap((m) => [...m.children.allTests()]);
      const passed = tests.filter((t) => t.result().state === "passed").length;
      say(`run: ${passed}/${tests.length} tests pass (details in the UI)`);
    },
  };
  vitest = await startVitest(
    "test",
    [],
    {
      config: false,
      root,
      watch: true,
      ui: true,
      open,
      ...config.test,
      pool: threads.pool(ThreadsPoolWorker),
      reporters: [watchdog.reporter, runLine],
    },
    { plugins: config.plugins ?? [] },
    { stdout: /** @type {any} */ (sink), stderr: /** @type {any} */ (sink) },
  );
  watchdog.start();
  vitest.onClose(() => {
    watchdog.stop();
    void threads.close();
  });
  const address = vitest.vite.httpServer?.address();
  const port = address && typeof address === "object" ? address.port : vitest.vite.config.server.port;
  const url = `http://localhost:${port}${vitest.config.uiBase}`;
  return { vitest, url };
}

/**
 * The `ui` command: starts the UI and keeps it running until Ctrl-C.
 * @param {{ root?: string }} [options]
 */
export async function runUi({ root = ROOT } = {}) {
  const open = Boolean(process.stdout.isTTY);
  const { vitest, url } = await startUi({ root, open });
  console.log(`\nVitest UI for your katas: ${url}${open ? "" : "  (open it in a browser)"}\nCtrl-C stops it.`);
  await new Promise((resolve) => vitest.onClose(() => resolve(undefined)));
  return 0;
}
