/**
 * npm run prove's parts: how a mistake's outcome is judged (a failing assertion or a guard counts, a
 * load error or an uncaught error does not), and how proofs are read and laid out.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isLearnerFile } from "../../tools/core/katas.mjs";
import { layOut, listCandidates } from "../../tools/prove/candidates.mjs";
import { judgeAlternative, judgeMistake } from "../../tools/prove/prove.mjs";

const fail = (name: string, message = "boom", cause?: string) => ({ name: "t", errors: [{ name, message, ...(cause ? { cause } : {}) }] });

describe("judging a mistake", () => {
  it.each([
    ["a failing assertion", { folder: "x", passed: 3, failed: [fail("AssertionError")] }, true],
    ["a property whose assertion failed", { folder: "x", passed: 3, failed: [fail("Error", "Property failed after 2 tests", "AssertionError")] }, true],
    ["the leak guard", { folder: "x", passed: 3, failed: [fail("LeakError")] }, true],
    ["a failed expect(promise).rejects", { folder: "x", passed: 3, failed: [{ name: "t", errors: [{ name: "Error", message: "promise resolved \"1\" instead of rejecting", expectation: true }] }] }, true],
    ["a test timeout", { folder: "x", passed: 3, failed: [fail("Error", "Test timed out in 2000ms.")] }, true],
    ["the hang guard", { folder: "x", hung: { kind: "stall", test: "t", message: "loop" } }, true],
    ["every test passing", { folder: "x", passed: 9, failed: [] }, false],
    ["only an uncaught TypeError", { folder: "x", passed: 3, failed: [fail("TypeError", "x is not a function")] }, false],
    ["a spec that does not load", { folder: "x", moduleErrors: ["SyntaxError: bad"] }, false],
  ])("%s: caught is %s", (_label, outcome, caught) => {
    expect(judgeMistake(outcome).caught).toBe(caught);
  });

  it("calls an alternative green only when every test passes and nothing is unhandled", () => {
    expect(judgeAlternative({ folder: "x", passed: 4, failed: [] }).green).toBe(true);
    expect(judgeAlternative({ folder: "x", passed: 4, failed: [], unhandled: ["boom"] }).green).toBe(false);
    expect(judgeAlternative({ folder: "x", passed: 3, failed: [fail("AssertionError")] }).green).toBe(false);
  });
});

describe("proof files", () => {
  let root = "";
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function workbook(): string {
    root = mkdtempSync(path.join(tmpdir(), "pattern-katas-proof-test-"));
    for (const dir of ["katas/01-x", "solutions/01-x", "proofs/01-x/mistakes", "proofs/01-x/alternatives/class"]) mkdirSync(path.join(root, dir), { recursive: true });
    writeFileSync(path.join(root, "katas/01-x/x.ts"), "export const f = () => { throw new Error('stub'); };\n");
    writeFileSync(path.join(root, "katas/01-x/x.spec.ts"), "// spec\n");
    mkdirSync(path.join(root, "katas/01-x/fixtures"));
    writeFileSync(path.join(root, "katas/01-x/fixtures/task.worker.ts"), "// a fixture of the kata\n");
    writeFileSync(path.join(root, "solutions/01-x/x.ts"), "export const f = () => 1;\n");
    writeFileSync(path.join(root, "proofs/01-x/alternatives/class/x.ts"), "// Alternative: a class\nexport const f = () => new (class { one = 1 })().one;\n");
    return root;
  }

  it("lays a mistake out as the solution with its diff applied, beside the spec and not the stub", () => {
    workbook();
    const diff = "Mistake: returns 2.\nStep: 1 (f)\n\n--- a/x.ts\n+++ b/x.ts\n@@ -1 +1 @@\n-export const f = () => 1;\n+export const f = () => 2;\n";
    writeFileSync(path.join(root, "proofs/01-x/mistakes/two.diff"), diff);
    const [mistake, alternative] = listCandidates(root, "01-x");
    expect(mistake).toMatchObject({ kind: "mistake", name: "two", about: "returns 2.", step: "1 (f)" });
    expect(alternative).toMatchObject({ kind: "alternative", name: "class", about: "a class" });
    const scratch = path.join(root, "scratch");
    layOut(root, scratch, mistake!, isLearnerFile);
    layOut(root, scratch, alternative!, isLearnerFile);
    expect(readFileSync(path.join(scratch, "katas", mistake!.folder, "x.ts"), "utf8")).toBe("export const f = () => 2;\n");
    expect(readFileSync(path.join(scratch, "katas", mistake!.folder, "x.spec.ts"), "utf8")).toBe("// spec\n");
    expect(readFileSync(path.join(scratch, "katas", mistake!.folder, "fixtures/task.worker.ts"), "utf8")).toBe("// a fixture of the kata\n");
    expect(readFileSync(path.join(scratch, "katas", alternative!.folder, "x.ts"), "utf8")).toContain("class");
  });

  it("refuses a mistake without its header, and a diff that no longer applies", () => {
    workbook();
    writeFileSync(path.join(root, "proofs/01-x/mistakes/bare.diff"), "--- a/x.ts\n+++ b/x.ts\n@@ -1 +1 @@\n-a\n+b\n");
    expect(() => listCandidates(root, "01-x")).toThrow(/needs a "Mistake: \.\.\." and a "Step: \.\.\." line/);
    writeFileSync(path.join(root, "proofs/01-x/mistakes/bare.diff"), "Mistake: m\nStep: 1\n--- a/x.ts\n+++ b/x.ts\n@@ -1 +1 @@\n-export const g = 0;\n+export const g = 1;\n");
    const [stale] = listCandidates(root, "01-x");
    expect(() => layOut(root, path.join(root, "scratch"), stale!, isLearnerFile)).toThrow(/no longer applies to solutions\/01-x\//);
  });
});
