/**
 * The workbook copy for the learner's-tools tests: helpers/workbook.ts's copy with kata 01 as it
 * ships plus a two-test kata written here (02-clock), so the tests do not depend on the other katas;
 * and a way to run the CLI in it.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makeWorkbook } from "./workbook";

export const SLOW = 90_000;

export interface LearnerWorkbook {
  dir: string;
  counter: string;
  clock: string;
  /** Runs the CLI in the copy without a terminal (stdin is a pipe), the way CI would. */
  katas(...args: string[]): SpawnSyncReturns<string> & { out: string };
  /** The untouched stub of a learner's file, as the copy's tools/stubs.lock.json records it. */
  lockedStub(rel: string): string;
  remove(): void;
}

export function makeLearnerWorkbook(): LearnerWorkbook {
  const { root: dir, dispose } = makeWorkbook(["01-closure-counter"]);
  mkdirSync(path.join(dir, "katas/02-clock"), { recursive: true });
  mkdirSync(path.join(dir, "solutions/02-clock"), { recursive: true });
  writeFileSync(
    path.join(dir, "katas/02-clock/kata.json"),
    JSON.stringify({ title: "Clock", hints: ["Return the hours.", "`return h % 24`"], passOnStub: [] }),
  );
  writeFileSync(
    path.join(dir, "katas/02-clock/clock.ts"),
    `import { todo } from "../../tools/kit";\n\n/** Hours on a 24-hour clock. */\nexport function wrap(h: number): number {\n  return todo("wrap(h)");\n}\n`,
  );
  writeFileSync(path.join(dir, "solutions/02-clock/clock.ts"), `/** Hours on a 24-hour clock. */\nexport function wrap(h: number): number {\n  return h % 24;\n}\n`);
  writeFileSync(
    path.join(dir, "katas/02-clock/clock.spec.ts"),
    `import { describe, expect, it } from "vitest";\nimport { wrap } from "./clock";\n\ndescribe("1. wrap", () => {\n  it("keeps 5 as 5", () => expect(wrap(5)).toBe(5));\n  it("wraps 25 to 1", () => expect(wrap(25)).toBe(1));\n});\n`,
  );

  const katas = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", INIT_CWD: dir };
    delete env["FORCE_COLOR"];
    delete env["CI"];
    const result = spawnSync(process.execPath, ["tools/bin/katas.mjs", ...args], { cwd: dir, env, encoding: "utf8", input: "", timeout: SLOW });
    return Object.assign(result, { out: result.stdout + result.stderr });
  };
  // The copy's lock records exactly the copy's stubs.
  const locked = katas("stubs:lock");
  if (locked.status !== 0) throw new Error(`stubs:lock failed in the copy:\n${locked.out}`);

  return {
    dir,
    counter: path.join(dir, "katas/01-closure-counter/counter.ts"),
    clock: path.join(dir, "katas/02-clock/clock.ts"),
    katas,
    lockedStub(rel) {
      const lock = JSON.parse(readFileSync(path.join(dir, "tools/stubs.lock.json"), "utf8")) as { files: Record<string, { content: string }> };
      const entry = lock.files[rel];
      if (!entry) throw new Error(`${rel} is not in the copy's stub lock`);
      return entry.content;
    },
    remove: dispose,
  };
}
