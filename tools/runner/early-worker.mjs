// @ts-check
/**
 * A one-kata run (`npm test` in a kata folder) spends ~0.4 s loading vitest in the main thread, then
 * ~0.3 s booting the worker thread that runs the spec, one after the other. Here the worker thread
 * is started first, with the entry, arguments and environment vitest will ask for, so that both
 * load side by side on two cores; vitest then adopts it instead of starting its own.
 *
 * Vitest's choice of arguments and environment is its own business (read off vitest 4.1's
 * ThreadsPoolWorker): when what vitest asks for differs in any way, the early thread is not used but
 * terminated, and the run goes on exactly as without it. Measured here: `npm test` in a kata folder
 * ~0.1 s faster. KATAS_EARLY_WORKER=0 turns it off; with KATAS_EARLY_WORKER=report the run says on
 * stderr whether vitest took the thread (test/e2e/hang-guards.test.ts checks that it does).
 */
import { isatty } from "node:tty";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { poolWorkerThread, setPoolWorkerThread } from "../core/internals.mjs";

/**
 * @typedef {{ entrypoint: string, execArgv: string[], env: Record<string, string | undefined> }} WorkerSpec
 */

/**
 * Starts the thread. Call `pool()` once vitest is loaded, for vitest's `pool` option.
 * @param {{ env: Record<string, string | undefined>, watch: boolean, enabled?: boolean }} options  env: the
 *   project's `test.env`; enabled: false starts no thread early (the pool still tracks vitest's)
 */
export function startEarlyWorker({ env, watch, enabled = true }) {
  const dist = path.dirname(fileURLToPath(import.meta.resolve("vitest/node")));
  /** @type {WorkerSpec} */
  const spec = {
    entrypoint: path.join(dist, "workers", "threads.js"),
    execArgv: ["--experimental-import-meta-resolve", "--require", path.join(dist, "..", "suppress-warnings.cjs"), "--conditions", "node", "--conditions", "development"],
    env: {
      ...process.env,
      TEST: "true",
      VITEST: "true",
      NODE_ENV: process.env["NODE_ENV"] || "test",
      VITEST_MODE: watch ? "WATCH" : "RUN",
      FORCE_TTY: isatty(1) ? "true" : "",
      // vite's import.meta.env, which vitest mirrors in process.env
      MODE: "test",
      BASE_URL: "/",
      PROD: "",
      DEV: "1",
      ...env,
    },
  };
  let adopted = false;
  /** @type {Worker | undefined} */
  let thread = enabled ? new Worker(spec.entrypoint, { env: spec.env, execArgv: spec.execArgv, stdout: true, stderr: true }) : undefined;
  thread?.unref();
  /** vitest's pool workers, to stop the thread of one stuck in a learner's loop. @type {Set<any>} */
  const workers = new Set();

  return {
    /**
     * The pool initializer: vitest's threads, the first of which is the early thread when it matches.
     * @param {typeof import("vitest/node").ThreadsPoolWorker} ThreadsPoolWorker
     * @returns {import("vitest/node").PoolRunnerInitializer}
     */
    pool(ThreadsPoolWorker) {
      return {
        name: "threads-early",
        createPoolWorker(options) {
          const worker = new ThreadsPoolWorker(options);
          workers.add(worker);
          if (thread && sameSpec(/** @type {any} */ (worker), spec)) {
            setPoolWorkerThread(worker, thread);
            thread.ref();
            adopted = true;
          } else {
            void thread?.terminate();
          }
          thread = undefined;
          return worker;
        },
      };
    },
    /**
     * Stops the threads of vitest's workers, one stuck in a busy loop included (Worker#terminate
     * interrupts running JavaScript): vitest reports the run's file as failed and, in watch mode,
     * goes on watching; the next run starts a fresh thread.
     */
    async terminateRunning() {
      const threads = [...workers].map(poolWorkerThread).filter((t) => t !== undefined);
      workers.clear();
      await Promise.all(threads.map((t) => t.terminate()));
    },
    /** Terminates the early thread if vitest never took it; resolves with whether vitest took it. */
    async close() {
      await thread?.terminate();
      thread = undefined;
      return adopted;
    },
  };
}

/**
 * @param {{ entrypoint: string, execArgv: string[], env: Record<string, string | undefined> }} worker
 * @param {WorkerSpec} spec
 */
function sameSpec(worker, spec) {
  if (worker.entrypoint !== spec.entrypoint || worker.execArgv.join("\0") !== spec.execArgv.join("\0")) return false;
  const a = Object.entries(worker.env).filter(([, v]) => v !== undefined);
  const b = Object.entries(spec.env).filter(([, v]) => v !== undefined);
  if (a.length !== b.length) return false;
  return a.every(([k, v]) => spec.env[k] === v);
}
