import { setTimeout as delay } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import fc from "fast-check";
import { afterEach, assert, beforeEach, describe, expect, it, vi } from "vitest";
import { expectRefusal, expectRejection, kataFile, NotImplementedError, rejection } from "../../tools/kit";
import { createTsWorker, liveWorkers, startedWorkers, terminateWorkers } from "../../tools/kit/worker";
// Only layouts and types from the fixtures: importing a worker file would run its message listener here.
import { CONTROL, createGauge, GAUGE, gaugeBlocks, type HammerJob } from "./fixtures/gauge";
import type { Task } from "./fixtures/task.worker";
import { countTogether, dance, parallelSum, runInWorker, sing, singAndDance, sleep, WorkerPool } from "./threads";

/** The given worker module: replies `value * 2` after `ms`, or throws `fail` (see fixtures/). */
const TASK_WORKER = kataFile("./fixtures/task.worker.ts", import.meta.url);
/** The spec's own thread that keeps adding to a shared slot (see fixtures/). */
const HAMMER_WORKER = kataFile("./fixtures/hammer.worker.ts", import.meta.url);
/** Your count.worker.ts, which step 4 also runs on its own. */
const COUNT_WORKER = kataFile("./count.worker.ts", import.meta.url);

/**
 * Starting a worker that loads TypeScript costs real time (a fraction of a second on a busy machine),
 * so the worker tests get a generous timeout and their properties run only a few cases.
 */
const WORKER_TIMEOUT = 60_000;

let bundlesBuilt = false;
beforeEach(async () => {
  // Build every worker bundle once, before any test listens in on postMessage: building one uses a
  // worker thread of esbuild's own, whose messages are none of the spec's business. (In the first
  // test rather than in a beforeAll, so that it counts as running, not as loading the spec.)
  if (bundlesBuilt) return;
  bundlesBuilt = true;
  for (const entry of [TASK_WORKER, HAMMER_WORKER, COUNT_WORKER, kataFile("./sum.worker.ts", import.meta.url)]) {
    await createTsWorker(entry).terminate();
  }
}, WORKER_TIMEOUT);

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  releaseAll();
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
    expect(liveWorkers(), "workers still running once runInWorker resolved: terminate it, and wait for it").toBe(0);
  });

  it("rejects with the worker's own error when the worker throws (a RangeError stays a RangeError, its message untouched), and leaves no worker running", async () => {
    const error = await rejection(runInWorker<Task, number>(TASK_WORKER, { id: 0, value: 1, fail: "the stage collapsed", failAs: "RangeError" }));
    expect(error, "the error the worker threw, as the \"error\" event carries it").toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe("the stage collapsed");
    expect(liveWorkers(), "workers still running once runInWorker rejected").toBe(0);
  });

  it("rejects, instead of waiting forever, with an error saying the worker exited, when it exits without replying", async () => {
    const error = await rejection(runInWorker<Task, number>(TASK_WORKER, { id: 0, value: 1, exit: true }));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message, "the message should say the worker exited").toMatch(/exit/i);
    expect(liveWorkers()).toBe(0);
  });
});

