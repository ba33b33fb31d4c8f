// @ts-check
/**
 * What a mutation run records and prints: a kata's score and surviving mutants, REPORT.md, the
 * "mutation score" column of CONTRIBUTING.md, and the survivors NOTES.md explains.
 */
import { updateTableColumn } from "../core/markdown-table.mjs";

/** The score every kata should reach, in percent; under it, `npm run mutate` exits 1. */
export const TARGET = 90;

/**
 * @typedef {object} Survivor
 * @property {string} where     "solutions/01-closure-counter/counter.ts:12:5"
 * @property {string} mutator   Stryker's mutator name ("ConditionalExpression")
 * @property {string} original  the source text the mutant replaced
 * @property {string} replacement
 * @property {"Survived" | "NoCoverage"} status
 * @property {boolean} [explained]  a note in NOTES.md names it (an equivalent mutant)
 */

/**
 * @typedef {object} KataScore
 * @property {string} slug
 * @property {number} killed
 * @property {number} survived
 * @property {number} timeout
 * @property {number} noCoverage
 * @property {number} invalid     compile or runtime errors of the mutant itself: not counted
 * @property {number} total       mutants counted in the score
 * @property {number} score       detected / total, in percent (Stryker's mutation score)
 * @property {number} seconds
 * @property {number} seed
 * @property {string} date
 * @property {Survivor[]} survivors
 */

/**
 * The survivors NOTES.md explains: a note is a heading or list line that holds the mutant's
 * `file:line:column` and its mutator name, e.g. "### solutions/01-x/x.ts:12:5 StringLiteral".
 * @param {string} notes
 * @param {Survivor} survivor
 */
export function isExplained(notes, survivor) {
  const esc = (/** @type {string} */ t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const where = new RegExp(`${esc(survivor.where)}(?!\\d)`);
  const mutator = new RegExp(`\\b${esc(survivor.mutator)}\\b`);
  return notes.split("\n").some((line) => where.test(line) && mutator.test(line));
}

/**
 * Puts a "mutation score" column into the table of mutation scores in CONTRIBUTING.md (the table whose header starts
 * with "| # | kata |"), filled from the scores; other tables and text are left as they are.
 * @param {string} readme
 * @param {Record<string, KataScore>} scores
 * @param {{ slug: string, number: number }[]} katas
 */
export function updateReadmeTable(readme, scores, katas) {
  return updateTableColumn(readme, "mutation score", (number) => {
    const kata = katas.find((k) => k.number === number);
    const score = kata ? scores[kata.slug] : undefined;
    return score ? `${score.score}%` : "—";
  });
}

/**
 * REPORT.md: the latest figures of every kata and its surviving mutants.
 * @param {Record<string, KataScore>} scores
 */
export function renderReport(scores) {
  const out = [
    "# Mutation testing: latest results",
    "",
    "Written by `npm run mutate` (tools/mutation/mutate.mjs); do not edit by hand. Each kata's solution is",
    "mutated by Stryker and the kata's spec runs against every mutant. A survivor is wrong code the spec",
    `accepts: it needs a test that kills it, or a note in [NOTES.md](NOTES.md) when it is equivalent. Target: ${TARGET}%.`,
    "",
    "| kata | killed | survived | timed out | no coverage | score | seed | date |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  const slugs = Object.keys(scores).sort();
  for (const slug of slugs) {
    const s = /** @type {KataScore} */ (scores[slug]);
    out.push(`| ${slug} | ${s.killed} | ${s.survived} | ${s.timeout} | ${s.noCoverage} | ${s.score}% | ${s.seed} | ${s.date} |`);
  }
  for (const slug of slugs) {
    const s = /** @type {KataScore} */ (scores[slug]);
    out.push("", `## ${slug}`, "");
    if (s.survivors.length === 0) {
      out.push("Every mutant was killed.");
      continue;
    }
    for (const m of s.survivors) {
      const tag = m.explained ? " (explained in NOTES.md)" : m.status === "NoCoverage" ? " (no test reaches it)" : "";
      out.push(`- \`${m.where}\` ${m.mutator}${tag}: \`${m.original}\` → \`${m.replacement.replace(/\s+/g, " ")}\``);
    }
  }
  return `${out.join("\n")}\n`;
}

/** One kata's line on the console, and one line per surviving mutant. @param {KataScore} s */
export function printKata(s) {
  const mark = s.score >= TARGET ? "✓" : "✗";
  console.log(
    `${mark} ${s.slug.padEnd(22)} ${String(s.score).padStart(5)}%  killed ${s.killed}, survived ${s.survived}, timed out ${s.timeout}, ` +
      `no coverage ${s.noCoverage}${s.invalid ? `, invalid ${s.invalid}` : ""}  (${s.seconds} s)`,
  );
  for (const m of s.survivors) {
    const tag = m.explained ? "  [equivalent, NOTES.md]" : "";
    console.log(`    ${m.status === "NoCoverage" ? "no coverage" : "survived"} ${m.where} ${m.mutator}: ${m.original} → ${m.replacement.replace(/\s+/g, " ")}${tag}`);
  }
}
