import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { KataError } from "../../tools/core/katas.mjs";
import { parseScriptArgs, runScript } from "../../tools/core/script-args.mjs";

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

describe("runScript (mutate, soak, bench, prove)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pattern-katas-run-script-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const helper = pathToFileURL(path.resolve(import.meta.dirname, "../../tools/core/script-args.mjs")).href;
  const katas = pathToFileURL(path.resolve(import.meta.dirname, "../../tools/core/katas.mjs")).href;

  /** Writes a script whose main has `body`, runs it with node, and returns its exit code and stderr. */
  function script(body: string, options = "") {
    const file = path.join(dir, `s${Math.random().toString(36).slice(2)}.mjs`);
    writeFileSync(
      file,
      `import { runScript } from ${JSON.stringify(helper)};\nimport { KataError } from ${JSON.stringify(katas)};\n` +
        `runScript(import.meta.url, "demo", async () => { ${body} }${options});\n`,
    );
    const r = spawnSync(process.execPath, [file], { encoding: "utf8" });
    return { code: r.status, stderr: r.stderr };
  }

  it("exits with the code main resolves with, and 0 when it resolves with nothing", () => {
    expect(script("return 3;").code).toBe(3);
    expect(script("return;").code).toBe(0);
  });

  it("prints a KataError as one line named after the script, with its exit code", () => {
    expect(script('throw new KataError("no such kata");')).toEqual({ code: 2, stderr: "demo: no such kata\n" });
    expect(script('throw new KataError("late", 4);').code).toBe(4);
  });

  it("prints any other error whole, with exit code 2 or the crash code given", () => {
    const crash = script('throw new TypeError("a bug");');
    expect(crash.code).toBe(2);
    expect(crash.stderr).toContain("TypeError: a bug");
    expect(crash.stderr).toMatch(/\n\s+at /);
    expect(script('throw new Error("a bug");', ", { crashCode: 1 }").code).toBe(1);
  });

  it("does nothing when the module is imported rather than run", () => {
    let called = false;
    runScript(pathToFileURL(path.join(dir, "not-the-entry.mjs")).href, "demo", async () => {
      called = true;
    });
    expect(called).toBe(false);
  });
});
