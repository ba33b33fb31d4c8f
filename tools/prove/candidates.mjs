// @ts-check
/**
 * The proofs of a kata's spec, as they sit in proofs/<kata>/:
 *
 *   proofs/<kata>/mistakes/<name>.diff         the reference with one realistic mistake: a unified
 *                                              diff against solutions/<kata>/, after a header of
 *                                              "Mistake: <what is wrong>" and "Step: <the lesson's
 *                                              step that rules it out>"
 *   proofs/<kata>/alternatives/<name>/*.ts     a correct solution in another style: whole files
 *                                              (the solution's own files fill in the rest); one of
 *                                              them says "Alternative: <the style>" in a comment
 *
 * A candidate is laid out as a kata folder of its own in a scratch workbook: the kata's spec and
 * fixtures, the solution's files, then the candidate's files or patch on top.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { KataError } from "../core/katas.mjs";

export const MIN_MISTAKES = 12;
export const MIN_ALTERNATIVES = 3;

/**
 * @typedef {object} Candidate
 * @property {string} kata       the kata's slug
 * @property {"mistake" | "alternative"} kind
 * @property {string} name       file or folder name, without .diff
 * @property {string} about      the "Mistake:" or "Alternative:" line
 * @property {string} [step]     the "Step:" line of a mistake
 * @property {string} source     root-relative path of the .diff or the folder
 * @property {string} folder     the candidate's folder name in the scratch workbook
 */

/**
 * Every candidate of a kata, mistakes first, each sorted by name. Problems with the proof files
 * themselves (a header missing, a folder without its line) are thrown as KataErrors.
 * @param {string} root
 * @param {string} slug
 * @returns {Candidate[]}
 */
export function listCandidates(root, slug) {
  const base = path.join(root, "proofs", slug);
  /** @type {Candidate[]} */
  const out = [];
  const mistakesDir = path.join(base, "mistakes");
  for (const file of existsSync(mistakesDir) ? readdirSync(mistakesDir).filter((f) => !f.startsWith(".")).sort() : []) {
    const source = path.join("proofs", slug, "mistakes", file);
    if (!file.endsWith(".diff")) throw new KataError(`${source}: a mistake is a .diff file (CONTRIBUTING.md, "The proof")`);
    const text = readFileSync(path.join(root, source), "utf8");
    const header = text.slice(0, text.search(/^--- /m) >>> 0);
    const about = /^Mistake:\s*(.+)$/m.exec(header)?.[1]?.trim();
    const step = /^Step:\s*(.+)$/m.exec(header)?.[1]?.trim();
    if (!about || !step) throw new KataError(`${source}: the header needs a "Mistake: ..." and a "Step: ..." line before the diff`);
    if (!/^--- /m.test(text)) throw new KataError(`${source}: no diff found (make one with: diff -u solutions/${slug}/x.ts edited.ts)`);
    const name = file.slice(0, -".diff".length);
    out.push({ kata: slug, kind: "mistake", name, about, step, source, folder: `${slug}__mistake__${name}` });
  }
  const altsDir = path.join(base, "alternatives");
  for (const name of existsSync(altsDir) ? readdirSync(altsDir).filter((f) => !f.startsWith(".")).sort() : []) {
    const source = path.join("proofs", slug, "alternatives", name);
    if (!statSync(path.join(root, source)).isDirectory()) throw new KataError(`${source}: an alternative is a folder of whole files`);
    const about = readdirSync(path.join(root, source))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => /Alternative:\s*(.+?)\s*(?:\*\/)?$/m.exec(readFileSync(path.join(root, source, f), "utf8"))?.[1])
      .find(Boolean);
    if (!about) throw new KataError(`${source}: one of its files must say "Alternative: <the style>" in a comment`);
    out.push({ kata: slug, kind: "alternative", name, about, source, folder: `${slug}__alternative__${name}` });
  }
  return out;
}

/**
 * Writes the candidate's kata folder into `scratch/katas/`: the kata's spec, type tests, kata.json
 * and fixtures (not its learner files), the solution's files, then the candidate.
 * @param {string} root
 * @param {string} scratch
 * @param {Candidate} candidate
 * @param {(file: string) => boolean} isLearnerFile
 */
export function layOut(root, scratch, candidate, isLearnerFile) {
  const dir = path.join(scratch, "katas", candidate.folder);
  const kataDir = path.join(root, "katas", candidate.kata);
  // The learner's files are the kata folder's own .ts files; a fixtures/ folder is the kata's, kept.
  cpSync(kataDir, dir, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(kataDir, src);
      return src === kataDir || path.dirname(rel) !== "." || !isLearnerFile(rel);
    },
  });
  cpSync(path.join(root, "solutions", candidate.kata), dir, { recursive: true });
  const source = path.join(root, candidate.source);
  if (candidate.kind === "alternative") {
    cpSync(source, dir, { recursive: true });
    return;
  }
  try {
    // git apply works outside a repository too, as a strict `patch`: a diff that no longer fits the
    // solution is an error here, not a silently different mistake.
    // GIT_CEILING_DIRECTORIES: never mistake a repository above the scratch folder for this one.
    execFileSync("git", ["apply", "-p1", source], { cwd: dir, stdio: "pipe", env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(dir) } });
  } catch (error) {
    const stderr = String(/** @type {{ stderr?: Buffer }} */ (error).stderr ?? "").trim();
    throw new KataError(`${candidate.source} no longer applies to solutions/${candidate.kata}/: ${stderr}\nRemake it against the current solution.`);
  }
}

/**
 * A scratch workbook for candidates: tools, node_modules and the tsconfig of the real one.
 * @param {string} root
 * @param {string} scratch
 */
export function makeScratch(root, scratch) {
  mkdirSync(path.join(scratch, "katas"), { recursive: true });
  for (const entry of ["tools", "node_modules"]) {
    const target = path.join(scratch, entry);
    if (!existsSync(target)) execFileSync("ln", ["-s", path.join(root, entry), target]);
  }
  const tsconfig = JSON.parse(stripJsonComments(readFileSync(path.join(root, "tsconfig.json"), "utf8")));
  tsconfig.include = ["katas"];
  writeFileSync(path.join(scratch, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ name: "pattern-katas-proofs", private: true, type: "module" }));
}

/** @param {string} text */
function stripJsonComments(text) {
  return text.replace(/^\s*\/\/.*$/gm, "");
}
