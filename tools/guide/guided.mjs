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
 * functions of screens.mjs; here events come in (keys, file events, finished runs) and effects go
 * out (runs, hints, compare, reset, play, the UI).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { emitKeypressEvents } from "node:readline";
import { compareKata } from "../commands/compare.mjs";
import { hintsSeen, takeHint } from "../commands/hint.mjs";
import { resetKata } from "../commands/reset.mjs";
import { LIMITS } from "../core/config.mjs";
import { listKatas } from "../core/katas.mjs";
import { ROOT } from "../core/paths.mjs";
import { dropQueuedRerun } from "../core/internals.mjs";
import { readState, updateState } from "../core/state.mjs";
import { createEngine } from "../runner/engine.mjs";
import { bar, CLEAR, indent, paint, stripAnsi, wantsColor } from "../terminal/screen.mjs";
import { renderScreen } from "./screens.mjs";
import { currentKata, initialState, orderedResults, update } from "./state.mjs";

/** @typedef {import("../runner/engine.mjs").KataResult} KataResult */
/** @typedef {import("../core/katas.mjs").Kata} Kata */
/** @typedef {{ name?: string, sequence?: string, ctrl?: boolean }} Key */

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

/** How long quitting waits for a run under way. */
const CLOSE_WAIT_MS = 3000;

/** @param {Map<string, KataResult>} map @returns {Record<string, KataResult>} */
const asRecord = (map) => Object.fromEntries(map);

/**
 * @param {GuideOptions} [options]
 */