describe("3. parallelSum(numbers, threads) splits the sum across worker threads", { timeout: WORKER_TIMEOUT }, () => {
  it("adds 1..10 on 3 threads to 55, posting each of 3 workers one contiguous chunk (sizes 4, 3, 3 in some order: none dropped)", async () => {
    const tap = wiretap();
    const numbers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(await parallelSum(numbers, 3)).toBe(55);
    expectChunks(tap, numbers, 3);
    expect(liveWorkers()).toBe(0);
  });

  it("adds 1..5 on 4 threads with 4 workers: chunks of 2, 1, 1 and 1", async () => {
    const tap = wiretap();
    const numbers = [1, 2, 3, 4, 5];
    expect(await parallelSum(numbers, 4)).toBe(15);
    expectChunks(tap, numbers, 4);
  });

  it("adds 1..11 on 4 threads with chunks of 3, 3, 3 and 2 (the remainder spread, not piled on one chunk)", async () => {
    const tap = wiretap();
    const numbers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    expect(await parallelSum(numbers, 4)).toBe(66);
    expectChunks(tap, numbers, 4);
  });

  it("returns 0 for no numbers, and 7 for [7] even with 8 threads (never more workers than numbers)", async () => {
    expect(await parallelSum([], 4)).toBe(0);
    const before = startedWorkers();
    expect(await parallelSum([7], 8)).toBe(7);
    expect(startedWorkers() - before, "workers started for a single number").toBe(1);
  });

  it("equals the sequential sum for any safe integers and 1..8 threads, on min(threads, length) workers with sizes differing by at most one", async () => {
    // Integers this small keep every partial sum a safe integer, so addition is exact in any order and
    // the chunked sum must equal the left-to-right one to the last unit.
    const limit = Math.floor(Number.MAX_SAFE_INTEGER / 16);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -limit, max: limit }), { maxLength: 7 }),
        fc.integer({ min: 1, max: 8 }),
        async (numbers, threads) => {
          const tap = wiretap();
          try {
            const sequential = numbers.reduce((total, n) => total + n, 0);
            expect(await parallelSum(numbers, threads)).toBe(sequential);
            const sizes = tap.posts().map(({ message }) => Array.from(message as ArrayLike<number>).length);
            expect(sizes, "chunks posted to workers").toHaveLength(Math.min(threads, numbers.length));
            expect(sizes.reduce((a, b) => a + b, 0), "numbers posted in all").toBe(numbers.length);
            if (sizes.length > 0) expect(Math.max(...sizes) - Math.min(...sizes), `chunk sizes ${sizes.join(", ")}`).toBeLessThanOrEqual(1);
            expect(liveWorkers()).toBe(0);
          } finally {
            tap.restore();
          }
        },
      ),
      // Each case starts up to 7 workers (threads above the length test "more threads than numbers"):
      // a few cases, not 100, and no shrinking (every shrink step would start workers again); the
      // first counterexample is reported as found.
      { numRuns: 4, endOnFailure: true },
    );
  });

  it("rejects with a worker's error when one chunk fails, but only once every worker has exited", async () => {
    // sum.worker.ts cannot add a BigInt to a number: the worker of the first chunk throws a TypeError.
    // The spec holds back the other chunk until that worker has failed and exited, so the other
    // worker is certainly still at work when the failure arrives: parallelSum must wait for it.
    const numbers = [3n, 1, 2, 3] as unknown as number[];
    let failed!: () => void;
    const failure = new Promise<void>((resolve) => (failed = resolve));
    wiretap((message, worker) => {
      const fails = Array.isArray(message) && message.some((n) => typeof n === "bigint");
      if (fails) worker.once("exit", () => failed());
      return fails ? undefined : failure;
    });
    const error = await rejection(parallelSum(numbers, 2));
    expect(error, "the worker's own error (a TypeError)").toBeInstanceOf(TypeError);
    expect(liveWorkers(), "workers still running when parallelSum rejected: wait for all of them").toBe(0);
  });
});

