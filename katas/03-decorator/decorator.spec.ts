import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { deferred, expectRefusal } from "../../tools/kit";
import { type AnyFunction, type Clock, type LogEntry, type Timing, logged, memoize, memoized, retry, timed } from "./decorator";

/** An outcome a bare function can have: a value, or an error it throws (the same object every time). */
type Outcome = { ok: true; value: number } | { ok: false; error: Error };

/**
 * Arbitrary bare functions of two numbers, some inputs returning, some throwing. fc.func gives the
 * same outcome for the same arguments, so the bare function is deterministic.
 */
const bareFunctions = fc
  .func<[number, number], Outcome>(
    fc.oneof(
      fc.integer().map((value): Outcome => ({ ok: true, value })),
      fc.string().map((message): Outcome => ({ ok: false, error: new Error(message) })),
    ),
  )
  .map((outcomeOf) => {
    return named("bare", function (this: unknown, a: number, b: number): number {
      const outcome = outcomeOf(a, b);
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    });
  });

/**
 * Names `fn`. The spec's test transform may rename a function expression that shares its name with
 * another binding of this file (`slow` becomes `slow2`), so the spec sets the names it checks.
 */
function named<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  return Object.defineProperty(fn, "name", { value: name });
}

/** What a call did: the value it returned, or the error it threw (the very object, compared with `toBe`). */
function settle(call: () => unknown): { returned: unknown } | { threw: unknown } {
  try {
    return { returned: call() };
  } catch (error) {
    return { threw: error };
  }
}

/** Expects `outcome` to be a throw of exactly `error` (the same object, not a copy). */
function expectThrewItself(outcome: ReturnType<typeof settle>, error: unknown): void {
  expect(outcome, "the wrapper should throw, not return").toHaveProperty("threw");
  expect("threw" in outcome && outcome.threw, "the wrapper should rethrow the very error fn threw, not a copy").toBe(error);
}

/** How a promise settled: `{ resolved: value }` or `{ rejected: reason }`, with the very values. */
function outcomeOf(promise: Promise<unknown>): Promise<{ resolved: unknown } | { rejected: unknown }> {
  return promise.then(
    (resolved) => ({ resolved }),
    (rejected: unknown) => ({ rejected }),
  );
}

/** Expects `promise` to resolve with exactly `value` (`toBe`: the same object, not a copy). */
async function expectResolvesWith(promise: Promise<unknown>, value: unknown): Promise<void> {
  const outcome = await outcomeOf(promise);
  expect(outcome, "the promise should resolve").toHaveProperty("resolved");
  expect("resolved" in outcome ? outcome.resolved : outcome).toBe(value);
}

/** Expects `promise` to reject with exactly `reason` (`toBe`: the very error, not a copy). */
async function expectRejectsWith(promise: Promise<unknown>, reason: unknown): Promise<void> {
  const outcome = await outcomeOf(promise);
  expect(outcome, "the promise should reject").toHaveProperty("rejected");
  expect("rejected" in outcome ? outcome.rejected : outcome, "it should reject with the very error, not a copy").toBe(reason);
}

/** The lesson's example function. */
function now(): string {
  return "2015-3-25";
}

/** A clock a test moves by hand, recording every timing it is told about. */
function fakeClock(start = 1000): Clock & { advance(ms: number): void; timings: Timing[] } {
  let time = start;
  const timings: Timing[] = [];
  return {
    now: () => time,
    report: (timing) => void timings.push(timing),
    advance(ms) {
      time += ms;
    },
    timings,
  };
}

/** A clock whose methods need their `this`, as `performance.now()` does: a class with #private fields. */
class ManualClock implements Clock {
  #time = 500;
  readonly #timings: Timing[] = [];
  now(): number {
    return this.#time;
  }
  report(timing: Timing): void {
    this.#timings.push(timing);
  }
  advance(ms: number): void {
    this.#time += ms;
  }
  get timings(): readonly Timing[] {
    return this.#timings;
  }
}

/**
 * The transparency every synchronous wrapper of the kata owes its caller, one test per demand:
 * `this`, every argument, the result itself, the error itself, `name` and `length`.
 */
