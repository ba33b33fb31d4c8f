// @ts-check
/**
 * Save -> screen latency of the guided mode (`npm start`) against vitest's plain watch mode, on a
 * temporary copy of kata 01. Each save alternates the learner's file between the stub (27 red tests)
 * and the reference solution (27 green), so both kinds of screen are in the sample.
 *
 *   node test/bench/guided-latency.mjs [saves=20] [variants=guided,plain,vitest]
 *
 * guided: the guided mode as it ships; plain: the guided mode without its speed-ups (vitest's 100 ms
 * debounce, a fresh worker per run, full failure stacks); vitest: `npx vitest --project learner
 * katas/01-closure-counter/` in watch mode, timed from the write to its "Waiting/Watching for file
 * changes" line.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SAVES = Number(process.argv[2] ?? 20);
const VARIANTS = (process.argv[3] ?? "guided,plain,vitest").split(",");
const KATA = "01-closure-counter";

const dir = mkdtempSync(path.join(tmpdir(), "pattern-katas-bench-"));
for (const entry of ["tools", "package.json", "tsconfig.json", "vitest.config.ts", `katas/${KATA}`, `solutions/${KATA}`]) {
  cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
}
symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
// A second kata that stays red, so that a green kata 01 does not set off the final full run.
mkdirSync(path.join(dir, "katas/02-clock"), { recursive: true });
writeFileSync(path.join(dir, "katas/02-clock/kata.json"), JSON.stringify({ title: "Clock", hints: ["h % 24"] }));
writeFileSync(path.join(dir, "katas/02-clock/clock.ts"), `import { todo } from "../../tools/kit";\nexport function wrap(h: number): number {\n  return todo("wrap(h)");\n}\n`);
writeFileSync(
  path.join(dir, "katas/02-clock/clock.spec.ts"),
  `import { expect, it } from "vitest";\nimport { wrap } from "./clock";\nit("wraps 25 to 1", () => expect(wrap(25)).toBe(1));\n`,
);
const file = path.join(dir, `katas/${KATA}/counter.ts`);
const stub = readFileSync(file, "utf8");
const solution = readFileSync(path.join(dir, `solutions/${KATA}/counter.ts`), "utf8");
const pause = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? /** @type {number} */ (s[(s.length - 1) / 2]) : (/** @type {number} */ (s[s.length / 2 - 1]) + /** @type {number} */ (s[s.length / 2])) / 2;
}

/** @param {{ warm?: boolean, fastStacks?: boolean, debounce?: number }} tuning */
async function guided(tuning) {
  const { createGuide } = await import(pathToFileURL(path.join(dir, "tools/lib/guided.mjs")).href);
  const output = new PassThrough();
  output.resume();
  /** @type {number[]} */
  const red = [];
  /** @type {number[]} */
  const green = [];
  const guide = createGuide({ root: dir, input: new PassThrough(), output, color: false, keys: false, tuning });
  await guide.start();
  for (let i = 0; i < SAVES; i++) {
    const toGreen = i % 2 === 0;
    const done = guide.nextScreen((/** @type {string} */ s) => !s.includes("running…") && s.includes(toGreen ? "27/27 tests pass" : "0/27 tests pass"));
    const t0 = performance.now();
    writeFileSync(file, toGreen ? solution : stub);
    await done;
    (toGreen ? green : red).push(performance.now() - t0);
    await pause(300);
  }
  await guide.close();
  return { red, green };
}

async function plainVitest() {
  const child = spawn(process.execPath, [path.join(dir, "node_modules/vitest/vitest.mjs"), "--watch", "--project", "learner", `katas/${KATA}/`], {
    cwd: dir,
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
  let stopping = false;
  child.on("exit", (code) => {
    if (!stopping) console.error(`vitest exited early with code ${code}`);
  });
  await new Promise((resolve) => (onWaiting = () => resolve(undefined)));
  /** @type {number[]} */
  const red = [];
  /** @type {number[]} */
  const green = [];
  for (let i = 0; i < SAVES; i++) {
    const toGreen = i % 2 === 0;
    const done = new Promise((resolve) => (onWaiting = () => resolve(undefined)));
    const t0 = performance.now();
    writeFileSync(file, toGreen ? solution : stub);
    await done;
    (toGreen ? green : red).push(performance.now() - t0);
    await pause(300);
  }
  stopping = true;
  child.kill();
  return { red, green };
}

try {
  for (const variant of VARIANTS) {
    writeFileSync(file, stub);
    await pause(200);
    const { red, green } =
      variant === "guided" ? await guided({}) : variant === "plain" ? await guided({ warm: false, fastStacks: false, debounce: 100 }) : await plainVitest();
    const all = [...red, ...green];
    const f = (/** @type {number} */ x) => x.toFixed(0).padStart(5);
    console.log(`${variant.padEnd(7)} median ${f(median(all))} ms   (red ${f(median(red))}, green ${f(median(green))}; min ${f(Math.min(...all))}, max ${f(Math.max(...all))}; ${all.length} saves)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
