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
 * Bundles are kept in one folder of the system's temporary directory and reused while their sources
 * are unchanged.
 * Measured here, a worker starts 3-4 times faster this way than by registering tsx's loader inside
 * each new thread. The bundle is rebuilt when any file it was built from changes. Works on Node 20.19+,
 * 22 and 24, in plain node, under tsx and inside vitest.
 *
 * The kit also counts the workers it started and that have not exited yet, so a spec can prove that
 * no test leaves a worker running (`liveWorkers()` in afterEach, then `terminateWorkers()`), and that
 * the work really went to workers (`startedWorkers()` before and after).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { threadId, Worker, type WorkerOptions } from "node:worker_threads";
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

type Built = { inputs: { file: string; mtimeMs: number }[] };

/**
 * Bundles live in one folder shared by every run (not a folder per run, which a worker thread has no
 * reliable moment to remove), one bundle per entry file, with the list of files it was built from:
 * a later run, or another worker thread, reuses it until one of those files changes.
 */
const CACHE_DIR = path.join(tmpdir(), "pattern-katas-workers");
const built = new Map<string, Built>();

/** The bundled ES module for `entry`, rebuilt when one of its source files has changed. */
function bundle(entry: string): string {
  const base = path.join(CACHE_DIR, `${path.basename(entry).replace(/\.[^.]+$/, "")}-${createHash("sha1").update(entry).digest("hex").slice(0, 12)}`);
  const outfile = `${base}.mjs`;
  const metafile = `${base}.json`;
  const known = built.get(entry) ?? readBuilt(metafile);
  if (known && existsSync(outfile) && known.inputs.every(({ file, mtimeMs }) => mtimeOf(file) === mtimeMs)) {
    built.set(entry, known);
    return outfile;
  }

  mkdirSync(CACHE_DIR, { recursive: true });
  // Written next to its final name, then renamed: a worker starting meanwhile, in this run or
  // another, reads either the old bundle or the new one, never half of one.
  const partial = `${base}.${process.pid}-${threadId}-${Date.now()}.partial.mjs`;
  try {
    const result = buildSync({
      entryPoints: [entry],
      outfile: partial,
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
    const fresh: Built = {
      inputs: Object.keys(result.metafile.inputs)
        .map((input) => path.resolve(cwd, input))
        .map((file) => ({ file, mtimeMs: mtimeOf(file) })),
    };
    renameSync(partial, outfile);
    writeFileSync(`${metafile}.${process.pid}-${threadId}.partial`, JSON.stringify(fresh));
    renameSync(`${metafile}.${process.pid}-${threadId}.partial`, metafile);
    built.set(entry, fresh);
    return outfile;
  } finally {
    rmSync(partial, { force: true });
  }
}

function readBuilt(metafile: string): Built | undefined {
  try {
    const parsed = JSON.parse(readFileSync(metafile, "utf8")) as Built;
    return Array.isArray(parsed.inputs) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
