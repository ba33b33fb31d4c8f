// @ts-check
/**
 * The watchdog's folders (watchdog.mjs): one per watchdog, in the system's temporary directory, where
 * the test threads write which test runs, their heartbeat and the clues.
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";

const PROGRESS_ROOT = path.join(tmpdir(), "pattern-katas-progress");
let made = 0;

/**
 * A folder of its own for one watchdog, in a folder shared by all: ${pid}-${n}. Folders left by
 * processes that no longer run (killed, or stopped with Ctrl-C) are removed here, so that they do
 * not pile up in the system's temporary directory.
 */
export function progressDir() {
  mkdirSync(PROGRESS_ROOT, { recursive: true });
  for (const name of readdirSync(PROGRESS_ROOT)) {
    const pid = Number(name.split("-")[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid)) {
      removeProgressDir(path.join(PROGRESS_ROOT, name));
    }
  }
  const dir = path.join(PROGRESS_ROOT, `${process.pid}-${++made}-${threadId}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** @param {number} pid */
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
}

/**
 * Removes a watchdog's folder, best effort and retried: a test thread that is still being torn down
 * may write its last beat into it meanwhile (ENOTEMPTY). What is left, a later progressDir() removes.
 * @param {string} dir
 */
export function removeProgressDir(dir) {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  } catch {
    // left for a later watchdog
  }
}
