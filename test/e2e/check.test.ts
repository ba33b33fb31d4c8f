import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkStructure } from "../../tools/check/rules/structure.mjs";
import { compareDeclarations } from "../../tools/check/rules/types.mjs";
import { stripAnsi } from "../../tools/terminal/screen.mjs";
import { writeLock } from "../../tools/core/stubs.mjs";
import { copyKata, makeWorkbook } from "../helpers/workbook";

describe("compareDeclarations", () => {
  it("accepts the same public surface, whatever the comments and private members", () => {
    const stub = `/** Adds. */\nexport declare function add(a: number): number;\nexport declare class A {\n    private constructor();\n    private x;\n    #private;\n    get(): number;\n}\n`;
    const solution = `export declare function add(a: number): number;\nexport declare class A {\n    private constructor();\n    private cache;\n    get(): number;\n}\n`;
    expect(compareDeclarations(stub, solution)).toBe("");
  });

  it("shows what differs, stub lines with - and solution lines with +", () => {
    const diff = compareDeclarations(
      "export declare function add(a: number): number;\n",
      "export declare function add(a: number, b?: number): number;\n",
    );
    expect(diff).toContain("- export declare function add(a: number): number;");
    expect(diff).toContain("+ export declare function add(a: number, b?: number): number;");
  });

  it("notices a private constructor that only one side has", () => {
    const diff = compareDeclarations("export declare class A {\n    private constructor();\n}\n", "export declare class A {\n}\n");
    expect(diff).toContain("- private constructor();");
  });
});

describe("checkStructure", () => {
  let wb: ReturnType<typeof makeWorkbook>;
  beforeAll(() => {
    wb = makeWorkbook(["01-closure-counter"]);
    writeLock(wb.root);
  });
  afterAll(() => wb.dispose());

  it("passes a complete kata", () => {
    expect(checkStructure(wb.root).problems).toEqual([]);
  });

  it("names the kata and the missing lesson, spec or solution file", () => {
    copyKata(wb.root, "01-closure-counter", "02-copy");
    writeLock(wb.root);
    rmSync(path.join(wb.root, "katas/02-copy/README.md"));
    rmSync(path.join(wb.root, "solutions/02-copy/counter.ts"));
    const messages = checkStructure(wb.root).problems.map((p) => `${p.where}: ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^02-copy: katas\/02-copy\/README.md \(the lesson\) is missing/));
    expect(messages).toContainEqual(expect.stringMatching(/^02-copy: solutions\/02-copy\/counter.ts is missing/));
    rmSync(path.join(wb.root, "katas/02-copy"), { recursive: true });
    rmSync(path.join(wb.root, "solutions/02-copy"), { recursive: true });
    writeLock(wb.root);
  });

  it("finds a focused or skipped test, with its file and line", () => {
    const spec = path.join(wb.root, "katas/01-closure-counter/counter.spec.ts");
    const original = readFileSync(spec, "utf8");
    try {
      appendFileSync(spec, `\ndescribe.skip("later", () => {});\n`);
      const problems = checkStructure(wb.root).problems;
      expect(problems).toContainEqual(
        expect.objectContaining({ where: "katas/01-closure-counter/counter.spec.ts", message: expect.stringMatching(/^line \d+: `describe\.skip\(/) }),
      );
    } finally {
      writeFileSync(spec, original);
    }
  });

  it("reports a stub that no longer matches the recorded one", () => {
    const stub = path.join(wb.root, "katas/01-closure-counter/counter.ts");
    const original = readFileSync(stub, "utf8");
    try {
      writeFileSync(stub, `${original}\n// a learner was here\n`);
      const problems = checkStructure(wb.root).problems;
      expect(problems).toContainEqual(
        expect.objectContaining({ where: "tools/stubs.lock.json", message: expect.stringContaining("katas/01-closure-counter/counter.ts differs from its recorded stub") }),
      );
    } finally {
      writeFileSync(stub, original);
    }
  });

  it("rejects a folder name that is not NN-slug, and a solution without a kata", () => {
    copyKata(wb.root, "01-closure-counter", "Closures");
    try {
      const problems = checkStructure(wb.root).problems;
      expect(problems).toContainEqual(expect.objectContaining({ where: "katas/Closures" }));
      expect(problems).toContainEqual(expect.objectContaining({ where: "solutions/Closures", message: expect.stringContaining("has no kata folder") }));
    } finally {
      rmSync(path.join(wb.root, "katas/Closures"), { recursive: true });
      rmSync(path.join(wb.root, "solutions/Closures"), { recursive: true });
    }
  });
});

