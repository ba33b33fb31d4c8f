// @ts-check
/**
 * Setup file for every kata run (tools/runner/projects.mjs adds it after tools/kit/setup.ts): `npm test`
 * in a kata folder, `npm start`, `list`, `compare` and the self-check.
 *
 * For every failing test, vitest reads each stack frame's file from disk to look for a source map,
 * including the frames in node_modules (fast-check's, vitest's own) and node: internals, which tell a
 * learner nothing about their code. On a stub with 27 failing tests that was a third of a run
 * (~200 ms of `npm test` in a kata folder, ~250 ms of the guided mode's save -> screen time, ~2 s of
 * the self-check's CPU). Dropping those frames once the error is recorded changes no result and no
 * message; the frames in the learner's files, the spec and the kit stay, with their code frame.
 */
import { afterEach } from "vitest";

const NOISE = /node_modules|\(node:|^\s+at node:|<anonymous>|\(native\)/;

afterEach((context) => {
  for (const error of context.task.result?.errors ?? []) {
    if (typeof error.stack !== "string") continue;
    error.stack = error.stack
      .split("\n")
      .filter((line) => !/^\s+at /.test(line) || !NOISE.test(line))
      .join("\n");
  }
});
