// @ts-check
/**
 * The little the workbook remembers between commands: which hints a learner has seen. Progress is
 * never stored (the tests say it). The file lives in .katas/ (git-ignored); a missing, unreadable or
 * corrupt file reads as a fresh state and is rewritten on the next change: never fatal.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export const STATE_DIR = ".katas";
export const STATE_FILE = ".katas/state.json";

/**
 * @typedef {object} State
 * @property {1} version
 * @property {Record<string, number>} hintsSeen  per kata slug, how many hints the learner has seen
 * @property {string} [lastKata]  the kata the guided mode showed last: where it opens next time
 */

/** @returns {State} */
export function emptyState() {
  return { version: 1, hintsSeen: {} };
}

/**
 * @param {string} root
 * @returns {State}
 */
export function readState(root) {
  /** @type {unknown} */
  let raw;
  try {
    raw = JSON.parse(readFileSync(path.join(root, STATE_FILE), "utf8"));
  } catch {
    return emptyState();
  }
  const state = emptyState();
  if (typeof raw !== "object" || raw === null) return state;
  const hints = /** @type {Record<string, unknown>} */ (raw)["hintsSeen"];
  if (typeof hints === "object" && hints !== null && !Array.isArray(hints)) {
    for (const [slug, seen] of Object.entries(hints)) {
      if (typeof seen === "number" && Number.isSafeInteger(seen) && seen >= 0) state.hintsSeen[slug] = seen;
    }
  }
  const last = /** @type {Record<string, unknown>} */ (raw)["lastKata"];
  if (typeof last === "string" && /^\d{2}-[a-z0-9-]+$/.test(last)) state.lastKata = last;
  return state;
}

/**
 * Writes the state atomically (a temporary file renamed over the old one). Failing to write is not
 * worth stopping a learner for: it returns false instead of throwing.
 * @param {string} root
 * @param {State} state
 */
export function writeState(root, state) {
  try {
    mkdirSync(path.join(root, STATE_DIR), { recursive: true });
    const file = path.join(root, STATE_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(tmp, file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Updates the state with `change` and writes it back.
 * @param {string} root
 * @param {(state: State) => void} change
 */
export function updateState(root, change) {
  const state = readState(root);
  change(state);
  writeState(root, state);
  return state;
}
