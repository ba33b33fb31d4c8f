// @ts-check
/**
 * Running specs through vitest's Node API, with the configuration passed inline (no config file to
 * load on the hot path of a TDD loop).
 */
import path from "node:path";
import { ROOT, kataProjectConfig } from "./projects.mjs";

/**
 * @typedef {object} KataRunOptions
 * @property {"learner" | "solution"} [target]   whose files the spec runs against (default: learner)
 * @property {boolean} [watch]                   rerun on save (vitest's own watcher)
 * @property {string} [testNamePattern]          only the tests whose full name matches
 * @property {string} [root]
 * @property {import("vitest/node").Reporter[] | string[]} [reporters]
 */

/**
 * Runs one kata's spec with vitest's own reporter: what `npm test` in a kata folder does.
 * Resolves with the exit code (0 green, 1 red); in watch mode resolves when the watcher closes.
 * @param {import("./katas.mjs").Kata} kata
 * @param {KataRunOptions} [options]
 */
export async function runKata(kata, { target = "learner", watch = false, testNamePattern, root = ROOT, reporters } = {}) {
  const { startVitest } = await import("vitest/node");
  const config = kataProjectConfig(target, [`katas/${kata.slug}/*.spec.ts`], root);
  const vitest = await startVitest(
    "test",
    [],
    {
      config: false,
      root,
      watch,
      run: !watch,
      ...(testNamePattern ? { testNamePattern } : {}),
      ...(reporters ? { reporters } : {}),
      ...config.test,
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
}

/** @param {string} root @param {string} file */
export function relativeToRoot(root, file) {
  return path.relative(root, file).split(path.sep).join("/");
}
