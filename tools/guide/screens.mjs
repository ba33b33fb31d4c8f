// @ts-check
/**
 * The guided mode's two screens, as pure functions of its state (state.mjs): the kata on screen,
 * and the list of every kata. guided.mjs writes what they return.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { formatFailure, formatList, formatSummary } from "../commands/progress.mjs";
import { bar, indent, inlineMarkdown, stripAnsi, wrap } from "../terminal/screen.mjs";
import { currentKata, orderedResults, resultOf } from "./state.mjs";

/** @typedef {import("./state.mjs").State} State */
/** @typedef {ReturnType<typeof import("../terminal/screen.mjs").paint>} Paint */
/** @typedef {{ root: string, c: Paint, columns?: number | undefined }} Looks */

export const KEY_LINE = "h hint · n next · p previous · l list · g run it · c compare · x reset · r rerun · u vitest UI · q quit";

/** @param {State} s @param {Looks} looks */
export function renderScreen(s, looks) {
  return s.view === "list" ? listScreen(s, looks) : mainScreen(s, looks);
}

/** @param {import("./state.mjs").Message} message @param {Paint} c */
function formatMessage(message, c) {
  /** @type {Record<import("./state.mjs").Tone, (text: string) => string>} */
  const tone = { plain: (t) => t, dim: c.dim, warn: c.yellow, error: c.red, ok: c.green, bold: c.bold };
  return message.map(([t, text]) => tone[t](text)).join("");
}

/** The kata's title, its files, the tests' count and status. @param {State} s @param {Looks} looks */
function header(s, { c }) {
  const kata = currentKata(s);
  const r = resultOf(s, kata);
  const lesson = existsSync(path.join(kata.dir, "README.md")) ? `katas/${kata.slug}/README.md` : `katas/${kata.slug}/ (no README yet)`;
  const running = s.run !== "idle";
  const status = running ? c.yellow("running…") : r.typesPending ? c.yellow("checking types…") : r.status === "green" ? c.green(c.bold("all tests pass, types check")) : "";
  return [
    `${c.bold(`${kata.slug}`)}  ${c.bold(c.cyan(kata.meta.title))}  ${c.dim(`(kata ${s.index + 1} of ${s.katas.length})`)}`,
    ...(kata.meta.summary ? [c.dim(kata.meta.summary)] : []),
    `lesson: ${lesson}   your file${kata.files.length === 1 ? "" : "s"}: ${kata.files.map((f) => `katas/${kata.slug}/${f}`).join(", ")}`,
    "",
    `${c.bold(`${r.passed}/${r.total}`)} tests pass  ${bar(r.passed, r.total, 24, c)}  ${status}`,
    "",
  ];
}

/** What the learner should look at: the first failure, or what to do next. @param {State} s @param {Looks} looks */
function verdict(s, { root, c }) {
  const kata = currentKata(s);
  const r = resultOf(s, kata);
  if (s.allGreen) {
    return [
      c.green(c.bold(`Every kata is green, confirmed by a full run of all ${s.katas.length}. Well done!`)),
      "Compare your answers with the reference solutions (c), or revisit any kata (l).",
    ];
  }
  if (r.status === "green" && r.typesPending) return [c.yellow("Every test passes; checking the types (tsc)…")];
  if (r.status === "green") return [c.green(c.bold(`✔ ${kata.meta.title}: done.`)) + ` Press ${c.bold("n")} for the next kata, ${c.bold("c")} to compare with the reference solution.`];
  if (r.status === "empty" && s.run === "idle") return [c.yellow(kata.slug in s.results ? "No tests found for this kata yet." : "Not run yet.")];
  const failure = formatFailure(r, { root, color: c.enabled });
  return failure ? [failure] : [];
}

/** @param {State} s @param {Looks} looks */
function mainScreen(s, looks) {
  const { root, c, columns } = looks;
  if (s.katas.length === 0) return `No katas found in ${path.join(root, "katas")}.\n\n${c.dim(KEY_LINE)}`;
  const kata = currentKata(s);
  const r = resultOf(s, kata);
  const lines = [...header(s, looks), ...verdict(s, looks)];
  if (r.logs?.length && !s.allGreen) {
    const shown = r.logs.slice(-8).map((line) => (c.enabled ? line : stripAnsi(line)));
    lines.push("", c.bold(`Console output${r.logs.length > shown.length ? ` (last ${shown.length} of ${r.logs.length} lines)` : ""}:`), indent(shown.join("\n"), "  │ "));
  }
  lines.push("", formatSummary(orderedResults(s), { color: c.enabled }));
  if (s.hintsShown > 0) {
    const hints = kata.meta.hints;
    const width = Math.min(92, (columns ?? 100) - 4);
    lines.push("");
    for (let i = 0; i < Math.min(s.hintsShown, hints.length); i++) {
      lines.push(c.yellow(`Hint ${i + 1}/${hints.length}:`) + " " + indent(wrap(inlineMarkdown(/** @type {string} */ (hints[i]), c), width), "  ").trimStart());
    }
    if (s.hintsShown >= hints.length) lines.push(c.dim("That was the last hint. c compares your file with the reference solution."));
  }
  if (s.panel) lines.push("", s.panel);
  if (s.uiUrl) lines.push("", `Vitest UI: ${c.cyan(s.uiUrl)}`);
  if (s.message.length) lines.push("", formatMessage(s.message, c));
  lines.push("", s.prompt ? c.bold(`${s.prompt.question} [y/N]`) : c.dim(KEY_LINE));
  return lines.join("\n");
}

/** @param {State} s @param {Looks} looks */
function listScreen(s, { c }) {
  const rows = orderedResults(s);
  const sel = rows[s.selected]?.slug;
  return [
    c.bold("The katas"),
    "",
    formatList(rows, { color: c.enabled, current: currentKata(s).slug, ...(sel ? { selected: sel } : {}) }),
    "",
    formatSummary(rows, { color: c.enabled }),
    "",
    s.typed ? `Go to kata number: ${s.typed}` : "",
    c.dim("↑/↓ (or k/j) and Enter, or type a number and Enter, to go to a kata · Esc or l to go back"),
  ].join("\n");
}