function itIsTransparent(label: string, wrap: <F extends AnyFunction>(fn: F) => F): void {
  it(`${label} passes \`this\` on: the wrapped function sees the object it was called on`, () => {
    const seen: unknown[] = [];
    const target = {
      label: "target",
      method: wrap(named("method", function (this: unknown, n: number) {
        seen.push(this);
        return n;
      })),
    };
    expect(settle(() => target.method(1))).toEqual({ returned: 1 });
    expect(seen).toHaveLength(1);
    expect(seen[0], "`this` inside fn should be the object the wrapper was called on").toBe(target);
  });

  it(`${label} passes every argument on, in order, even undefined ones`, () => {
    const seen: unknown[][] = [];
    const options = { verbose: true };
    const fn = wrap(named("take", function (...args: unknown[]) {
      seen.push(args);
      return args.length;
    }));
    expect(settle(() => fn(1, "two", undefined, options))).toEqual({ returned: 4 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toHaveLength(4);
    expect(seen[0]?.slice(0, 3)).toEqual([1, "two", undefined]);
    expect(seen[0]?.[3], "an object argument should reach fn itself, not a copy").toBe(options);
  });

  it(`${label} returns what fn returns: the same object, not a copy`, () => {
    const user = { id: 1, name: "Ada" };
    const fn = wrap(named("findUser", function (_id: number) {
      return user;
    }));
    const outcome = settle(() => fn(1));
    expect(outcome).toHaveProperty("returned");
    expect("returned" in outcome && outcome.returned).toBe(user);
  });

  it(`${label} throws what fn throws: the very error object, whatever its class`, () => {
    class QuotaError extends Error {}
    const error = new QuotaError("quota exceeded");
    const fn = wrap(named("save", function (_n: number): never {
      throw error;
    }));
    expectThrewItself(settle(() => fn(1)), error);
  });

  it(`${label} rethrows a thrown value that is not an Error untouched (here a string)`, () => {
    const fn = wrap(named("legacy", function (): never {
      throw "legacy failure";
    }));
    expectThrewItself(settle(() => fn()), "legacy failure");
  });

  it(`${label} keeps fn's name and length (the number of declared parameters)`, () => {
    const fn = wrap(named("fetchUser", function (_id: number, _fresh: boolean) {
      return "user";
    }));
    expect(fn.name).toBe("fetchUser");
    expect(fn.length).toBe(2);
  });
}

describe("1. logged(fn, log): log before and after, change nothing else", () => {
  it('logs "call" then "return" for the lesson\'s now(), and returns "2015-3-25"', () => {
    const entries: LogEntry[] = [];
    const wrapped = logged(now, (entry) => entries.push(entry));
    expect(wrapped()).toBe("2015-3-25");
    expect(entries).toEqual([
      { phase: "call", name: "now", args: [] },
      { phase: "return", name: "now", args: [], result: "2015-3-25" },
    ]);
  });

  it("logs the call before fn runs, with the arguments", () => {
    const events: string[] = [];
    const add = logged(
      named("add", function (a: number, b: number) {
        events.push("fn runs");
        return a + b;
      }),
      (entry) => events.push(`${entry.phase} ${entry.name}(${entry.args.join(", ")})`),
    );
    expect(add(11, 22)).toBe(33);
    expect(events).toEqual(["call add(11, 22)", "fn runs", "return add(11, 22)"]);
  });

  it('logs "throw" with the error, then rethrows that very error', () => {
    const entries: LogEntry[] = [];
    const boom = new RangeError("too big");
    const check = logged(
      named("check", function (n: number): number {
        if (n > 10) throw boom;
        return n;
      }),
      (entry) => entries.push(entry),
    );
    expectThrewItself(settle(() => check(11)), boom);
    expect(entries).toEqual([
      { phase: "call", name: "check", args: [11] },
      { phase: "throw", name: "check", args: [11], error: boom },
    ]);
    const thrown = entries[1];
    expect(thrown?.phase === "throw" && thrown.error, "the entry should hold the error itself").toBe(boom);
  });

  it('logs the result itself in the "return" entry', () => {
    const entries: LogEntry[] = [];
    const user = { id: 7 };
    const find = logged(named("find", () => user), (entry) => entries.push(entry));
    find();
    const returned = entries[1];
    expect(returned?.phase).toBe("return");
    expect(returned?.phase === "return" && returned.result).toBe(user);
  });

  it("keeps the name and the length of the lesson's slow(x, y, z)", () => {
    const wrapped = logged(named("slow", function (x: number, y: number, z: number) {
      return x * y * z;
    }), () => {});
    expect(wrapped.name).toBe("slow");
    expect(wrapped.length).toBe(3);
    expect(wrapped(11, 22, 33)).toBe(7986);
  });

  itIsTransparent("logged", (fn) => logged(fn, () => {}));

  it("is transparent: the same result or the very same error as the bare function, logged in order, on any input", () => {
    fc.assert(
      fc.property(bareFunctions, fc.integer(), fc.integer(), (bare, a, b) => {
        const entries: LogEntry[] = [];
        const wrapped = logged(bare, (entry) => entries.push(entry));
        const expected = settle(() => bare(a, b));
        const got = settle(() => wrapped(a, b));
        expect(entries[0]).toEqual({ phase: "call", name: "bare", args: [a, b] });
        if ("threw" in expected) {
          expectThrewItself(got, expected.threw);
          expect(entries[1]).toEqual({ phase: "throw", name: "bare", args: [a, b], error: expected.threw });
        } else {
          expect(got).toEqual(expected);
          expect(entries[1]).toEqual({ phase: "return", name: "bare", args: [a, b], result: expected.returned });
        }
        expect(entries).toHaveLength(2);
      }),
    );
  });
});

describe("2. timed(fn, clock): report how long each call took", () => {
  it("reports fast(11, 22) as 1.5 ms, and still returns 33", () => {
    const clock = fakeClock();
    const fast = timed(named("fast", function (x: number, y: number) {
      clock.advance(1.5);
      return x + y;
    }), clock);
    expect(fast(11, 22)).toBe(33);
    expect(clock.timings).toEqual([{ name: "fast", ms: 1.5, ok: true }]);
  });

  it("reports one timing per call: slow(11, 22, 33) takes 123 ms each time", () => {
    const clock = fakeClock();
    const slow = timed(named("slow", function (x: number, y: number, z: number) {
      clock.advance(123);
      return x * y * z;
    }), clock);
    expect(slow(11, 22, 33)).toBe(7986);
    expect(slow(1, 2, 3)).toBe(6);
    expect(clock.timings).toEqual([
      { name: "slow", ms: 123, ok: true },
      { name: "slow", ms: 123, ok: true },
    ]);
  });

  it("reports nothing before the call ends, and reports a call that throws (ok: false) before rethrowing the very error", () => {
    const clock = fakeClock();
    const boom = new Error("disk full");
    const reportedBeforeTheEnd: Timing[][] = [];
    const save = timed(named("save", function (): never {
      reportedBeforeTheEnd.push([...clock.timings]);
      clock.advance(40);
      throw boom;
    }), clock);
    expectThrewItself(settle(() => save()), boom);
    expect(reportedBeforeTheEnd).toEqual([[]]);
    expect(clock.timings).toEqual([{ name: "save", ms: 40, ok: false }]);
  });

  it("reports a function that returns nothing (undefined) as ok: true", () => {
    const clock = fakeClock();
    const tick = timed(named("tick", function (): void {
      clock.advance(5);
    }), clock);
    expect(tick()).toBeUndefined();
    expect(clock.timings).toEqual([{ name: "tick", ms: 5, ok: true }]);
  });

  it("calls now() and report() as methods of the clock, so a class instance (like `performance`) works as a clock", () => {
    const clock = new ManualClock();
    const work = timed(named("work", function (n: number) {
      clock.advance(7);
      return n * 2;
    }), clock);
    expect(settle(() => work(21))).toEqual({ returned: 42 });
    expect(clock.timings).toEqual([{ name: "work", ms: 7, ok: true }]);
  });

  itIsTransparent("timed", (fn) => timed(fn, fakeClock()));

  it("is transparent and reports the time the clock moved, on any input", () => {
    fc.assert(
      fc.property(bareFunctions, fc.integer(), fc.integer(), fc.nat({ max: 10_000 }), (bare, a, b, ms) => {
        const clock = fakeClock();
        const slowBare = function (this: unknown, x: number, y: number): number {
          clock.advance(ms);
          return bare.call(this, x, y);
        };
        const expected = settle(() => bare(a, b));
        const got = settle(() => timed(slowBare, clock)(a, b));
        if ("threw" in expected) expectThrewItself(got, expected.threw);
        else expect(got).toEqual(expected);
        expect(clock.timings).toEqual([{ name: "slowBare", ms, ok: "returned" in expected }]);
      }),
    );
  });
});

describe("3. memoize(fn, key?): one call per distinct key", () => {
  it("calls fn once for add(1, 2) asked three times, and caches one result", () => {
    const add = vi.fn((a: number, b: number) => a + b);
    const fast = memoize(add);
    expect([fast(1, 2), fast(1, 2), fast(1, 2)]).toEqual([3, 3, 3]);
    expect(add).toHaveBeenCalledTimes(1);
    expect(fast.cache.size).toBe(1);
  });

  it("keys on all the arguments: add(1, 2) and add(1, 3) are two different calls", () => {
    const add = vi.fn((a: number, b: number) => a + b);
    const fast = memoize(add);
    expect(fast(1, 2)).toBe(3);
    expect(fast(1, 3)).toBe(4);
    expect(add).toHaveBeenCalledTimes(2);
    expect(fast.cache.size).toBe(2);
  });

  it('keys by JSON.stringify(args) by default: 1 and "1" are two different calls', () => {
    const show = vi.fn((value: unknown) => typeof value);
    const fast = memoize(show);
    expect(fast(1)).toBe("number");
    expect(fast("1")).toBe("string");
    expect(show).toHaveBeenCalledTimes(2);
    expect(fast.cache.size).toBe(2);
  });

  it("keys by JSON.stringify(args) by default: two objects with the same content share one call", () => {
    const area = vi.fn((box: { w: number; h: number }) => box.w * box.h);
    const fast = memoize(area);
    expect(fast({ w: 3, h: 4 })).toBe(12);
    expect(fast({ w: 3, h: 4 })).toBe(12);
    expect(area).toHaveBeenCalledTimes(1);
  });

  it("returns the cached result itself on a hit: the same object every time", () => {
    const load = memoize((id: number) => ({ id }));
    const first = load(1);
    expect(load(1)).toBe(first);
  });

  for (const [label, value] of [
    ["0", 0],
    ['""', ""],
    ["false", false],
    ["null", null],
    ["undefined", undefined],
    ["NaN", Number.NaN],
  ] as const) {
    it(`caches a result of ${label} like any other: fn runs once`, () => {
      const fn = vi.fn((_n: number): unknown => value);
      const fast = memoize(fn);
      expect(fast(1)).toBe(value);
      expect(fast(1)).toBe(value);
      expect(fn).toHaveBeenCalledTimes(1);
      expect(fast.cache.size).toBe(1);
    });
  }

  it("calls fn again after cache.clear()", () => {
    const square = vi.fn((n: number) => n * n);
    const fast = memoize(square);
    fast(4);
    expect(settle(() => fast.cache.clear()), "cache.clear() should work when called as a method of cache").toEqual({ returned: undefined });
    expect(fast.cache.size).toBe(0);
    expect(fast(4)).toBe(16);
    expect(square).toHaveBeenCalledTimes(2);
  });

  it("keeps one cache per memoized function: two alive at once never answer for each other", () => {
    const double = memoize((n: number) => n * 2);
    const triple = memoize((n: number) => n * 3);
    expect(double(5)).toBe(10);
    expect(triple(5)).toBe(15);
    expect(double(5)).toBe(10);
    expect(double.cache.size).toBe(1);
    expect(triple.cache.size).toBe(1);
    double.cache.clear();
    expect(triple.cache.size).toBe(1);
  });

  it("uses `key` when given: users with the same id share one call", () => {
    const greet = vi.fn((user: { id: number; name: string }) => `hello ${user.name}`);
    const fast = memoize(greet, (user) => user.id);
    expect(fast({ id: 1, name: "Ada" })).toBe("hello Ada");
    expect(fast({ id: 1, name: "Ada (again)" })).toBe("hello Ada");
    expect(fast({ id: 2, name: "Alan" })).toBe("hello Alan");
    expect(greet).toHaveBeenCalledTimes(2);
  });

  it("caches nothing when fn throws: the same error comes out, and the next call runs fn again", () => {
    let calls = 0;
    const failure = new Error("first call fails");
    const flaky = memoize((n: number) => {
      calls += 1;
      if (calls === 1) throw failure;
      return n * 2;
    });
    expectThrewItself(settle(() => flaky(5)), failure);
    expect(flaky.cache.size).toBe(0);
    expect(flaky(5)).toBe(10);
    expect(calls).toBe(2);
  });

  it("shares a pending promise: two calls before it settles make one call and get the same promise", async () => {
    const load = vi.fn(async (id: number) => ({ id }));
    const fast = memoize(load);
    const first = fast(7);
    const second = fast(7);
    expect(second).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
    const outcome = await outcomeOf(first);
    expect(outcome).toEqual({ resolved: { id: 7 } });
    expect(await fast(7)).toEqual({ id: 7 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("forgets a rejected promise: the same rejection comes out, and the next call calls fn again", async () => {
    let calls = 0;
    const down = new Error("network down");
    const load = memoize(async (id: number) => {
      calls += 1;
      if (calls === 1) throw down;
      return id * 10;
    });
    await expectRejectsWith(load(3), down);
    expect(load.cache.size).toBe(0);
    await expectResolvesWith(load(3), 30);
    expect(calls).toBe(2);
  });

  it("does not forget a newer promise when an older one for the same key rejects after clear()", async () => {
    const calls = [deferred<number>(), deferred<number>()];
    let next = 0;
    const load = memoize((_id: number) => calls[next++]?.promise ?? Promise.reject(new Error("a third call")));
    const old = load(1);
    load.cache.clear();
    const newer = load(1);
    calls[0]?.reject(new Error("old call failed"));
    expect(await outcomeOf(old)).toEqual({ rejected: new Error("old call failed") });
    expect(load.cache.size).toBe(1);
    expect(load(1)).toBe(newer);
    calls[1]?.resolve(1);
    await expectResolvesWith(newer, 1);
  });

  itIsTransparent("memoize", (fn) => memoize(fn));

  it("calls fn exactly once per distinct key over any sequence of calls", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { maxLength: 30 }), (calls) => {
        const seen = new Map<string, number>();
        const add = memoize((a: number, b: number) => {
          const k = `${a},${b}`;
          seen.set(k, (seen.get(k) ?? 0) + 1);
          return 10 * a + b;
        });
        for (const [a, b] of calls) expect(add(a, b)).toBe(10 * a + b);
        const distinct = new Set(calls.map(([a, b]) => `${a},${b}`));
        expect([...seen.keys()].sort()).toEqual([...distinct].sort());
        expect([...seen.values()].every((count) => count === 1)).toBe(true);
        expect(add.cache.size).toBe(distinct.size);
      }),
    );
  });

  it("is transparent: the same result or the very same error as the bare function, on any input", () => {
    fc.assert(
      fc.property(bareFunctions, fc.integer(), fc.integer(), (bare, a, b) => {
        const expected = settle(() => bare(a, b));
        const fast = memoize(bare);
        for (let call = 0; call < 2; call++) {
          const got = settle(() => fast(a, b));
          if ("threw" in expected) expectThrewItself(got, expected.threw);
          else expect(got).toEqual(expected);
        }
      }),
    );
  });
});

describe("4. retry(fn, { attempts, delayMs }): try again, with a pause, then give up", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.clearAllTimers();
    vi.useRealTimers();
  });

  /** An async function that fails with errors[i] on call i, and resolves with "ok" once they run out. */
  function failing(errors: readonly Error[]) {
    const fn = vi.fn(async function (this: unknown, ..._args: unknown[]): Promise<string> {
      const error = errors[fn.mock.calls.length - 1];
      if (error) throw error;
      return "ok";
    });
    return fn;
  }

  /** Whether `promise` has settled yet, read without waiting for it. */
  function watch(promise: Promise<unknown>): { settled: boolean } {
    const state = { settled: false };
    promise.then(
      () => (state.settled = true),
      () => (state.settled = true),
    );
    return state;
  }

  it("resolves with the first success, calling fn once when it succeeds at once", async () => {
    const fn = failing([]);
    const result = retry(fn, { attempts: 3, delayMs: 100 })();
    await vi.advanceTimersByTimeAsync(0);
    expect(fn, "the first try should not wait").toHaveBeenCalledTimes(1);
    await expectResolvesWith(result, "ok");
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("fails twice, waits 100 ms before each retry, and succeeds on the third try", async () => {
    const fn = failing([new Error("1st"), new Error("2nd")]);
    const result = retry(fn, { attempts: 3, delayMs: 100 })();
    await vi.advanceTimersByTimeAsync(0);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fn).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(fn).toHaveBeenCalledTimes(3);
    await expectResolvesWith(result, "ok");
  });

  it("calls fn exactly `attempts` times, then rejects with the last error itself", async () => {
    const last = new Error("3rd");
    const fn = failing([new Error("1st"), new Error("2nd"), last, new Error("4th")]);
    const result = retry(fn, { attempts: 3, delayMs: 50 })();
    result.catch(() => {}); // checked below; this stops Node reporting it as unhandled meanwhile
    await vi.runAllTimersAsync();
    await expectRejectsWith(result, last);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it("rejects as soon as the last try fails: no delay after the last try", async () => {
    const last = new Error("2nd");
    const fn = failing([new Error("1st"), last]);
    const result = retry(fn, { attempts: 2, delayMs: 100 })();
    result.catch(() => {});
    const state = watch(result);
    await vi.advanceTimersByTimeAsync(100);
    expect(fn).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(state.settled, "the call should reject right after the last try, without waiting delayMs again").toBe(true);
    await expectRejectsWith(result, last);
  });

  it("passes `this` and every argument on to every try", async () => {
    const fn = failing([new Error("once")]);
    const options = { fresh: true };
    const service = { name: "svc", call: retry(fn, { attempts: 2 }) };
    const result = service.call("a", 1, options);
    await vi.runAllTimersAsync();
    await expectResolvesWith(result, "ok");
    expect(fn.mock.contexts).toHaveLength(2);
    expect(fn.mock.contexts[0], "`this` of the first try").toBe(service);
    expect(fn.mock.contexts[1], "`this` of the second try").toBe(service);
    expect(fn.mock.calls).toEqual([
      ["a", 1, options],
      ["a", 1, options],
    ]);
    expect(fn.mock.calls[1]?.[2], "an object argument should reach fn itself, not a copy").toBe(options);
  });

  it("resolves with the value fn resolved with: the same object, not a copy", async () => {
    const user = { id: 1 };
    const result = retry(async () => user, { attempts: 2 })();
    await vi.runAllTimersAsync();
    await expectResolvesWith(result, user);
  });

  it("rejects with a thrown value that is not an Error untouched (here a string), after attempts: 1", async () => {
    const fn = vi.fn(async (): Promise<string> => {
      throw "legacy failure";
    });
    const result = retry(fn, { attempts: 1 })();
    result.catch(() => {});
    await vi.runAllTimersAsync();
    await expectRejectsWith(result, "legacy failure");
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("counts the tries of each call separately", async () => {
    let calls = 0;
    const fn = retry(
      async (label: string) => {
        calls += 1;
        if (calls % 2 === 1) throw new Error(`odd call ${calls}`);
        return label;
      },
      { attempts: 2, delayMs: 10 },
    );
    const first = fn("first");
    await vi.runAllTimersAsync();
    const second = fn("second");
    await vi.runAllTimersAsync();
    await expectResolvesWith(first, "first");
    await expectResolvesWith(second, "second");
    expect(calls).toBe(4);
  });

  it("keeps two failing calls in flight apart: each rejects with its own last error", async () => {
    const errors = { a: [new Error("a1"), new Error("a2")], b: [new Error("b1"), new Error("b2")] };
    const tries = { a: 0, b: 0 };
    const fn = retry(
      async (label: "a" | "b") => {
        const error = errors[label][tries[label]++];
        throw error;
      },
      { attempts: 2, delayMs: 10 },
    );
    const a = fn("a");
    await vi.advanceTimersByTimeAsync(5);
    const b = fn("b");
    a.catch(() => {});
    b.catch(() => {});
    await vi.runAllTimersAsync();
    await expectRejectsWith(a, errors.a[1]);
    await expectRejectsWith(b, errors.b[1]);
    expect(tries).toEqual({ a: 2, b: 2 });
  });

  it("keeps two calls in flight apart: each has its own `attempts` and its own delays", async () => {
    const tries = { a: 0, b: 0 };
    const fn = retry(
      async (label: "a" | "b") => {
        tries[label] += 1;
        // "a" succeeds on its third try, "b" on its second.
        if (tries[label] < (label === "a" ? 3 : 2)) throw new Error(`${label}: try ${tries[label]} failed`);
        return `${label} after ${tries[label]} tries`;
      },
      { attempts: 3, delayMs: 10 },
    );
    const a = fn("a");
    const b = fn("b");
    a.catch(() => {});
    b.catch(() => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(tries).toEqual({ a: 1, b: 1 });
    await vi.advanceTimersByTimeAsync(10);
    expect(tries).toEqual({ a: 2, b: 2 });
    await vi.advanceTimersByTimeAsync(10);
    expect(tries).toEqual({ a: 3, b: 2 });
    await expectResolvesWith(a, "a after 3 tries");
    await expectResolvesWith(b, "b after 2 tries");
  });

  it("keeps fn's name and length (the number of declared parameters)", () => {
    const wrapped = retry(named("fetchUser", async function (_id: number, _fresh: boolean) {
      return "user";
    }), { attempts: 2 });
    expect(wrapped.name).toBe("fetchUser");
    expect(wrapped.length).toBe(2);
  });

  it("calls at most `attempts` times, and succeeds iff some try within them succeeds", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.boolean(), { maxLength: 8 }),
        fc.integer({ min: 0, max: 1000 }),
        async (attempts, successes, delayMs) => {
          let calls = 0;
          const fn = retry(
            async () => {
              const ok = successes[calls] ?? false;
              calls += 1;
              if (!ok) throw new Error(`try ${calls} failed`);
              return calls;
            },
            { attempts, delayMs },
          );
          const outcome = fn().then(
            (value) => ({ ok: true, value }),
            (error: unknown) => ({ ok: false, value: error instanceof Error ? error.message : error }),
          );
          await vi.runAllTimersAsync();
          const firstSuccess = successes.slice(0, attempts).indexOf(true);
          if (firstSuccess >= 0) {
            expect(await outcome).toEqual({ ok: true, value: firstSuccess + 1 });
            expect(calls).toBe(firstSuccess + 1);
          } else {
            expect(await outcome).toEqual({ ok: false, value: `try ${attempts} failed` });
            expect(calls).toBe(attempts);
          }
        },
      ),
    );
  });
});

describe("5. @memoized: a standard method decorator built on memoize", () => {
  // The classes are declared inside each test: a decorator runs when its class is defined.

  it("runs price(10) once however often it is asked", () => {
    class Pricing {
      calls = 0;
      constructor(readonly rate: number) {}

      @memoized
      price(amount: number): number {
        this.calls += 1;
        return amount * this.rate;
      }
    }
    const pricing = new Pricing(3);
    expect([pricing.price(10), pricing.price(10), pricing.price(10)]).toEqual([30, 30, 30]);
    expect(pricing.calls).toBe(1);
    expect(pricing.price(11)).toBe(33);
    expect(pricing.calls).toBe(2);
  });

  it("keeps one cache per instance: each instance answers with its own `this`", () => {
    class Pricing {
      constructor(readonly rate: number) {}

      @memoized
      price(amount: number): number {
        return amount * this.rate;
      }
    }
    const cheap = new Pricing(2);
    const dear = new Pricing(5);
    expect(cheap.price(10)).toBe(20);
    expect(dear.price(10)).toBe(50);
    expect(cheap.price(10)).toBe(20);
  });

  it("keeps one cache per decorated method: two @memoized methods of one instance never answer for each other", () => {
    class Shop {
      @memoized
      net(amount: number): number {
        return amount;
      }

      @memoized
      gross(amount: number): number {
        return amount * 2;
      }
    }
    const shop = new Shop();
    expect(shop.net(10)).toBe(10);
    expect(shop.gross(10)).toBe(20);
    expect(shop.net(10)).toBe(10);
  });

  it("keys on all the arguments of the method", () => {
    class Grid {
      calls = 0;

      @memoized
      cell(row: number, column: number): string {
        this.calls += 1;
        return `${row}:${column}`;
      }
    }
    const grid = new Grid();
    expect([grid.cell(1, 2), grid.cell(1, 3), grid.cell(1, 2)]).toEqual(["1:2", "1:3", "1:2"]);
    expect(grid.calls).toBe(2);
  });

  it("calls the method with the instance as `this` and every argument", () => {
    const seen: Array<{ self: unknown; args: unknown[] }> = [];
    class Probe {
      @memoized
      look(...args: unknown[]): number {
        seen.push({ self: this, args });
        return args.length;
      }
    }
    const probe = new Probe();
    const options = { deep: true };
    expect(settle(() => probe.look(1, undefined, options))).toEqual({ returned: 3 });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.self).toBe(probe);
    expect(seen[0]?.args).toHaveLength(3);
    expect(seen[0]?.args[2]).toBe(options);
  });

  it("returns the method's result itself, and rethrows its error itself without caching it", () => {
    const failure = new Error("out of stock");
    const item = { sku: "A1" };
    class Store {
      calls = 0;

      @memoized
      find(sku: string): { sku: string } {
        this.calls += 1;
        if (this.calls === 1) throw failure;
        return item;
      }
    }
    const store = new Store();
    expectThrewItself(settle(() => store.find("A1")), failure);
    expect(store.find("A1")).toBe(item);
    expect(store.find("A1")).toBe(item);
    expect(store.calls).toBe(2);
  });

  it("keeps the method's name and length: Class.prototype.method reads as before", () => {
    class Invoice {
      @memoized
      total(net: number, rate: number): number {
        return net * (1 + rate);
      }
    }
    expect(Invoice.prototype.total.name).toBe("total");
    expect(Invoice.prototype.total.length).toBe(2);
    expect(new Invoice().total(100, 0.5)).toBe(150);
  });

  it("calls the method once per instance and distinct argument, over any sequence of calls", () => {
    class Pricing {
      calls = new Map<number, number>();
      constructor(readonly rate: number) {}

      @memoized
      price(amount: number): number {
        this.calls.set(amount, (this.calls.get(amount) ?? 0) + 1);
        return amount * this.rate;
      }
    }
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 5 })), { maxLength: 20 }), (calls) => {
        const instances = [new Pricing(1), new Pricing(10), new Pricing(100)];
        for (const [which, amount] of calls) {
          const pricing = instances[which];
          expect(pricing?.price(amount)).toBe(amount * (pricing?.rate ?? Number.NaN));
        }
        instances.forEach((pricing, which) => {
          const asked = new Set(calls.filter(([w]) => w === which).map(([, amount]) => amount));
          expect([...pricing.calls.keys()].sort()).toEqual([...asked].sort());
          expect([...pricing.calls.values()].every((count) => count === 1)).toBe(true);
        });
      }),
    );
  });
});

