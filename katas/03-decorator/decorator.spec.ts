import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Clock, type LogEntry, type Timing, logged, memoize, memoized, retry, timed } from "./decorator";

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

/** What a call did: the value it returned, or the error it threw. */
function settle(call: () => unknown): { returned: unknown } | { threw: unknown } {
  try {
    return { returned: call() };
  } catch (error) {
    return { threw: error };
  }
}

/** The tutorial's functions: now() and the two it times. */
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

describe("1. logged(fn, log): log before and after, change nothing else", () => {
  it('logs "call" then "return" for the tutorial\'s now(), and returns "2015-3-25"', () => {
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
    expect(() => check(11)).toThrow(boom);
    expect(entries).toEqual([
      { phase: "call", name: "check", args: [11] },
      { phase: "throw", name: "check", args: [11], error: boom },
    ]);
  });

  it("passes `this` on: a logged method still sees its object", () => {
    const account = {
      balance: 100,
      deposit: logged(named("deposit", function (this: { balance: number }, amount: number): number {
        return (this.balance += amount);
      }), () => {}),
    };
    expect(account.deposit(5)).toBe(105);
    expect(account.balance).toBe(105);
  });

  it("keeps the name and the length (number of declared parameters) of fn", () => {
    const wrapped = logged(named("slow", function (x: number, y: number, z: number) {
      return x * y * z;
    }), () => {});
    expect(wrapped.name).toBe("slow");
    expect(wrapped.length).toBe(3);
    expect(wrapped(11, 22, 33)).toBe(7986);
  });

  it("is transparent: same result or same error as the bare function, logged in order, on any input", () => {
    fc.assert(
      fc.property(bareFunctions, fc.integer(), fc.integer(), (bare, a, b) => {
        const entries: LogEntry[] = [];
        const wrapped = logged(bare, (entry) => entries.push(entry));
        const expected = settle(() => bare(a, b));
        expect(settle(() => wrapped(a, b))).toEqual(expected);
        if ("threw" in expected) {
          expect(settle(() => wrapped(a, b))).toStrictEqual({ threw: expected.threw });
          expect(entries[1]).toEqual({ phase: "throw", name: "bare", args: [a, b], error: expected.threw });
        } else {
          expect(entries[1]).toEqual({ phase: "return", name: "bare", args: [a, b], result: expected.returned });
        }
        expect(entries[0]).toEqual({ phase: "call", name: "bare", args: [a, b] });
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

  it("reports nothing before the call ends, and reports a call that throws (ok: false) before rethrowing", () => {
    const clock = fakeClock();
    const boom = new Error("disk full");
    const save = timed(named("save", function (): never {
      expect(clock.timings).toEqual([]);
      clock.advance(40);
      throw boom;
    }), clock);
    expect(() => save()).toThrow(boom);
    expect(clock.timings).toEqual([{ name: "save", ms: 40, ok: false }]);
  });

  it("passes `this` on and keeps name and length", () => {
    const clock = fakeClock();
    const counter = {
      count: 1,
      bump: timed(named("bump", function (this: { count: number }, by: number) {
        return (this.count += by);
      }), clock),
    };
    expect(counter.bump(2)).toBe(3);
    expect(counter.bump.name).toBe("bump");
    expect(counter.bump.length).toBe(1);
  });

  it("is transparent and reports the time the clock moved, on any input", () => {
    fc.assert(
      fc.property(bareFunctions, fc.integer(), fc.integer(), fc.nat({ max: 10_000 }), (bare, a, b, ms) => {
        const clock = fakeClock();
        const slowBare = function (this: unknown, x: number, y: number): number {
          clock.advance(ms);
          return bare.call(this, x, y);
        };
        const expected = settle(() => bare(a, b));
        expect(settle(() => timed(slowBare, clock)(a, b))).toEqual(expected);
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

  it("calls fn again after cache.clear()", () => {
    const square = vi.fn((n: number) => n * n);
    const fast = memoize(square);
    fast(4);
    fast.cache.clear();
    expect(fast.cache.size).toBe(0);
    expect(fast(4)).toBe(16);
    expect(square).toHaveBeenCalledTimes(2);
  });

  it("uses `key` when given: users with the same id share one call", () => {
    const greet = vi.fn((user: { id: number; name: string }) => `hello ${user.name}`);
    const fast = memoize(greet, (user) => user.id);
    expect(fast({ id: 1, name: "Ada" })).toBe("hello Ada");
    expect(fast({ id: 1, name: "Ada (again)" })).toBe("hello Ada");
    expect(fast({ id: 2, name: "Alan" })).toBe("hello Alan");
    expect(greet).toHaveBeenCalledTimes(2);
  });

  it("caches nothing when fn throws: the next call runs fn again", () => {
    let calls = 0;
    const flaky = memoize((n: number) => {
      calls += 1;
      if (calls === 1) throw new Error("first call fails");
      return n * 2;
    });
    expect(() => flaky(5)).toThrow("first call fails");
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
    await expect(first).resolves.toEqual({ id: 7 });
    expect(await fast(7)).toEqual({ id: 7 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("forgets a rejected promise: the next call calls fn again", async () => {
    let calls = 0;
    const load = memoize(async (id: number) => {
      calls += 1;
      if (calls === 1) throw new Error("network down");
      return id * 10;
    });
    await expect(load(3)).rejects.toThrow("network down");
    expect(load.cache.size).toBe(0);
    await expect(load(3)).resolves.toBe(30);
    expect(calls).toBe(2);
  });

  it("does not forget a newer promise when an older one for the same key rejects after clear()", async () => {
    const rejects: Array<(error: Error) => void> = [];
    const load = memoize(
      (id: number) =>
        new Promise<number>((resolve, reject) => {
          if (rejects.length === 0) rejects.push(reject);
          else resolve(id);
        }),
    );
    const old = load(1);
    load.cache.clear();
    const newer = load(1);
    rejects[0]?.(new Error("old call failed"));
    await expect(old).rejects.toThrow("old call failed");
    expect(load.cache.size).toBe(1);
    expect(load(1)).toBe(newer);
  });

  it("calls fn exactly once per distinct key over any sequence of calls", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { maxLength: 60 }), (calls) => {
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

  it("is transparent: same result or same error as the bare function, on any input", () => {
    fc.assert(
      fc.property(bareFunctions, fc.integer(), fc.integer(), (bare, a, b) => {
        const expected = settle(() => bare(a, b));
        const fast = memoize(bare);
        expect(settle(() => fast(a, b))).toEqual(expected);
        expect(settle(() => fast(a, b))).toEqual(expected);
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

  it("resolves with the first success, calling fn once when it succeeds at once", async () => {
    const fn = failing([]);
    const result = retry(fn, { attempts: 3, delayMs: 100 })();
    await vi.advanceTimersByTimeAsync(0);
    expect(fn, "the first try should not wait").toHaveBeenCalledTimes(1);
    await expect(result).resolves.toBe("ok");
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
    await expect(result).resolves.toBe("ok");
  });

  it("calls fn exactly `attempts` times, then rejects with the last error", async () => {
    const last = new Error("3rd");
    const fn = failing([new Error("1st"), new Error("2nd"), last, new Error("4th")]);
    const result = retry(fn, { attempts: 3, delayMs: 50 })();
    result.catch(() => {}); // checked below; this stops Node reporting it as unhandled meanwhile
    await vi.runAllTimersAsync();
    await expect(result).rejects.toBe(last);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it("passes `this` and the arguments on to every try", async () => {
    const fn = failing([new Error("once")]);
    const service = { name: "svc", call: retry(fn, { attempts: 2 }) };
    const result = service.call("a", 1);
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe("ok");
    expect(fn.mock.contexts).toEqual([service, service]);
    expect(fn.mock.calls).toEqual([
      ["a", 1],
      ["a", 1],
    ]);
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
    await expect(first).resolves.toBe("first");
    await expect(second).resolves.toBe("second");
    expect(calls).toBe(4);
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
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 5 })), { maxLength: 40 }), (calls) => {
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

  it("keeps name and length through every wrapper", async () => {
    async function fetchUser(id: number, fresh: boolean): Promise<string> {
      return `${id}${fresh}`;
    }
    const wrapped = [
      logged(fetchUser, () => {}),
      timed(fetchUser, fakeClock()),
      memoize(fetchUser),
      retry(fetchUser, { attempts: 2 }),
    ];
    for (const fn of wrapped) {
      expect(fn.name).toBe("fetchUser");
      expect(fn.length).toBe(2);
      await expect(fn(1, true)).resolves.toBe("1true");
    }
  });
});

describe("7. bad input: rejected when wrapping, before any call", () => {
  const notFunctions: Array<[string, unknown]> = [
    ["42", 42],
    ['"now"', "now"],
    ["null", null],
    ["undefined", undefined],
    ["an object", { call() {} }],
  ];
  const wrappers: Array<[string, (fn: unknown) => unknown]> = [
    ["logged", (fn) => logged(fn as () => void, () => {})],
    ["timed", (fn) => timed(fn as () => void, fakeClock())],
    ["memoize", (fn) => memoize(fn as () => void)],
    ["retry", (fn) => retry(fn as () => Promise<void>, { attempts: 1 })],
  ];
  for (const [name, wrap] of wrappers) {
    it(`${name} rejects a non-function (${notFunctions.map(([label]) => label).join(", ")}) with a TypeError`, () => {
      for (const [, value] of notFunctions) expect(() => wrap(value)).toThrow(TypeError);
    });
  }

  it("rejects a log, a clock or a key that cannot be called, with a TypeError", () => {
    expect(() => logged(now, "console" as unknown as () => void)).toThrow(TypeError);
    expect(() => timed(now, { now: () => 0 } as unknown as Clock)).toThrow(TypeError);
    expect(() => memoize(now, 1 as unknown as () => string)).toThrow(TypeError);
  });

  it("names the parameter and shows the value in the message: logged(42, log) throws \"fn must be a function, got 42\"", () => {
    const log = () => {};
    const cases: Array<[string, () => unknown, RegExp]> = [
      ["logged(42, log)", () => logged(42 as unknown as () => void, log), /\bfn\b.*\b42\b/],
      ['logged(now, "console")', () => logged(now, "console" as unknown as () => void), /\blog\b.*"console"/],
      ["timed(42, clock)", () => timed(42 as unknown as () => void, fakeClock()), /\bfn\b.*\b42\b/],
      ["memoize(null)", () => memoize(null as unknown as () => void), /\bfn\b.*\bnull\b/],
      ["memoize(now, 1)", () => memoize(now, 1 as unknown as () => string), /\bkey\b.*\b1\b/],
      ["retry(undefined, { attempts: 1 })", () => retry(undefined as unknown as () => Promise<void>, { attempts: 1 }), /\bfn\b.*\bundefined\b/],
    ];
    for (const [call, wrap, message] of cases) {
      expect(wrap, call).toThrow(TypeError);
      expect(wrap, call).toThrow(message);
    }
  });

  it('shows a string value in quotes, so "42" and 42 read differently: logged("now", log) names "now"', () => {
    expect(() => logged("now" as unknown as () => void, () => {})).toThrow(/\bfn\b.*"now"/);
  });

  it("names even a value that has no string form (Object.create(null)) instead of failing on it", () => {
    const bare: unknown = Object.create(null);
    expect(() => memoize(bare as () => void)).toThrow(TypeError);
    expect(() => memoize(bare as () => void)).toThrow(/\bfn\b.*\[object Object\]/);
  });

  it("rejects a missing clock, or one without now() or without report(), with a TypeError naming the clock", () => {
    const clocks: Array<[string, unknown]> = [
      ["undefined", undefined],
      ["null", null],
      ["{ now } only", { now: () => 0 }],
      ["{ report } only", { report: () => {} }],
    ];
    for (const [label, clock] of clocks) {
      expect(() => timed(now, clock as Clock), label).toThrow(TypeError);
      expect(() => timed(now, clock as Clock), label).toThrow(/clock.*now\(\).*report/);
    }
  });

  [
    { label: "0", attempts: 0 },
    { label: "-1", attempts: -1 },
    { label: "1.5", attempts: 1.5 },
    { label: "NaN", attempts: Number.NaN },
  ].forEach(({ label, attempts }) => {
    it(`retry rejects attempts ${label} with a RangeError that names it`, () => {
      const fn = async () => "ok";
      expect(() => retry(fn, { attempts })).toThrow(RangeError);
      expect(() => retry(fn, { attempts })).toThrow(new RegExp(`attempts.*${label.replace(".", "\\.")}`));
    });
  });

  it('retry rejects attempts "3" with a TypeError, and a negative delayMs with a RangeError, each naming the value', () => {
    const fn = async () => "ok";
    expect(() => retry(fn, { attempts: "3" as unknown as number })).toThrow(TypeError);
    expect(() => retry(fn, { attempts: "3" as unknown as number })).toThrow(/attempts.*"3"/);
    expect(() => retry(fn, { attempts: 2, delayMs: -1 })).toThrow(RangeError);
    expect(() => retry(fn, { attempts: 2, delayMs: -1 })).toThrow(/delayMs.*-1/);
  });

  it('retry rejects delayMs "100" (a string) with a TypeError naming it, and an infinite delayMs with a RangeError', () => {
    const fn = async () => "ok";
    expect(() => retry(fn, { attempts: 2, delayMs: "100" as unknown as number })).toThrow(TypeError);
    expect(() => retry(fn, { attempts: 2, delayMs: "100" as unknown as number })).toThrow(/delayMs.*"100"/);
    expect(() => retry(fn, { attempts: 2, delayMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => retry(fn, { attempts: 2, delayMs: Number.POSITIVE_INFINITY })).toThrow(/delayMs.*Infinity/);
  });

  it("@memoized decorates methods only: on a getter it throws a TypeError naming @memoized when the class is defined", () => {
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
    expect(defineCart).toThrow(TypeError);
    expect(defineCart).toThrow(/@memoized.*method/);
  });

  it("rejects any attempts below 1 with a RangeError, without ever calling fn", () => {
    let calls = 0;
    const fn = async () => {
      calls += 1;
    };
    fc.assert(
      fc.property(fc.integer({ max: 0 }), (attempts) => {
        expect(() => retry(fn, { attempts })).toThrow(RangeError);
      }),
    );
    expect(calls).toBe(0);
  });

  it("rejects any value that is not a function, in every wrapper", () => {
    fc.assert(
      fc.property(
        fc.anything().filter((value) => typeof value !== "function"),
        fc.constantFrom(...wrappers),
        (value, [, wrap]) => {
          expect(() => wrap(value)).toThrow(TypeError);
        },
      ),
    );
  });
});
