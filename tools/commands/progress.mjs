// @ts-check
/**
 * Progress is what the tests say: one vitest run over every kata's spec against the learner's files,
 * summed up per kata. Shared by `list`/`progress`, the non-TTY `npm start` and the guided mode.
 */
import path from "node:path";
import { codeFrame, createEngine, emptyResult } from "../runner/engine.mjs";
import { bar, indent, paint, wrap } from "../terminal/screen.mjs";

/** @typedef {import("../runner/engine.mjs").KataResult} KataResult */

/**
 * Runs every kata once and returns the results in course order.
 * @param {import("../core/katas.mjs").Kata[]} katas
 * @param {{ root: string }} options
 * @returns {Promise<KataResult[]>}
 */
export async function collectProgress(katas, { root }) {
  const engine = await createEngine({ root });
  try {
    const results = await engine.run(katas);
    return katas.map((k) => results.get(k.slug) ?? emptyResult(k));
  } finally {
    await engine.close();
  }
}

/** @type {Record<KataResult["status"], string>} */
const MARK = { green: "✔", red: "✘", todo: "·", broken: "!", hung: "⏸", empty: "?" };

/** @type {Record<KataResult["status"], string>} */
const WORDS = { green: "green", red: "failing", todo: "not started", broken: "does not compile/load", hung: "stopped: hangs", empty: "no tests yet" };

/**
 * One line per kata: mark, slug, title, passed/total and a small bar.
 * @param {KataResult[]} results
 * @param {{ color?: boolean, current?: string, selected?: string }} [options]
 */
export function formatList(results, { color = false, current, selected } = {}) {
  const c = paint(color);
  const slugWidth = Math.max(...results.map((r) => r.slug.length), 4);
  const titleWidth = Math.min(Math.max(...results.map((r) => r.title.length), 5), 34);
  return results
    .map((r) => {
      const mark = r.status === "green" ? c.green(MARK.green) : r.status === "red" || r.status === "broken" || r.status === "hung" ? c.red(MARK[r.status]) : c.dim(MARK[r.status]);
      const count = `${r.passed}/${r.total}`.padStart(7);
      const title = r.title.length > titleWidth ? `${r.title.slice(0, titleWidth - 1)}…` : r.title.padEnd(titleWidth);
      const pointer = r.slug === selected ? c.cyan("›") : r.slug === current ? c.cyan("•") : " ";
      const typeWords = r.typeErrors?.length ? `${r.typeErrors.length} type error${r.typeErrors.length === 1 ? "" : "s"}` : "";
      const words = r.status === "red" ? [r.failed > 0 ? `${r.failed} failing` : "", typeWords].filter(Boolean).join(", ") : WORDS[r.status];
      const line = `${pointer} ${mark} ${r.slug.padEnd(slugWidth)}  ${title}  ${count}  ${bar(r.passed, r.total, 12, c)}  ${c.dim(words)}`;
      return r.slug === selected ? c.bold(line) : line;
    })
    .join("\n");
}

/**
 * "Progress ████░░░░ 3/8 katas green, 120/210 tests"
 * @param {KataResult[]} results
 * @param {{ color?: boolean }} [options]
 */
export function formatSummary(results, { color = false } = {}) {
  const c = paint(color);
  const green = results.filter((r) => r.status === "green" && !r.typesPending).length;
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const total = results.reduce((n, r) => n + r.total, 0);
  return `${c.bold("Progress")} ${bar(green, results.length, 24, c)} ${green}/${results.length} katas green, ${passed}/${total} tests pass`;
}

/**
 * The first failing test of a kata, as a learner needs it: its full name, the error, where.
 * @param {KataResult} result
 * @param {{ root: string, color?: boolean, frame?: boolean }} options
 */
