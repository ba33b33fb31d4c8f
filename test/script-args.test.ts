import { describe, expect, it } from "vitest";
import { KataError } from "../tools/core/katas.mjs";
import { parseScriptArgs } from "../tools/core/script-args.mjs";

describe("parseScriptArgs (mutate, soak, bench)", () => {
  const spec = { script: "tools/x.mjs", flags: ["no-write"], numbers: ["seed"], lists: ["skip"] };

  it("reads flags, whole numbers (--n 3 or --n=3), comma lists and positionals", () => {
    const parsed = parseScriptArgs(["07", "--seed=3", "--no-write", "--skip", "ci,check", "--skip=guided", "08"], spec);
    expect(parsed).toEqual({ flags: { "no-write": true }, numbers: { seed: 3 }, lists: { skip: ["ci", "check", "guided"] }, positionals: ["07", "08"] });
  });

  it("leaves out numbers not given, and gives false for flags not given", () => {
    expect(parseScriptArgs([], spec)).toEqual({ flags: { "no-write": false }, numbers: {}, lists: { skip: [] }, positionals: [] });
  });

  it("rejects a number that is not whole, naming the option and the value, exit code 2", () => {
    const error = (() => {
      try {
        parseScriptArgs(["--seed", "1.5"], spec);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(KataError);
    expect((error as KataError).message).toBe('--seed needs a whole number, got "1.5"');
    expect((error as KataError).exitCode).toBe(2);
  });

  it("rejects an unknown option in one sentence that points at the script", () => {
    expect(() => parseScriptArgs(["--frob"], spec)).toThrow("Unknown option '--frob': see the top of tools/x.mjs");
  });
});
