import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { kataFile } from "../../tools/kit";
import { liveWorkers, startedWorkers, terminateWorkers } from "../../tools/kit/worker";
import { createGauge, GAUGE, type Task } from "./fixtures/task.worker";
import { countTogether, dance, parallelSum, runInWorker, sing, singAndDance, sleep, WorkerPool } from "./threads";

/** The given worker module: replies `value * 2` after `ms`, or throws `fail` (see fixtures/). */
const TASK_WORKER = kataFile("./fixtures/task.worker.ts", import.meta.url);

/**
 * Starting a worker that loads TypeScript costs real time (a fraction of a second on a busy machine),
 * so the worker tests get a generous timeout and their properties run only a few cases.
 */
const WORKER_TIMEOUT = 60_000;

afterEach(async () => {
  vi.useRealTimers();
  // Count first, then clean up whatever is left, so one leaky test does not break the next ones.
  const leaked = liveWorkers();
  await terminateWorkers();
  expect(leaked, "workers still running after the test: terminate every worker you start").toBe(0);
});

describe("1. concurrency on the event loop: sing and dance take turns on one thread", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it("sleep(1000) resolves after 1000 ms, and not a millisecond before", async () => {
    const slept = watch(sleep(1000));
    await vi.advanceTimersByTimeAsync(999);
    expect(slept.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(slept.settled).toBe(true);
  });

  it("sing(3, 1000, log) logs singing 0, 1, 2 one second apart and ends after 3 seconds", async () => {
    const { log, lines } = recorder();
    const song = watch(sing(3, 1000, log));
    await vi.advanceTimersByTimeAsync(2999);
    expect(song.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(song.settled).toBe(true);
    expect(lines).toEqual([
      [0, "singing 0"],
      [1000, "singing 1"],
      [2000, "singing 2"],
    ]);
  });

  it("dance(2, 500, log) logs dancing 0, 1 half a second apart", async () => {
    const { log, lines } = recorder();
    const steps = watch(dance(2, 500, log));
    await vi.advanceTimersByTimeAsync(1000);
    expect(steps.settled).toBe(true);
    expect(lines).toEqual([
      [0, "dancing 0"],
      [500, "dancing 1"],
    ]);
  });

  it("singAndDance(3, 1000, log) interleaves the lines: singing 0, dancing 0, singing 1, dancing 1, ...", async () => {
    const { log, lines } = recorder();
    const show = watch(singAndDance(3, 1000, log));
    await vi.advanceTimersByTimeAsync(3000);
    expect(show.settled).toBe(true);
    expect(lines).toEqual([
      [0, "singing 0"],
      [0, "dancing 0"],
      [1000, "singing 1"],
      [1000, "dancing 1"],
      [2000, "singing 2"],
      [2000, "dancing 2"],
    ]);
  });

  it("singAndDance(3, 1000, log) is done after 3 seconds, not 6: the two tasks overlap", async () => {
    const { log } = recorder();
    const show = watch(singAndDance(3, 1000, log));
    await vi.advanceTimersByTimeAsync(2999);
    expect(show.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(show.settled, "still running after 3 s: are sing and dance running one after the other?").toBe(true);
  });

  it("for any rounds and interval, logs 2 * rounds lines in turns and ends after exactly rounds intervals", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 6 }), fc.integer({ min: 1, max: 2000 }), async (rounds, interval) => {
        vi.setSystemTime(0);
        const { log, lines } = recorder();
        const show = watch(singAndDance(rounds, interval, log));
        if (rounds > 0) {
          await vi.advanceTimersByTimeAsync(rounds * interval - 1);
          expect(show.settled).toBe(false);
        }
        await vi.advanceTimersByTimeAsync(rounds === 0 ? 0 : 1);
        expect(show.settled).toBe(true);
        const expected = Array.from({ length: rounds }, (_, i) => [
          [i * interval, `singing ${i}`],
          [i * interval, `dancing ${i}`],
        ]).flat();
        expect(lines).toEqual(expected);
      }),
    );
  });
});

describe("2. runInWorker(file, input): one input, one reply, and the worker is gone", { timeout: WORKER_TIMEOUT }, () => {
  it("resolves with the worker's reply (the task worker doubles 21 into 42) and leaves no worker running", async () => {
    const before = startedWorkers();
    const reply = await runInWorker<Task, number>(TASK_WORKER, { id: 0, value: 21 });
    expect(reply).toBe(42);
    expect(startedWorkers() - before, "workers started by runInWorker").toBe(1);
    expect(liveWorkers(), "workers still running once runInWorker resolved: terminate it").toBe(0);
  });

  it("rejects with the worker's own error message when the worker throws, and leaves no worker running", async () => {
    const run = runInWorker<Task, number>(TASK_WORKER, { id: 0, value: 1, fail: "the stage collapsed" });
    await expect(run).rejects.toThrow("the stage collapsed");
    expect(liveWorkers(), "workers still running once runInWorker rejected").toBe(0);
  });

  it("rejects, instead of waiting forever, when the worker exits without replying", async () => {
    const run = runInWorker<Task, number>(TASK_WORKER, { id: 0, value: 1, exit: true });
    await expect(run).rejects.toThrow(Error);
    expect(liveWorkers()).toBe(0);
  });
});

