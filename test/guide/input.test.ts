/**
 * Which file events the guided mode acts on (tools/guide/input.mjs `fileChange`): a pure decision,
 * no watcher. The whole input side is tested end to end in learner-runs and loop-survives.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileChange } from "../../tools/guide/input.mjs";

const root = path.join(path.sep, "wb");
const kataDir = path.join(root, "katas", "01-closure-counter");
const where = { kataDir, root };

describe("the guided mode's file events", () => {
  it("counts a save of the current kata's code, or of the kit, as code", () => {
    expect(fileChange(path.join(kataDir, "counter.ts"), where)).toBe("kataCode");
    expect(fileChange(path.join(root, "tools", "kit", "index.ts"), where)).toBe("kitCode");
  });

  it("counts the lesson and the hints as lesson text", () => {
    expect(fileChange(path.join(kataDir, "README.md"), where)).toBe("lesson");
    expect(fileChange(path.join(kataDir, "kata.json"), where)).toBe("lesson");
  });

  it("ignores other katas, other folders and files that are not code", () => {
    expect(fileChange(path.join(root, "katas", "02-clock", "clock.ts"), where)).toBeUndefined();
    expect(fileChange(`${kataDir}-old${path.sep}counter.ts`, where)).toBeUndefined();
    expect(fileChange(path.join(root, "tools", "runner", "engine.mjs"), where)).toBeUndefined();
    expect(fileChange(path.join(kataDir, "notes.txt"), where)).toBeUndefined();
  });
});
