/**
 * The guided mode's engine keeps a test thread from run to run (tools/runner/warm-pool.mjs), so that
 * a rerun on save finds vitest's runtime and fast-check loaded and its JIT warm. What must not be
 * kept: the learner's earlier code, its module state, its globals. Each test here runs real
 * learner-like code in a scratch workbook twice through one engine, and asserts that the second run
 * is judged as a fresh thread would judge it, and that the thread really was the same one. The file
 * watcher is closed: a run that starts before vitest's watcher has seen a save (a loaded machine)
 * is forced, not hoped for.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { makeWorkbook } from "../helpers/workbook";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

type Engine = Awaited<ReturnType<(typeof import("../../tools/runner/engine.mjs"))["createEngine"]>>;
type Kata = ReturnType<(typeof import("../../tools/core/katas.mjs"))["listKatas"]>[number];

let root: string;
let dispose: () => void;
let engine: Engine;
let kata: Kata;
const kataDir = () => path.join(root, "katas/01-state");
const threadFile = () => path.join(kataDir(), "thread.txt");

beforeAll(async () => {
  ({ root, dispose } = makeWorkbook());
  mkdirSync(kataDir(), { recursive: true });
  writeFileSync(path.join(kataDir(), "kata.json"), JSON.stringify({ title: "State", hints: ["-"], passOnStub: [] }));
  writeFileSync(path.join(kataDir(), "README.md"), "# State\n");
  // Module state in a file that no save touches: only re-evaluation starts it at zero again.
  writeFileSync(path.join(kataDir(), "count.ts"), "let count = 0;\nexport const calls = (): number => ++count;\n");
  // The spec: the value the learner's code returns, module state that starts at zero, no global left
  // by an earlier run, and the test thread's id written down for the test below to compare.
  writeFileSync(
    path.join(kataDir(), "value.spec.ts"),
    [
      'import { writeFileSync } from "node:fs";',
      'import { threadId } from "node:worker_threads";',
      'import { expect, it } from "vitest";',
      'import { calls, value } from "./value";',
      'it("returns 2", () => expect(value()).toBe(2));',
      'it("counts from zero", () => expect(calls()).toBe(1));',
      'it("finds no global of an earlier run", () => expect((globalThis as { __seen?: number }).__seen).toBe(1));',
      `it("notes its thread", () => writeFileSync(${JSON.stringify(threadFile())}, String(threadId)));`,
      "",
    ].join("\n"),
  );
  const { createEngine } = await import(pathToFileURL(path.join(root, "tools/runner/engine.mjs")).href);
  const { listKatas } = await import(pathToFileURL(path.join(root, "tools/core/katas.mjs")).href);
  engine = await createEngine({ root, watch: true });
  // No file events at all: whether a run sees the saved code must not depend on when (or whether)
  // vitest's watcher has seen the save. The engine finds the changes itself.
  await engine.vitest.vite.watcher.close();
  kata = listKatas(root).find((k: Kata) => k.slug === "01-state");
});
afterAll(async () => {
  await engine?.close();
  dispose?.();
});

/** The learner's file: `value()` returns `returns`; a global counted at load; count.ts's state. */
function save(returns: number): void {
  writeFileSync(
    path.join(kataDir(), "value.ts"),
    [
      'export { calls } from "./count";',
      "const g = globalThis as { __seen?: number };",
      "g.__seen = (g.__seen ?? 0) + 1;",
      `export const value = (): number => ${returns};`,
      "",
    ].join("\n"),
  );
}

async function run() {
  const result = (await engine.run([kata], { types: false })).get("01-state");
  return { passed: result?.passed, first: result?.firstFailure?.name, thread: readFileSync(threadFile(), "utf8") };
}

it("judges a rerun in a kept thread on the code as saved, with fresh module state and no earlier globals", async () => {
  save(1);
  const first = await run();
  expect(first).toMatchObject({ passed: 3, first: "returns 2" });
  expect(engine.keptThreads, "the thread is kept for the next run").toBe(1);

  save(2);
  const second = await run();
  expect(second, "the new code runs, its module state starts at zero, the old global is gone").toMatchObject({ passed: 4 });
  expect(second.thread, "in the same thread as the run before").toBe(first.thread);

  save(1);
  const third = await run();
  expect(third).toMatchObject({ passed: 3, first: "returns 2", thread: first.thread });
});

it("starts a run marked fresh in a new thread", async () => {
  save(2);
  const kept = await run();
  expect(kept.passed).toBe(4);
  const fresh = (await engine.run([kata], { types: false, fresh: true })).get("01-state");
  expect(fresh?.passed).toBe(4);
  expect(readFileSync(threadFile(), "utf8")).not.toBe(kept.thread);
});