describe("3. parallelSum(numbers, threads) splits the sum across worker threads", { timeout: WORKER_TIMEOUT }, () => {
  it("adds 1..10 on 3 threads to 55, with one worker per thread (chunks of 4, 3 and 3: none dropped)", async () => {
    const before = startedWorkers();
    expect(await parallelSum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3)).toBe(55);
    expect(startedWorkers() - before, "workers started for 3 threads").toBe(3);
    expect(liveWorkers()).toBe(0);
  });

  it("returns 0 for no numbers, and 7 for [7] even with 8 threads (never more workers than numbers)", async () => {
    expect(await parallelSum([], 4)).toBe(0);
    const before = startedWorkers();
    expect(await parallelSum([7], 8)).toBe(7);
    expect(startedWorkers() - before, "workers started for a single number").toBe(1);
  });

  it("equals the sequential sum for any safe integers and 1..8 threads, on min(threads, length) workers", async () => {
    // Integers this small keep every partial sum a safe integer, so addition is exact in any order and
    // the chunked sum must equal the left-to-right one to the last unit.
    const limit = Math.floor(Number.MAX_SAFE_INTEGER / 16);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -limit, max: limit }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 8 }),
        async (numbers, threads) => {
          const before = startedWorkers();
          const sequential = numbers.reduce((total, n) => total + n, 0);
          expect(await parallelSum(numbers, threads)).toBe(sequential);
          expect(startedWorkers() - before).toBe(Math.min(threads, numbers.length));
          expect(liveWorkers()).toBe(0);
        },
      ),
      // Each case starts up to 6 workers (threads above the length test "more threads than numbers"):
      // a few cases, not 100, and no shrinking (every shrink step
      // would start workers again); the first counterexample is reported as found.
      { numRuns: 4, endOnFailure: true },
    );
  });
});

describe("4. a shared counter: SharedArrayBuffer plus Atomics, and not one update lost", { timeout: WORKER_TIMEOUT }, () => {
  it("counts to exactly 20 000 000 with 2 workers adding 10 000 000 times each to the same slot", async () => {
    // Millions of adds, so that the two workers are still counting at the same moment: a plain
    // `view[0]++` (read, add, write) then loses updates every time another thread writes in between.
    const before = startedWorkers();
    expect(await countTogether(2, 10_000_000), "updates lost: is every add a single Atomics operation?").toBe(20_000_000);
    expect(startedWorkers() - before, "workers started for 2 threads").toBe(2);
    expect(liveWorkers()).toBe(0);
  });

  it("counts to 12345 with a single worker adding 12345 times", async () => {
    expect(await countTogether(1, 12_345)).toBe(12_345);
  });
});

describe("5. WorkerPool(file, size): at most `size` tasks at once, the rest wait in order", { timeout: WORKER_TIMEOUT }, () => {
  it("runs tasks and resolves each with its own reply: 1, 2, 3 become 2, 4, 6", async () => {
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 2);
    try {
      expect(pool.size).toBe(2);
      const replies = await Promise.all([1, 2, 3].map((value, id) => pool.run({ id, value })));
      expect(replies).toEqual([2, 4, 6]);
    } finally {
      await pool.close();
    }
    expect(liveWorkers(), "workers still running after close()").toBe(0);
  });

  it("never runs more than 2 of 6 slow tasks at once on a pool of size 2, and never starts a third worker", async () => {
    const gauge = createGauge(6);
    const before = startedWorkers();
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 2);
    try {
      const replies = await Promise.all([0, 1, 2, 3, 4, 5].map((id) => pool.run({ id, value: id, ms: 20, gauge })));
      expect(replies).toEqual([0, 2, 4, 6, 8, 10]);
      expect(read(gauge).max, "most tasks running at once").toBeLessThanOrEqual(2);
      expect(startedWorkers() - before, "workers started by a pool of size 2 for 6 tasks").toBe(2);
    } finally {
      await pool.close();
    }
  });

  it("starts queued tasks in the order they were submitted (size 1: one after the other)", async () => {
    const gauge = createGauge(5);
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      await Promise.all([0, 1, 2, 3, 4].map((id) => pool.run({ id, value: id, ms: 2, gauge })));
      expect(read(gauge).order).toEqual([0, 1, 2, 3, 4]);
      expect(read(gauge).max).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it("rejects only the task that throws, with its message, and goes on with the others", async () => {
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      const first = pool.run({ id: 0, value: 1 });
      const broken = pool.run({ id: 1, value: 2, fail: "dancer tripped" });
      const last = pool.run({ id: 2, value: 3 });
      await expect(first).resolves.toBe(2);
      await expect(broken).rejects.toThrow("dancer tripped");
      await expect(last).resolves.toBe(6);
      await expect(pool.run({ id: 3, value: 4 })).resolves.toBe(8);
    } finally {
      await pool.close();
    }
  });

  it("close() settles every task, terminates every worker, and a second close() is harmless", async () => {
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    const results: Outcome[] = [];
    [0, 1, 2, 3].forEach((id) => void outcome(pool.run({ id, value: id, ms: 10 })).then((r) => (results[id] = r)));
    await pool.close();
    await new Promise((resolve) => setImmediate(resolve)); // let the settled promises' callbacks run
    // Each task either finished with its reply or was rejected with an Error: none is left hanging.
    expect(results.filter(Boolean), "tasks settled by the time close() resolved").toHaveLength(4);
    results.forEach((result, id) => {
      if (result.ok) expect(result.value).toBe(id * 2);
      else expect(result.error).toBeInstanceOf(Error);
    });
    expect(liveWorkers(), "workers still running after close()").toBe(0);
    await pool.close();
    expect(liveWorkers()).toBe(0);
  });

  it("settles every task of any mix of good and failing ones exactly once, never above `size` at once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ ms: fc.nat({ max: 8 }), fails: fc.boolean() }), { minLength: 1, maxLength: 5 }),
        async (size, specs) => {
          const gauge = createGauge(specs.length);
          const pool = new WorkerPool<Task, number>(TASK_WORKER, size);
          try {
            const runs = specs.map(({ ms, fails }, id) =>
              outcome(pool.run({ id, value: id, ms, gauge, ...(fails ? { fail: `task ${id} failed` } : {}) })),
            );
            const results = await Promise.all(runs);
            results.forEach((result, id) => {
              if (specs[id]?.fails) expect(result.ok ? result.value : (result.error as Error).message).toBe(`task ${id} failed`);
              else expect(result.ok ? result.value : result.error).toBe(id * 2);
            });
            const seen = read(gauge);
            expect(seen.runs, "how often each task ran").toEqual(specs.map(() => 1));
            expect(seen.max).toBeLessThanOrEqual(size);
          } finally {
            await pool.close();
          }
          expect(liveWorkers()).toBe(0);
        },
      ),
      // A failing task costs a new worker: a few cases, not 100, and no shrinking (see step 3).
      { numRuns: 3, endOnFailure: true },
    );
  });
});