describe("4. a shared counter: SharedArrayBuffer plus Atomics, and not one update lost", { timeout: WORKER_TIMEOUT }, () => {
  it("counts to exactly 400 000 with 2 workers adding 200 000 times each to the same slot", async () => {
    const before = startedWorkers();
    expect(await countTogether(2, 200_000), "updates lost: is every add a single Atomics operation?").toBe(400_000);
    expect(startedWorkers() - before, "workers started for 2 threads").toBe(2);
    expect(liveWorkers()).toBe(0);
  });

  it("count.worker.ts adds atomically: while a thread of the spec keeps adding to the same slot, not one add of either is lost", async () => {
    // The spec's hammer adds from before your worker starts counting until after it has replied, so
    // the two always overlap, however the machine schedules them.
    const counter = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const control = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
    const flags = new Int32Array(control);
    const counting = createTsWorker(COUNT_WORKER);
    const hammer = createTsWorker(HAMMER_WORKER);
    try {
      const warmUp = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
      expect(await ask(counting, { counter: warmUp, times: 0 }), "count.worker.ts replies with `times`").toBe(0);
      const hammered = ask(hammer, { counter, control } satisfies HammerJob);
      await waitFor(() => Atomics.load(flags, CONTROL.started) === 1, "the spec's hammer thread to start");
      const times = 1_000_000;
      const replied = await ask(counting, { counter, times });
      Atomics.store(flags, CONTROL.stop, 1);
      const hammerAdds = (await hammered) as number;
      expect(replied, "count.worker.ts replies with `times`").toBe(times);
      expect(Atomics.load(new Int32Array(counter), 0), "adds lost: is every add a single Atomics operation?").toBe(hammerAdds + times);
    } finally {
      Atomics.store(flags, CONTROL.stop, 1);
      await Promise.all([counting.terminate(), hammer.terminate()]);
    }
  });

  it("shares one SharedArrayBuffer between all workers, and sends the real jobs only once every worker has answered a job of 0 adds", async () => {
    const tap = wiretap();
    expect(await countTogether(3, 1000)).toBe(3000);
    const log = tap.log;
    const posts = tap.posts();
    const workers = [...new Set(posts.map((p) => p.worker))];
    expect(workers, "workers countTogether posted jobs to").toHaveLength(3);
    const counters = new Set(posts.map((p) => (p.message as { counter: unknown }).counter));
    expect(counters.size, "SharedArrayBuffers posted: one, shared by every worker").toBe(1);
    expect([...counters][0]).toBeInstanceOf(SharedArrayBuffer);
    for (const worker of workers) {
      const jobs = posts.filter((p) => p.worker === worker).map((p) => (p.message as { times: unknown }).times);
      expect(jobs, "the jobs one worker got: first 0 adds, then the real job").toEqual([0, 1000]);
    }
    const firstRealJob = log.findIndex((e) => e.kind === "post" && (e.message as { times: unknown }).times !== 0);
    for (const worker of workers) {
      const warmedUp = log.findIndex((e) => e.kind === "reply" && e.worker === worker);
      expect(warmedUp, "a worker's answer to its job of 0 adds").toBeGreaterThanOrEqual(0);
      expect(warmedUp, "a real job was sent before every worker had answered its job of 0 adds").toBeLessThan(firstRealJob);
    }
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
      await closeQuietly(pool);
    }
    expect(liveWorkers(), "workers still running after close()").toBe(0);
  });

  it("never runs more than 2 of 6 slow tasks at once on a pool of size 2, and never starts a third worker", async () => {
    const gauge = newGauge(6);
    const before = startedWorkers();
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 2);
    try {
      const replies = await Promise.all([0, 1, 2, 3, 4, 5].map((id) => pool.run({ id, value: id, ms: 20, gauge })));
      expect(replies).toEqual([0, 2, 4, 6, 8, 10]);
      expect(read(gauge).max, "most tasks running at once").toBeLessThanOrEqual(2);
      expect(startedWorkers() - before, "workers started by a pool of size 2 for 6 tasks").toBe(2);
    } finally {
      await closeQuietly(pool);
    }
  });

  it("runs 2 tasks side by side on a pool of size 2: both are running at the same moment", async () => {
    const gauge = newGauge(2);
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 2);
    try {
      const runs = [0, 1].map((id) => pool.run({ id, value: id, hold: true, gauge }));
      await waitFor(() => read(gauge).running === 2, "both tasks to be running at once on a pool of size 2");
      release(gauge, 0, 1);
      await expect(Promise.all(runs)).resolves.toEqual([0, 2]);
    } finally {
      await closeQuietly(pool);
    }
  });

  it("starts queued tasks in the order they were submitted (size 1: one after the other)", async () => {
    const gauge = newGauge(5);
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      await Promise.all([0, 1, 2, 3, 4].map((id) => pool.run({ id, value: id, ms: 2, gauge })));
      expect(read(gauge).order).toEqual([0, 1, 2, 3, 4]);
      expect(read(gauge).max).toBe(1);
    } finally {
      await closeQuietly(pool);
    }
  });

  it("keeps the state of each pool its own: two pools alive at once each run their own tasks", async () => {
    const gauge = newGauge(2);
    const first = new WorkerPool<Task, number>(TASK_WORKER, 1);
    const second = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      // The first pool's only worker is held busy: the second pool must not wait for it.
      const held = first.run({ id: 0, value: 1, hold: true, gauge });
      await waitFor(() => read(gauge).running === 1, "the first pool's task to start");
      await expect(within(second.run({ id: 1, value: 5 }), "the second pool's task, while the first pool is busy")).resolves.toBe(10);
      release(gauge, 0);
      await expect(held).resolves.toBe(2);
      await first.close();
      await expect(second.run({ id: 1, value: 6 }), "the second pool after the first one closed").resolves.toBe(12);
    } finally {
      await Promise.all([closeQuietly(first), closeQuietly(second)]);
    }
    expect(liveWorkers()).toBe(0);
  });

  it("rejects only the task that throws, with the worker's own error (class and message), and goes on with the others", async () => {
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      const first = pool.run({ id: 0, value: 1 });
      const broken = pool.run({ id: 1, value: 2, fail: "dancer tripped", failAs: "TypeError" });
      const last = pool.run({ id: 2, value: 3 });
      await expect(first).resolves.toBe(2);
      const error = await rejection(broken);
      expect(error, "the error the worker threw").toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe("dancer tripped");
      await expect(within(last, "the task after the failing one (was the dead worker replaced?)")).resolves.toBe(6);
      await expect(within(pool.run({ id: 3, value: 4 }), "a task given after the failure")).resolves.toBe(8);
    } finally {
      await closeQuietly(pool);
    }
  });

  it("rejects a task whose worker exits without replying, with an error saying it exited, and keeps both workers usable", async () => {
    const gauge = newGauge(2);
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 2);
    try {
      const quick = pool.run({ id: 0, value: 1, gauge });
      const quitter = pool.run({ id: 1, value: 2, hold: true, exit: true, gauge });
      await expect(quick).resolves.toBe(2);
      // The quick task's worker is idle now; only then does the other one exit.
      release(gauge, 1);
      const error = await rejection(quitter);
      expect((error as Error).message, "the message should say the worker exited").toMatch(/exit/i);
      // Two tasks at once: one for the idle worker, one for a replacement of the worker that exited.
      await expect(Promise.all([pool.run({ id: 2, value: 3 }), pool.run({ id: 3, value: 4 })])).resolves.toEqual([6, 8]);
      // Both workers must still be used: two held tasks running at the same moment.
      const both = newGauge(2);
      const held = [0, 1].map((id) => pool.run({ id, value: id, hold: true, gauge: both }));
      await waitFor(() => read(both).running === 2, "2 tasks at once on a pool of 2 after a worker exited (is a live worker forgotten?)");
      release(both, 0, 1);
      await expect(Promise.all(held)).resolves.toEqual([0, 2]);
    } finally {
      await closeQuietly(pool);
    }
  });

  it("settles every task of any mix of good and failing ones exactly once, never above `size` at once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ ms: fc.nat({ max: 8 }), fails: fc.boolean() }), { minLength: 1, maxLength: 5 }),
        async (size, specs) => {
          const gauge = newGauge(specs.length);
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
            await closeQuietly(pool);
          }
          expect(liveWorkers()).toBe(0);
        },
      ),
      // A failing task costs a new worker: a few cases, not 100, and no shrinking (see step 3).
      { numRuns: 3, endOnFailure: true },
    );
  });

  it("close() rejects every queued task with an error saying the pool closed, terminates every worker, and a second close() is harmless", async () => {
    const gauge = newGauge(4);
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    const runs = [0, 1, 2, 3].map((id) => outcome(pool.run({ id, value: id, gauge })));
    const first = await runs[0];
    expect(first, "the first task, running before close()").toEqual({ ok: true, value: 0 });
    await pool.close();
    const queued = await Promise.all(runs.slice(1));
    // Task 0 ran, and at most the one task the pool had started next; every other was still queued.
    queued.forEach((result, i) => {
      if (result.ok) expect(result.value, `task ${i + 1}`).toBe((i + 1) * 2);
      else {
        expect(result.error, `task ${i + 1}, rejected by close()`).toBeInstanceOf(Error);
        expect((result.error as Error).message, `task ${i + 1}, rejected by close()`).toMatch(/closed/i);
      }
    });
    expect(queued.filter((r) => !r.ok).length, "queued tasks rejected by close()").toBeGreaterThanOrEqual(2);
    expect(read(gauge).runs.slice(2), "tasks close() rejected must never run").toEqual(queued.slice(1).map((r) => (r.ok ? 1 : 0)));
    expect(liveWorkers(), "workers still running after close()").toBe(0);
    await pool.close();
    expect(liveWorkers()).toBe(0);
  });

  it("close() lets a running task finish with its reply, rejects the queued one at once, and settles only after that", async () => {
    const gauge = newGauge(2);
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    const running = outcome(pool.run({ id: 0, value: 21, hold: true, gauge }));
    const queued = outcome(pool.run({ id: 1, value: 1, gauge }));
    await waitFor(() => read(gauge).running === 1, "the first task to start");
    const closing = watch(pool.close());
    const refused = await within(queued, "the queued task, once close() was called");
    expect(refused.ok, "the queued task, once close() was called").toBe(false);
    expect((refused as { error: Error }).error.message).toMatch(/closed/i);
    expect(closing.settled, "close() settled while a task was still running").toBe(false);
    release(gauge, 0);
    expect(await within(running, "the running task, released"), "the task that was running when close() was called").toEqual({ ok: true, value: 42 });
    await within(closing.done, "close(), once its running task finished");
    expect(read(gauge).runs[1], "the queued task ran").toBe(0);
    expect(liveWorkers(), "workers still running after close()").toBe(0);
  });
});

