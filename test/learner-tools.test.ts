/**
 * The learner's commands, driven on a temporary copy of the workbook: kata 01 as it ships, plus a
 * two-test kata written here (02-clock), so that these tests do not depend on the other katas.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SLOW = 90_000;
// Each command is a fresh node process; on a busy machine that alone can take a second.
vi.setConfig({ testTimeout: SLOW, hookTimeout: SLOW });

let dir = "";
const counter = () => path.join(dir, "katas/01-closure-counter/counter.ts");
const clock = () => path.join(dir, "katas/02-clock/clock.ts");

/** Runs the CLI in the copy, without a terminal (stdin is a pipe), the way CI would. */
function katas(...args: string[]): SpawnSyncReturns<string> & { out: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", INIT_CWD: dir };
  delete env["FORCE_COLOR"];
  delete env["CI"];
  const result = spawnSync(process.execPath, ["tools/bin/katas.mjs", ...args], { cwd: dir, env, encoding: "utf8", input: "", timeout: SLOW });
  return Object.assign(result, { out: result.stdout + result.stderr });
}

function lockedStub(rel: string): string {
  const lock = JSON.parse(readFileSync(path.join(dir, "tools/stubs.lock.json"), "utf8")) as { files: Record<string, { content: string }> };
  const entry = lock.files[rel];
  if (!entry) throw new Error(`${rel} is not in the copy's stub lock`);
  return entry.content;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "pattern-katas-tools-"));
  for (const entry of ["tools", "package.json", "tsconfig.json", "katas/01-closure-counter", "solutions/01-closure-counter"]) {
    cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  rmSync(path.join(dir, "tools/mutation"), { recursive: true, force: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
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
  // The copy's lock records exactly the copy's stubs.
  const locked = katas("stubs:lock");
  expect(locked.status, locked.out).toBe(0);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("naming a kata", () => {
  it("accepts a number, a zero-padded number, a slug, a name and a unique prefix", () => {
    for (const [name, slug] of [["2", "02-clock"], ["02", "02-clock"], ["02-clock", "02-clock"], ["closure-counter", "01-closure-counter"], ["clos", "01-closure-counter"]]) {
      const r = katas("hint", name as string, "1");
      expect(r.status, r.out).toBe(0);
      expect(r.stdout).toContain(`Hint 1/${slug === "02-clock" ? 2 : 5} for ${slug}:`);
    }
  });

  it("rejects an unknown name with the closest match and the list of katas, exit code 2", () => {
    const r = katas("hint", "clsoure");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no kata matches "clsoure". Did you mean 01-closure-counter?');
    expect(r.stderr).toContain("02-clock");
    const missing = katas("reset", "9", "--yes");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("there is no kata number 9");
  });

  it("rejects an ambiguous prefix, naming the candidates", () => {
    const r = katas("hint", "clo");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/ambiguous.*01-closure-counter or 02-clock/);
  });

  it("rejects unknown commands, options and extra arguments with the usage, exit code 2", () => {
    const command = katas("hnit", "1");
    expect(command.status).toBe(2);
    expect(command.stderr).toContain('unknown command "hnit". Did you mean "hint"?');
    expect(command.stderr).toContain("Usage:");
    const option = katas("list", "--frobnicate");
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('unknown option "--frobnicate"');
    const misplaced = katas("hint", "1", "--json");
    expect(misplaced.status).toBe(2);
    expect(misplaced.stderr).toContain('"hint" takes no option --json');
    const extra = katas("reset", "1", "2", "--yes");
    expect(extra.status).toBe(2);
    expect(readFileSync(counter(), "utf8")).toBe(lockedStub("katas/01-closure-counter/counter.ts"));
  });
});

describe("hint", () => {
  it("gives one more hint each time, or hint n, and survives a corrupt state file", () => {
    rmSync(path.join(dir, ".katas/state.json"), { force: true });
    expect(katas("hint", "1").stdout).toContain("Hint 1/5");
    expect(katas("hint", "1").stdout).toContain("Hint 2/5");
    expect(katas("hint", "1", "5").stdout).toMatch(/Hint 5\/5[\s\S]*last hint/);
    const outOfRange = katas("hint", "1", "6");
    expect(outOfRange.status).toBe(2);
    expect(outOfRange.stderr).toContain("has 5 hints");

    writeFileSync(path.join(dir, ".katas/state.json"), "{ this is not json");
    const recovered = katas("hint", "2");
    expect(recovered.status, recovered.out).toBe(0);
    expect(recovered.stdout).toContain("Hint 1/2");
    expect(JSON.parse(readFileSync(path.join(dir, ".katas/state.json"), "utf8")).hintsSeen["02-clock"]).toBe(1);
  });
});

describe("reset", () => {
  const work = "// my work in progress\nexport const answer = 42;\n";

  it("refuses without a terminal unless --yes is given, and writes nothing", () => {
    writeFileSync(counter(), work);
    const r = katas("reset", "1");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--yes");
    expect(readFileSync(counter(), "utf8")).toBe(work);
    expect(existsSync(path.join(dir, ".katas/backups"))).toBe(false);
  });

  it("backs the learner's files up, prints where, and restores the stub byte for byte", () => {
    writeFileSync(counter(), work);
    const r = katas("reset", "closure", "--yes");
    expect(r.status, r.out).toBe(0);
    const backup = /backed up in (\.katas\/backups\/01-closure-counter-[^\s/]+)\//.exec(r.stdout)?.[1];
    expect(backup, r.stdout).toBeDefined();
    expect(readFileSync(path.join(dir, backup as string, "counter.ts"), "utf8")).toBe(work);
    expect(readFileSync(counter()).equals(Buffer.from(lockedStub("katas/01-closure-counter/counter.ts"), "utf8"))).toBe(true);

    const again = katas("reset", "1", "--yes");
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("already the untouched stub");
  });
});

describe("compare", () => {
  it("shows a unified diff of the learner's file and the solution, and writes nothing", () => {
    const before = readFileSync(clock(), "utf8");
    const r = katas("compare", "clock", "--yes");
    expect(r.status, r.out).toBe(0);
    expect(r.stdout).toContain("--- katas/02-clock/clock.ts  (yours)");
    expect(r.stdout).toContain("+++ solutions/02-clock/clock.ts  (reference solution)");
    expect(r.stdout).toContain('-  return todo("wrap(h)");');
    expect(r.stdout).toContain("+  return h % 24;");
    expect(r.stdout).not.toContain("\x1b[");
    expect(readFileSync(clock(), "utf8")).toBe(before);
  });

  it(
    "asks before showing the solution of a kata that is not green: without a terminal, needs --yes",
    () => {
      const r = katas("compare", "clock");
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
    () => {
      const r = katas("list", "--json");
      expect(r.status, r.out).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.summary).toMatchObject({ katas: 2, green: 0, passed: 0, total: 29 });
      expect(report.katas.map((k: { slug: string }) => k.slug)).toEqual(["01-closure-counter", "02-clock"]);
      const [first, second] = report.katas;
      expect(first).toMatchObject({ status: "todo", passed: 0, failed: 27, total: 27 });
      expect(first.firstFailure.message).toMatch(/^Not implemented yet: studyTime\(start\)/);
      expect(first.firstFailure.location.file).toBe("katas/01-closure-counter/counter.ts");
      expect(second).toMatchObject({ slug: "02-clock", title: "Clock", status: "todo", total: 2 });
    },
    SLOW,
  );

  it(
    "npm start without a terminal prints the status once and exits 0",
    () => {
      const r = katas("start");
      expect(r.status, r.out).toBe(0);
      expect(r.stdout).toContain("Next: 01-closure-counter");
      expect(r.stdout).toContain("First failing test:");
      expect(r.stdout).toContain("Not implemented yet: studyTime(start)");
      expect(r.stdout).toMatch(/Progress .* 0\/2 katas green, 0\/29 tests pass/);
    },
    SLOW,
  );
});

describe("guided mode", () => {
  it(
    "opens on the first kata not green, reruns on save, and follows the keys",
    async () => {
      // Kata 01 done: the guide must open on 02-clock.
      cpSync(path.join(dir, "solutions/01-closure-counter/counter.ts"), counter());
      writeFileSync(clock(), lockedStub("katas/02-clock/clock.ts"));
      const { createGuide } = (await import(pathToFileURL(path.join(dir, "tools/lib/guided.mjs")).href)) as typeof import("../tools/lib/guided.mjs");
      const input = Object.assign(new PassThrough(), { isTTY: false });
      const output = new PassThrough();
      output.resume();
      const guide = createGuide({ root: dir, input, output, color: false });
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
        writeFileSync(clock(), readFileSync(path.join(dir, "solutions/02-clock/clock.ts")));
        expect(await green).toContain("2/2 tests pass");
        expect(guide.results.map((r) => r.status)).toEqual(["green", "green"]);

        // p goes back; x asks, then resets and backs up.
        await guide.press("p");
        expect(guide.current.slug).toBe("01-closure-counter");
        await guide.press("x");
        expect(guide.screen).toContain("Reset 01-closure-counter to the original stub?");
        const red = guide.nextScreen((s) => s.includes("0/27 tests pass") && !s.includes("running…"));
        await guide.press("y");
        expect(guide.screen).toMatch(/Your work is in \.katas\/backups\/01-closure-counter-/);
        await red;
        expect(readFileSync(counter(), "utf8")).toBe(lockedStub("katas/01-closure-counter/counter.ts"));

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