describe("6. bad input: thread counts and sizes are positive integers, a closed pool refuses work", () => {
  const notPositiveIntegers = [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY];

  it.each(notPositiveIntegers)("parallelSum rejects %s threads with a RangeError, before starting any worker", async (threads) => {
    const before = startedWorkers();
    await expect(parallelSum([1, 2, 3], threads)).rejects.toThrow(RangeError);
    expect(startedWorkers() - before).toBe(0);
  });

  it.each(notPositiveIntegers)("countTogether rejects %s threads with a RangeError, before starting any worker", async (threads) => {
    const before = startedWorkers();
    await expect(countTogether(threads, 10)).rejects.toThrow(RangeError);
    expect(startedWorkers() - before).toBe(0);
  });

  it("countTogether rejects a negative or fractional count per thread with a RangeError", async () => {
    const before = startedWorkers();
    await expect(countTogether(2, -1)).rejects.toThrow(RangeError);
    await expect(countTogether(2, 0.5)).rejects.toThrow(RangeError);
    expect(startedWorkers() - before).toBe(0);
  });

  it.each(notPositiveIntegers)("new WorkerPool(file, %s) throws a RangeError", (size) => {
    expect(() => new WorkerPool<Task, number>(TASK_WORKER, size)).toThrow(RangeError);
  });

  it("rejects a task given after close() with an error that says the pool is closed", async () => {
    const before = startedWorkers();
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 2);
    await pool.close();
    await expect(pool.run({ id: 0, value: 1 })).rejects.toThrow(/closed/i);
    expect(startedWorkers() - before, "workers started for a task refused by a closed pool").toBe(0);
  });
});

/** Records each logged line with the (fake) time it was logged at, in ms since the recorder was made. */
function recorder(): { log: (line: string) => void; lines: [number, string][] } {
  const start = Date.now();
  const lines: [number, string][] = [];
  return { log: (line) => lines.push([Date.now() - start, line]), lines };
}

/** Lets a test look at whether a promise has settled yet; a rejection is rethrown when looked at. */
function watch(promise: Promise<unknown>): { readonly settled: boolean } {
  let state: { settled: false } | { settled: true; failed: boolean; error?: unknown } = { settled: false };
  promise.then(
    () => (state = { settled: true, failed: false }),
    (error: unknown) => (state = { settled: true, failed: true, error }),
  );
  return {
    get settled() {
      if (state.settled && state.failed) throw state.error;
      return state.settled;
    },
  };
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function outcome(promise: Promise<unknown>): Promise<Outcome> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** What the task workers recorded in a gauge. */
function read(gauge: SharedArrayBuffer): { max: number; runs: number[]; order: number[] } {
  const view = new Int32Array(gauge);
  const tasks = (view.length - GAUGE.perTask) / 2;
  const started = Math.min(Atomics.load(view, GAUGE.started), tasks);
  return {
    max: Atomics.load(view, GAUGE.max),
    runs: Array.from({ length: tasks }, (_, id) => Atomics.load(view, GAUGE.perTask + id)),
    order: Array.from({ length: started }, (_, i) => Atomics.load(view, GAUGE.perTask + tasks + i)),
  };
}
