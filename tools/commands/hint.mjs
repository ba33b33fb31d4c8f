// @ts-check
/**
 * Hints, from a nudge to nearly the answer, one more each time. What a learner has seen is kept in
 * .katas/state.json (see state.mjs); losing that file only means the hints start over.
 */
import { KataError } from "../core/katas.mjs";
import { readState, updateState } from "../core/state.mjs";

/**
 * Hint `n` (1-based) of a kata, or the next one not seen yet (after the last: the last again).
 * Records it as seen.
 * @param {import("../core/katas.mjs").Kata} kata
 * @param {{ root: string, n?: number }} options
 * @returns {{ n: number, of: number, text: string, last: boolean }}
 */
export function takeHint(kata, { root, n }) {
  const hints = kata.meta.hints;
  if (hints.length === 0) throw new KataError(`${kata.slug} has no hints (katas/${kata.slug}/kata.json lists none).`);
  if (n !== undefined && (!Number.isSafeInteger(n) || n < 1 || n > hints.length)) {
    throw new KataError(`${kata.slug} has ${hints.length} hint${hints.length === 1 ? "" : "s"}: ask for one from 1 to ${hints.length}.`);
  }
  const seen = readState(root).hintsSeen[kata.slug] ?? 0;
  const which = n ?? Math.min(seen + 1, hints.length);
  updateState(root, (state) => {
    state.hintsSeen[kata.slug] = Math.max(seen, which);
  });
  return { n: which, of: hints.length, text: /** @type {string} */ (hints[which - 1]), last: which === hints.length };
}

/**
 * How many hints of a kata the learner has seen.
 * @param {import("../core/katas.mjs").Kata} kata
 * @param {string} root
 */
export function hintsSeen(kata, root) {
  return Math.min(readState(root).hintsSeen[kata.slug] ?? 0, kata.meta.hints.length);
}
