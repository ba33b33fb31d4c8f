// @ts-check
/**
 * Setup file for the workbook's own runs (`npm start`, `list`, `compare`), not for `npm test`.
 *
 * The failure screens show the first frame inside katas/ and nothing else, while vitest, for every
 * failing test, reads each stack frame's file from disk to look for a source map before it drops
 * node_modules and node: frames anyway. On a stub with 27 failing tests that was most of a rerun
 * (~250 ms of the save -> screen time). Dropping those frames here, once the error is recorded,
 * changes no result and no message.
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
