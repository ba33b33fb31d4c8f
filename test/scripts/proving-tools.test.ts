/*
 * The pure parts of the spec-proving scripts: the README column that `npm run mutate` maintains, how
 * it reads NOTES.md and cuts source text at a Stryker location; the soak's replay command; the
 * benchmark's statistics. (The scripts themselves take minutes: they are run by hand, not here.)
 */
import { describe, expect, it } from "vitest";
import { median, quantile } from "../../tools/bench/bench.mjs";
import { sliceLocation } from "../../tools/mutation/mutate.mjs";
import { isExplained, updateReadmeTable } from "../../tools/mutation/report.mjs";
import { replayCommand } from "../../tools/soak/soak.mjs";

const score = (slug: string, value: number) => ({
  slug, killed: 1, survived: 0, timeout: 0, noCoverage: 0, invalid: 0, total: 1, score: value, seconds: 1, seed: 1, date: "2026-01-01", survivors: [],
});

const README = `# x

| # | kata | what it teaches |
| --- | --- | --- |
| 01 | [a](katas/01-a/README.md) | one |
| 02 | [b](katas/02-b/README.md) | two |

| other | table |
| --- | --- |
| 01 | stays |
`;

describe("the README's mutation score column", () => {
  const katas = [{ slug: "01-a", number: 1 }, { slug: "02-b", number: 2 }];

  it("is added to the table of katas only, with a dash for a kata not measured yet", () => {
    const out = updateReadmeTable(README, { "01-a": score("01-a", 93.5) }, katas);
    expect(out).toContain("| # | kata | what it teaches | mutation score |\n| --- | --- | --- | --- |");
    expect(out).toContain("| 01 | [a](katas/01-a/README.md) | one | 93.5% |");
    expect(out).toContain("| 02 | [b](katas/02-b/README.md) | two | — |");
    expect(out).toContain("| other | table |\n| --- | --- |\n| 01 | stays |");
  });

  it("is updated in place on the next run", () => {
    const once = updateReadmeTable(README, { "01-a": score("01-a", 80) }, katas);
    const twice = updateReadmeTable(once, { "01-a": score("01-a", 95), "02-b": score("02-b", 100) }, katas);
    expect(twice).toContain("| 01 | [a](katas/01-a/README.md) | one | 95% |");
    expect(twice).toContain("| 02 | [b](katas/02-b/README.md) | two | 100% |");
    expect(twice.match(/mutation score/g)).toHaveLength(1);
  });
});

describe("mutation helpers", () => {
  it("cuts the mutated source text at Stryker's 1-based location", () => {
    const source = "const a = 1;\nif (typeof v === \"bigint\") return x;\n";
    expect(sliceLocation(source, { start: { line: 2, column: 5 }, end: { line: 2, column: 26 } })).toBe('typeof v === "bigint"');
  });

  it("counts a survivor as explained when NOTES.md names its place and its mutator", () => {
    const survivor = { where: "solutions/01-a/a.ts:12:5", mutator: "StringLiteral", original: "", replacement: "", status: "Survived" as const };
    expect(isExplained("### solutions/01-a/a.ts:12:5 StringLiteral\nWhy: ...", survivor)).toBe(true);
    expect(isExplained("### solutions/01-a/a.ts:12:5 ConditionalExpression", survivor)).toBe(false);
    expect(isExplained("### solutions/01-a/a.ts:12:50 StringLiteral", survivor)).toBe(false);
  });
});

describe("soak and bench helpers", () => {
  it("replays a failure with its seed and the test's name as a literal pattern", () => {
    const command = replayCommand({ test: "1. add(x) returns 2 (it's [a] test)", file: "katas/01-a/a.spec.ts", message: "" }, 42);
    expect(command).toBe("FC_SEED=42 npx vitest run --project solution katas/01-a/a.spec.ts -t '1\\. add\\(x\\) returns 2 \\(it'\\''s \\[a\\] test\\)'");
  });

  it("takes the median and the 90th percentile (nearest rank)", () => {
    const xs = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(median(xs)).toBe(5.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(quantile(xs, 0.9)).toBe(9);
    expect(quantile([7], 0.9)).toBe(7);
  });
});
