import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { env } from "../core/config.mjs";

/**
 * The path of a file of the kata under test, for a spec that needs a path rather than an import
 * (a worker's entry file, a fixture a server reads). Call it with the spec's own `import.meta.url`:
 *
 *   const worker = kataFile("./sum.worker.ts", import.meta.url);
 *
 * Against the learner's files it is the file next to the spec; in the self-check's solution project
 * (KATAS_TARGET=solution) it is the same file in solutions/<kata>/ when the solution has one.
 */
export function kataFile(relative: string, specUrl: string): string {
  const local = fileURLToPath(new URL(relative, specUrl));
  if (env.target() !== "solution") return local;
  const mirrored = local.replace(/([\\/])katas([\\/])(?=\d{2}-[^\\/]+[\\/])/, "$1solutions$2");
  return mirrored !== local && existsSync(mirrored) ? mirrored : local;
}
