// @ts-check
/**
 * Rule 4 of the self-check: every kata has its lesson, stub, spec, solution and kata.json with
 * hints; no focused or skipped test anywhere; the stubs on disk are the ones in tools/stubs.lock.json.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isLearnerFile, isSpec, isTypeTest, KATA_DIR_PATTERN, listKatas, validateMeta } from "../../core/katas.mjs";
import { lockProblems } from "../../core/stubs.mjs";

/** @typedef {import("../section.mjs").Problem} Problem @typedef {import("../section.mjs").Section} Section */

/** @param {string} root @returns {Section} */
export function checkStructure(root) {
  /** @type {Problem[]} */
  const problems = [];
  let passed = 0;
  /** @param {string} where @param {string} message */
  const fail = (where, message) => problems.push({ rule: "structure", where, message });

  const katasDir = path.join(root, "katas");
  const solutionsDir = path.join(root, "solutions");
  const entries = existsSync(katasDir) ? readdirSync(katasDir) : [];
  for (const entry of entries) {
    if (!statSync(path.join(katasDir, entry)).isDirectory()) continue;
    if (!KATA_DIR_PATTERN.test(entry)) fail(`katas/${entry}`, "is not named NN-slug (two digits, a dash, lowercase words joined by dashes), so no command can find it");
  }
  const katas = listKatas(root);
  if (katas.length === 0) fail("katas/", "holds no kata");

  /** @type {Map<number, string>} */
  const numbers = new Map();
  for (const kata of katas) {
    const where = kata.slug;
    const before = problems.length;
    const other = numbers.get(kata.number);
    if (other) fail(where, `has the same number as ${other}: renumber one of them`);
    numbers.set(kata.number, kata.slug);

    if (!existsSync(path.join(kata.dir, "README.md"))) fail(where, `katas/${kata.slug}/README.md (the lesson) is missing`);
    for (const problem of validateMeta(kata)) fail(where, problem);
    if (kata.specs.length === 0) fail(where, `katas/${kata.slug} has no *.spec.ts`);
    if (kata.files.length === 0) fail(where, `katas/${kata.slug} has no stub (a .ts file that is not a spec)`);
    if (!existsSync(kata.solutionDir)) {
      fail(where, `solutions/${kata.slug}/ is missing: every kata has a mirrored solution folder`);
    } else {
      const solutionFiles = readdirSync(kata.solutionDir).filter(isLearnerFile);
      for (const file of kata.files) {
        if (!solutionFiles.includes(file)) fail(where, `solutions/${kata.slug}/${file} is missing: the solution of katas/${kata.slug}/${file}`);
      }
      for (const file of solutionFiles) {
        if (!kata.files.includes(file)) fail(where, `solutions/${kata.slug}/${file} has no stub in katas/${kata.slug}/: a learner could not write it`);
      }
      for (const file of readdirSync(kata.solutionDir)) {
        if (isSpec(file) || isTypeTest(file)) fail(where, `solutions/${kata.slug}/${file}: specs live in katas/ only (the solution project runs them from there)`);
      }
    }
    if (problems.length === before) passed++;
  }
  if (existsSync(solutionsDir)) {
    for (const entry of readdirSync(solutionsDir)) {
      if (statSync(path.join(solutionsDir, entry)).isDirectory() && !katas.some((k) => k.slug === entry)) {
        fail(`solutions/${entry}`, `has no kata folder katas/${entry}`);
      }
    }
  }

  const focused = findFocusedTests(root);
  for (const hit of focused) fail(hit.file, `line ${hit.line}: \`${hit.text}\` — remove it: a focused or skipped test hides the rest from the self-check`);
  if (focused.length === 0) passed++;

  let lock = [];
  try {
    lock = lockProblems(root);
  } catch (error) {
    lock = [/** @type {Error} */ (error).message];
  }
  for (const problem of lock) fail("tools/stubs.lock.json", problem);
  if (lock.length === 0) passed++;

  const lines = [`${katas.length} katas, ${passed} structural checks passed`];
  return { passed, problems, lines };
}

const FOCUS = /\b(?:(?:describe|it|test|suite|bench)(?:\.\w+)*\.(?:only|skip|todo)|(?:fit|xit|fdescribe|xdescribe|xtest))\s*\(/;

/** @param {string} root */
function findFocusedTests(root) {
  /** @type {{ file: string, line: number, text: string }[]} */
  const hits = [];
  for (const top of ["katas", "solutions", "proofs", "test"]) {
    for (const file of walk(path.join(root, top))) {
      if (!/\.(ts|mts|js|mjs)$/.test(file)) continue;
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((text, i) => {
        if (FOCUS.test(text) && !/^\s*(\/\/|\*)/.test(text)) hits.push({ file: path.relative(root, file), line: i + 1, text: text.trim() });
      });
    }
  }
  return hits;
}

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : walk(full);
    return [full];
  });
}

// ---------------------------------------------------------------------------------------------
// Rules 1 and 2 (and the tooling's own tests): one vitest run over the projects.
