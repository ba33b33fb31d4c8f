#!/usr/bin/env node
// @ts-check
/**
 * The workbook's command line. `npm start`, `npm test` and the other npm scripts all land here.
 * Run `node tools/bin/katas.mjs help` for the commands; the work is done in tools/cli/cli.mjs.
 */
import module from "node:module";
import process from "node:process";

// Node 22.1+ keeps compiled code of vitest and friends on disk between runs (a no-op on Node 20).
/** @type {{ enableCompileCache?: () => unknown }} */ (module).enableCompileCache?.();

// `npm run list | head`: a reader that stops early is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { run } = await import("../cli/cli.mjs");
const code = await run(process.argv.slice(2));
process.exitCode = code;
// The command's verdict is the exit code: a vitest run still winding down (the UI's, after the guided
// mode quit) must not turn a normal quit into a failure.
process.once("exit", () => {
  process.exitCode = code;
});
// The command is done: whatever it left behind (the browser vitest's UI opened for the guided mode's
// `u`, say) must not keep the learner waiting for their prompt. Unref'd: a normal exit is not delayed.
setTimeout(() => process.exit(code), 1000).unref();
