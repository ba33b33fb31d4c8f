// @ts-check
/**
 * The katas on disk: discovery, metadata and name resolution. Shared by every command.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./paths.mjs";

export const KATA_DIR_PATTERN = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/**
 * @typedef {object} KataMeta
 * @property {string} title      shown in the guided mode and the list
 * @property {string} [summary]  one line on what the kata teaches
 * @property {string[]} hints    from a nudge to nearly the answer
 * @property {string[]} passOnStub  full names ("describe > test") allowed to pass on the untouched stub
 * @property {boolean} [fixTheBug]  the stub ships buggy code instead of todo(): any failure on it counts
 * @property {PlayRun[]} play  what the self-check runs play.ts with, against the solution
 */

/**
 * @typedef {object} PlayRun
 * @property {string[]} args     the program's arguments
 * @property {string} [input]    written to its stdin (an interactive program's short, fixed session)
 * @property {string[]} expect   lines (or parts of lines) its output must hold, in this order
 */

/**
 * @typedef {object} Kata
 * @property {string} slug          "01-closure-counter"
 * @property {number} number        1
 * @property {string} name          "closure-counter"
 * @property {string} dir           absolute path of katas/<slug>
 * @property {string} solutionDir   absolute path of solutions/<slug>
 * @property {string[]} specs       spec file names inside dir ("counter.spec.ts")
 * @property {string[]} files       the learner's files inside dir: the .ts files that are not specs or type tests
 * @property {KataMeta} meta
 */

export class KataError extends Error {
  /** @param {string} message @param {number} [exitCode] */
  constructor(message, exitCode = 2) {
    super(message);
    this.name = "KataError";
    this.exitCode = exitCode;
  }
}

/** @param {string} file */
export function isSpec(file) {
  return file.endsWith(".spec.ts");
}

/** @param {string} file */
export function isTypeTest(file) {
  return file.endsWith(".test-d.ts");
}

/**
 * The learner's files: .ts sources that are neither specs nor type-level tests, nor the kata's
 * play.ts (the workbook's program that runs the learner's code).
 * @param {string} file
 */
export function isLearnerFile(file) {
  return /\.(ts|mts)$/.test(file) && !isSpec(file) && !isTypeTest(file) && !file.endsWith(".d.ts") && file !== "play.ts";
}

/**
 * Every kata folder, in course order. Folders that do not look like `NN-slug` are ignored here (the
 * self-check reports them).
 * @param {string} [root]
 * @returns {Kata[]}
 */
export function listKatas(root = ROOT) {
  const katasDir = path.join(root, "katas");
  if (!existsSync(katasDir)) return [];
  return readdirSync(katasDir)
    .filter((entry) => KATA_DIR_PATTERN.test(entry) && statSync(path.join(katasDir, entry)).isDirectory())
    .sort()
    .map((slug) => loadKata(root, slug));
}

/**
 * @param {string} root
 * @param {string} slug
 * @returns {Kata}
 */
export function loadKata(root, slug) {
  const match = KATA_DIR_PATTERN.exec(slug);
  if (!match) throw new KataError(`"${slug}" is not a kata folder name (expected NN-slug, e.g. 01-closure-counter)`);
  const dir = path.join(root, "katas", slug);
  const entries = readdirSync(dir).sort();
  return {
    slug,
    number: Number(match[1]),
    name: /** @type {string} */ (match[2]),
    dir,
    solutionDir: path.join(root, "solutions", slug),
    specs: entries.filter(isSpec),
    files: entries.filter(isLearnerFile),
    meta: readMeta(dir, slug),
  };
}

/**
 * kata.json, with defaults, so that a kata with a missing or broken file still lists; the self-check
 * reports the problem itself.
 * @param {string} dir
 * @param {string} slug
 * @returns {KataMeta}
 */
function readMeta(dir, slug) {
  /** @type {Partial<KataMeta>} */
  let raw = {};
  try {
    raw = JSON.parse(readFileSync(path.join(dir, "kata.json"), "utf8"));
  } catch {
    // reported by validateMeta()
  }
  return {
    title: typeof raw.title === "string" ? raw.title : slug,
    ...(typeof raw.summary === "string" ? { summary: raw.summary } : {}),
    hints: Array.isArray(raw.hints) ? raw.hints.filter((h) => typeof h === "string") : [],
    passOnStub: Array.isArray(raw.passOnStub) ? raw.passOnStub.filter((h) => typeof h === "string") : [],
    play: Array.isArray(raw.play) ? raw.play.filter(isPlayRun).map((r) => ({ args: r.args ?? [], expect: r.expect, ...(typeof r.input === "string" ? { input: r.input } : {}) })) : [],
    ...(raw.fixTheBug === true ? { fixTheBug: true } : {}),
  };
}

/**
 * Problems with a kata's kata.json, in words a maintainer can act on.
 * @param {Kata} kata
 * @returns {string[]}
 */
