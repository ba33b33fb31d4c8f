// @ts-check
/**
 * The guided mode's effects that are not runs: a hint, compare, reset, play.ts, the vitest UI. Each
 * does its I/O and reports what came of it as an event, through `dispatch`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { compareKata } from "../commands/compare.mjs";
import { hintsSeen, takeHint } from "../commands/hint.mjs";
import { resetKata } from "../commands/reset.mjs";
import { LIMITS } from "../core/config.mjs";
import { indent } from "../terminal/screen.mjs";

/** @typedef {import("../core/katas.mjs").Kata} Kata */
/** @typedef {import("./screens.mjs").Paint} Paint */
/** @typedef {import("./input.mjs").Dispatch} Dispatch */
/** @typedef {{ root: string, c: Paint, dispatch: Dispatch }} Context */

/**
 * One more hint each press; a new session starts again after the hints seen before.
 * @param {Kata} kata @param {number} shown  hints on screen so far @param {Context} context
 */
export function showHint(kata, shown, { root, dispatch }) {
  const from = shown === 0 ? hintsSeen(kata, root) : shown;
  return dispatch({ type: "hintShown", n: takeHint(kata, { root, n: Math.min(from + 1, kata.meta.hints.length) }).n });
}

/** @param {Kata} kata @param {Context} context */
export function showCompare(kata, { root, c, dispatch }) {
  const text = compareKata(kata, { root, color: c.enabled });
  return dispatch({ type: "panel", text: `${text}\n${c.dim("(your files are unchanged; the next save or r goes back to the tests)")}` });
}

/** @param {Kata} kata @param {Context} context */
export function reset(kata, { root, dispatch }) {
  const { backup, restored } = resetKata(kata, { root });
  return dispatch({ type: "resetDone", slug: kata.slug, backup, restored });
}

/** Runs it as a program: the kata's play.ts on the learner's code, its output in the panel. @param {Kata} kata @param {Context} context */
export async function play(kata, { root, c, dispatch }) {
  if (!existsSync(path.join(kata.dir, "play.ts"))) return dispatch({ type: "failed", error: `${kata.slug} has no play.ts.` });
  dispatch({ type: "busy", message: `Running katas/${kata.slug}/play.ts…` });
  const { runPlay } = await import("../play/run.mjs");
  const r = await runPlay(kata, { root, capture: true, timeoutMs: LIMITS.playGuidedMs });
  const lines = r.output.trimEnd().split("\n").slice(-24);
  const last = r.stopped ? c.red(`Stopped: ${r.stopped}`) : c.dim(`(exit code ${r.code}; in a terminal of its own, \`npm run play -- ${kata.number}\` takes arguments and input)`);
  dispatch({ type: "panel", text: [c.bold(`npm run play -- ${kata.number}`), indent(lines.join("\n"), "  │ "), last].join("\n") });
}

/**
 * The vitest UI, started on the first `u` and kept until the guide closes.
 * @param {{ root: string, openBrowser: boolean, dispatch: Dispatch }} options
 */
export function createUi({ root, openBrowser, dispatch }) {
  /** @type {import("vitest/node").Vitest | undefined} */
  let ui;
  return {
    async open() {
      if (ui) return;
      dispatch({ type: "busy", message: "Starting the vitest UI…" });
      try {
        const { startUi } = await import("../runner/ui.mjs");
        const started = await startUi({ root, open: openBrowser, quiet: true });
        ui = started.vitest;
        dispatch({ type: "uiStarted", url: started.url });
      } catch (error) {
        dispatch({ type: "failed", error: `Could not start the vitest UI: ${/** @type {Error} */ (error).message}` });
      }
    },
    close: () => ui?.close(),
  };
}
