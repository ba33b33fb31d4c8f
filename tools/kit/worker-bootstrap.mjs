// @ts-check
/**
 * The first module of every worker started by `createTsWorker()` (tools/kit/worker.ts).
 *
 * A Worker runs plain JavaScript: Node 20 cannot load a `.ts` entry by itself, and
 * `execArgv: ["--import", "tsx"]` fails there with "Unknown file extension .ts". So this bootstrap
 * registers tsx's loader hooks in the worker's own thread, then imports the real TypeScript entry,
 * whose file URL createTsWorker put first in the worker's argv (and which we take out again, so the
 * entry sees process.argv as if it had been started directly). The same works on Node 22 and 24,
 * without relying on Node's own type stripping.
 */
import process from "node:process";
import { register } from "tsx/esm/api";

const entry = process.argv.splice(2, 1)[0];
if (!entry) throw new Error("worker-bootstrap.mjs: no entry module given (start workers with createTsWorker)");

register();
await import(entry);