describe("6. a pool that holds up: bad inputs, hung tasks and broken workers harm one task at most", { timeout: WORKER_TIMEOUT }, () => {
  it("rejects a task whose input cannot be cloned (a function in it) with the DataCloneError, when a worker is free, and goes on", async () => {
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      const bad = { id: 0, value: 1, f: () => 1 } as unknown as Task;
      const error = await within(rejection(Promise.resolve().then(() => pool.run(bad))), "the task whose input cannot be cloned");
      expect((error as Error).name, "the error postMessage throws for a function").toBe("DataCloneError");
      await expect(within(pool.run({ id: 1, value: 2 }), "the next task on the same pool")).resolves.toBe(4);
      await within(pool.close(), "close() after a task that could not be cloned");
    } finally {
      await closeQuietly(pool);
    }
    expect(liveWorkers()).toBe(0);
  });

  it("rejects a queued task whose input cannot be cloned with the DataCloneError, when its turn comes, and runs the tasks after it", async () => {
    const gauge = newGauge(3);
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      const first = pool.run({ id: 0, value: 1, hold: true, gauge });
      const bad = outcome(pool.run({ id: 1, value: 2, gauge, f: () => 1 } as unknown as Task));
      const last = pool.run({ id: 2, value: 3, gauge });
      await waitFor(() => read(gauge).running === 1, "the first task to start");
      release(gauge, 0);
      await expect(first).resolves.toBe(2);
      const result = await within(bad, "the queued task whose input cannot be cloned");
      expect(result.ok, "the task whose input cannot be cloned").toBe(false);
      expect((result as { error: Error }).error.name).toBe("DataCloneError");
      await expect(within(last, "the task queued after it")).resolves.toBe(6);
      await within(pool.close(), "close() after a task that could not be cloned");
    } finally {
      await closeQuietly(pool);
    }
  });

  it("moves the buffers of `transferList` to the worker instead of copying them: the ArrayBuffer is empty here afterwards", async () => {
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      const bytes = new ArrayBuffer(16);
      await expect(pool.run({ id: 0, value: 4, bytes }, { transferList: [bytes] })).resolves.toBe(8);
      expect(bytes.byteLength, "byteLength of a transferred ArrayBuffer (a copy would keep its 16 bytes)").toBe(0);
    } finally {
      await closeQuietly(pool);
    }
  });

  it("never gives a worker's second reply to the next task: a queued task gets its own reply from a worker that replies twice", async () => {
    const gauge = newGauge(2);
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      const twice = pool.run({ id: 0, value: 1, hold: true, twice: true, gauge });
      const next = pool.run({ id: 1, value: 5 });
      await waitFor(() => read(gauge).running === 1, "the first task to start");
      release(gauge, 0);
      // Keep this thread busy until the worker has sent both replies: they then arrive together.
      waitUntilReplied(gauge, 0);
      await expect(twice).resolves.toBe(2);
      await expect(within(next, "the task queued behind a worker that replied twice"), "the queued task's own reply (5 * 2), not the other task's second one").resolves.toBe(10);
    } finally {
      await closeQuietly(pool);
    }
    expect(liveWorkers()).toBe(0);
  });

  describe("close() waits for running tasks, but not for ever (the spec fakes setTimeout: use the global one)", () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    });

    it("waits up to 30 s by default: a task that finishes at 29 999 ms gets its reply", async () => {
      const gauge = newGauge(1);
      const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
      const running = outcome(pool.run({ id: 0, value: 21, hold: true, gauge }));
      await waitFor(() => read(gauge).running === 1, "the task to start");
      const closing = watch(pool.close());
      await vi.advanceTimersByTimeAsync(29_999);
      expect(closing.settled, "close() settled before 30 s while a task was running").toBe(false);
      release(gauge, 0);
      expect(await within(running, "the running task"), "the task that finished before the bound").toEqual({ ok: true, value: 42 });
      await within(closing.done, "close() once its last task finished");
      expect(liveWorkers()).toBe(0);
    });

    it("gives up after 30 s by default: rejects a task that never finishes with an error saying the pool closed, and terminates its worker", async () => {
      const gauge = newGauge(1);
      const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
      const hung = outcome(pool.run({ id: 0, value: 1, hold: true, gauge }));
      await waitFor(() => read(gauge).running === 1, "the task to start");
      const closing = watch(pool.close());
      await vi.advanceTimersByTimeAsync(30_000);
      await within(closing.done, "close() 30 s after it was called, with a task that never finishes");
      const result = await within(hung, "the hung task, once close() gave up");
      expect(result.ok, "the task still running when close() gave up").toBe(false);
      expect((result as { error: Error }).error.message).toMatch(/closed/i);
      expect(liveWorkers(), "workers still running after close()").toBe(0);
    });

    it("close({ timeout: 100 }) gives up after 100 ms instead", async () => {
      const gauge = newGauge(1);
      const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
      const hung = outcome(pool.run({ id: 0, value: 1, hold: true, gauge }));
      await waitFor(() => read(gauge).running === 1, "the task to start");
      const closing = watch(pool.close({ timeout: 100 }));
      await vi.advanceTimersByTimeAsync(99);
      expect(closing.settled, "close({ timeout: 100 }) settled before 100 ms").toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await within(closing.done, "close({ timeout: 100 }) after 100 ms");
      expect((await hung).ok).toBe(false);
      expect(liveWorkers()).toBe(0);
    });
  });
});