describe("6. types: a wrapper has the type of the function it wraps, so wrappers stack", () => {
  // The type-level half of this step is decorator.test-d.ts, checked by `npx tsc -p .`.

  it("stacks: memoize(logged(timed(fn))) gives fn's answers, logs and times only the first call", () => {
    const clock = fakeClock();
    const entries: LogEntry[] = [];
    const area = memoize(
      logged(
        timed(named("area", function (width: number, height: number) {
          clock.advance(2);
          return width * height;
        }), clock),
        (entry) => entries.push(entry),
      ),
    );
    expect(area(3, 4)).toBe(12);
    expect(area(3, 4)).toBe(12);
    expect(area.name).toBe("area");
    expect(area.length).toBe(2);
    expect(entries.map((entry) => entry.phase)).toEqual(["call", "return"]);
    expect(clock.timings).toEqual([{ name: "area", ms: 2, ok: true }]);
  });

  it("keeps a generic function generic: logged(identity) returns a string for a string and a list for a list", () => {
    const identity = <T>(value: T): T => value;
    const same = logged(identity, () => {});
    const word: string = same("word");
    const list: number[] = same([1, 2]);
    expect(word).toBe("word");
    expect(list).toEqual([1, 2]);
  });

  async function fetchUser(id: number, fresh: boolean): Promise<string> {
    return `${id}${fresh}`;
  }
  const wrappers: Array<[string, () => (id: number, fresh: boolean) => Promise<string>]> = [
    ["logged", () => logged(fetchUser, () => {})],
    ["timed", () => timed(fetchUser, fakeClock())],
    ["memoize", () => memoize(fetchUser)],
    ["retry", () => retry(fetchUser, { attempts: 2 })],
  ];
  for (const [label, wrap] of wrappers) {
    it(`keeps the async fetchUser's name, length and answer through ${label}`, async () => {
      const fn = wrap();
      expect(fn.name).toBe("fetchUser");
      expect(fn.length).toBe(2);
      await expectResolvesWith(fn(1, true), "1true");
    });
  }
});

