// @ts-check
/**
 * The guided mode as a pure function: `update(state, event)` gives the next state and the effects
 * to carry out (run a kata, take a hint, reset, ...). Nothing here reads a file, starts a run or
 * writes to the terminal: guided.mjs does that, and feeds what happened back in as events. So every
 * rule of the mode (a save during a run reruns it once, `n` waits for green, a full run confirms the
 * last green kata, ...) is testable without vitest (test/guide/state.test.ts).
 */

/** @typedef {import("../runner/engine.mjs").KataResult} KataResult */
/** @typedef {import("../core/katas.mjs").Kata} Kata */
/** @typedef {"plain" | "dim" | "warn" | "error" | "ok" | "bold"} Tone */
/** @typedef {Array<[Tone, string]>} Message  a line in parts, each in its tone; [] is no message */

/**
 * @typedef {object} State
 * @property {Kata[]} katas
 * @property {Record<string, KataResult>} results   only katas that have run: a missing one is "not run yet"
 * @property {number} index                         the kata on screen
 * @property {"opening" | "main" | "list"} view
 * @property {"idle" | "running" | "confirming"} run  confirming: the full run over every kata
 * @property {boolean} rerunWanted                  a save came in during the run
 * @property {number} generation                    of the latest run: a late type report of an older one is dropped
 * @property {boolean} allGreen                     confirmed by a full run
 * @property {number} selected                      the list's cursor
 * @property {string} typed                         digits typed in the list
 * @property {{ question: string, then: Effect } | undefined} prompt
 * @property {string} panel                         compare's diff or play's output
 * @property {number} hintsShown
 * @property {Message} message
 * @property {boolean} keepMessage                  outlives the rerun it causes (where reset put the files)
 * @property {string} uiUrl
 * @property {boolean} closed
 */

/**
 * @typedef {{ type: "run", slugs: string[] | "all", generation: number, waitTypes: boolean }
 *   | { type: "remember", slug: string }
 *   | { type: "hint", slug: string, shown: number }
 *   | { type: "compare", slug: string }
 *   | { type: "reset", slug: string }
 *   | { type: "play", slug: string }
 *   | { type: "openUi" }
 *   | { type: "reloadKatas" }
 *   | { type: "quit" }} Effect
 *
 * @typedef {{ type: "opened", results: Record<string, KataResult>, lastKata?: string | undefined }
 *   | { type: "key", name: string, str?: string | undefined }
 *   | { type: "saved" }
 *   | { type: "katas", katas: Kata[] }
 *   | { type: "ran", generation: number, results: Record<string, KataResult> }
 *   | { type: "runFailed", error: string }
 *   | { type: "typed", generation: number, results: Record<string, KataResult> }
 *   | { type: "hintShown", n: number }
 *   | { type: "panel", text: string }
 *   | { type: "resetDone", slug: string, backup?: string | undefined, restored: string[] }
 *   | { type: "busy", message: string }
 *   | { type: "uiStarted", url: string }
 *   | { type: "failed", error: string }
 *   | { type: "closed" }} Event
 */

/** @typedef {{ state: State, effects: Effect[] }} Step */

/** @param {Kata[]} katas @returns {State} */
export function initialState(katas) {
  return {
    katas,
    results: {},
    index: 0,
    view: "opening",
    run: "idle",
    rerunWanted: false,
    generation: 0,
    allGreen: false,
    selected: 0,
    typed: "",
    prompt: undefined,
    panel: "",
    hintsShown: 0,
    message: [],
    keepMessage: false,
    uiUrl: "",
    closed: false,
  };
}

/** @param {State} s @returns {Kata} */
export const currentKata = (s) => /** @type {Kata} */ (s.katas[Math.min(s.index, s.katas.length - 1)]);

/** @param {State} s @param {Kata} kata @returns {KataResult} the kata's result, or an empty one if it has not run */
export function resultOf(s, kata) {
  return s.results[kata.slug] ?? { slug: kata.slug, number: kata.number, title: kata.meta.title, status: "empty", passed: 0, failed: 0, skipped: 0, total: 0 };
}

/** @param {State} s */
export const orderedResults = (s) => s.katas.map((k) => resultOf(s, k));

/** @param {State} s */
const isGreen = (s, /** @type {Kata} */ kata) => resultOf(s, kata).status === "green";

/**
 * @param {State} state
 * @param {Event} event
 * @returns {{ state: State, effects: Effect[] }}
 */
