/**
 * The workbook copy for the learner's-tools tests: helpers/workbook.ts's copy with kata 01 as it
 * ships plus a two-test kata written here (02-clock), so the tests do not depend on the other katas;
 * and two ways to run the command line in it: in-process through the copy's tools/cli/cli.mjs (what
 * tools/bin/katas.mjs calls; a fresh node process would cost ~0.3 s of start-up per command), or as
 * a real `node tools/bin/katas.mjs` process, for what only a process shows (exit codes, stdin a pipe).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { makeWorkbook } from "./workbook";

export const SLOW = 90_000;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertion messages */
  out: string;
}

export interface LearnerWorkbook {
  dir: string;
  counter: string;
  clock: string;
  /** Runs a command of the copy's CLI in-process, without a terminal (stdin is not a TTY), no colour, not CI. */
  katas(...args: string[]): Promise<CliResult>;
  /** The same as a real process: `node tools/bin/katas.mjs ...args` in the copy, stdin a pipe. */
  spawnKatas(...args: string[]): CliResult;
  /** The untouched stub of a learner's file, as the copy's tools/stubs.lock.json records it. */
  lockedStub(rel: string): string;
  /** The copy's guided mode, in-process, on fake streams (no terminal, no colour), not started yet. */
  guide(): Promise<Guide>;
  remove(): void;
}

export type Guide = ReturnType<(typeof import("../../tools/guide/guided.mjs"))["createGuide"]>;

/** Collects what is written to it; not a terminal. */
class Capture extends Writable {
  text = "";
  readonly isTTY = false;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export async function makeLearnerWorkbook(): Promise<LearnerWorkbook> {
  const { root: dir, dispose } = makeWorkbook(["01-closure-counter"]);
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

  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", INIT_CWD: dir };
  delete env["FORCE_COLOR"];
  delete env["CI"];
  const cli = (await import(pathToFileURL(path.join(dir, "tools/cli/cli.mjs")).href)) as typeof import("../../tools/cli/cli.mjs");
  const katas = async (...args: string[]): Promise<CliResult> => {
    const stdout = new Capture();
    const stderr = new Capture();
    const stdin = Object.assign(new PassThrough(), { isTTY: false });
    stdin.end();
    const status = await cli.run(args, { root: dir, cwd: dir, env, stdin, stdout, stderr });
    return { status, stdout: stdout.text, stderr: stderr.text, out: stdout.text + stderr.text };
  };
  const spawnKatas = (...args: string[]): CliResult => {
    const r = spawnSync(process.execPath, ["tools/bin/katas.mjs", ...args], { cwd: dir, env, encoding: "utf8", input: "", timeout: SLOW });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, out: r.stdout + r.stderr };
  };
  // The copy's lock records exactly the copy's stubs.
  const locked = await katas("stubs:lock");
  if (locked.status !== 0) throw new Error(`stubs:lock failed in the copy:\n${locked.out}`);

  return {
    dir,
    counter: path.join(dir, "katas/01-closure-counter/counter.ts"),
    clock: path.join(dir, "katas/02-clock/clock.ts"),
    katas,
    spawnKatas,
    lockedStub(rel) {
      const lock = JSON.parse(readFileSync(path.join(dir, "tools/stubs.lock.json"), "utf8")) as { files: Record<string, { content: string }> };
      const entry = lock.files[rel];
      if (!entry) throw new Error(`${rel} is not in the copy's stub lock`);
      return entry.content;
    },
    async guide() {
      const { createGuide } = (await import(pathToFileURL(path.join(dir, "tools/guide/guided.mjs")).href)) as typeof import("../../tools/guide/guided.mjs");
      const input = Object.assign(new PassThrough(), { isTTY: false });
      const output = new PassThrough();
      output.resume();
      return createGuide({ root: dir, input, output, color: false });
    },
    remove: dispose,
  };
}