describe("7. bad input: rejected when wrapping, before any call, as the workbook's contract says", () => {
  const notFunctions: Array<[string, unknown]> = [
    ["42", 42],
    ['"now"', "now"],
    ["null", null],
    ["undefined", undefined],
    ["true", true],
    ["10n", 10n],
    ["an object with a call method", { call() {} }],
    ["Object.create(null), which has no string form", Object.create(null)],
  ];
  const wrappers: Array<[string, (fn: unknown) => unknown]> = [
    ["logged", (fn) => logged(fn as () => void, () => {})],
    ["timed", (fn) => timed(fn as () => void, fakeClock())],
    ["memoize", (fn) => memoize(fn as () => void)],
    ["retry", (fn) => retry(fn as () => Promise<void>, { attempts: 1 })],
  ];
  for (const [name, wrap] of wrappers) {
    for (const [label, value] of notFunctions) {
      it(`${name} refuses fn = ${label} with a TypeError naming fn`, () => {
        expectRefusal(() => wrap(value), { error: TypeError, param: "fn", value });
      });
    }
  }

  for (const [label, log] of [
    ['"console"', "console"],
    ["undefined", undefined],
    ["{ log() {} }", { log() {} }],
  ] as Array<[string, unknown]>) {
    it(`logged refuses log = ${label} with a TypeError naming log`, () => {
      expectRefusal(() => logged(now, log as () => void), { error: TypeError, param: "log", value: log });
    });
  }

  for (const [label, clock] of [
    ["undefined", undefined],
    ["null", null],
    ["42", 42],
    ["{ now } without report", { now: () => 0 }],
    ["{ report } without now", { report: () => {} }],
    ['{ now: 1, report } (now is not a function)', { now: 1, report: () => {} }],
  ] as Array<[string, unknown]>) {
    it(`timed refuses clock = ${label} with a TypeError naming clock`, () => {
      expectRefusal(() => timed(now, clock as Clock), { error: TypeError, param: "clock", value: clock });
    });
  }

  for (const [label, key] of [
    ["1", 1],
    ['"id"', "id"],
    ["0", 0],
    ["null (only undefined means left out)", null],
  ] as Array<[string, unknown]>) {
    it(`memoize refuses key = ${label} with a TypeError naming key`, () => {
      expectRefusal(() => memoize(now, key as () => string), { error: TypeError, param: "key", value: key });
    });
  }

  const fn = async () => "ok";
  for (const [label, attempts] of [
    ["0", 0],
    ["-0", -0],
    ["-1", -1],
    ["1.5", 1.5],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
  ] as Array<[string, number]>) {
    it(`retry refuses attempts = ${label} (not a whole number >= 1) with a RangeError naming attempts`, () => {
      expectRefusal(() => retry(fn, { attempts }), { error: RangeError, param: "attempts", value: attempts });
    });
  }

  for (const [label, attempts] of [
    ['"3"', "3"],
    ["true", true],
    ["null", null],
    ["undefined (left out)", undefined],
    ["3n", 3n],
  ] as Array<[string, unknown]>) {
    it(`retry refuses attempts = ${label} (not a number) with a TypeError naming attempts`, () => {
      expectRefusal(() => retry(fn, { attempts: attempts as number }), { error: TypeError, param: "attempts", value: attempts });
    });
  }

  for (const [label, delayMs] of [
    ["-1", -1],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
  ] as Array<[string, number]>) {
    it(`retry refuses delayMs = ${label} (not a finite number >= 0) with a RangeError naming delayMs`, () => {
      expectRefusal(() => retry(fn, { attempts: 2, delayMs }), { error: RangeError, param: "delayMs", value: delayMs });
    });
  }

  for (const [label, delayMs] of [
    ['"100"', "100"],
    ["null", null],
    ["true", true],
  ] as Array<[string, unknown]>) {
    it(`retry refuses delayMs = ${label} (not a number) with a TypeError naming delayMs`, () => {
      expectRefusal(() => retry(fn, { attempts: 2, delayMs: delayMs as number }), { error: TypeError, param: "delayMs", value: delayMs });
    });
  }

  it("retry accepts delayMs = 0, and a left-out delayMs, without calling fn", () => {
    const calls = vi.fn(async () => "ok");
    expect(typeof retry(calls, { attempts: 2, delayMs: 0 })).toBe("function");
    expect(typeof retry(calls, { attempts: 2 })).toBe("function");
    expect(calls).not.toHaveBeenCalled();
  });

  it("@memoized on a getter throws a TypeError naming memoized, when the class is defined", () => {
    const defineCart = () => {
      class Cart {
        items = [1, 2];
        // @ts-expect-error: @memoized takes a method, and TypeScript says so; this checks the runtime guard
        @memoized
        get total(): number {
          return this.items.length;
        }
      }
      return Cart;
    };
    expectRefusal(defineCart, { error: TypeError, param: "memoized" });
  });

  it("@memoized on a field throws a TypeError naming memoized, when the class is defined", () => {
    const defineCart = () => {
      class Cart {
        // @ts-expect-error: @memoized takes a method, and TypeScript says so; this checks the runtime guard
        @memoized
        total = 0;
      }
      return Cart;
    };
    expectRefusal(defineCart, { error: TypeError, param: "memoized" });
  });

  it("rejects any attempts below 1 with a RangeError, without ever calling fn", () => {
    let calls = 0;
    const counted = async () => {
      calls += 1;
    };
    fc.assert(
      fc.property(fc.integer({ max: 0 }), (attempts) => {
        expectRefusal(() => retry(counted, { attempts }), { error: RangeError, param: "attempts", value: attempts });
      }),
    );
    expect(calls).toBe(0);
  });

  for (const [name, wrap] of wrappers) {
    it(`${name} refuses any value that is not a function, with a TypeError naming fn and showing a primitive`, () => {
      fc.assert(
        fc.property(
          fc.anything({ maxDepth: 1, maxKeys: 3 }).filter((value) => typeof value !== "function"),
          (value) => {
            expectRefusal(() => wrap(value), { error: TypeError, param: "fn", value });
          },
        ),
        { numRuns: 50 },
      );
    });
  }
});
