// @ts-check
/**
 * Type errors as results: `tsc` over some katas' own files (the learner's files, the spec and the
 * type-level tests), its diagnostics parsed into file, line, column and message. The learner's loop
 * (`npm test` in a kata folder, watch mode, the guided mode, list and progress) reports them as
 * failures of the kata, so that a kata is green only when its tests pass and its types check.
 *
 * tsc runs as a child process beside vitest, so the first test result never waits for it.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * @typedef {object} TypeDiagnostic
 * @property {string} file     root-relative, with forward slashes
 * @property {number} line     1-based
 * @property {number} column   1-based
 * @property {string} code     "TS2322"
 * @property {string} message  the whole message, continuation lines included
 */

/**
 * Parses `tsc --pretty false` output.
 * @param {string} output
 * @param {string} root  where tsc ran (its paths are relative to it)
 * @returns {TypeDiagnostic[]}
 */
export function parseTscOutput(output, root) {
  /** @type {TypeDiagnostic[]} */
  const out = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (match) {
      const [, file = "", row = "0", col = "0", code = "", message = ""] = match;
      const relative = path.isAbsolute(file) ? path.relative(root, file) : file;
      out.push({ file: relative.split(path.sep).join("/"), line: Number(row), column: Number(col), code, message });
    } else if (/^\s+\S/.test(line) && out.length > 0) {
      const last = /** @type {TypeDiagnostic} */ (out[out.length - 1]);
      last.message += `\n${line.trim()}`;
    }
  }
  return out;
}

/**
 * Runs tsc over the given folders of `root` (root-relative, e.g. "katas/01-closure-counter") with
 * the workbook's compiler options, and resolves with the diagnostics inside those folders. Files
 * they import from elsewhere (the kit) are checked by the self-check, not reported here.
 * @param {string} root
 * @param {string[]} folders
 * @param {{ signal?: AbortSignal }} [options]
 * @returns {Promise<TypeDiagnostic[]>}
 */
export async function checkFolders(root, folders, { signal } = {}) {
  if (folders.length === 0) return [];
  const dir = path.join(root, "node_modules", ".cache", "pattern-katas");
  mkdirSync(dir, { recursive: true });
  forgetStaleConfigs(dir);
  // One config per run, removed after it: node_modules may be shared by several workbooks (a
  // scratch copy links it), and runs of the same folders may overlap.
  const name = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const config = path.join(dir, `tsconfig.${name}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      extends: path.join(root, "tsconfig.json"),
      compilerOptions: { noEmit: true },
      include: folders.map((f) => path.join(root, f)),
    }),
  );
  let output;
  try {
    output = await runTsc(root, ["-p", config, "--pretty", "false"], signal);
  } finally {
    rmSync(config, { force: true });
  }
  const prefixes = folders.map((f) => `${f.split(path.sep).join("/").replace(/\/$/, "")}/`);
  return parseTscOutput(output, root).filter((d) => prefixes.some((p) => d.file.startsWith(p)));
}

/**
 * Removes the configs of runs that never got to remove their own (a process stopped by the
 * watchdog, or killed): any older than ten minutes.
 * @param {string} dir
 */
function forgetStaleConfigs(dir) {
  const before = Date.now() - 10 * 60_000;
  for (const file of readdirSync(dir)) {
    const full = path.join(dir, file);
    try {
      if (file.startsWith("tsconfig.") && statSync(full).mtimeMs < before) rmSync(full, { force: true });
    } catch {
      // removed meanwhile by another run: fine
    }
  }
}

/**
 * @param {string} root
 * @param {string[]} args
 * @param {AbortSignal} [signal]
 * @returns {Promise<string>}
 */
function runTsc(root, args, signal) {
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"], ...(signal ? { signal } : {}) });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (error) => (error.name === "AbortError" ? resolve("") : reject(error)));
    child.on("close", () => resolve(output));
  });
}

/**
 * One line per diagnostic, for a terminal: `counter.ts:12:7  TS2322  Type 'number' is ...`, paths
 * relative to `base` (a kata folder, or the root).
 * @param {TypeDiagnostic[]} diagnostics
 * @param {string} base  root-relative folder the paths are shown from
 */
export function formatDiagnostics(diagnostics, base = "") {
  const prefix = base ? `${base.replace(/\/$/, "")}/` : "";
  return diagnostics.map((d) => {
    const file = prefix && d.file.startsWith(prefix) ? d.file.slice(prefix.length) : d.file;
    const [first, ...rest] = d.message.split("\n");
    return [`${file}:${d.line}:${d.column}  ${d.code}  ${first}`, ...rest.map((l) => `    ${l}`)].join("\n");
  });
}
