// @ts-check
/**
 * `compare <kata>`: the learner's files beside the reference solution, as a unified diff (red: only
 * in yours, green: only in the solution). Reads files, never writes them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isLearnerFile } from "../core/katas.mjs";
import { paint } from "../terminal/screen.mjs";

/**
 * @typedef {{ op: " " | "-" | "+", line: string, a: number, b: number }} DiffLine
 *   a, b: 1-based line numbers in the old and new text (0 where the line is not in that text)
 */

/**
 * A line diff by longest common subsequence (files here are a few hundred lines: the quadratic
 * table is cheap). Common prefix and suffix are trimmed first.
 * @param {string[]} a
 * @param {string[]} b
 * @returns {DiffLine[]}
 */
export function diffLines(a, b) {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  // lcs[i][j]: LCS length of a[start+i..endA) and b[start+j..endB)
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = /** @type {Uint32Array} */ (lcs[i]);
    const next = /** @type {Uint32Array} */ (lcs[i + 1]);
    for (let j = m - 1; j >= 0; j--) {
      row[j] = a[start + i] === b[start + j] ? /** @type {number} */ (next[j + 1]) + 1 : Math.max(/** @type {number} */ (next[j]), /** @type {number} */ (row[j + 1]));
    }
  }
  /** @type {DiffLine[]} */
  const out = [];
  for (let k = 0; k < start; k++) out.push({ op: " ", line: /** @type {string} */ (a[k]), a: k + 1, b: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      out.push({ op: " ", line: /** @type {string} */ (a[start + i]), a: start + i + 1, b: start + j + 1 });
      i++;
      j++;
    } else if (j < m && (i >= n || /** @type {number} */ (lcs[i]?.[j + 1]) >= /** @type {number} */ (lcs[i + 1]?.[j]))) {
      out.push({ op: "+", line: /** @type {string} */ (b[start + j]), a: 0, b: start + j + 1 });
      j++;
    } else {
      out.push({ op: "-", line: /** @type {string} */ (a[start + i]), a: start + i + 1, b: 0 });
      i++;
    }
  }
  // Within a run of changes, show removals before additions (as `diff -u` does).
  for (let k = 0; k < out.length; ) {
    if (/** @type {DiffLine} */ (out[k]).op === " ") {
      k++;
      continue;
    }
    let end = k;
    while (end < out.length && /** @type {DiffLine} */ (out[end]).op !== " ") end++;
    const run = out.slice(k, end);
    out.splice(k, run.length, ...run.filter((d) => d.op === "-"), ...run.filter((d) => d.op === "+"));
    k = end;
  }
  for (let k = endA; k < a.length; k++) out.push({ op: " ", line: /** @type {string} */ (a[k]), a: k + 1, b: endB + (k - endA) + 1 });
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