export function update(state, event) {
  if (state.closed) return { state, effects: [] };
  switch (event.type) {
    case "opened":
      return opened(state, event.results, event.lastKata);
    case "key":
      return key(state, event.name, event.str);
    case "saved":
      return saved({ ...state, panel: "", ...(state.keepMessage ? {} : { message: [] }) });
    case "katas":
      return { state: { ...state, katas: event.katas, index: Math.min(state.index, Math.max(0, event.katas.length - 1)) }, effects: [] };
    case "ran":
      return ran(state, event.generation, event.results);
    case "runFailed":
      return { state: { ...state, run: "idle", rerunWanted: false, message: [["error", `The run failed: ${event.error}`]] }, effects: [] };
    case "typed": {
      if (event.generation !== state.generation) return { state, effects: [] };
      const results = { ...state.results, ...event.results };
      const allGreen = state.allGreen && Object.values(event.results).every((r) => r.status === "green");
      return { state: { ...state, results, allGreen }, effects: [] };
    }
    case "hintShown":
      return { state: { ...state, hintsShown: event.n }, effects: [] };
    case "panel":
      return { state: { ...state, panel: event.text, message: [] }, effects: [] };
    case "resetDone": {
      const message = /** @type {Message} */ (
        event.restored.length === 0
          ? [["dim", `${event.slug} is already the untouched stub: nothing to reset.`]]
          : [["ok", "Reset"], ["plain", ` ${event.restored.join(", ")}. Your work is in `], ["bold", `${event.backup}`], ["plain", "/"]]
      );
      return { state: { ...state, message, keepMessage: true, hintsShown: 0 }, effects: [] };
    }
    case "busy":
      return { state: { ...state, message: [["dim", event.message]] }, effects: [] };
    case "uiStarted":
      return { state: { ...state, uiUrl: event.url, message: [] }, effects: [] };
    case "failed":
      return { state: { ...state, message: [["error", event.error]] }, effects: [] };
    case "closed":
      return { state: { ...state, closed: true }, effects: [] };
  }
}

/**
 * The opening run is done: open on the kata last worked on unless it is green, else on the first
 * kata not green; on the last kata if every one is green.
 * @param {State} state @param {Record<string, KataResult>} results @param {string | undefined} lastKata
 * @returns {Step}
 */
function opened(state, results, lastKata) {
  const s = { ...state, results: { ...state.results, ...results }, view: /** @type {const} */ ("main") };
  const first = s.katas.findIndex((k) => !isGreen(s, k));
  const last = s.katas.findIndex((k) => k.slug === lastKata);
  let index = Math.max(0, first);
  let allGreen = false;
  if (first === -1 && s.katas.length > 0) {
    index = s.katas.length - 1;
    allGreen = true;
  } else if (last >= 0 && !isGreen(s, /** @type {Kata} */ (s.katas[last]))) {
    index = last;
  }
  const slug = s.katas[index]?.slug;
  return { state: { ...s, index, allGreen }, effects: /** @type {Effect[]} */ (slug ? [{ type: "remember", slug }] : []) };
}

/** Runs the current kata, or asks for one more run after the one under way. @param {State} s @returns {Step} */
function saved(s) {
  if (s.katas.length === 0) return { state: s, effects: [] };
  if (s.run !== "idle") return { state: { ...s, rerunWanted: true }, effects: [] };
  return runCurrent(s);
}

/** @param {State} s @returns {{ state: State, effects: Effect[] }} */
function runCurrent(s) {
  const generation = s.generation + 1;
  return {
    state: { ...s, run: "running", rerunWanted: false, generation },
    effects: [{ type: "run", slugs: [currentKata(s).slug], generation, waitTypes: false }],
  };
}

/**
 * A run is done. A save that came in meanwhile runs the kata again; else, if every kata now looks
 * green and that is not confirmed yet, one full run over all of them (types included) confirms it.
 * @param {State} state @param {number} generation @param {Record<string, KataResult>} results
 * @returns {Step}
 */
function ran(state, generation, results) {
  const confirming = state.run === "confirming";
  /** @type {State} */
  let s = { ...state, results: { ...state.results, ...results }, run: "idle" };
  if (confirming) {
    const notGreen = orderedResults(s).filter((r) => r.status !== "green");
    const message = /** @type {Message} */ (notGreen.length ? [["warn", `The full run found ${notGreen.map((r) => r.slug).join(", ")} not green.`]] : []);
    s = { ...s, allGreen: notGreen.length === 0, message };
  }
  if (s.rerunWanted) return runCurrent(s);
  if (confirming) return { state: s, effects: [] };
  if (!isGreen(s, currentKata(s))) return { state: { ...s, allGreen: false }, effects: [] };
  if (s.allGreen || !orderedResults(s).every((r) => r.status === "green")) return { state: s, effects: [] };
  const next = s.generation + 1;
  return {
    state: { ...s, run: "confirming", generation: next, message: [["plain", "Every kata looks green: confirming with a full run…"]] },
    effects: [{ type: "reloadKatas" }, { type: "run", slugs: "all", generation: next, waitTypes: true }],
  };
}