describe("7. cancellation: run(input, { signal }) drops a queued task or stops a running one", { timeout: WORKER_TIMEOUT }, () => {
  it("rejects at once with the signal's reason (the very value given to abort()) when the signal has already fired, and runs nothing", async () => {
    const before = startedWorkers();
    const gauge = newGauge(1);
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      const reason = new Error("changed my mind");
      const error = await rejection(pool.run({ id: 0, value: 1, gauge }, { signal: AbortSignal.abort(reason) }));
      expect(error, "the rejection: signal.reason itself").toBe(reason);
      expect(startedWorkers() - before, "workers started for a task cancelled in advance").toBe(0);
    } finally {
      await closeQuietly(pool);
    }
    expect(read(gauge).runs[0], "how often the cancelled task ran").toBe(0);
  });

  it("drops a queued task when its signal fires: it rejects with the reason and never runs; the others go on", async () => {
    const gauge = newGauge(3);
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      const controller = new AbortController();
      const first = pool.run({ id: 0, value: 1, hold: true, gauge });
      const dropped = pool.run({ id: 1, value: 2, gauge }, { signal: controller.signal });
      const last = pool.run({ id: 2, value: 3, gauge });
      await waitFor(() => read(gauge).running === 1, "the first task to start");
      const reason = { why: "not needed any more" };
      controller.abort(reason);
      expect(await within(rejection(dropped), "the cancelled queued task"), "the rejection: signal.reason itself").toBe(reason);
      release(gauge, 0);
      await expect(first).resolves.toBe(2);
      await expect(last).resolves.toBe(6);
      expect(read(gauge).runs, "how often each task ran").toEqual([1, 0, 1]);
    } finally {
      await closeQuietly(pool);
    }
  });

  it("stops a running task when its signal fires: it rejects with the reason, its worker is terminated, and a new one runs the next task", async () => {
    const gauge = newGauge(1);
    const before = startedWorkers();
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      const controller = new AbortController();
      const running = pool.run({ id: 0, value: 1, hold: true, gauge }, { signal: controller.signal });
      await waitFor(() => read(gauge).running === 1, "the task to start");
      const reason = new Error("stop");
      controller.abort(reason);
      expect(await within(rejection(running), "the cancelled running task"), "the rejection: signal.reason itself").toBe(reason);
      // The task is never released: only terminating its worker frees the pool's one place.
      await expect(within(pool.run({ id: 0, value: 7 }), "the next task, after a running one was cancelled")).resolves.toBe(14);
      expect(startedWorkers() - before, "workers: the cancelled one, then its replacement").toBe(2);
    } finally {
      await closeQuietly(pool);
    }
    expect(liveWorkers()).toBe(0);
  });

  it("does nothing when the signal fires after the task has settled: the worker stays and runs the next task", async () => {
    const before = startedWorkers();
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      const controller = new AbortController();
      await expect(pool.run({ id: 0, value: 1 }, { signal: controller.signal })).resolves.toBe(2);
      controller.abort(new Error("too late"));
      await expect(pool.run({ id: 1, value: 2 })).resolves.toBe(4);
      expect(startedWorkers() - before, "workers started: the first one is still good").toBe(1);
    } finally {
      await closeQuietly(pool);
    }
  });
});

