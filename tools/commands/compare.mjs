// @ts-check
/**
 * `compare <kata>`: the learner's files beside the reference solution, as a unified diff (red: only
 * in yours, green: only in the solution). Reads files, never writes them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DIFF_DELETE, DIFF_EQUAL, diffLinesRaw } from "@vitest/utils/diff";
import { isLearnerFile } from "../core/katas.mjs";
import { paint } from "../terminal/screen.mjs";

/**
 * @typedef {{ op: " " | "-" | "+", line: string, a: number, b: number }} DiffLine
 *   a, b: 1-based line numbers in the old and new text (0 where the line is not in that text)
 */

/**
 * A line diff: the edit script is vitest's own (@vitest/utils/diff, the Myers algorithm of
 * diff-sequences, as in every failing `toEqual`); the line numbers and the order within a run of
 * changes (removals first, as `diff -u` prints them) are added here for the unified format.
 * @param {string[]} a
 * @param {string[]} b
 * @returns {DiffLine[]}
 */
export function diffLines(a, b) {
  const [ops] = diffLinesRaw(a, b);
  /** @type {DiffLine[]} */
  const out = [];
  let i = 0;
  let j = 0;
  for (const { 0: op, 1: line } of ops) {
    if (op === DIFF_EQUAL) out.push({ op: " ", line, a: ++i, b: ++j });
    else if (op === DIFF_DELETE) out.push({ op: "-", line, a: ++i, b: 0 });
    else out.push({ op: "+", line, a: 0, b: ++j });
  }
  for (let k = 0; k < out.length; ) {
    let end = k;
    while (end < out.length && /** @type {DiffLine} */ (out[end]).op !== " ") end++;
    const run = out.slice(k, end);
    out.splice(k, run.length, ...run.filter((d) => d.op === "-"), ...run.filter((d) => d.op === "+"));
    k = end === k ? k + 1 : end;
  }
  return out;
}

/**
 * A unified diff of two texts ("" when they are equal).
 * @param {string} oldText
 * @param {string} newText
 * @param {{ oldLabel: string, newLabel: string, context?: number, color?: boolean }} options
 */
export function unifiedDiff(oldText, newText, { oldLabel, newLabel, context = 3, color = false }) {
  if (oldText === newText) return "";
  const c = paint(color);
  const lines = diffLines(splitLines(oldText), splitLines(newText));
  /** @type {string[]} */
  const out = [c.red(`--- ${oldLabel}`), c.green(`+++ ${newLabel}`)];
  const changed = lines.map((d, k) => (d.op !== " " ? k : -1)).filter((k) => k >= 0);
  let k = 0;
  while (k < changed.length) {
    const first = /** @type {number} */ (changed[k]);
    let last = first;
    while (k + 1 < changed.length && /** @type {number} */ (changed[k + 1]) - last <= 2 * context + 1) last = /** @type {number} */ (changed[++k]);
    k++;
    const from = Math.max(0, first - context);
    const to = Math.min(lines.length - 1, last + context);
    const hunk = lines.slice(from, to + 1);
    const aStart = hunk.find((d) => d.a > 0)?.a ?? 0;
    const bStart = hunk.find((d) => d.b > 0)?.b ?? 0;
    const aCount = hunk.filter((d) => d.op !== "+").length;
    const bCount = hunk.filter((d) => d.op !== "-").length;
    out.push(c.cyan(`@@ -${aStart}${aCount === 1 ? "" : `,${aCount}`} +${bStart}${bCount === 1 ? "" : `,${bCount}`} @@`));
    for (const d of hunk) {
      const text = `${d.op}${d.line}`;
      out.push(d.op === "-" ? c.red(text) : d.op === "+" ? c.green(text) : c.dim(text));
    }
  }
  return out.join("\n");
}

/** @param {string} text */
function splitLines(text) {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/**
 * The diff of every file of a kata: the learner's files against the solution's files of the same
 * name, plus files only one side has.
 * @param {import("../core/katas.mjs").Kata} kata
 * @param {{ root: string, color?: boolean }} options
 */
export function compareKata(kata, { root, color = false }) {
  const c = paint(color);
  const mine = new Set(kata.files);
  const theirs = new Set(existsSync(kata.solutionDir) ? readdirSync(kata.solutionDir).filter(isLearnerFile) : []);
  /** @type {string[]} */
  const parts = [];
  for (const file of [...new Set([...mine, ...theirs])].sort()) {
    const learnerPath = path.join(kata.dir, file);
    const solutionPath = path.join(kata.solutionDir, file);
    const rel = (/** @type {string} */ p) => path.relative(root, p).split(path.sep).join("/");
    const oldText = mine.has(file) ? readFileSync(learnerPath, "utf8") : "";
    const newText = theirs.has(file) ? readFileSync(solutionPath, "utf8") : "";
    const diff = unifiedDiff(oldText, newText, {
      oldLabel: mine.has(file) ? `${rel(learnerPath)}  (yours)` : "/dev/null  (you have no such file)",
      newLabel: theirs.has(file) ? `${rel(solutionPath)}  (reference solution)` : "/dev/null  (the solution has no such file)",
      color,
    });
    parts.push(diff === "" ? c.green(`${rel(learnerPath)} is identical to the reference solution.`) : diff);
  }
  if (parts.length === 0) parts.push(`No files to compare in ${kata.slug}.`);
  return parts.join("\n\n");
}
