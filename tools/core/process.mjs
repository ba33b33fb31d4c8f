// @ts-check
/**
 * Running another program and collecting what it prints, and scratch folders that go away: the two
 * things every maintainers' script (prove, soak, bench) and the self-check need, written once.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Runs `command` to its end with stdout and stderr collected together, in the order they came.
 * With `timeoutMs`, a run still going then is killed (SIGKILL) and says so.
 * @param {string} command @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} options
 * @returns {Promise<{ code: number, output: string, ms: number, timedOut: boolean }>}
 */
export function collect(command, args, { cwd, env = process.env, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
          }, timeoutMs);
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output, ms: performance.now() - started, timedOut });
    });
  });
}

/**
 * A new folder in the system's temporary directory, named `pattern-katas-<purpose>-…`.
 * @param {string} purpose
 * @returns {{ dir: string, dispose: () => void }}
 */
export function scratchDir(purpose) {
  const dir = mkdtempSync(path.join(tmpdir(), `pattern-katas-${purpose}-`));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A scratch copy of the workbook: the `entries` given (root-relative files or folders; missing ones
 * are skipped), and node_modules linked, not copied.
 * @param {string} root @param {string} purpose @param {string[]} entries
 * @returns {{ dir: string, dispose: () => void }}
 */
export function scratchWorkbook(root, purpose, entries) {
  const scratch = scratchDir(purpose);
  for (const entry of entries) {
    if (existsSync(path.join(root, entry))) cpSync(path.join(root, entry), path.join(scratch.dir, entry), { recursive: true });
  }
  symlinkSync(path.join(root, "node_modules"), path.join(scratch.dir, "node_modules"), "dir");
  return scratch;
}