/*
 * The whole self-check, run as a learner would not: on a workbook whose katas are broken in the ways
 * the self-check exists to catch. One run, several broken katas, each named in the report.
 */
describe("the self-check on a broken workbook", () => {
  let wb: ReturnType<typeof makeWorkbook>;
  let output = "";
  let status: number | null = null;

  beforeAll(async () => {
    wb = makeWorkbook();
    const sol = (slug: string) => path.join(wb.root, "solutions", slug, "counter.ts");
    const edit = (file: string, from: string | RegExp, to: string) => {
      const text = readFileSync(file, "utf8");
      const next = text.replace(from, to);
      if (next === text) throw new Error(`fixture edit did not apply to ${file}: ${from}`);
      writeFileSync(file, next);
    };

    // 02: three wrong solutions in one kata (one run of its spec less per wrong solution): a counter
    // shared through a module-level variable, NaN accepted, the stored array handed out.
    copyKata(wb.root, "01-closure-counter", "02-wrong-solutions");
    edit(sol("02-wrong-solutions"), `  let total = checkMinutes(start, "start");\n  return (minutes) => {\n    // Validate before touching \`total\`, so a rejected call leaves it as it was.\n    total += checkMinutes(minutes, "minutes");\n    return total;`, `  shared = checkMinutes(start, "start");\n  return (minutes) => {\n    shared += checkMinutes(minutes, "minutes");\n    return shared;`);
    edit(sol("02-wrong-solutions"), "export function studyTime", "let shared = 0;\nexport function studyTime");
    edit(sol("02-wrong-solutions"), "if (!Number.isFinite(value) || value < 0) {", "if (value < 0 || value === Infinity || value === -Infinity) {");
    edit(sol("02-wrong-solutions"), "return [...sessions];", "return sessions;");
    // 03: a test that passes on the stub, and an export whose type differs.
    copyKata(wb.root, "01-closure-counter", "03-lax-spec");
    appendFileSync(path.join(wb.root, "katas/03-lax-spec/counter.spec.ts"), `\ndescribe("5. extra", () => {\n  it("checks arithmetic instead of the kata", () => {\n    expect(1 + 1).toBe(2);\n  });\n});\n`);
    edit(sol("03-lax-spec"), "export function createTracker(start: number = 0): StudyTracker {", "export function createTracker(start: number = 0, label?: string): StudyTracker {\n  void label;");
    writeLock(wb.root);

    // In-process, through the copy's own check.mjs: a node process more would only add its start-up.
    const { runCheck } = (await import(pathToFileURL(path.join(wb.root, "tools/check/check.mjs")).href)) as typeof import("../../tools/check/check.mjs");
    const lines: string[] = [];
    // Fewer cases per property (every wrong solution here is caught by an example test already), and
    // a fixed seed, so that the counts below are the same on every run.
    status = await runCheck({ root: wb.root, out: (line) => lines.push(stripAnsi(line)), workers: 1, env: { FC_NUM_RUNS: "20", FC_SEED: "1" } });
    output = lines.join("\n");
  }, 90_000);
  afterAll(() => wb.dispose());

  it("exits non-zero and ends with the tally line", () => {
    expect(status).toBe(1);
    expect(output).toMatch(/^self-check: \d+ passed, [1-9]\d* failed$/m);
  });

  it("still proves what holds in a broken kata: its stub fails every test as not implemented", () => {
    expect(output).toMatch(/^✗ 02-wrong-solutions +solution 48\/56 pass · stub 56\/56 not implemented/m);
  });

  it("names the test a counter shared through a module-level variable fails", () => {
    expect(output).toContain("02-wrong-solutions > 2. counters are independent, and start where they are told > keeps two counters apart");
  });

  it("names the test a solution that accepts NaN fails", () => {
    expect(output).toMatch(/02-wrong-solutions > 3\. bad input is rejected.* > rejects NaN with a RangeError/);
  });

  it("names the test a solution that hands out its own array fails", () => {
    expect(output).toContain("02-wrong-solutions > 4. createTracker(start): state that only its methods can change > hands out a copy of the sessions");
  });

  it("reports a test that passes on the untouched stub, and how to fix it", () => {
    expect(output).toContain("03-lax-spec > 5. extra > checks arithmetic instead of the kata");
    expect(output).toContain("passes on the untouched stub");
  });

  it("reports stub and solution declarations that differ, with both lines", () => {
    expect(output).toContain("03-lax-spec/counter.ts");
    expect(output).toMatch(/- export declare function createTracker\(start\?: number\): StudyTracker;/);
    expect(output).toMatch(/\+ export declare function createTracker\(start\?: number, label\?: string\): StudyTracker;/);
  });
});
