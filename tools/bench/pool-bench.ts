/**
 * Kata 07's WorkerPool (the reference solution) beside piscina, on the same tasks, 2 threads each,
 * in one process, one run: the rows of `npm run bench`'s pool section. Run through tsx by bench.mjs:
 *
 *   npx tsx tools/bench/pool-bench.ts [--reps 5]
 *
 * Prints one JSON line: per row the median wall time of each pool and their ratio (kata / piscina:
 * at most 1.0 is the goal). The two pools alternate, so drift in the machine's load hits both.
 */
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { WorkerPool } from "../../solutions/07-threads/threads";

const THREADS = 2;
const KATA_WORKER = fileURLToPath(new URL("./fixtures/echo.worker.ts", import.meta.url));
const PISCINA_WORKER = new URL("./fixtures/echo.piscina.mjs", import.meta.url).href;

interface Pool {
  run(input: { n: number; data?: Float64Array }): Promise<number>;
  close(): Promise<void>;
}

function kataPool(): Pool {
  const pool = new WorkerPool<{ n: number; data?: Float64Array }, number>(KATA_WORKER, THREADS);
  return { run: (input) => pool.run(input), close: () => pool.close() };
}

function piscinaPool(): Pool {
  const pool = new Piscina({ filename: PISCINA_WORKER, minThreads: THREADS, maxThreads: THREADS });
  return { run: (input) => pool.run(input) as Promise<number>, close: () => pool.destroy() };
}

interface Row {
  readonly name: string;
  readonly work: (pool: Pool) => Promise<void>;
}

const large = new Float64Array(512 * 1024); // 4 MiB, cloned to the worker with every task

const ROWS: Row[] = [
  { name: "burst of 2,000 tiny tasks", work: (pool) => burst(pool, 2_000) },
  { name: "burst of 200,000 tiny tasks", work: (pool) => burst(pool, 200_000) },
  {
    name: "2,000 round trips, one at a time",
    work: async (pool) => {
      for (let n = 0; n < 2_000; n++) await pool.run({ n });
    },
  },
  { name: "20 tasks of 4 MiB each", work: async (pool) => void (await Promise.all(Array.from({ length: 20 }, (_, n) => pool.run({ n, data: large })))) },
];

async function burst(pool: Pool, count: number): Promise<void> {
  const all: Promise<number>[] = [];
  for (let n = 0; n < count; n++) all.push(pool.run({ n }));
  await Promise.all(all);
}

/** One timed run of a row on a fresh pool, warmed by one task first (worker start-up is not timed). */
async function timeOnce(make: () => Pool, row: Row): Promise<number> {
  const pool = make();
  try {
    await pool.run({ n: 0 });
    await Promise.all([pool.run({ n: 1 }), pool.run({ n: 2 })]);
    const started = performance.now();
    await row.work(pool);
    return performance.now() - started;
  } finally {
    await pool.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const repsArg = process.argv.indexOf("--reps");
const reps = repsArg > 0 ? Number(process.argv[repsArg + 1]) : 5;
if (!Number.isSafeInteger(reps) || reps < 1) {
  process.stderr.write(`--reps needs a whole number >= 1, got ${process.argv[repsArg + 1]}\n`);
  process.exit(2);
}
const out = [];
for (const row of ROWS) {
  const kata: number[] = [];
  const piscina: number[] = [];
  for (let i = 0; i < reps; i++) {
    // Alternate which pool goes first.
    if (i % 2 === 0) {
      kata.push(await timeOnce(kataPool, row));
      piscina.push(await timeOnce(piscinaPool, row));
    } else {
      piscina.push(await timeOnce(piscinaPool, row));
      kata.push(await timeOnce(kataPool, row));
    }
  }
  process.stderr.write(`${row.name}: kata ${median(kata).toFixed(0)} ms, piscina ${median(piscina).toFixed(0)} ms\n`);
  out.push({ row: row.name, kataMs: median(kata), piscinaMs: median(piscina), ratio: median(kata) / median(piscina) });
}
process.stdout.write(`${JSON.stringify({ threads: THREADS, reps, rows: out })}\n`);
