/**
 * The command table (tools/cli/commands.mjs) is the one place a command or option is declared: the
 * usage text is generated from it, and each command's options are parsed with it.
 */
import { describe, expect, it } from "vitest";
import { parseCommandArgs, usage } from "../../tools/cli/cli.mjs";
import { COMMANDS } from "../../tools/cli/commands.mjs";

const command = (name: string) => COMMANDS.find((c) => c.name === name) as (typeof COMMANDS)[number];

describe("the command table", () => {
  it("lists every command and every option of every command in the usage text", () => {
    const text = usage();
    for (const c of COMMANDS) {
      expect(text).toContain(`  ${c.shown ?? c.name}`);
      for (const [name, o] of Object.entries(c.options ?? {})) {
        expect(text, `${c.name} --${name}`).toContain(`${o.short ? `-${o.short}, ` : ""}--${name}`);
      }
    }
  });

  it("parses each command's own options, long and short, and nothing else", () => {
    expect(parseCommandArgs(command("reset"), ["3", "-y"]).flags["yes"]).toBe(true);
    expect(parseCommandArgs(command("compare"), ["--yes", "3"])).toMatchObject({ positional: ["3"], flags: { yes: true } });
    expect(parseCommandArgs(command("test"), ["1", "-t", "adds"]).flags["testNamePattern"]).toBe("adds");
    expect(parseCommandArgs(command("test"), ["1", "--testNamePattern=adds"]).flags["testNamePattern"]).toBe("adds");
    expect(parseCommandArgs(command("play"), ["8", "server", "--solution"])).toMatchObject({ positional: ["8", "server"], flags: { solution: true } });
    expect(() => parseCommandArgs(command("hint"), ["1", "--yes"])).toThrow('"hint" takes no option --yes');
    expect(() => parseCommandArgs(command("list"), ["--frobnicate"])).toThrow('unknown option "--frobnicate"');
    expect(() => parseCommandArgs(command("test"), ["1", "-t"])).toThrow('option "-t" needs a value');
    expect(() => parseCommandArgs(command("ui"), ["extra"])).toThrow('too many arguments for "ui": extra');
  });
});
