import { cpSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { scratchWorkbook } from "../../tools/core/process.mjs";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A throw-away copy of the workbook's machinery (the command line, the self-check, the prover and the kit from
 * tools/, package.json, tsconfig.json, node_modules linked) with the katas you ask for, so a test can
 * break things without touching the real tree. The maintainers' scripts (tools/mutation, soak, bench)
 * stay out: they refer to the real katas.
 */
export function makeWorkbook(katas: string[] = []): { root: string; dispose: () => void } {
  const machinery = ["tools/bin", "tools/check", "tools/cli", "tools/commands", "tools/core", "tools/guide", "tools/kit", "tools/play", "tools/prove", "tools/runner", "tools/terminal", "tools/stubs.lock.json", "package.json", "tsconfig.json"];
  const { dir: root, dispose } = scratchWorkbook(REPO, "wb", machinery);
  mkdirSync(path.join(root, "katas"));
  mkdirSync(path.join(root, "solutions"));
  for (const slug of katas) copyKata(root, slug, slug);
  return { root, dispose };
}

/** Copies kata `from` of the real workbook into `root` under the slug `to`. */
export function copyKata(root: string, from: string, to: string): void {
  cpSync(path.join(REPO, "katas", from), path.join(root, "katas", to), { recursive: true });
  cpSync(path.join(REPO, "solutions", from), path.join(root, "solutions", to), { recursive: true });
}
