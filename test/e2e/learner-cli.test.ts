/**
 * The learner's commands that need no test run (naming a kata, hint, reset, compare --yes), run
 * in-process in a temporary copy of the workbook through tools/cli/cli.mjs, and the command line as a
 * real process (exit codes, stdin a pipe).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeLearnerWorkbook, SLOW, type LearnerWorkbook } from "../helpers/learner-workbook";

// A busy machine (the self-check runs these beside the kata specs) can make a command take seconds.
vi.setConfig({ testTimeout: SLOW, hookTimeout: SLOW });

let wb: LearnerWorkbook;
beforeAll(async () => {
  wb = await makeLearnerWorkbook();
});
afterAll(() => wb?.remove());

describe("naming a kata", () => {
  it("accepts a number, a zero-padded number, a slug, a name and a unique prefix", async () => {
    for (const [name, slug] of [["2", "02-clock"], ["02", "02-clock"], ["02-clock", "02-clock"], ["closure-counter", "01-closure-counter"], ["clos", "01-closure-counter"]]) {
      const r = await wb.katas("hint", name as string, "1");
      expect(r.status, r.out).toBe(0);
      expect(r.stdout).toContain(`Hint 1/${slug === "02-clock" ? 2 : 5} for ${slug}:`);
    }
  });

  it("rejects an unknown name with the closest match and the list of katas, exit code 2", async () => {
    const r = await wb.katas("hint", "clsoure");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no kata matches "clsoure". Did you mean 01-closure-counter?');
    expect(r.stderr).toContain("02-clock");
    const missing = await wb.katas("reset", "9", "--yes");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("there is no kata number 9");
  });

  it("rejects an ambiguous prefix, naming the candidates", async () => {
    const r = await wb.katas("hint", "clo");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/ambiguous.*01-closure-counter or 02-clock/);
  });

  it("rejects unknown commands, options and extra arguments with the usage, exit code 2", async () => {
    const command = await wb.katas("hnit", "1");
    expect(command.status).toBe(2);
    expect(command.stderr).toContain('unknown command "hnit". Did you mean "hint"?');
    expect(command.stderr).toContain("Usage:");
    const option = await wb.katas("list", "--frobnicate");
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('unknown option "--frobnicate"');
    const misplaced = await wb.katas("hint", "1", "--json");
    expect(misplaced.status).toBe(2);
    expect(misplaced.stderr).toContain('"hint" takes no option --json');
    const extra = await wb.katas("reset", "1", "2", "--yes");
    expect(extra.status).toBe(2);
    expect(readFileSync(wb.counter, "utf8")).toBe(wb.lockedStub("katas/01-closure-counter/counter.ts"));
  });
});

describe("hint", () => {
  it("gives one more hint each time, or hint n, and survives a corrupt state file", async () => {
    rmSync(path.join(wb.dir, ".katas/state.json"), { force: true });
    expect((await wb.katas("hint", "1")).stdout).toContain("Hint 1/5");
    expect((await wb.katas("hint", "1")).stdout).toContain("Hint 2/5");
    expect((await wb.katas("hint", "1", "5")).stdout).toMatch(/Hint 5\/5[\s\S]*last hint/);
    const outOfRange = await wb.katas("hint", "1", "6");
    expect(outOfRange.status).toBe(2);
    expect(outOfRange.stderr).toContain("has 5 hints");

    writeFileSync(path.join(wb.dir, ".katas/state.json"), "{ this is not json");
    const recovered = await wb.katas("hint", "2");
    expect(recovered.status, recovered.out).toBe(0);
    expect(recovered.stdout).toContain("Hint 1/2");
    expect(JSON.parse(readFileSync(path.join(wb.dir, ".katas/state.json"), "utf8")).hintsSeen["02-clock"]).toBe(1);
  });
});

describe("reset", () => {
  const work = "// my work in progress\nexport const answer = 42;\n";

  it("refuses without a terminal unless --yes is given, and writes nothing", async () => {
    writeFileSync(wb.counter, work);
    const r = await wb.katas("reset", "1");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--yes");
    expect(readFileSync(wb.counter, "utf8")).toBe(work);
    expect(existsSync(path.join(wb.dir, ".katas/backups"))).toBe(false);
  });

  it("backs the learner's files up, prints where, and restores the stub byte for byte", async () => {
    writeFileSync(wb.counter, work);
    const r = await wb.katas("reset", "closure", "--yes");
    expect(r.status, r.out).toBe(0);
    const backup = /backed up in (\.katas\/backups\/01-closure-counter-[^\s/]+)\//.exec(r.stdout)?.[1];
    expect(backup, r.stdout).toBeDefined();
    expect(readFileSync(path.join(wb.dir, backup as string, "counter.ts"), "utf8")).toBe(work);
    expect(readFileSync(wb.counter).equals(Buffer.from(wb.lockedStub("katas/01-closure-counter/counter.ts"), "utf8"))).toBe(true);

    const again = await wb.katas("reset", "1", "--yes");
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("already the untouched stub");
  });
});

describe("compare", () => {
  it("shows a unified diff of the learner's file and the solution, and writes nothing", async () => {
    const before = readFileSync(wb.clock, "utf8");
    const r = await wb.katas("compare", "clock", "--yes");
    expect(r.status, r.out).toBe(0);
    expect(r.stdout).toContain("--- katas/02-clock/clock.ts  (yours)");
    expect(r.stdout).toContain("+++ solutions/02-clock/clock.ts  (reference solution)");
    expect(r.stdout).toContain('-  return todo("wrap(h)");');
    expect(r.stdout).toContain("+  return h % 24;");
    expect(r.stdout).not.toContain("\x1b[");
    expect(readFileSync(wb.clock, "utf8")).toBe(before);
  });
});


describe("the command line as a process", () => {
  it("exits 2 with the message on stderr for bad input, 0 with the output on stdout otherwise", () => {
    const bad = wb.spawnKatas("hnit");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('katas: unknown command "hnit". Did you mean "hint"?');
    expect(bad.stdout).toBe("");
    const good = wb.spawnKatas("hint", "2", "1");
    expect(good.status, good.out).toBe(0);
    expect(good.stdout).toContain("Hint 1/2 for 02-clock:");
    expect(good.stderr).toBe("");
  });
});
