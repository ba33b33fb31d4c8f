// @ts-check
/**
 * `npm run play -- <kata> [args]`: runs the kata's play.ts (the tutorial's program, on the learner's
 * code) through tsx, in a process of its own, with the terminal handed to it (kata 08's client reads
 * lines from it). A heartbeat from the program (tools/kit/play.ts) tells a program that waits (a
 * server, a prompt) from one stuck in an endless loop: 3 s without a beat stops it, with the words
 * the tests use. With `--solution`, the same play.ts runs against solutions/<kata>/.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ENV_NAMES, LIMITS } from "../core/config.mjs";
import { KataError } from "../core/katas.mjs";

export const PLAY_FILE = "play.ts";

/**
 * @param {import("../core/katas.mjs").Kata} kata
 * @param {{ root: string, args?: string[], target?: "learner" | "solution", capture?: boolean, input?: string, timeoutMs?: number, stallMs?: number }} options
 *   capture: collect stdout and stderr instead of handing over the terminal (the self-check, the
 *   guided mode); input: what to write to its stdin (with capture); timeoutMs: stop it after that long
 * @returns {Promise<{ code: number, output: string, stopped?: string }>}
 */
export function runPlay(kata, { root, args = [], target = "learner", capture = false, input, timeoutMs, stallMs = LIMITS.playStallMs }) {
  const file = path.join(kata.dir, PLAY_FILE);
  if (!existsSync(file)) throw new KataError(`${kata.slug} has no ${PLAY_FILE} yet: nothing to run`);
  const tsx = pathToFileURL(path.join(root, "node_modules", "tsx", "dist", "loader.mjs")).href;
  const redirect = pathToFileURL(path.join(root, "tools", "play", "register-redirect.mjs")).href;
  const nodeArgs = ["--import", tsx, ...(target === "solution" ? ["--import", redirect] : []), file, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: kata.dir,
      env: { ...process.env, [ENV_NAMES.play]: "1" },
      stdio: capture ? ["pipe", "pipe", "pipe", "ipc"] : ["inherit", "inherit", "inherit", "ipc"],
    });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    if (capture) child.stdin?.end(input ?? "");
    /** @type {string | undefined} */
    let stopped;
    // Until the first beat the program is still loading (tsx compiling it, on a busy machine maybe
    // for seconds): only a program that has started and then stops beating is stuck.
    let lastBeat = Date.now() + LIMITS.playLoadMs;
    child.on("message", () => (lastBeat = Date.now()));
    const started = Date.now();
    const watch = setInterval(() => {
      const quiet = Date.now() - lastBeat;
      if (quiet >= stallMs) {
        stopped = `your program has not given control back for ${(quiet / 1000).toFixed(0)} s: something in your code never returns (an infinite loop, a recursion without a base case). It was stopped.`;
      } else if (timeoutMs !== undefined && Date.now() - started > timeoutMs) {
        stopped = `your program was still running after ${(timeoutMs / 1000).toFixed(0)} s: it was stopped.`;
      }
      if (stopped) {
        clearInterval(watch);
        child.kill("SIGKILL");
      }
    }, 200);
    // Ctrl-C in the terminal reaches the child too (same process group); this process waits for it.
    const ignore = () => {};
    if (!capture) process.on("SIGINT", ignore);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearInterval(watch);
      if (!capture) process.off("SIGINT", ignore);
      if (stopped && !capture) process.stderr.write(`\nStopped: ${stopped}\n`);
      resolve({ code: stopped ? 1 : signal === "SIGINT" ? 0 : (code ?? 1), output, ...(stopped ? { stopped } : {}) });
    });
  });
}
