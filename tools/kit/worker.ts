/**
 * Worker threads whose entry file is TypeScript, for kata 07 (threads) and its solution: the one part
 * of the kit a solution may import, because a learner cannot be expected to write a module loader.
 *
 *   const worker = createTsWorker(new URL("./sum.worker.ts", import.meta.url));
 *
 * It is `new Worker(entry, options)` from node:worker_threads, except that the entry may be a `.ts`
 * file. Node 20 cannot start one by itself (and `execArgv: ["--import", "tsx"]` fails there with
 * "Unknown file extension .ts"), so the entry and what it imports are bundled once with esbuild (the
 * compiler vite and tsx already use) into a plain ES module in a temporary folder, with a source map,
 * and the worker runs that with `--enable-source-maps`: stack traces still point at the `.ts` lines.
 * Measured here, a worker starts 3-4 times faster this way than by registering tsx's loader inside
 * each new thread. The bundle is rebuilt when any file it was built from changes. Works on Node 20.19+,
 * 22 and 24, in plain node, under tsx and inside vitest.
 *
 * The kit also counts the workers it started and that have not exited yet, so a spec can prove that
 * no test leaves a worker running (`liveWorkers()` in afterEach, then `terminateWorkers()`), and that
 * the work really went to workers (`startedWorkers()` before and after).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { buildSync } from "esbuild";

/** Workers started here that have not emitted "exit" yet. */
const live = new Set<Worker>();
let started = 0;

/**
 * Starts a worker thread running `entry` (a `.ts` or `.js` module: a path, a file URL string, or a
 * URL). `options` are node:worker_threads' own: `workerData`, `transferList`, `resourceLimits`...
 */
export function createTsWorker(entry: string | URL, options: WorkerOptions = {}): Worker {
  if (options.eval) throw new TypeError("createTsWorker runs a module file; `eval` is not supported");
  const file = toPath(entry);
  const isTypeScript = /\.(c|m)?tsx?$/.test(file);
  const worker = new Worker(isTypeScript ? pathToFileURL(bundle(file)) : pathToFileURL(file), {
    ...options,
    execArgv: ["--enable-source-maps", ...(options.execArgv ?? [])],
  });
  live.add(worker);
  started++;
  worker.once("exit", () => live.delete(worker));
  return worker;
}

/** How many workers started by createTsWorker are still running (have not emitted "exit"). */
export function liveWorkers(): number {
  return live.size;
}

/** How many workers createTsWorker has started so far in this thread (running or not). */
export function startedWorkers(): number {
  return started;
}

/** Terminates every worker createTsWorker started that is still running; resolves once all exited. */
export async function terminateWorkers(): Promise<void> {
  await Promise.all([...live].map((worker) => worker.terminate()));
}

function toPath(entry: string | URL): string {
  if (entry instanceof URL) return fileURLToPath(entry);
  if (/^file:\/\//.test(entry)) return fileURLToPath(entry);
  return path.resolve(entry);
}

// --- bundling ------------------------------------------------------------------------------------

type Built = { outfile: string; inputs: { file: string; mtimeMs: number }[] };

const built = new Map<string, Built>();
let outDir: string | undefined;

/** The bundled ES module for `entry`, rebuilt when one of its source files has changed. */
function bundle(entry: string): string {
  const cached = built.get(entry);
  if (cached && cached.inputs.every(({ file, mtimeMs }) => mtimeOf(file) === mtimeMs)) return cached.outfile;

  if (!outDir) {
    const dir = mkdtempSync(path.join(tmpdir(), "pattern-katas-workers-"));
    outDir = dir;
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  const outfile = path.join(outDir, `${path.basename(entry).replace(/\.[^.]+$/, "")}-${built.size}-${Date.now()}.mjs`);
  const result = buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: "inline",
    sourcesContent: false,
    metafile: true,
    logLevel: "silent",
    // Bundled code that still needs `require` (a CommonJS dependency) gets one.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  });
  const cwd = process.cwd();
  const inputs = Object.keys(result.metafile.inputs)
    .map((input) => path.resolve(cwd, input))
    .map((file) => ({ file, mtimeMs: mtimeOf(file) }));
  built.set(entry, { outfile, inputs });
  return outfile;
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
