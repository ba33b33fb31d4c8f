// @ts-check
/**
 * The guided mode's input side: key presses, and vitest's file events turned into the state
 * machine's events (a save of the current kata, a changed lesson), with the short save debounce.
 */
import path from "node:path";
import { emitKeypressEvents } from "node:readline";
import { dropQueuedRerun } from "../core/internals.mjs";
import { listKatas } from "../core/katas.mjs";
import { currentKata } from "./state.mjs";

/** @typedef {import("./state.mjs").State} State */
/** @typedef {import("./state.mjs").Event} Event */
/** @typedef {(event: Event, options?: { draw?: boolean }) => Promise<void>} Dispatch */
/** @typedef {{ name?: string, sequence?: string, ctrl?: boolean }} Key */

/** A few ms let an editor's truncate-then-write land as one save. */
const SAVE_DEBOUNCE_MS = 8;

/**
 * What a file event means for the guide: nothing, new lesson text or hints (`"lesson"`), or a
 * save of code (`"code"`, of the kata itself or of the kit its specs import).
 * @param {string} file
 * @param {{ kataDir: string, root: string }} where
 * @returns {"lesson" | "kataCode" | "kitCode" | undefined}
 */
export function fileChange(file, { kataDir, root }) {
  const inKata = file.startsWith(kataDir + path.sep);
  const inKit = file.startsWith(path.join(root, "tools", "kit") + path.sep);
  if (!(inKata || inKit)) return undefined;
  if (file.endsWith("kata.json") || file.endsWith(".md")) return "lesson";
  if (!/\.(ts|mts|js|mjs|json)$/.test(file)) return undefined;
  return inKata ? "kataCode" : "kitCode";
}

/**
 * @param {{
 *   root: string,
 *   input: NodeJS.ReadableStream & { isTTY?: boolean, setRawMode?: (raw: boolean) => unknown },
 *   output: NodeJS.WritableStream & { isTTY?: boolean },
 *   keys: boolean,
 *   debounce?: number | undefined,
 *   getState: () => State,
 *   dispatch: Dispatch,
 *   quit: () => Promise<void>,
 *   onResize: () => void,
 * }} options
 */
export function createInput({ root, input, output, keys, debounce = SAVE_DEBOUNCE_MS, getState, dispatch, quit, onResize }) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let saveTimer;
  /** @type {import("vitest/node").Vitest | undefined} */
  let vitest;

  /** @param {string} file */
  function onFileEvent(file) {
    // vitest has invalidated the changed module and queued its own rerun (100 ms later, of every
    // spec that imports the file): the guided mode drives the runs itself, so that one is dropped.
    if (vitest) dropQueuedRerun(vitest);
    const state = getState();
    if (state.closed || state.katas.length === 0) return;
    const change = fileChange(file, { kataDir: currentKata(state).dir, root });
    if (!change) return;
    if (change === "lesson") return void dispatch({ type: "katas", katas: listKatas(root) });
    if (change === "kataCode") dispatch({ type: "katas", katas: listKatas(root) }, { draw: false });
    clearTimeout(saveTimer);
    // Then the current kata's spec runs at once, not after vitest's debounce.
    saveTimer = setTimeout(() => dispatch({ type: "saved" }), debounce);
  }

  /** @param {string | undefined} str @param {Key} [key] */
  function handleKey(str, key = {}) {
    if (getState().closed) return Promise.resolve();
    const name = key.name ?? str ?? "";
    if (key.ctrl && (name === "c" || name === "d")) return quit();
    return dispatch({ type: "key", name, str });
  }

  /** @param {string | undefined} str @param {Key} key */
  const onKeypress = (str, key) => void handleKey(str, key);

  return {
    handleKey,
    /** Starts listening: to the file events of `engineVitest`'s watcher, to keys, to resizes. @param {import("vitest/node").Vitest} engineVitest */
    listen(engineVitest) {
      vitest = engineVitest;
      for (const event of ["change", "add", "unlink"]) vitest.vite.watcher.on(event, onFileEvent);
      if (keys) {
        emitKeypressEvents(input);
        if (input.isTTY && input.setRawMode) input.setRawMode(true);
        input.on("keypress", onKeypress);
        input.resume?.();
      }
      if (output.isTTY) output.on("resize", onResize);
    },
    stop() {
      clearTimeout(saveTimer);
      output.off?.("resize", onResize);
      if (keys) {
        input.off("keypress", onKeypress);
        if (input.isTTY && input.setRawMode) input.setRawMode(false);
        input.pause?.();
      }
    },
  };
}
