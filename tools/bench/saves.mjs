// @ts-check
/**
 * The bench's save -> result measurement (bench.mjs, 3): the guided mode beside plain `vitest --watch`,
 * both in one scratch workbook, timed from the write of the learner's file to the new result.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { ROOT } from "../core/paths.mjs";
import { scratchWorkbook as copyWorkbook } from "../core/process.mjs";

const pause = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * 3. The measurements, `saves` saves each: the guided mode, the guided mode with a fresh test thread
 * per run, plain vitest; the guided ones are undefined when the guided mode is not there.
 * @param {string} kata @param {number} saves
 */
export async function saveLatencies(kata, saves) {
  const wb = scratchWorkbook(kata);
  try {
    const guided = await guidedSaves(wb, saves);
    // The same without the kept test thread (a fresh thread per run): what keeping it buys.
    const fresh = guided && (await guidedSaves(wb, saves, { keep: false }));
    const plain = await vitestWatchSaves(wb, saves);
    return { guided, fresh, plain };
  } finally {
    wb.dispose();
  }
}

/**
 * A scratch workbook with `kata` (and a second kata that stays red, so its turning green does not
 * set off the guided mode's "everything is green" full run), node_modules linked.
 * @param {string} kata a slug; the kata's learner file is counter.ts (kata 01's)
 */
function scratchWorkbook(kata) {
  const { dir, dispose } = copyWorkbook(ROOT, "bench", ["tools", "package.json", "tsconfig.json", "vitest.config.ts", `katas/${kata}`, `solutions/${kata}`]);
  mkdirSync(path.join(dir, "katas/99-still-red"), { recursive: true });
  writeFileSync(path.join(dir, "katas/99-still-red/kata.json"), JSON.stringify({ title: "Still red", hints: ["-"], passOnStub: [] }));
  writeFileSync(path.join(dir, "katas/99-still-red/red.ts"), `import { todo } from "../../tools/kit";\nexport function red(): number {\n  return todo("red()");\n}\n`);
  writeFileSync(path.join(dir, "katas/99-still-red/red.spec.ts"), `import { expect, it } from "vitest";\nimport { red } from "./red";\nit("is red", () => expect(red()).toBe(1));\n`);
  const file = path.join(dir, "katas", kata, "counter.ts");
  return {
    dir,
    kata,
    file,
    stub: readFileSync(file, "utf8"),
    solution: readFileSync(path.join(dir, "solutions", kata, "counter.ts"), "utf8"),
    dispose,
  };
}

/**
 * 3a. The guided mode's save -> result latency. The hook: tools/guide/guided.mjs `createGuide`, whose
 * `nextScreen(predicate)` resolves with the next screen drawn. Returns undefined when the guided mode
 * is not there (the measurement of plain vitest still runs).
 * @param {ReturnType<typeof scratchWorkbook>} wb @param {number} saves
 * @param {{ keep?: boolean }} [tuning]  the guided mode's speed-ups (createGuide's `tuning`)
 */
async function guidedSaves(wb, saves, tuning = {}) {
  const guidedFile = path.join(wb.dir, "tools/guide/guided.mjs");
  if (!existsSync(guidedFile)) return undefined;
  const mod = await import(pathToFileURL(guidedFile).href);
  if (typeof mod.createGuide !== "function") return undefined;
  const output = new PassThrough();
  output.resume();
  const guide = mod.createGuide({ root: wb.dir, input: new PassThrough(), output, color: false, keys: false, tuning });
  await guide.start();
  const total = guide.results.find((/** @type {{ slug: string }} */ r) => r.slug === wb.kata)?.total ?? 0;
  /** @type {number[]} */
  const times = [];
  try {
    for (let i = 0; i < saves; i++) {
      const toGreen = i % 2 === 0;
      const want = toGreen ? `${total}/${total} tests pass` : `0/${total} tests pass`;
      const shown = guide.nextScreen((/** @type {string} */ s) => !s.includes("running…") && s.includes(want));
      const t0 = performance.now();
      writeFileSync(wb.file, toGreen ? wb.solution : wb.stub);
      const screen = await shown;
      times.push(performance.now() - t0);
      // The type check reports after the result (timed above); let it finish before the next save,
      // as it does while a learner reads the screen.
      if (String(screen).includes("checking types")) await guide.nextScreen((/** @type {string} */ s) => !s.includes("checking types"));
      await pause(300);
    }
  } finally {
    await guide.close();
    writeFileSync(wb.file, wb.stub);
  }
  return times;
}

/**
 * 3b. Plain `vitest --watch` on the same kata: from the write to its "Waiting for file changes" line.
 * @param {ReturnType<typeof scratchWorkbook>} wb @param {number} saves
 */
async function vitestWatchSaves(wb, saves) {
  const child = spawn(process.execPath, [path.join(wb.dir, "node_modules/vitest/vitest.mjs"), "--watch", "--project", "learner", `katas/${wb.kata}/`], {
    cwd: wb.dir,
    env: { ...process.env, NO_COLOR: "1", CI: "" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let buffer = "";
  /** @type {(() => void) | undefined} */
  let onWaiting;
  child.stdout.on("data", (chunk) => {
    buffer += String(chunk);
    if (/(Waiting|Watching) for file changes/.test(buffer)) {
      buffer = "";
      onWaiting?.();
    }
  });
  child.stderr.resume();
  /** @type {number[]} */
  const times = [];
  try {
    await new Promise((resolve) => (onWaiting = () => resolve(undefined)));
    for (let i = 0; i < saves; i++) {
      const toGreen = i % 2 === 0;
      const done = new Promise((resolve) => (onWaiting = () => resolve(undefined)));
      const t0 = performance.now();
      writeFileSync(wb.file, toGreen ? wb.solution : wb.stub);
      await done;
      times.push(performance.now() - t0);
      await pause(300);
    }
  } finally {
    child.kill();
    writeFileSync(wb.file, wb.stub);
  }
  return times;
}