/** @param {State} s @param {number} to @returns {Step} */
function goTo(s, to) {
  const index = Math.max(0, Math.min(to, s.katas.length - 1));
  const moved = { ...s, index, panel: "", message: /** @type {Message} */ ([]), hintsShown: 0, view: /** @type {const} */ ("main") };
  const slug = moved.katas[index]?.slug;
  const { state, effects } = saved(moved);
  return { state, effects: /** @type {Effect[]} */ ([{ type: "reloadKatas" }, ...(slug ? [{ type: "remember", slug }] : []), ...effects]) };
}

/**
 * One key press.
 * @param {State} state @param {string} name @param {string | undefined} str
 * @returns {{ state: State, effects: Effect[] }}
 */
function key(state, name, str) {
  if (state.view === "opening") return { state, effects: name === "q" ? [{ type: "quit" }] : [] };
  if (state.prompt) {
    const { then } = state.prompt;
    const s = { ...state, prompt: undefined };
    return name === "y" ? { state: s, effects: [then] } : { state: { ...s, message: [["dim", "Cancelled."]] }, effects: [] };
  }
  if (state.view === "list") return listKey(state, name, str);
  const s = { ...state, message: /** @type {Message} */ ([]), keepMessage: false };
  const kata = currentKata(s);
  /** @param {Message} message */
  const say = (message) => ({ state: { ...s, message }, effects: /** @type {Effect[]} */ ([]) });
  switch (name) {
    case "q":
      return { state: s, effects: [{ type: "quit" }] };
    case "h":
      if (kata.meta.hints.length === 0) return say([["warn", "This kata has no hints."]]);
      return { state: s, effects: [{ type: "hint", slug: kata.slug, shown: s.hintsShown }] };
    case "n": {
      const r = resultOf(s, kata);
      if (r.status !== "green") return say([["warn", `n moves on once this kata is green (${r.passed}/${r.total} now). l lists every kata if you want to jump anyway.`]]);
      if (s.index >= s.katas.length - 1) return say([["ok", "This is the last kata."]]);
      return goTo(s, s.index + 1);
    }
    case "p":
      return s.index === 0 ? say([["dim", "This is the first kata."]]) : goTo(s, s.index - 1);
    case "l":
      return { state: { ...s, view: "list", selected: s.index, typed: "" }, effects: [{ type: "reloadKatas" }] };
    case "c": {
      const r = resultOf(s, kata);
      if (r.status === "green") return { state: s, effects: [{ type: "compare", slug: kata.slug }] };
      const question = `${kata.slug} is not green yet (${r.passed}/${r.total}). Show the reference solution anyway?`;
      return { state: { ...s, prompt: { question, then: { type: "compare", slug: kata.slug } } }, effects: [] };
    }
    case "x": {
      const question = `Reset ${kata.slug} to the original stub? Your files are copied to .katas/backups/ first.`;
      return { state: { ...s, prompt: { question, then: { type: "reset", slug: kata.slug } } }, effects: [] };
    }
    case "r":
    case "return":
    case "enter":
      return saved({ ...s, panel: "" });
    case "u":
      return { state: s, effects: s.uiUrl ? [] : [{ type: "openUi" }] };
    case "g":
      return { state: s, effects: [{ type: "play", slug: kata.slug }] };
    default:
      return { state: state, effects: [] };
  }
}

/** @param {State} s @param {string} name @param {string | undefined} str @returns {Step} */
function listKey(s, name, str) {
  if (name === "escape" || name === "l" || name === "q") return { state: { ...s, view: /** @type {const} */ ("main") }, effects: [] };
  if (name === "up" || name === "k") return { state: { ...s, selected: Math.max(0, s.selected - 1) }, effects: [] };
  if (name === "down" || name === "j") return { state: { ...s, selected: Math.min(s.katas.length - 1, s.selected + 1) }, effects: [] };
  if (str && /^\d$/.test(str)) {
    const typed = (s.typed + str).slice(-2);
    const at = s.katas.findIndex((k) => k.number === Number(typed));
    return { state: { ...s, typed, selected: at >= 0 ? at : s.selected }, effects: [] };
  }
  if (name === "backspace") return { state: { ...s, typed: s.typed.slice(0, -1) }, effects: [] };
  if (name === "return" || name === "enter") return goTo({ ...s, typed: "" }, s.selected);
  return { state: s, effects: [] };
}
