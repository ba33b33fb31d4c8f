import { describe, expect, it } from "vitest";
import { replayCommand } from "../../tools/kit/replay";

describe("replayCommand", () => {
  const base = { cwd: "/wb", testPath: "/wb/katas/01-closure-counter/counter.spec.ts", seed: -42, path: "3:1:0" };

  it("changes into the kata folder and sets the seed and the path", () => {
    const command = replayCommand({ ...base, testName: "1. add > sums" });
    expect(command).toBe("cd katas/01-closure-counter && FC_SEED=-42 FC_PATH=3:1:0 npm test -- -t '1\\. add sums'");
  });

  it("replays in the kata folder even when the failure came from the solution project", () => {
    const command = replayCommand({ ...base, testName: "x", testPath: "/wb/solutions/01-closure-counter/counter.spec.ts" });
    expect(command.startsWith("cd katas/01-closure-counter && ")).toBe(true);
  });

  it("quotes a test name with regex characters and single quotes for the shell", () => {
    const command = replayCommand({ ...base, testName: "it's (a) test?" });
    expect(command).toContain(`-t 'it'\\''s \\(a\\) test\\?'`);
  });

  it("leaves out the cd when the learner stands in the kata folder already", () => {
    const command = replayCommand({ ...base, here: "/wb/katas/01-closure-counter", testName: "1. add > sums" });
    expect(command).toBe("FC_SEED=-42 FC_PATH=3:1:0 npm test -- -t '1\\. add sums'");
  });

  it("leaves out FC_PATH when fast-check gives none", () => {
    expect(replayCommand({ ...base, path: null, testName: "t" })).not.toContain("FC_PATH");
  });
});