export function validateMeta(kata) {
  const file = path.join(kata.dir, "kata.json");
  if (!existsSync(file)) return [`katas/${kata.slug}/kata.json is missing (title, hints, passOnStub)`];
  /** @type {unknown} */
  let raw;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return [`katas/${kata.slug}/kata.json is not valid JSON: ${/** @type {Error} */ (error).message}`];
  }
  /** @type {string[]} */
  const problems = [];
  const where = `katas/${kata.slug}/kata.json`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return [`${where} must hold a JSON object`];
  const obj = /** @type {Record<string, unknown>} */ (raw);
  if (typeof obj["title"] !== "string" || obj["title"].trim() === "") problems.push(`${where}: "title" must be a non-empty string`);
  const hints = obj["hints"];
  if (!Array.isArray(hints) || hints.length === 0 || !hints.every((h) => typeof h === "string" && h.trim() !== "")) {
    problems.push(`${where}: "hints" must be a non-empty list of non-empty strings (from a nudge to nearly the answer)`);
  }
  const pass = obj["passOnStub"];
  if (pass !== undefined && (!Array.isArray(pass) || !pass.every((h) => typeof h === "string"))) {
    problems.push(`${where}: "passOnStub" must be a list of full test names ("describe > test")`);
  }
  if (obj["fixTheBug"] !== undefined && typeof obj["fixTheBug"] !== "boolean") problems.push(`${where}: "fixTheBug" must be true or false`);
  const runs = obj["play"];
  if (runs !== undefined && (!Array.isArray(runs) || !runs.every(isPlayRun))) {
    problems.push(`${where}: "play" must be a list of { "args": [...], "input"?: "...", "expect": ["a line of its output", ...] }`);
  }
  const known = new Set(["title", "summary", "hints", "passOnStub", "fixTheBug", "play"]);
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) problems.push(`${where}: unknown key "${key}" (known: ${[...known].join(", ")})`);
  }
  return problems;
}

/** @param {any} run @returns {run is { args?: string[], input?: string, expect: string[] }} */
function isPlayRun(run) {
  if (typeof run !== "object" || run === null) return false;
  const strings = (/** @type {unknown} */ v) => Array.isArray(v) && v.every((x) => typeof x === "string");
  return strings(run.expect) && run.expect.length > 0 && (run.args === undefined || strings(run.args)) && (run.input === undefined || typeof run.input === "string");
}

/**
 * Finds a kata by number ("3", "03"), slug ("03-decorator"), name ("decorator") or unique prefix ("deco").
 * @param {string} query
 * @param {Kata[]} katas
 * @returns {Kata}
 */
export function resolveKata(query, katas) {
  const q = String(query).trim().toLowerCase().replace(/[\\/]+$/, "").replace(/^(?:.*[\\/])?katas[\\/]/, "");
  if (q === "") throw new KataError(`name a kata.\n\n${kataListing(katas)}`);
  if (/^\d+$/.test(q)) {
    const found = katas.find((k) => k.number === Number(q));
    if (found) return found;
    throw new KataError(`there is no kata number ${query}.\n\n${kataListing(katas)}`);
  }
  const exact = katas.find((k) => k.slug === q || k.name === q);
  if (exact) return exact;
  const prefixed = katas.filter((k) => k.name.startsWith(q) || k.slug.startsWith(q));
  if (prefixed.length === 1) return /** @type {Kata} */ (prefixed[0]);
  if (prefixed.length > 1) {
    throw new KataError(`"${query}" is ambiguous: it could be ${prefixed.map((k) => k.slug).join(" or ")}.`);
  }
  const closest = closestKata(q, katas);
  const suggestion = closest ? ` Did you mean ${closest.slug}?` : "";
  throw new KataError(`no kata matches "${query}".${suggestion}\n\n${kataListing(katas)}`);
}

/** @param {Kata[]} katas */
export function kataListing(katas) {
  return ["The katas:", ...katas.map((k) => `  ${k.slug.padEnd(24)} ${k.meta.title}`)].join("\n");
}

/**
 * @param {string} q
 * @param {Kata[]} katas
 */
function closestKata(q, katas) {
  let best = /** @type {Kata | undefined} */ (undefined);
  let bestDistance = Infinity;
  for (const kata of katas) {
    for (const candidate of [kata.name, kata.slug, ...kata.name.split("-")]) {
      const d = levenshtein(q, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = kata;
      }
    }
  }
  return bestDistance <= Math.max(2, Math.floor(q.length / 2)) ? best : undefined;
}

/** @param {string} a @param {string} b */
export function levenshtein(a, b) {
  /** @type {number[]} */
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(/** @type {number} */ (prev[j]) + 1, /** @type {number} */ (row[j - 1]) + 1, /** @type {number} */ (prev[j - 1]) + cost);
    }
    prev = row;
  }
  return /** @type {number} */ (prev[b.length]);
}

/**
 * The kata a directory belongs to (npm sets INIT_CWD to where `npm test` was typed).
 * katas/<slug>/... and solutions/<slug>/... both count.
 * @param {string} dir
 * @param {string} [root]
 * @returns {{ slug: string, target: "learner" | "solution" } | undefined}
 */
export function kataOfDirectory(dir, root = ROOT) {
  const rel = path.relative(root, path.resolve(dir));
  if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  const [top, slug] = rel.split(path.sep);
  if (!slug || !KATA_DIR_PATTERN.test(slug)) return undefined;
  if (top === "katas") return { slug, target: "learner" };
  if (top === "solutions") return { slug, target: "solution" };
  return undefined;
}
