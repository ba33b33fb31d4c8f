// @ts-check
/**
 * The guided mode of `npm start`: one long-lived vitest instance in watch mode, our own screen.
 *
 * - Opens on the first kata that is not green; shows its title, lesson, passed/total, the first
 *   failing test (name, message, where) and the progress over all katas.
 * - Reruns the current kata's spec on every save of a file of that kata. The file events are vitest's
 *   own (its Vite watcher, which also invalidates the changed module); the run is started at once
 *   instead of after vitest's 100 ms debounce, and only the current kata's spec runs.
 * - Keys: h hint, n next (once green, never automatically), p previous, l list, g run it (play.ts), c compare, x reset,
 *   r rerun, u vitest UI, q quit.
 *
 * `createGuide({ root, input, output })` is the whole mode behind an API: the CLI hands it the
 * process's terminal, the tests hand it fake streams and call `press()`. This module is its thin
 * I/O shell: the rules are the pure `update(state, event)` of state.mjs, the screens the pure
 * functions of screens.mjs; events come in from input.mjs (keys, file events) and runs.mjs
 * (finished runs), effects go out to runs.mjs and effects.mjs (hints, compare, reset, play, the UI).
 */
import { listKatas } from "../core/katas.mjs";
import { ROOT } from "../core/paths.mjs";
import { readState, updateState } from "../core/state.mjs";
import { CLEAR, paint, stripAnsi, wantsColor } from "../terminal/screen.mjs";
import { createUi, play, reset, showCompare, showHint } from "./effects.mjs";
import { createInput } from "./input.mjs";
import { createRuns } from "./runs.mjs";
import { renderScreen } from "./screens.mjs";
import { currentKata, initialState, orderedResults, update } from "./state.mjs";

/** @typedef {import("../core/katas.mjs").Kata} Kata */
/** @typedef {import("./state.mjs").State} State */

/**
 * @typedef {object} GuideOptions
 * @property {string} [root]
 * @property {NodeJS.ReadableStream & { isTTY?: boolean, setRawMode?: (raw: boolean) => unknown }} [input]
 * @property {NodeJS.WritableStream & { isTTY?: boolean, columns?: number }} [output]
 * @property {boolean} [color]   default: from the output stream and NO_COLOR/FORCE_COLOR
 * @property {boolean} [keys]    listen to key presses on `input` (default: true)
 * @property {(screen: string) => void} [onRender]  called after each screen is written
 * @property {{ warm?: boolean, keep?: boolean, fastStacks?: boolean, debounce?: number }} [tuning]
 *   the speed-ups, on by default (debounce: ms after a file event, vitest's own is 100), adjustable
 *   only to measure what each one buys
 */

/**
 * The screen: drawn from the state, counted, and handed to whoever waits for the next one.
 * @param {{ root: string, output: NodeJS.WritableStream & { columns?: number }, c: import("./screens.mjs").Paint, onRender?: ((screen: string) => void) | undefined }} options
 */
function createDisplay({ root, output, c, onRender }) {
  let screen = "";
  let renders = 0;
  /** @type {Array<(screen: string) => void>} */
  let waiting = [];
  return {
    /** @param {State} state */
    render(state) {
      if (state.closed || state.view === "opening") return;
      screen = renderScreen(state, { root, c, columns: output.columns });
      renders++;
      output.write(CLEAR + screen + "\n");
      onRender?.(screen);
      const plain = stripAnsi(screen);
      const callbacks = waiting;
      waiting = [];
      for (const cb of callbacks) cb(plain);
    },
    /** The next screen (ANSI-stripped) that satisfies `predicate`. @param {(screen: string) => boolean} predicate */
    next(predicate) {
      return new Promise((resolve) => {
        const check = (/** @type {string} */ s) => (predicate(s) ? resolve(s) : waiting.push(check));
        waiting.push(check);
      });
    },
    get screen() {
      return screen;
    },
    get renders() {
      return renders;
    },
  };
}

/**
 * Who carries out each effect of the state machine.
 * @param {import("./effects.mjs").Context & {
 *   runs: ReturnType<typeof createRuns>,
 *   ui: ReturnType<typeof createUi>,
 *   getState: () => State,
 *   quit: () => Promise<void>,
 * }} parts
 */
