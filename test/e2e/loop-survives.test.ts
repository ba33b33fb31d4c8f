/**
 * The learner's loop never dies on the learner's endless loop: `npm run watch` stops the stuck run,
 * says why, and runs the spec again on the next save, green once the code is fixed. Against real
 * broken code, in a real process, the screen's words asserted.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { makeLearnerWorkbook, SLOW, type LearnerWorkbook } from "../helpers/learner-workbook";

vi.setConfig({ testTimeout: SLOW, hookTimeout: SLOW });

let wb: LearnerWorkbook;
beforeAll(async () => {
  wb = await makeLearnerWorkbook();
});
afterAll(() => wb?.remove());

it("npm run watch reports an endless loop, then goes green on the fix, without a restart", async () => {
  writeFileSync(wb.clock, "export function wrap(h: number): number {\n  while (h >= 0) {}\n  return h;\n}\n");
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", INIT_CWD: wb.dir };
  delete env["CI"];
  const child = spawn(process.execPath, ["tools/bin/katas.mjs", "watch", "clock"], { cwd: wb.dir, env, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  const waiters: Array<() => void> = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const until = (pattern: RegExp, from = 0) =>
    new Promise<number>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`never saw ${pattern} in:\n${out}`)), 30_000);
      const check = () => {
        const at = out.slice(from).search(pattern);
        if (at >= 0) {
          clearTimeout(deadline);
          resolve(from + at);
        } else waiters.push(check);
      };
      check();
    });
  try {
    const stopped = await until(/Stopped: the test "1\. wrap > keeps 5 as 5" has been running for \d+ s without ever giving control back/);
    const after = await until(/Fix it and save: the spec runs again\./, stopped);
    expect(child.exitCode).toBeNull();
    writeFileSync(wb.clock, "export function wrap(h: number): number {\n  return h % 24;\n}\n");
    await until(/Tests\s+2 passed \(2\)/, after);
    expect(child.exitCode).toBeNull();
  } finally {
    child.kill("SIGKILL");
  }
});

it("the guided mode shows the watchdog's words for an endless loop, stays open, then shows green and types on the fix", async () => {
  writeFileSync(wb.clock, wb.lockedStub("katas/02-clock/clock.ts"));
  const guide = await wb.guide();
  try {
    await guide.start();
    await guide.press("n"); // 01 is not green: n stays; go to 02 through the list instead
    await guide.press("l");
    await guide.press("down");
    await guide.press("return");
    expect(guide.current.slug).toBe("02-clock");
    const stopped = guide.nextScreen((s) => s.includes("The run was stopped:"));
    writeFileSync(wb.clock, "export function wrap(h: number): number {\n  while (h >= 0) {}\n  return h;\n}\n");
    const screen = await stopped;
    expect(screen).toMatch(/Stopped: the test "1\. wrap > keeps 5 as 5" has been running for \d+ s/);
    expect(screen).toContain("Fix it and save: the kata runs again.");
    expect(screen, "the stopped file's tests still count").toContain("0/2 tests pass");
    expect(screen).not.toContain("running…");
    const green = guide.nextScreen((s) => s.includes("2/2 tests pass") && s.includes("types check"));
    writeFileSync(wb.clock, "export function wrap(h: number): number {\n  return h % 24;\n}\n");
    expect(await green).toContain("✔ Clock: done.");
  } finally {
    await guide.close();
  }
});

it("the guided mode quits at once while the learner's endless loop runs (q does not wait for the watchdog)", async () => {
  writeFileSync(wb.clock, wb.lockedStub("katas/02-clock/clock.ts"));
  const guide = await wb.guide();
  await guide.start();
  await guide.press("l");
  await guide.press("down");
  await guide.press("return");
  expect(guide.current.slug).toBe("02-clock");
  const running = guide.nextScreen((s) => s.includes("running…"));
  writeFileSync(wb.clock, "export function wrap(h: number): number {\n  while (h >= 0) {}\n  return h;\n}\n");
  await running;
  void guide.press("q");
  // Within the close's own wait for a run under way (3 s): the stuck thread is terminated, not
  // waited for (before, vitest.close() waited for it for ever).
  await expect(Promise.race([guide.done.then(() => "quit"), new Promise((resolve) => setTimeout(resolve, 15_000, "still open"))])).resolves.toBe("quit");
});