export function formatFailure(result, { root, color = false, frame = true }) {
  const c = paint(color);
  const f = result.firstFailure;
  if (result.status === "hung") {
    return [c.red(c.bold("The run was stopped:")), indent(c.red(wrap(result.error ?? "it hung", 100))), "", indent(c.dim("Fix it and save: the kata runs again."))].join("\n");
  }
  if (result.status === "broken") {
    // A transform error names the place in its message ("/abs/path/file.ts:2:37: ERROR: ...").
    const named = /((?:[A-Za-z]:)?[\\/][^\s:]+\.(?:ts|mts|js|mjs)):(\d+):(\d+)/.exec(result.error ?? "");
    const where = f?.location ?? (named ? { file: path.relative(root, /** @type {string} */ (named[1])), line: Number(named[2]), column: Number(named[3]) + 1 } : undefined);
    const code = where && frame ? codeFrame(root, where) : "";
    return [c.red(c.bold("The spec could not run:")), indent(result.error ?? "unknown error"), code ? indent(c.dim(code)) : ""].filter(Boolean).join("\n");
  }
  if (!f) return "";
  if (f.kind === "types") return formatTypeErrors(result, { root, color, frame });
  const lines = [c.red(c.bold("First failing test:")), `  ${c.bold(f.name)}`, ""];
  const message = f.errorName && f.errorName !== "Error" && f.errorName !== "AssertionError" && !f.message.startsWith(f.errorName) ? `${f.errorName}: ${f.message}` : f.message;
  lines.push(indent(c.red(message)));
  if (f.cause) lines.push("", indent(`${c.bold("Because:")} ${c.red(f.cause)}`));
  if (f.diff) lines.push("", indent(color ? f.diff : stripColor(f.diff)));
  if (f.location) {
    lines.push("", `  ${c.dim(`at ${f.location.file}:${f.location.line}:${f.location.column}`)}`);
    if (frame) {
      const code = codeFrame(root, f.location);
      if (code) lines.push(indent(c.dim(code)));
    }
  }
  const types = result.typeErrors?.length ?? 0;
  if (types > 0) lines.push("", c.red(`and ${types} type error${types === 1 ? "" : "s"} (tsc): the kata is green only when its types check too`));
  return lines.join("\n");
}

/**
 * A kata's type errors: every one on a line, the first with its code frame.
 * @param {KataResult} result
 * @param {{ root: string, color?: boolean, frame?: boolean }} options
 */
function formatTypeErrors(result, { root, color = false, frame = true }) {
  const c = paint(color);
  const all = result.typeErrors ?? [];
  const lines = [c.red(c.bold(`${all.length === 1 ? "A type error" : `${all.length} type errors`} in this kata's files (tsc):`)), c.dim("  the tests pass; the kata is green once its types check too"), ""];
  for (const d of all.slice(0, 6)) {
    const [first = "", ...rest] = d.message.split("\n");
    lines.push(`  ${c.bold(`${d.file}:${d.line}:${d.column}`)}  ${c.red(`${d.code}: ${first}`)}`, ...rest.map((l) => c.red(`      ${l}`)));
  }
  if (all.length > 6) lines.push(c.dim(`  … and ${all.length - 6} more`));
  const first = all[0];
  if (first && frame) {
    const code = codeFrame(root, { file: first.file, line: first.line, column: first.column });
    if (code) lines.push("", indent(c.dim(code)));
  }
  return lines.join("\n");
}

/** @param {string} text */
function stripColor(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}

/**
 * The machine-readable report of `list --json` (an autograder or a teacher collects it).
 * @param {KataResult[]} results
 * @param {{ root: string }} options
 */
export function progressJson(results, { root }) {
  return {
    version: 1,
    workbook: path.basename(root),
    generatedAt: new Date().toISOString(),
    summary: {
      katas: results.length,
      green: results.filter((r) => r.status === "green").length,
      passed: results.reduce((n, r) => n + r.passed, 0),
      failed: results.reduce((n, r) => n + r.failed, 0),
      total: results.reduce((n, r) => n + r.total, 0),
    },
    katas: results.map((r) => ({
      slug: r.slug,
      number: r.number,
      title: r.title,
      status: r.status,
      passed: r.passed,
      failed: r.failed,
      skipped: r.skipped,
      total: r.total,
      ...(r.firstFailure ? { firstFailure: { name: r.firstFailure.name, message: r.firstFailure.message, ...(r.firstFailure.location ? { location: r.firstFailure.location } : {}) } } : {}),
      ...(r.error ? { error: r.error } : {}),
      ...(r.typeErrors?.length ? { typeErrors: r.typeErrors } : {}),
    })),
  };
}

/**
 * The first kata that is not green (or undefined when all are).
 * @param {KataResult[]} results
 */
export function firstNotGreen(results) {
  return results.find((r) => r.status !== "green");
}

/**
 * The status printed once by `npm start` without a terminal (pipes, CI), and at the top of `list`.
 * @param {KataResult[]} results
 * @param {{ root: string, color?: boolean }} options
 */
export function formatStatus(results, { root, color = false }) {
  const c = paint(color);
  const next = firstNotGreen(results);
  const parts = [formatList(results, { color, ...(next ? { current: next.slug } : {}) }), "", formatSummary(results, { color })];
  if (results.length === 0) return "No katas found in katas/.";
  if (!next) {
    parts.push("", c.green(c.bold("Every kata is green. Well done!")));
    return parts.join("\n");
  }
  parts.push("", `${c.bold("Next:")} ${next.slug}  ${next.title}  (${next.passed}/${next.total} tests pass)`, `  lesson: katas/${next.slug}/README.md`);
  const failure = formatFailure(next, { root, color });
  if (failure) parts.push("", failure);
  parts.push("", c.dim(`Run \`npm start\` in a terminal for the guided mode, or \`cd katas/${next.slug} && npm test\`.`));
  return parts.join("\n");
}
