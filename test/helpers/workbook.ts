import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A throw-away copy of the workbook's machinery (the command line, the self-check, the prover and the kit from
 * tools/, package.json, tsconfig.json, node_modules linked) with the katas you ask for, so a test can
 * break things without touching the real tree. The maintainers' scripts (tools/mutation, soak, bench)
 * stay out: they refer to the real katas.
 */
export function makeWorkbook(katas: string[] = []): { root: string; dispose: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), "pattern-katas-wb-"));
  for (const entry of ["tools/bin", "tools/check", "tools/cli", "tools/commands", "tools/core", "tools/guide", "tools/kit", "tools/play", "tools/prove", "tools/runner", "tools/terminal", "tools/stubs.lock.json", "package.json", "tsconfig.json"]) {
    cpSync(path.join(REPO, entry), path.join(root, entry), { recursive: true });
  }
  symlinkSync(path.join(REPO, "node_modules"), path.join(root, "node_modules"), "dir");
  mkdirSync(path.join(root, "katas"));
  mkdirSync(path.join(root, "solutions"));
  for (const slug of katas) copyKata(root, slug, slug);
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** Copies kata `from` of the real workbook into `root` under the slug `to`. */
export function copyKata(root: string, from: string, to: string): void {
  cpSync(path.join(REPO, "katas", from), path.join(root, "katas", to), { recursive: true });
  cpSync(path.join(REPO, "solutions", from), path.join(root, "solutions", to), { recursive: true });
}