describe("8. bad input: thread counts and sizes are positive integers, options are checked, a closed pool refuses work", { timeout: WORKER_TIMEOUT }, () => {
  /** Numbers that are not positive integers: a RangeError. */
  const notPositive = [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY];
  /** Not numbers at all: a TypeError. */
  const notNumbers: unknown[] = ["2", null, true];

  it.each(notPositive)("parallelSum refuses %s threads with a RangeError naming threads, before starting any worker", async (threads) => {
    const before = startedWorkers();
    await expectRejection(() => parallelSum([1, 2, 3], threads), { error: RangeError, param: "threads", value: threads });
    expect(startedWorkers() - before, "workers started for a refused call").toBe(0);
  });

  it.each(notNumbers)("parallelSum refuses threads = %s with a TypeError naming threads, before starting any worker", async (threads) => {
    const before = startedWorkers();
    await expectRejection(() => parallelSum([1, 2, 3], threads as number), { error: TypeError, param: "threads", value: threads });
    expect(startedWorkers() - before, "workers started for a refused call").toBe(0);
  });

  it.each(notPositive)("countTogether refuses %s threads with a RangeError naming threads, before starting any worker", async (threads) => {
    const before = startedWorkers();
    await expectRejection(() => countTogether(threads, 10), { error: RangeError, param: "threads", value: threads });
    expect(startedWorkers() - before, "workers started for a refused call").toBe(0);
  });

  it.each(notNumbers)("countTogether refuses threads = %s with a TypeError naming threads, before starting any worker", async (threads) => {
    const before = startedWorkers();
    await expectRejection(() => countTogether(threads as number, 10), { error: TypeError, param: "threads", value: threads });
    expect(startedWorkers() - before, "workers started for a refused call").toBe(0);
  });

  it.each([-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY])("countTogether refuses %s per thread with a RangeError naming perThread, before starting any worker", async (perThread) => {
    const before = startedWorkers();
    await expectRejection(() => countTogether(2, perThread), { error: RangeError, param: "perThread", value: perThread });
    expect(startedWorkers() - before, "workers started for a refused call").toBe(0);
  });

  it.each(notNumbers)("countTogether refuses perThread = %s with a TypeError naming perThread, before starting any worker", async (perThread) => {
    const before = startedWorkers();
    await expectRejection(() => countTogether(2, perThread as number), { error: TypeError, param: "perThread", value: perThread });
    expect(startedWorkers() - before, "workers started for a refused call").toBe(0);
  });

  it("countTogether refuses 2 threads of 2 ** 30 adds (2 ** 31 in all: no Int32 holds it) with a RangeError naming perThread and showing its value, before starting any worker", async () => {
    const before = startedWorkers();
    // Counting that far would take many seconds: fail as soon as a worker starts instead of refusing.
    const result = await settledOrStarted(outcome(countTogether(2, 2 ** 30)), before);
    expect(result, "countTogether started workers for a total that cannot fit in an Int32").not.toBe("started");
    const settled = result as Outcome;
    await expectRejection(settled.ok ? Promise.resolve(settled.value) : Promise.reject(settled.error), {
      error: RangeError,
      param: "perThread",
      value: 2 ** 30,
    });
  });

  it("countTogether accepts 1 thread of 2 ** 31 - 1 adds, the largest Int32: it starts counting (and the test stops it)", async () => {
    const before = startedWorkers();
    const run = outcome(countTogether(1, 2 ** 31 - 1));
    const result = await settledOrStarted(run, before);
    expect(result, "countTogether refused 2 ** 31 - 1, which fits in an Int32").toBe("started");
    await terminateWorkers();
    await run; // settles (with an error) once its worker is gone
  });

  it.each(notPositive)("new WorkerPool(file, %s) throws a RangeError naming size", (size) => {
    expectRefusal(() => new WorkerPool<Task, number>(TASK_WORKER, size), { error: RangeError, param: "size", value: size });
  });

  it.each(notNumbers)("new WorkerPool(file, %s) throws a TypeError naming size", (size) => {
    expectRefusal(() => new WorkerPool<Task, number>(TASK_WORKER, size as number), { error: TypeError, param: "size", value: size });
  });

  it.each<{ shown: string; timeout: unknown; error: ErrorConstructor; kind: string }>([
    { shown: "-1", timeout: -1, error: RangeError, kind: "RangeError" },
    { shown: "NaN", timeout: Number.NaN, error: RangeError, kind: "RangeError" },
    { shown: '"100"', timeout: "100", error: TypeError, kind: "TypeError" },
  ])("close({ timeout: $shown }) is refused with a $kind naming timeout, and leaves the pool open", async ({ timeout, error }) => {
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      await expectRejection(() => pool.close({ timeout: timeout as number }), { error, param: "timeout", value: timeout });
      await expect(pool.run({ id: 0, value: 1 }), "a task on the pool whose close() was refused").resolves.toBe(2);
    } finally {
      await closeQuietly(pool);
    }
  });

  it("run(input, { signal: \"stop\" }) is refused with a TypeError naming signal (an AbortSignal is wanted), and starts no worker", async () => {
    const before = startedWorkers();
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 1);
    try {
      await expectRejection(() => pool.run({ id: 0, value: 1 }, { signal: "stop" as unknown as AbortSignal }), { error: TypeError, param: "signal", value: "stop" });
      expect(startedWorkers() - before, "workers started for a refused task").toBe(0);
    } finally {
      await closeQuietly(pool);
    }
  });

  it("rejects a task given after close() with an error that says the pool is closed, and starts no worker for it", async () => {
    const before = startedWorkers();
    const pool = new WorkerPool<Task, number>(TASK_WORKER, 2);
    await pool.close();
    const error = await rejection(Promise.resolve().then(() => pool.run({ id: 0, value: 1 })));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message, "the message should say the pool is closed").toMatch(/closed/i);
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
function watch(promise: Promise<unknown>): { readonly settled: boolean; readonly done: Promise<unknown> } {
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
    done: promise,
  };
}

