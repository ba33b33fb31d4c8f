/**
 * What makes a kata red besides a failing test: a missing export (one line, before any test) and a
 * type error in the kata's files (after the test results), in `npm test`, list and progress; and the
 * workbook's one bad-input contract, through the kit's helpers.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { expectRefusal, expectRejection, show } from "../../tools/kit/contract";
import { NotImplementedError } from "../../tools/kit/todo";
import { makeLearnerWorkbook, SLOW, type LearnerWorkbook } from "../helpers/learner-workbook";

vi.setConfig({ testTimeout: SLOW, hookTimeout: SLOW });

describe("the learner's loop", () => {
  let wb: LearnerWorkbook;
  let stub = "";
  beforeAll(async () => {
    wb = await makeLearnerWorkbook();
    stub = readFileSync(wb.clock, "utf8");
  });
  afterEach(() => writeFileSync(wb.clock, stub));
  afterAll(() => wb?.remove());

  it("reports a misspelt export in one line before any test runs, with the name it found", async () => {
    writeFileSync(wb.clock, "export function wrapp(h: number): number {\n  return h % 24;\n}\n");
    const run = wb.spawnKatas("test", "clock");
    expect(run.status, run.out).toBe(1);
    expect(run.out).toContain("clock.ts does not export `wrap` (it exports `wrapp`). Rename `wrapp` to `wrap`?");
    expect(run.out).not.toMatch(/Tests\s+\d+ passed/);
    const report = JSON.parse((await wb.katas("list", "--json")).stdout);
    const clock = report.katas.find((k: { slug: string }) => k.slug === "02-clock");
    expect(clock).toMatchObject({ status: "broken", passed: 0 });
    expect(clock.error).toContain("does not export `wrap`");
  });

  it("reports a type error in the learner's file as a failure, after tests that all pass", async () => {
    writeFileSync(wb.clock, "export function wrap(h: number): number {\n  const hours: string = h % 24;\n  return Number(hours);\n}\n");
    const run = wb.spawnKatas("test", "clock");
    expect(run.status, run.out).toBe(1);
    expect(run.out).toMatch(/Tests\s+2 passed/);
    expect(run.out).toMatch(/Types\s+1 type error in katas\/02-clock\/ \(tsc\)/);
    expect(run.out).toContain("clock.ts:2:9  TS2322  Type 'number' is not assignable to type 'string'.");
    expect(run.out.indexOf("Types")).toBeGreaterThan(run.out.search(/Tests\s+2 passed/));
    const report = JSON.parse((await wb.katas("progress", "--json")).stdout);
    const clock = report.katas.find((k: { slug: string }) => k.slug === "02-clock");
    expect(clock).toMatchObject({ status: "red", passed: 2, failed: 0 });
    expect(clock.typeErrors).toEqual([expect.objectContaining({ file: "katas/02-clock/clock.ts", line: 2, column: 9, code: "TS2322" })]);
  });

  it("reports a kata stuck in an endless loop as hung in list --json, and goes on with the others", async () => {
    writeFileSync(wb.clock, "export function wrap(h: number): number {\n  while (h >= 0) {}\n  return h;\n}\n");
    const r = await wb.katas("list", "--json");
    expect(r.status, r.out).toBe(0);
    const report = JSON.parse(r.stdout);
    const [counter, clock] = report.katas;
    expect(clock).toMatchObject({ slug: "02-clock", status: "hung" });
    expect(clock.error).toMatch(/^Stopped: the test "1\. wrap > keeps 5 as 5" has been running for \d+ s without ever giving control back/);
    expect(counter).toMatchObject({ slug: "01-closure-counter", status: "todo", total: 56 });
  });

  it("is green when the tests pass and the types check", async () => {
    writeFileSync(wb.clock, "export const wrap = (h: number): number => h % 24;\n");
    const run = wb.spawnKatas("test", "clock");
    expect(run.status, run.out).toBe(0);
    expect(run.out).toContain("no type errors in katas/02-clock/");
  });
});

describe("the bad-input contract (tools/kit/contract.ts)", () => {
  const refuse = (error: Error) => () => {
    throw error;
  };

  it("accepts any wording that names the parameter and shows the value", () => {
    for (const message of ["minutes must be a finite number >= 0, got -3", "bad minutes (-3)", "-3: not valid as minutes."]) {
      expect(expectRefusal(refuse(new RangeError(message)), { error: RangeError, param: "minutes", value: -3 })).toBeInstanceOf(RangeError);
    }
  });

  it.each([
    ["the wrong class", new TypeError("minutes: got -3"), /a value of the right type but out of range is a RangeError/],
    ["the parameter only as part of a longer word", new RangeError("minutesLeft got -3"), /does not name `minutes`/],
    ["-30 for -3", new RangeError("minutes got -30"), /does not show the value as -3/],
    ["-3.5 for -3", new RangeError("minutes got -3.5"), /does not show the value as -3/],
  ])("fails an error with %s", (_label, error, why) => {
    expect(() => expectRefusal(refuse(error), { error: RangeError, param: "minutes", value: -3 })).toThrow(why);
  });

  it("fails a call that returns, or that returns a promise where a throw was wanted", () => {
    expect(() => expectRefusal(() => 5, { error: TypeError, param: "n" })).toThrow(/it returned 5 instead/);
    expect(() => expectRefusal(() => Promise.reject(new TypeError("n")), { error: TypeError, param: "n" })).toThrow(/synchronously/);
  });

  it("shows primitives as code writes them, and asks nothing of objects", () => {
    expect([show("10"), show(10n), show(Number.NaN), show(-Infinity), show(null), show(undefined), show(Symbol("x"))]).toEqual([
      '"10"',
      "10n",
      "NaN",
      "-Infinity",
      "null",
      "undefined",
      "Symbol(x)",
    ]);
    expect(show({})).toBeUndefined();
    expect(expectRefusal(refuse(new TypeError("fn must be a function, got an object")), { error: TypeError, param: "fn", value: {} })).toBeInstanceOf(TypeError);
  });

  it("takes -0 shown as -0 or as 0", () => {
    for (const message of ["n must be >= 1, got -0", "n must be >= 1, got 0"]) {
      expect(expectRefusal(refuse(new RangeError(message)), { error: RangeError, param: "n", value: -0 })).toBeInstanceOf(RangeError);
    }
    expect(() => expectRefusal(refuse(new RangeError("n got 1")), { error: RangeError, param: "n", value: -0 })).toThrow(/showing -0/);
  });

  it("gives the index of a list element as a number of its own", () => {
    const wanted = { error: TypeError, param: "middlewares", index: 1 } as const;
    expect(expectRefusal(refuse(new TypeError("middlewares[1] is not a function")), wanted)).toBeInstanceOf(TypeError);
    expect(() => expectRefusal(refuse(new TypeError("middlewares[10] is not a function")), wanted)).toThrow(/index 1/);
  });

  it("lets a stub's not-implemented error through as it is", () => {
    const stub = new NotImplementedError("f(x)");
    expect(() => expectRefusal(refuse(stub), { error: TypeError, param: "x" })).toThrow(stub);
  });

  it("takes a rejection or a synchronous throw from an async function", async () => {
    await expect(expectRejection(() => Promise.reject(new RangeError("size 0")), { error: RangeError, param: "size", value: 0 })).resolves.toBeInstanceOf(RangeError);
    await expect(expectRejection(refuse(new RangeError("size 0")), { error: RangeError, param: "size", value: 0 })).resolves.toBeInstanceOf(RangeError);
    await expect(expectRejection(Promise.resolve(1), { error: RangeError, param: "size" })).rejects.toThrow(/resolved with 1 instead/);
  });
});

describe("one colour decision (tools/terminal/screen.mjs wantsColor), used by every command and script", () => {
  it.each([
    [{ NO_COLOR: "1", FORCE_COLOR: "1" }, false, true],
    [{ NO_COLOR: "1" }, true, false],
    [{ FORCE_COLOR: "0" }, true, false],
    [{ FORCE_COLOR: "1" }, false, true],
    [{ NO_COLOR: "" }, true, true],
    [{ TERM: "dumb" }, true, false],
    [{}, false, false],
  ])("%j on a terminal: %s -> %s", async (env, isTTY, expected) => {
    const { wantsColor } = await import("../../tools/terminal/screen.mjs");
    expect(wantsColor({ isTTY }, env as NodeJS.ProcessEnv)).toBe(expected);
  });
});