function effectHandler({ root, c, dispatch, runs, ui, getState, quit }) {
  const context = { root, c, dispatch };
  /** @param {string} slug */
  const kataOf = (slug) => /** @type {Kata} */ (getState().katas.find((k) => k.slug === slug));
  /** @param {import("./state.mjs").Effect} effect @returns {Promise<unknown>} */
  return async function perform(effect) {
    switch (effect.type) {
      case "run":
        return runs.run(effect);
      case "remember":
        return void updateState(root, (saved) => void (saved.lastKata = effect.slug));
      case "reloadKatas":
        return dispatch({ type: "katas", katas: listKatas(root) }, { draw: false });
      case "hint":
        return showHint(kataOf(effect.slug), effect.shown, context);
      case "compare":
        return showCompare(kataOf(effect.slug), context);
      case "reset":
        return reset(kataOf(effect.slug), context);
      case "play":
        return play(kataOf(effect.slug), context);
      case "openUi":
        return ui.open();
      case "quit":
        return quit();
    }
  };
}

/**
 * @param {GuideOptions} [options]
 */
export function createGuide({ root = ROOT, input = process.stdin, output = process.stdout, color, keys = true, onRender, tuning = {} } = {}) {
  const c = paint(color ?? wantsColor(output));
  let state = initialState(listKatas(root));
  const getState = () => state;
  /** @type {() => void} */
  let resolveDone = () => {};
  const done = new Promise((resolve) => (resolveDone = () => resolve(undefined)));
  const display = createDisplay({ root, output, c, onRender });
  const runs = createRuns({ root, output, c, tuning, getState, dispatch });
  const ui = createUi({ root, openBrowser: Boolean(output.isTTY), dispatch });
  const onResize = () => void (display.screen && display.render(state));
  const incoming = createInput({ root, input, output, keys, debounce: tuning.debounce, getState, dispatch, quit: close, onResize });
  const perform = effectHandler({ root, c, dispatch, runs, ui, getState, quit: close });

  /**
   * Feeds one event to the state machine, draws the new screen, and starts its effects.
   * @param {import("./state.mjs").Event} event
   * @param {{ draw?: boolean }} [options]
   * @returns {Promise<void>} once the effects it started are done (a run started by a key, say)
   */
  function dispatch(event, { draw = true } = {}) {
    const next = update(state, event);
    state = next.state;
    // A run that is followed at once by another (a save came in meanwhile) is not drawn: its
    // results are already stale.
    if (draw && !(event.type === "ran" && state.run !== "idle")) display.render(state);
    const started = next.effects.map((effect) => perform(effect).catch((error) => dispatch({ type: "failed", error: String(/** @type {Error} */ (error)?.message ?? error) })));
    return Promise.all(started).then(() => undefined);
  }

  async function start() {
    output.write(CLEAR + "Checking your katas…\n");
    incoming.listen(await runs.open());
    const results = await runs.opening(state.katas);
    dispatch({ type: "opened", results, lastKata: readState(root).lastKata });
  }

  async function close() {
    if (state.closed) return;
    dispatch({ type: "closed" }, { draw: false });
    incoming.stop();
    await runs.settle();
    await Promise.allSettled([runs.close(), ui.close()]);
    output.write("\n");
    resolveDone();
  }

  return {
    start,
    close,
    /** resolves when the learner quits */
    done,
    /**
     * Sends a key as if typed ("h", "n", or a name like "return", "escape", "up").
     * @param {string} name
     */
    press: (name) => incoming.handleKey(name.length === 1 ? name : undefined, { name }),
    /** The next screen (ANSI-stripped) that satisfies `predicate`. */
    nextScreen: (/** @type {(screen: string) => boolean} */ predicate = () => true) => display.next(predicate),
    get screen() {
      return stripAnsi(display.screen);
    },
    get renders() {
      return display.renders;
    },
    get current() {
      return currentKata(state);
    },
    get results() {
      return orderedResults(state);
    },
    get running() {
      return state.run !== "idle";
    },
  };
}

/**
 * `npm start` on a terminal: the guided mode until the learner quits.
 * @param {{ root?: string }} [options]
 */
export async function runGuided({ root = ROOT } = {}) {
  const guide = createGuide({ root });
  await guide.start();
  await guide.done;
  return 0;
}
