// @ts-check
/**
 * `ui` and the guided mode's `u`: vitest's own UI (@vitest/ui) over the learner's katas, in watch
 * mode. Prints its address; opens a browser only on a terminal.
 */
import { Writable } from "node:stream";
import { kataProjectConfig, ROOT, SPEC_GLOB } from "./projects.mjs";

/**
 * @param {{ root?: string, open?: boolean, quiet?: boolean }} [options]
 *   quiet: keep vitest's own report off the terminal (the guided mode owns the screen)
 * @returns {Promise<{ vitest: import("vitest/node").Vitest, url: string }>}
 */
export async function startUi({ root = ROOT, open = false, quiet = false } = {}) {
  const { startVitest } = await import("vitest/node");
  const config = kataProjectConfig("learner", [SPEC_GLOB], root);
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const vitest = await startVitest(
    "test",
    [],
    { config: false, root, watch: true, ui: true, open, ...config.test, ...(quiet ? { reporters: [{}] } : {}) },
    { plugins: config.plugins ?? [] },
    quiet ? { stdout: /** @type {any} */ (sink), stderr: /** @type {any} */ (sink) } : {},
  );
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