/** What `run` settles with, or "started" as soon as a worker starts (more than `before` started) first. */
async function settledOrStarted(run: Promise<Outcome>, before: number): Promise<Outcome | "started"> {
  let settled = false;
  void run.then(() => (settled = true));
  for (let turns = 0; !settled; turns++) {
    if (startedWorkers() > before) return "started";
    if (turns > 100_000) assert.fail("countTogether neither settled nor started a worker");
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

/**
 * How long the spec waits for something that a correct solution does as soon as its workers have
 * loaded: a bound that only code that never gets there reaches, below the hang guard's 7 s, so that
 * such code fails with a message saying what never happened (a wait, plus the clean-up's own
 * bound below, stays under those 7 s).
 */
const WAIT_MS = 4_000;

/** Gauges made by the current test: released when it ends, so that no held task outlives it. */
const gauges: SharedArrayBuffer[] = [];

/** A zeroed gauge for tasks 0 .. tasks-1 (see fixtures/gauge.ts), released when the test ends. */
function newGauge(tasks: number): SharedArrayBuffer {
  const gauge = createGauge(tasks);
  gauges.push(gauge);
  return gauge;
}

/** Releases every task this test held back. */
function releaseAll(): void {
  for (const gauge of gauges.splice(0)) release(gauge, ...Array.from({ length: gaugeBlocks(new Int32Array(gauge)).tasks }, (_, id) => id));
}

/**
 * The clean-up of a test's pool: releases the held tasks, then closes the pool, waiting a bounded
 * time and never throwing, so that a failure earlier in the test stays the one reported (whatever
 * close() does wrong is checked by tests of its own; workers left over are stopped after the test).
 */
async function closeQuietly(pool: { close(): Promise<void> }): Promise<void> {
  releaseAll();
  const timeout = new AbortController();
  const closing = Promise.resolve()
    .then(() => pool.close())
    .catch(() => undefined);
  try {
    await Promise.race([closing, delay(2_000, undefined, { signal: timeout.signal }).catch(() => undefined)]);
  } finally {
    timeout.abort();
  }
}

/**
 * Waits (in real time, whatever the fake timers do) until `condition()` holds. What the spec waits
 * for here happens as soon as the workers have loaded; the bound only stops code that never gets there.
 */
async function waitFor(condition: () => boolean, what: string, ms = WAIT_MS): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) assert.fail(`waited ${ms / 1000} s in vain for ${what}`);
    await delay(2);
  }
}

