/**
 * Setup file for every kata spec: before any test runs, the files the spec imports must export every
 * name their stub exports. A misspelt or missing export (`studytime` for `studyTime`) would otherwise
 * show up as `(0 , __vite_ssr_import_2__.studyTime) is not a function` in every test, and would even
 * let bad-input tests pass (calling `undefined` throws a TypeError too). Instead the spec file fails
 * to load with one line: "counter.ts does not export `studyTime` (it exports `studytime`, ...)".
 *
 * The names come from tools/stubs.lock.json, where `npm run stubs:lock` records each stub's exports.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect } from "vitest";
import { kataFile } from "./paths";

interface LockedFile {
  readonly exports?: readonly string[];
}

const testPath = expect.getState().testPath;
const lockPath = fileURLToPath(new URL("../stubs.lock.json", import.meta.url));
const root = path.dirname(path.dirname(lockPath));

if (testPath && existsSync(lockPath)) {
  const kataDir = path.relative(root, path.dirname(testPath)).split(path.sep).join("/");
  const files = (JSON.parse(readFileSync(lockPath, "utf8")) as { files?: Record<string, LockedFile> }).files ?? {};
  const problems: string[] = [];
  for (const [rel, locked] of Object.entries(files)) {
    const wanted = locked.exports ?? [];
    if (path.posix.dirname(rel) !== kataDir || wanted.length === 0) continue;
    const file = kataFile(`./${path.posix.basename(rel)}`, pathToFileURL(testPath).href);
    if (!existsSync(file)) {
      problems.push(`${path.posix.basename(rel)} is missing: this kata's spec needs it (\`npm run reset\` brings the stub back)`);
      continue;
    }
    const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const have = Object.keys(module).filter((name) => name !== "default" || wanted.includes("default"));
    const missing = wanted.filter((name) => !(name in module) || module[name] === undefined);
    if (missing.length > 0) problems.push(describeMissing(path.posix.basename(rel), missing, have));
  }
  if (problems.length > 0) {
    const error = new Error(problems.join("\n"));
    error.name = "MissingExportError";
    // No stack: the message is the whole story, and the frames would point into this file.
    error.stack = `${error.name}: ${error.message}`;
    throw error;
  }
}

function describeMissing(file: string, missing: readonly string[], have: readonly string[]): string {
  const quote = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(", ");
  const others = have.filter((n) => !missing.includes(n));
  const exported = others.length === 0 ? "it exports nothing" : `it exports ${quote(others)}`;
  const renames = missing.flatMap((want) => {
    const near = others.find((n) => n.toLowerCase() === want.toLowerCase() || distance(n, want) <= 2);
    return near ? [`\`${near}\` to \`${want}\``] : [];
  });
  const hint = renames.length > 0 ? ` Rename ${renames.join(", ")}?` : " The spec imports it by that name: add the export.";
  return `${file} does not export ${quote(missing)} (${exported}).${hint}`;
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
