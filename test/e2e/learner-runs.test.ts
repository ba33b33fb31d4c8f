/**
 * The learner's commands that run the specs (list --json, npm start without a terminal, compare's
 * question), in-process through tools/cli/cli.mjs, and the guided mode itself, driven through its API
 * with fake streams.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeLearnerWorkbook, SLOW, type LearnerWorkbook } from "../helpers/learner-workbook";

vi.setConfig({ testTimeout: SLOW, hookTimeout: SLOW });

let wb: LearnerWorkbook;
// These runs test the commands, not kata 01's properties: 10 cases each instead of 100 (the runs
// happen in this thread, whose environment the nested vitest passes on to its workers).
const numRunsBefore = process.env["FC_NUM_RUNS"];
beforeAll(async () => {
  process.env["FC_NUM_RUNS"] = "10";
  wb = await makeLearnerWorkbook();
});
afterAll(() => {
  if (numRunsBefore === undefined) delete process.env["FC_NUM_RUNS"];
  else process.env["FC_NUM_RUNS"] = numRunsBefore;
  wb?.remove();
});

describe("compare", () => {
  it(
    "asks before showing the solution of a kata that is not green: without a terminal, needs --yes",
    async () => {
      const r = await wb.katas("compare", "clock");
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("02-clock is not green yet (0/2 tests pass)");
      expect(r.stderr).toContain("--yes");
    },
    SLOW,
  );
});

describe("progress", () => {
  it(
    "list --json reports passed/total per kata from one test run",
    async () => {
      const r = await wb.katas("list", "--json");
      expect(r.status, r.out).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.summary).toMatchObject({ katas: 2, green: 0, passed: 0, total: 58 });
      expect(report.katas.map((k: { slug: string }) => k.slug)).toEqual(["01-closure-counter", "02-clock"]);
      const [first, second] = report.katas;
      expect(first).toMatchObject({ status: "todo", passed: 0, failed: 56, total: 56 });
      expect(first.firstFailure.message).toMatch(/^Not implemented yet: studyTime\(start\)/);
      expect(first.firstFailure.location.file).toBe("katas/01-closure-counter/counter.ts");
      expect(second).toMatchObject({ slug: "02-clock", title: "Clock", status: "todo", total: 2 });
    },
    SLOW,
  );

  it(
    "npm start without a terminal prints the status once and exits 0",
    async () => {
      const r = await wb.katas("start");
      expect(r.status, r.out).toBe(0);
      expect(r.stdout).toContain("Next: 01-closure-counter");
      expect(r.stdout).toContain("First failing test:");
      expect(r.stdout).toContain("Not implemented yet: studyTime(start)");
      expect(r.stdout).toMatch(/Progress .* 0\/2 katas green, 0\/58 tests pass/);
    },
    SLOW,
  );
});

describe("guided mode", () => {
  it(
    "opens on the first kata not green, reruns on save, and follows the keys",
    async () => {
      // Kata 01 done: the guide must open on 02-clock.
      cpSync(path.join(wb.dir, "solutions/01-closure-counter/counter.ts"), wb.counter);
      writeFileSync(wb.clock, wb.lockedStub("katas/02-clock/clock.ts"));
      const guide = await wb.guide();
      try {
        await guide.start();
        expect(guide.current.slug).toBe("02-clock");
        expect(guide.screen).toContain("0/2 tests pass");
        expect(guide.screen).toContain("First failing test:");
        expect(guide.screen).toContain("1. wrap > keeps 5 as 5");
        expect(guide.screen).toContain("Not implemented yet: wrap(h)");
        expect(guide.screen).toMatch(/1\/2 katas green/);
        expect(guide.screen).toContain("h hint · n next");

        // n does not move on while the kata is red.
        await guide.press("n");
        expect(guide.current.slug).toBe("02-clock");
        expect(guide.screen).toContain("n moves on once this kata is green");

        // h: one more hint each press.
        await guide.press("h");
        expect(guide.screen).toContain("Hint 1/2: Return the hours.");
        await guide.press("h");
        expect(guide.screen).toContain("Hint 2/2: `return h % 24`");

        // A save reruns the spec; once every kata is green, a full run confirms it.
        const green = guide.nextScreen((s) => s.includes("Every kata is green"));
        writeFileSync(wb.clock, readFileSync(path.join(wb.dir, "solutions/02-clock/clock.ts")));
        expect(await green).toContain("2/2 tests pass");
        expect(guide.results.map((r) => r.status)).toEqual(["green", "green"]);

        // p goes back; x asks, then resets and backs up.
        await guide.press("p");
        expect(guide.current.slug).toBe("01-closure-counter");
        await guide.press("x");
        expect(guide.screen).toContain("Reset 01-closure-counter to the original stub?");
        const red = guide.nextScreen((s) => s.includes("0/56 tests pass") && !s.includes("running…"));
        await guide.press("y");
        expect(guide.screen).toMatch(/Your work is in \.katas\/backups\/01-closure-counter-/);
        expect(await red).toMatch(/Your work is in \.katas\/backups\/01-closure-counter-/);
        expect(readFileSync(wb.counter, "utf8")).toBe(wb.lockedStub("katas/01-closure-counter/counter.ts"));

        // l lists the katas; Enter on a row jumps there.
        await guide.press("l");
        expect(guide.screen).toMatch(/01-closure-counter[\s\S]*02-clock/);
        await guide.press("down");
        await guide.press("return");
        expect(guide.current.slug).toBe("02-clock");
      } finally {
        await guide.close();
      }
    },
    SLOW,
  );
});