/** `promise`, or a failed assertion when it has not settled after `ms` (real) milliseconds. */
async function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  const timeout = new AbortController();
  const late = delay(ms, undefined, { signal: timeout.signal }).then(
    () => assert.fail(`${what} has not settled after ${ms / 1000} s`),
    () => undefined as never,
  );
  try {
    return await Promise.race([promise, late]);
  } finally {
    timeout.abort();
  }
}

/**
 * Blocks this thread (Atomics.wait) until task `id` has sent its replies, so that they are all
 * waiting when this thread next reads its messages. Bounded well below the hang guard's 3 s.
 */
function waitUntilReplied(gauge: SharedArrayBuffer, id: number): void {
  const view = new Int32Array(gauge);
  const slot = gaugeBlocks(view).replied + id;
  const deadline = performance.now() + 2_000;
  while (Atomics.load(view, slot) === 0 && performance.now() < deadline) Atomics.wait(view, slot, 0, 50);
}

/** Lets the held tasks `ids` of a gauge go on (see `hold` in fixtures/task.worker.ts). */
function release(gauge: SharedArrayBuffer, ...ids: number[]): void {
  const view = new Int32Array(gauge);
  const { release: base } = gaugeBlocks(view);
  for (const id of ids) {
    Atomics.store(view, base + id, 1);
    Atomics.notify(view, base + id);
  }
}

/** What the task workers recorded in a gauge. */
function read(gauge: SharedArrayBuffer): { running: number; max: number; runs: number[]; order: number[] } {
  const view = new Int32Array(gauge);
  const { tasks, runs, order } = gaugeBlocks(view);
  const started = Math.min(Atomics.load(view, GAUGE.started), tasks);
  return {
    running: Atomics.load(view, GAUGE.running),
    max: Atomics.load(view, GAUGE.max),
    runs: Array.from({ length: tasks }, (_, id) => Atomics.load(view, runs + id)),
    order: Array.from({ length: started }, (_, i) => Atomics.load(view, order + i)),
  };
}

/**
 * Posts `message` to a worker the spec started and resolves with its next reply. A stub's
 * not-implemented error, thrown in that worker's thread, is thrown again here as what it is.
 */
function ask(worker: Worker, message: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", (error: Error) => {
      const stub = /^Not implemented yet: (.*?)\. Write it/.exec(error.message);
      reject(stub ? new NotImplementedError(stub[1] ?? "") : error);
    });
    worker.postMessage(message);
  });
}

type TapEntry = { kind: "post"; worker: Worker; message: unknown } | { kind: "reply"; worker: Worker };

/**
 * Listens in on the workers of the code under test: records, in one log and in order, every message
 * posted to a worker and every reply a worker sends. `hold(message, worker)` may return a promise:
 * the message is then delivered only once it resolves (the spec decides who goes first).
 * Restored after each test.
 */
function wiretap(hold?: (message: unknown, worker: Worker) => Promise<void> | undefined): {
  log: TapEntry[];
  posts: () => { worker: Worker; message: unknown }[];
  restore: () => void;
} {
  let owner: { postMessage: Worker["postMessage"] } = Worker.prototype;
  while (!Object.prototype.hasOwnProperty.call(owner, "postMessage")) owner = Object.getPrototypeOf(owner) as typeof owner;
  const original = owner.postMessage;
  const log: TapEntry[] = [];
  const seen = new WeakSet<Worker>();
  const spy = vi.spyOn(owner, "postMessage").mockImplementation(function (this: Worker, message, transfer) {
    if (!seen.has(this)) {
      seen.add(this);
      this.on("message", () => log.push({ kind: "reply", worker: this }));
    }
    log.push({ kind: "post", worker: this, message });
    const wait = hold?.(message, this);
    if (wait) void wait.then(() => original.call(this, message, transfer));
    else original.call(this, message, transfer);
  });
  return {
    log,
    posts: () => log.filter((e): e is Extract<TapEntry, { kind: "post" }> => e.kind === "post"),
    restore: () => spy.mockRestore(),
  };
}

/** Expects the chunks posted to workers to be `numbers` cut into min(threads, length) contiguous pieces of sizes differing by at most one, one per worker. */
function expectChunks(tap: ReturnType<typeof wiretap>, numbers: readonly number[], threads: number): void {
  const posts = tap.posts();
  expect(new Set(posts.map((p) => p.worker)).size, "workers, one per chunk").toBe(posts.length);
  const chunks = posts.map(({ message }) => Array.from(message as ArrayLike<number>));
  expect(chunks, "chunks posted to workers").toHaveLength(Math.min(threads, numbers.length));
  // The numbers are distinct: put the chunks back in order by where their first number stands.
  const ordered = [...chunks].sort((a, b) => numbers.indexOf(a[0] ?? NaN) - numbers.indexOf(b[0] ?? NaN));
  expect(ordered.flat(), "the chunks, put side by side, must be the numbers in order").toEqual(numbers);
  const sizes = ordered.map((c) => c.length);
  expect(Math.max(...sizes) - Math.min(...sizes), `chunk sizes ${sizes.join(", ")} differ by more than one`).toBeLessThanOrEqual(1);
}
