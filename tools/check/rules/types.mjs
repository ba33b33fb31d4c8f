// @ts-check
/**
 * Rules 3 and 5 of the self-check: the whole tree type-checks (the type-level tests included), and
 * each stub exports the same declarations as its solution.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { listKatas } from "../../core/katas.mjs";
import { collect } from "../../core/process.mjs";

/** @typedef {import("../section.mjs").Problem} Problem @typedef {import("../section.mjs").Section} Section */

/** @param {string} root @returns {Promise<Section>} */
export async function checkTypes(root) {
  const outDir = mkdtempSync(path.join(tmpdir(), "pattern-katas-dts-"));
  /** @type {Problem[]} */
  const problems = [];
  let passed = 0;
  try {
    const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
    // Single-threaded: tsc runs beside vitest, which keeps the cores busy anyway (~20% less CPU).
    const args = [tsc, "-p", path.join(root, "tsconfig.json"), "--noEmit", "false", "--declaration", "--emitDeclarationOnly", "--outDir", outDir, "--pretty", "false", "--singleThreaded"];
    const { code, output } = await run(process.execPath, args, root);
    const errors = output.split("\n").filter((l) => /error TS\d+/.test(l));
    for (const line of errors) {
      const file = line.replace(/\(\d+,\d+\).*$/, "");
      const slug = /^(?:katas|solutions)\/(\d{2}-[^/]+)\//.exec(file)?.[1];
      problems.push({ rule: "types", where: slug ?? file, message: line.trim() });
    }
    if (code !== 0 && errors.length === 0) problems.push({ rule: "types", where: "tsc", message: `tsc exited with ${code}:\n${output.trim()}` });
    if (code === 0) passed++;

    for (const kata of listKatas(root)) {
      let same = true;
      for (const file of kata.files) {
        const dts = file.replace(/\.m?ts$/, (ext) => (ext === ".mts" ? ".d.mts" : ".d.ts"));
        const stub = path.join(outDir, "katas", kata.slug, dts);
        const solution = path.join(outDir, "solutions", kata.slug, dts);
        if (!existsSync(stub) || !existsSync(solution)) continue; // reported by tsc or by the structure check
        const diff = compareDeclarations(readFileSync(stub, "utf8"), readFileSync(solution, "utf8"));
        if (diff) {
          same = false;
          problems.push({
            rule: "same exports",
            where: `${kata.slug}/${file}`,
            message: `the stub and the solution do not export the same declarations (- stub, + solution):\n${diff}`,
          });
        }
      }
      if (same) passed++;
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const lines = [problems.length === 0 ? "tsc clean (type-level tests included); stub and solution declarations match" : "tsc or the declaration comparison found problems"];
  return { passed, problems, lines };
}

/**
 * The public surface of a .d.ts: comments, import lines and private members dropped, whitespace
 * folded. Returns a short -/+ diff when the two differ, "" when they match.
 * @param {string} stub
 * @param {string} solution
 */
export function compareDeclarations(stub, solution) {
  const a = publicSurface(stub);
  const b = publicSurface(solution);
  if (a.join("\n") === b.join("\n")) return "";
  const onlyA = a.filter((l) => !b.includes(l)).map((l) => `- ${l}`);
  const onlyB = b.filter((l) => !a.includes(l)).map((l) => `+ ${l}`);
  const changes = [...onlyA, ...onlyB];
  return (changes.length > 0 ? changes : ["(the same declarations in another order)"]).join("\n");
}

/** @param {string} dts */
function publicSurface(dts) {
  return dts
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .split("\n")
    .map((l) => l.trim().replace(/\s+/g, " "))
    .filter((l) => l !== "" && !/^import\b/.test(l) && !/^export \{\};?$/.test(l))
    .filter((l) => !/^(?:private|#private)\b/.test(l) || /^private constructor\b/.test(l) || /^private (?:static )?(?:readonly )?constructor\b/.test(l));
}

/** @param {string} command @param {string[]} args @param {string} cwd */
const run = (command, args, cwd) => collect(command, args, { cwd });
