/**
 * `katas new <name>` scaffolds the next kata with the anatomy of every kata, and `katas check <kata>`
 * checks that one kata: the new kata's first test passes on its solution and fails on its stub, and
 * its proof is reported missing.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { makeLearnerWorkbook, SLOW, type LearnerWorkbook } from "../helpers/learner-workbook";

vi.setConfig({ testTimeout: SLOW, hookTimeout: SLOW });

let wb: LearnerWorkbook;
beforeAll(async () => {
  wb = await makeLearnerWorkbook();
});
afterAll(() => wb?.remove());

it("scaffolds the next kata, records its stub, and refuses a name in use or a bad name", async () => {
  const made = await wb.katas("new", "template-method");
  expect(made.status, made.out).toBe(0);
  for (const file of ["katas/03-template-method/README.md", "katas/03-template-method/template-method.ts", "katas/03-template-method/template-method.spec.ts", "katas/03-template-method/kata.json", "solutions/03-template-method/template-method.ts"]) {
    expect(existsSync(path.join(wb.dir, file)), file).toBe(true);
  }
  expect(readFileSync(path.join(wb.dir, "katas/03-template-method/template-method.ts"), "utf8")).toContain('todo("templateMethod(input)")');
  expect(wb.lockedStub("katas/03-template-method/template-method.ts")).toContain("export function templateMethod");
  expect((await wb.katas("new", "template-method")).stderr).toContain('a kata named "template-method" exists already');
  const bad = await wb.katas("new", "Observer!");
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("is not a kata name");
});

it("checks one kata: its spec on both targets, its types, and its proof, which is still to write", async () => {
  const check = await wb.katas("check", "template");
  expect(check.out).toContain("self-check of 03-template-method");
  expect(check.out).toContain("03-template-method     solution 1/1 pass · stub 1/1 not implemented");
  expect(check.out).toContain("0 mistakes in proofs/03-template-method/mistakes/, at least 12 wanted");
  expect(check.out).not.toContain("01-closure-counter     solution");
  expect(check.status).toBe(1);
});
