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

  it("rejects, instead of waiting forever, with an error saying the worker exited, when it exits without replying", async () => {
    const run = runInWorker<Task, number>(TASK_WORKER, { id: 0, value: 1, exit: true });
    await expect(run).rejects.toThrow(/exit/i);
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

  it("adds 1..5 on 4 threads with 4 workers: chunks of 2, 1, 1 and 1 (only the first `5 % 4` chunks are longer)", async () => {
    const before = startedWorkers();
    expect(await parallelSum([1, 2, 3, 4, 5], 4)).toBe(15);
    expect(startedWorkers() - before, "workers started for 5 numbers on 4 threads").toBe(4);
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

  it("rejects with a worker's error when one chunk fails, but only once every worker has exited", async () => {
    // sum.worker.ts cannot add a BigInt to a number: the worker of the second chunk throws a TypeError.
    const numbers = [1, 2, 3n] as unknown as number[];
    await expect(parallelSum(numbers, 2)).rejects.toThrow(TypeError);
    expect(liveWorkers(), "workers still running when parallelSum rejected: wait for all of them").toBe(0);
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

  it("counts to 0 when each of 2 workers adds 0 times (0 per thread is allowed)", async () => {
    expect(await countTogether(2, 0)).toBe(0);
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

  it("close() settles every task (a queued one it rejects says the pool closed), terminates every worker, and a second close() is harmless", async () => {
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    const results: Outcome[] = [];
    [0, 1, 2, 3].forEach((id) => void outcome(pool.run({ id, value: id, ms: 10 })).then((r) => (results[id] = r)));
    await pool.close();
    await new Promise((resolve) => setImmediate(resolve)); // let the settled promises' callbacks run
    // Each task either finished with its reply or was rejected with an Error: none is left hanging.
    expect(results.filter(Boolean), "tasks settled by the time close() resolved").toHaveLength(4);
    results.forEach((result, id) => {
      if (result.ok) expect(result.value).toBe(id * 2);
      else {
        expect(result.error).toBeInstanceOf(Error);
        expect((result.error as Error).message, `task ${id}, rejected by close()`).toMatch(/closed/i);
      }
    });
    expect(liveWorkers(), "workers still running after close()").toBe(0);
    await pool.close();
    expect(liveWorkers()).toBe(0);
  });

  it("rejects a task whose worker exits without replying, with an error saying it exited, and keeps both workers usable", async () => {
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 2);
    try {
      // The quick task's worker is idle again by the time the other worker exits.
      const quick = pool.run({ id: 0, value: 1 });
      const quitter = pool.run({ id: 1, value: 2, ms: 200, exit: true });
      await expect(quick).resolves.toBe(2);
      await expect(quitter).rejects.toThrow(/exit/i);
      // Two tasks at once: one for the idle worker, one for a replacement of the worker that exited.
      await expect(Promise.all([pool.run({ id: 2, value: 3 }), pool.run({ id: 3, value: 4 })])).resolves.toEqual([6, 8]);
      // Now both workers are loaded and idle: two slow tasks must run side by side.
      const gauge = createGauge(2);
      const slow = [0, 1].map((id) => pool.run({ id, value: id, ms: 300, gauge }));
      await expect(Promise.all(slow)).resolves.toEqual([0, 2]);
      expect(read(gauge).max, "tasks at once on a pool of 2 after a worker exited: is a live worker forgotten?").toBe(2);
    } finally {
      await pool.close();
    }
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

  it.each(notPositiveIntegers)("parallelSum rejects %s threads with a RangeError naming threads and the value, before starting any worker", async (threads) => {
    const before = startedWorkers();
    const error = await rejection(parallelSum([1, 2, 3], threads));
    expect(error).toBeInstanceOf(RangeError);
    expectMessageNames(error, "threads", threads);
    expect(startedWorkers() - before).toBe(0);
  });

  it.each(notPositiveIntegers)("countTogether rejects %s threads with a RangeError naming threads and the value, before starting any worker", async (threads) => {
    const before = startedWorkers();
    const error = await rejection(countTogether(threads, 10));
    expect(error).toBeInstanceOf(RangeError);
    expectMessageNames(error, "threads", threads);
    expect(startedWorkers() - before).toBe(0);
  });

  it.each([-1, 0.5])("countTogether rejects %s per thread with a RangeError naming perThread and the value", async (perThread) => {
    const before = startedWorkers();
    const error = await rejection(countTogether(2, perThread));
    expect(error).toBeInstanceOf(RangeError);
    expectMessageNames(error, "perThread", perThread);
    expect(startedWorkers() - before).toBe(0);
  });

  it("countTogether rejects 2 threads of 2 ** 30 adds (2 ** 31 in all: no Int32 holds it) with a RangeError naming the total", async () => {
    const before = startedWorkers();
    // Counting that far would take many seconds: fail as soon as a worker starts instead of refusing.
    const result = await settledOrStarted(outcome(countTogether(2, 2 ** 30)), before);
    expect(result, "countTogether started workers for a total that cannot fit in an Int32").not.toBe("started");
    const error = result !== "started" && !result.ok ? result.error : undefined;
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message, "the message should show the total").toContain(String(2 ** 31));
  });

  it("countTogether accepts 1 thread of 2 ** 31 - 1 adds, the largest Int32: it starts counting (and the test stops it)", async () => {
    const before = startedWorkers();
    const run = outcome(countTogether(1, 2 ** 31 - 1));
    const result = await settledOrStarted(run, before);
    expect(result, "countTogether refused 2 ** 31 - 1, which fits in an Int32").toBe("started");
    await terminateWorkers();
    await run; // settles (with an error) once its worker is gone
  });

  it.each(notPositiveIntegers)("new WorkerPool(file, %s) throws a RangeError naming size and the value", (size) => {
    let error: unknown;
    try {
      new WorkerPool<Task, number>(TASK_WORKER, size);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(RangeError);
    expectMessageNames(error, "size", size);
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

/** The error `promise` rejects with (fails the test when it resolves instead). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  const result = await outcome(promise);
  expect(result.ok, "resolved instead of rejecting").toBe(false);
  return result.ok ? undefined : result.error;
}

/** Expects an Error whose message names the parameter `what` and shows the bad `value`. */
function expectMessageNames(error: unknown, what: string, value: number): void {
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message, "the message should name the parameter").toContain(what);
  expect(message, "the message should show the value it got").toContain(String(value));
}

/** What `run` settles with, or "started" as soon as a worker starts (more than `before` started) first. */
async function settledOrStarted(run: Promise<Outcome>, before: number): Promise<Outcome | "started"> {
  let settled = false;
  void run.then(() => (settled = true));
  while (!settled) {
    if (startedWorkers() > before) return "started";
    await new Promise((resolve) => setImmediate(resolve));
  }
  return run;
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
