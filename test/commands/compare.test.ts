/**
 * The line diff behind `compare`: it must describe both files exactly, and stay small.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines, unifiedDiff } from "../../tools/commands/compare.mjs";

const lines = fc.array(fc.constantFrom("a", "b", "c", "d", ""), { maxLength: 30 });

describe("diffLines", () => {
  it("rebuilds the old text from ' ' and '-' lines and the new text from ' ' and '+' lines", () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const diff = diffLines(a, b);
        expect(diff.filter((d) => d.op !== "+").map((d) => d.line)).toEqual(a);
        expect(diff.filter((d) => d.op !== "-").map((d) => d.line)).toEqual(b);
      }),
    );
  });

  it("keeps a longest common subsequence: identical texts have no change, one edit costs one change", () => {
    fc.assert(
      fc.property(lines, fc.nat(), (a, at) => {
        expect(diffLines(a, a).every((d) => d.op === " ")).toBe(true);
        const b: string[] = [...a];
        b.splice(a.length === 0 ? 0 : at % (a.length + 1), 0, "inserted");
        expect(diffLines(a, b).filter((d) => d.op !== " ")).toHaveLength(1);
      }),
    );
  });
});

describe("unifiedDiff", () => {
  it("prints hunks with 3 lines of context, headers, and no colour unless asked", () => {
    const old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    const now = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    expect(unifiedDiff(old, now, { oldLabel: "yours", newLabel: "solution" })).toBe(
      ["--- yours", "+++ solution", "@@ -2,7 +2,7 @@", " 2", " 3", " 4", "-5", "+five", " 6", " 7", " 8"].join("\n"),
    );
    expect(unifiedDiff(old, old, { oldLabel: "a", newLabel: "b" })).toBe("");
    expect(unifiedDiff(old, now, { oldLabel: "a", newLabel: "b", color: true })).toContain("\x1b[31m-5\x1b[39m");
  });
});