export function createGuide({ root = ROOT, input = process.stdin, output = process.stdout, color, keys = true, onRender, tuning = {} } = {}) {
  const c = paint(color ?? wantsColor(output));
  let state = initialState(listKatas(root));
  /** @type {import("../runner/engine.mjs").Engine | undefined} */
  let engine;
  /** @type {import("vitest/node").Vitest | undefined} */
  let ui;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let saveTimer;
  /** The run under way, if any: closing waits for it (briefly), so that nothing is written after. */
  /** @type {Promise<unknown> | undefined} */
  let inFlight;
  let renders = 0;
  let screen = "";
  /** @type {Array<(screen: string) => void>} */
  let waiting = [];
  /** @type {() => void} */
  let resolveDone = () => {};
  const done = new Promise((resolve) => (resolveDone = () => resolve(undefined)));

  function render() {
    if (state.closed || state.view === "opening") return;
    screen = renderScreen(state, { root, c, columns: /** @type {{ columns?: number }} */ (output).columns });
    renders++;
    output.write(CLEAR + screen + "\n");
    onRender?.(screen);
    const plain = stripAnsi(screen);
    const callbacks = waiting;
    waiting = [];
    for (const cb of callbacks) cb(plain);
  }

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
    if (draw && !(event.type === "ran" && state.run !== "idle")) render();
    /** @type {Promise<unknown>[]} */
    const started = [];
    for (const effect of next.effects) {
      started.push(perform(effect).catch((error) => dispatch({ type: "failed", error: String(/** @type {Error} */ (error)?.message ?? error) })));
    }
    return Promise.all(started).then(() => undefined);
  }

  /** @param {string} slug */
  const kataOf = (slug) => /** @type {Kata} */ (state.katas.find((k) => k.slug === slug));

  /** @param {import("./state.mjs").Effect} effect */
  async function perform(effect) {
    switch (effect.type) {
      case "run":
        return startRun(effect);
      case "remember":
        return void updateState(root, (saved) => void (saved.lastKata = effect.slug));
      case "reloadKatas":
        return dispatch({ type: "katas", katas: listKatas(root) }, { draw: false });
      case "hint": {
        const kata = kataOf(effect.slug);
        // One more each press; a new session starts again after the hints seen before.
        const from = effect.shown === 0 ? hintsSeen(kata, root) : effect.shown;
        return dispatch({ type: "hintShown", n: takeHint(kata, { root, n: Math.min(from + 1, kata.meta.hints.length) }).n });
      }
      case "compare": {
        const text = compareKata(kataOf(effect.slug), { root, color: c.enabled });
        return dispatch({ type: "panel", text: `${text}\n${c.dim("(your files are unchanged; the next save or r goes back to the tests)")}` });
      }
      case "reset": {
        const { backup, restored } = resetKata(kataOf(effect.slug), { root });
        return dispatch({ type: "resetDone", slug: effect.slug, backup, restored });
      }
      case "play":
        return play(kataOf(effect.slug));
      case "openUi":
        return openUi();
      case "quit":
        return close();
    }
  }

  /** @param {Extract<import("./state.mjs").Effect, { type: "run" }>} effect */
  async function startRun({ slugs, generation, waitTypes }) {
    if (!engine) return undefined;
    const which = slugs === "all" ? state.katas : slugs.map(kataOf);
    // The tests' results go on screen at once; the type check's follow when tsc reports.
    const onTypes = (/** @type {Map<string, KataResult>} */ typed) => dispatch({ type: "typed", generation, results: asRecord(typed) }, { draw: state.run === "idle" });
    // The confirming full run (waitTypes) starts in fresh threads: "every kata is green" owes
    // nothing to what earlier runs left in a kept one.
    const run = waitTypes ? engine.run(which, { fresh: true }) : engine.run(which, { onTypes });
    inFlight = run;
    /** @type {import("./state.mjs").Event} */
    let outcome;
    try {
      outcome = { type: "ran", generation, results: asRecord(await run) };
    } catch (error) {
      outcome = { type: "runFailed", error: /** @type {Error} */ (error).message };
    } finally {
      if (inFlight === run) inFlight = undefined;
    }
    // The run this one leads to (a rerun, the full confirming run) is part of it: a key press
    // that started it resolves once the screen has settled.
    return dispatch(outcome);
  }

  /** Runs it as a program: the kata's play.ts on the learner's code, its output in the panel. @param {Kata} kata */
  async function play(kata) {
    if (!existsSync(path.join(kata.dir, "play.ts"))) return dispatch({ type: "failed", error: `${kata.slug} has no play.ts.` });
    dispatch({ type: "busy", message: `Running katas/${kata.slug}/play.ts…` });
    const { runPlay } = await import("../play/run.mjs");
    const r = await runPlay(kata, { root, capture: true, timeoutMs: LIMITS.playGuidedMs });
    const lines = r.output.trimEnd().split("\n").slice(-24);
    const last = r.stopped ? c.red(`Stopped: ${r.stopped}`) : c.dim(`(exit code ${r.code}; in a terminal of its own, \`npm run play -- ${kata.number}\` takes arguments and input)`);
    dispatch({ type: "panel", text: [c.bold(`npm run play -- ${kata.number}`), indent(lines.join("\n"), "  │ "), last].join("\n") });
  }

  async function openUi() {
    if (ui) return;
    dispatch({ type: "busy", message: "Starting the vitest UI…" });
    try {
      const { startUi } = await import("../runner/ui.mjs");
      const started = await startUi({ root, open: Boolean(output.isTTY), quiet: true });
      ui = started.vitest;
      dispatch({ type: "uiStarted", url: started.url });
    } catch (error) {
      dispatch({ type: "failed", error: `Could not start the vitest UI: ${/** @type {Error} */ (error).message}` });
    }
  }

  /** Which file events are a save of the current kata (or of the kit), and what they cause. @param {string} file */
  function onFileEvent(file) {
    // vitest has invalidated the changed module and queued its own rerun (100 ms later, of every
    // spec that imports the file): the guided mode drives the runs itself, so that one is dropped.
    if (engine) dropQueuedRerun(engine.vitest);
    if (state.closed || state.katas.length === 0) return;
    const kata = currentKata(state);
    const inKata = file.startsWith(kata.dir + path.sep);
    const inKit = file.startsWith(path.join(root, "tools", "kit") + path.sep);
    if (!(inKata || inKit)) return;
    if (file.endsWith("kata.json") || file.endsWith(".md")) return dispatch({ type: "katas", katas: listKatas(root) });
    if (!/\.(ts|mts|js|mjs|json)$/.test(file)) return;
    if (inKata) dispatch({ type: "katas", katas: listKatas(root) }, { draw: false });
    clearTimeout(saveTimer);
    // A few ms to let an editor's truncate-then-write land as one save; then the current kata's
    // spec runs at once, not after vitest's debounce.
    saveTimer = setTimeout(() => dispatch({ type: "saved" }), tuning.debounce ?? 8);
  }

  /** @param {string | undefined} str @param {Key} [key] */
  function handleKey(str, key = {}) {
    if (state.closed) return Promise.resolve();
    const name = key.name ?? str ?? "";
    if (key.ctrl && (name === "c" || name === "d")) return close();
    return dispatch({ type: "key", name, str });
  }

  /** @param {string | undefined} str @param {Key} key */
  const onKeypress = (str, key) => void handleKey(str, key);

  async function start() {
    output.write(CLEAR + "Checking your katas…\n");
    engine = await createEngine({
      root,
      watch: true,
      ...(tuning.warm === false ? { warm: false } : {}),
      ...(tuning.keep === false ? { keep: false } : {}),
      ...(tuning.fastStacks === false ? { fastStacks: false } : {}),
    });
    engine.vitest.onFilterWatchedSpecification(() => false);
    const watcher = engine.vitest.vite.watcher;
    for (const event of ["change", "add", "unlink"]) watcher.on(event, onFileEvent);
    if (keys) {
      emitKeypressEvents(input);
      if (input.isTTY && input.setRawMode) input.setRawMode(true);
      input.on("keypress", onKeypress);
      input.resume?.();
    }
    if (output.isTTY) output.on("resize", onResize);
    let checked = 0;
    const specs = state.katas.reduce((n, k) => n + k.specs.length, 0);
    engine.onModuleEnd(() => {
      checked++;
      output.write(CLEAR + `Checking your katas… ${bar(checked, specs, 24, c)} ${checked}/${specs} spec files\n`);
    });
    const run = engine.run(state.katas);
    inFlight = run;
    const results = await run;
    inFlight = undefined;
    engine.onModuleEnd(undefined);
    dispatch({ type: "opened", results: asRecord(results), lastKata: readState(root).lastKata });
  }

  function onResize() {
    if (screen) render();
  }

  async function close() {
    if (state.closed) return;
    dispatch({ type: "closed" }, { draw: false });
    clearTimeout(saveTimer);
    output.off?.("resize", onResize);
    if (keys) {
      input.off("keypress", onKeypress);
      if (input.isTTY && input.setRawMode) input.setRawMode(false);
      input.pause?.();
    }
    // A run still going ends in a moment (tests take milliseconds; a hang ends the process anyway):
    // let it, so that vitest does not write its results into a folder that may be gone by then.
    if (inFlight) await Promise.race([inFlight.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    await Promise.allSettled([engine?.close(), ui?.close()]);
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
    press: (name) => handleKey(name.length === 1 ? name : undefined, { name }),
    /** The next screen (ANSI-stripped) that satisfies `predicate`. */
    nextScreen(/** @type {(screen: string) => boolean} */ predicate = () => true) {
      return new Promise((resolve) => {
        const check = (/** @type {string} */ s) => (predicate(s) ? resolve(s) : waiting.push(check));
        waiting.push(check);
      });
    },
    get screen() {
      return stripAnsi(screen);
    },
    get renders() {
      return renders;
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
