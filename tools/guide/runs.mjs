// @ts-check
/**
 * The guided mode's runs: the engine (one long-lived vitest in watch mode), the opening run over
 * every kata with its progress bar, and the runs the state machine asks for. Each finished run is
 * reported back as an event.
 */
import { createEngine } from "../runner/engine.mjs";
import { bar, CLEAR } from "../terminal/screen.mjs";

/** @typedef {import("../runner/engine.mjs").KataResult} KataResult */
/** @typedef {import("../core/katas.mjs").Kata} Kata */
/** @typedef {import("./state.mjs").State} State */
/** @typedef {import("./input.mjs").Dispatch} Dispatch */

/** How long quitting waits for a run under way. */
const CLOSE_WAIT_MS = 3000;

/** @param {Map<string, KataResult>} map @returns {Record<string, KataResult>} */
const asRecord = (map) => Object.fromEntries(map);

/**
 * @param {{
 *   root: string,
 *   output: NodeJS.WritableStream,
 *   c: import("./screens.mjs").Paint,
 *   tuning: { warm?: boolean, keep?: boolean, fastStacks?: boolean },
 *   getState: () => State,
 *   dispatch: Dispatch,
 * }} options
 */
export function createRuns({ root, output, c, tuning, getState, dispatch }) {
  /** @type {import("../runner/engine.mjs").Engine | undefined} */
  let engine;
  /** The run under way, if any: closing waits for it (briefly), so that nothing is written after. */
  /** @type {Promise<unknown> | undefined} */
  let inFlight;

  /** @param {Promise<Map<string, KataResult>>} run */
  async function track(run) {
    inFlight = run;
    try {
      return await run;
    } finally {
      if (inFlight === run) inFlight = undefined;
    }
  }

  /** @param {Kata[]} katas  every kata: their results, with a bar of spec files checked meanwhile */
  async function opening(katas) {
    const started = /** @type {import("../runner/engine.mjs").Engine} */ (engine);
    let checked = 0;
    const specs = katas.reduce((n, k) => n + k.specs.length, 0);
    started.onModuleEnd(() => {
      checked++;
      output.write(CLEAR + `Checking your katas… ${bar(checked, specs, 24, c)} ${checked}/${specs} spec files\n`);
    });
    const results = await track(started.run(katas));
    started.onModuleEnd(undefined);
    return asRecord(results);
  }

  /** @param {Extract<import("./state.mjs").Effect, { type: "run" }>} effect */
  async function run({ slugs, generation, waitTypes }) {
    if (!engine) return undefined;
    const state = getState();
    const which = slugs === "all" ? state.katas : slugs.map((slug) => /** @type {Kata} */ (state.katas.find((k) => k.slug === slug)));
    // The tests' results go on screen at once; the type check's follow when tsc reports.
    const onTypes = (/** @type {Map<string, KataResult>} */ typed) => dispatch({ type: "typed", generation, results: asRecord(typed) }, { draw: getState().run === "idle" });
    /** @type {import("./state.mjs").Event} */
    let outcome;
    try {
      // The confirming full run (waitTypes) starts in fresh threads: "every kata is green" owes
      // nothing to what earlier runs left in a kept one.
      outcome = { type: "ran", generation, results: asRecord(await track(waitTypes ? engine.run(which, { fresh: true }) : engine.run(which, { onTypes }))) };
    } catch (error) {
      outcome = { type: "runFailed", error: /** @type {Error} */ (error).message };
    }
    // The run this one leads to (a rerun, the full confirming run) is part of it: a key press
    // that started it resolves once the screen has settled.
    return dispatch(outcome);
  }

  return {
    /** Starts the engine; its runs are ignored by vitest's own watch mode, which the guide drives. */
    async open() {
      engine = await createEngine({
        root,
        watch: true,
        ...(tuning.warm === false ? { warm: false } : {}),
        ...(tuning.keep === false ? { keep: false } : {}),
        ...(tuning.fastStacks === false ? { fastStacks: false } : {}),
      });
      engine.vitest.onFilterWatchedSpecification(() => false);
      return engine.vitest;
    },
    opening,
    run,
    /**
     * A run still going ends in a moment (tests take milliseconds; a hang ends the process anyway):
     * closing lets it, so that vitest does not write its results into a folder that may be gone by then.
     */
    async settle() {
      if (inFlight) await Promise.race([inFlight.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    },
    close: () => engine?.close(),
  };
}
