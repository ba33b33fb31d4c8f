import { setImmediate as macrotask } from "node:timers/promises";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { expectRefusal } from "../../tools/kit";
import { IdGenerator, lazyAsync, settings } from "./singleton";
import { currentTheme, setTheme } from "./theme";

/**
 * A fresh copy of the kata's module, as a new worker thread (or a new test process) would get it:
 * `vi.resetModules()` empties vitest's module cache, so the next `import()` evaluates the file again.
 * The static imports at the top of this file keep pointing at the first copy.
 */
async function freshModule(): Promise<typeof import("./singleton")> {
  vi.resetModules();
  return import("./singleton");
}

/** A unique prefix per call, because the settings object outlives every test of this file. */
let keyspace = 0;
function freshKeys(): string {
  keyspace += 1;
  return `test-${keyspace}:`;
}

describe("1. a module-level instance: every import sees the same settings", () => {
  it('reads back what it stored: set("language", "Python") then get("language") gives "Python"', () => {
    settings.set("language", "Python");
    expect(settings.get("language")).toBe("Python");
  });

  it("returns undefined for a key nothing was stored under", () => {
    expect(settings.get(`${freshKeys()}never-set`)).toBeUndefined();
  });

  it.each(["toString", "constructor", "hasOwnProperty", "__proto__"])(
    "returns undefined for %s, a key nothing was stored under, although every plain object has it",
    async (key) => {
      const fresh = await freshModule();
      expect(fresh.settings.get(key)).toBeUndefined();
    },
  );

  it.each(["__proto__", "constructor", "toString"])("stores and reads back a value under the key %s like under any other", async (key) => {
    const fresh = await freshModule();
    fresh.settings.set(key, "kept");
    expect(fresh.settings.get(key)).toBe("kept");
    expect(fresh.settings.get("theme")).toBeUndefined();
  });

  it("replaces the value stored under a key when it is set again", () => {
    const key = `${freshKeys()}language`;
    settings.set(key, "Python");
    settings.set(key, "TypeScript");
    expect(settings.get(key)).toBe("TypeScript");
  });

  it("shares one object with theme.ts: a theme set there is read here, and the other way round", () => {
    setTheme("dark");
    expect(settings.get("theme")).toBe("dark");
    settings.set("theme", "solarized");
    expect(currentTheme()).toBe("solarized");
  });

  it("gives a second, dynamic import of the module the very same object, the one theme.ts imports too", async () => {
    // In a module graph of its own, so that the test does not depend on which tests ran before it.
    const first = await freshModule();
    first.settings.set("font", "monospace");
    const again = await import("./singleton");
    const theme = await import("./theme");
    expect(again.settings).toBe(first.settings);
    expect(again.settings.get("font")).toBe("monospace");
    theme.setTheme("dark");
    expect(first.settings.get("theme")).toBe("dark");
  });

  it("is made again, empty, in a fresh module graph (as in a new worker thread): it is not a global", async () => {
    const key = `${freshKeys()}owner`;
    settings.set(key, "main thread");
    const fresh = await freshModule();
    expect(fresh.settings).not.toBe(settings);
    expect(fresh.settings.get(key)).toBeUndefined();
    expect(settings.get(key)).toBe("main thread");
  });

  it('gives "light" from theme.ts in a fresh module graph, where no theme was set yet', async () => {
    vi.resetModules();
    const fresh = await import("./theme");
    expect(fresh.currentTheme()).toBe("light");
    fresh.setTheme("dark");
    expect(fresh.currentTheme()).toBe("dark");
  });

  it("agrees with theme.ts on the theme after any sequence of writes from either side", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.string({ minLength: 1 })), { minLength: 1, maxLength: 20 }), (writes) => {
        // After each write, what theme.ts and this file read: both must be the name just written.
        const seen = writes.map(([throughTheme, name]) => {
          if (throughTheme) setTheme(name);
          else settings.set("theme", name);
          return [currentTheme(), settings.get("theme")];
        });
        expect(seen).toEqual(writes.map(([, name]) => [name, name]));
      }),
    );
  });

  it("reads back, for every key, the last value stored under it, and nothing for the others", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("a", "b", "c", "d"), fc.string()), { maxLength: 30 }),
        (writes) => {
          const prefix = freshKeys();
          const model = new Map<string, string>();
          for (const [key, value] of writes) {
            settings.set(prefix + key, value);
            model.set(key, value);
          }
          const keys = ["a", "b", "c", "d", "e"];
          expect(keys.map((key) => settings.get(prefix + key))).toEqual(keys.map((key) => model.get(key)));
        },
      ),
    );
  });
});

describe("2. IdGenerator: a private constructor and one instance, created lazily", () => {
  it("returns the same generator from every call of IdGenerator.instance()", () => {
    const first = IdGenerator.instance();
    expect(IdGenerator.instance()).toBe(first);
    expect(IdGenerator.instance()).toBe(first);
  });

  it("hands out ids 1, 2, 3 to parts of the app that each fetched the generator themselves", async () => {
    const { IdGenerator: Generator } = await freshModule();
    const orders = Generator.instance();
    const invoices = Generator.instance();
    expect(orders.next()).toBe(1);
    expect(invoices.next()).toBe(2);
    expect(Generator.instance().next()).toBe(3);
  });

  it("creates nothing when the module loads, and exactly one generator however often instance() is called", async () => {
    const { IdGenerator: Generator } = await freshModule();
    expect(Generator.created).toBe(0);
    Generator.instance();
    expect(Generator.created).toBe(1);
    for (let i = 0; i < 10; i++) Generator.instance().next();
    expect(Generator.created).toBe(1);
  });

  it("refuses new IdGenerator() at run time too (private is erased), with a TypeError that points to instance()", async () => {
    const { IdGenerator: Generator } = await freshModule();
    // What a JavaScript caller, or a TypeScript caller with a cast, can still write:
    const Unchecked = Generator as unknown as new () => unknown;
    expect(() => new Unchecked()).toThrow(TypeError);
    expect(() => new Unchecked()).toThrow(/instance\(\)/);
    expect(Generator.created).toBe(0);
    expect(Generator.instance().next()).toBe(1);
    expect(() => new Unchecked()).toThrow(TypeError);
    expect(Generator.created).toBe(1);
  });

  it("never hands out the same id twice, whichever part of the app asks, in any order", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 50 }), (whoAsks) => {
        // Five parts of the app; each fetches the generator the first time it needs an id.
        const holders: IdGenerator[] = [];
        const before = IdGenerator.instance().next();
        const ids = whoAsks.map((who) => (holders[who] ??= IdGenerator.instance()).next());
        expect(ids).toEqual(ids.map((_, i) => before + i + 1));
        expect(IdGenerator.created).toBe(1);
      }),
    );
  });
});

/** What the fake factories below make: numbered, so a test can tell instances apart. */
interface Connection {
  readonly id: number;
}

/**
 * A factory that "connects" after `delays[n - 1]` ms of fake time on its n-th call (10 ms when not
 * given) and fails the calls for which `fails(n)` is true. `calls` counts how often it ran; `made`
 * keeps every connection it resolved with and `errors` every error it rejected with, so a test can
 * check that callers get those very objects (`toBe`), not copies.
 */
function fakeConnect(options: { delays?: readonly number[]; fails?: (call: number) => boolean } = {}) {
  const { delays = [], fails = () => false } = options;
  const state = { calls: 0, made: [] as Connection[], errors: [] as Error[] };
  const factory = (): Promise<Connection> => {
    const call = ++state.calls;
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        if (fails(call)) {
          const error = new Error(`connect attempt ${call} failed`);
          state.errors.push(error);
          reject(error);
        } else {
          const connection = { id: call };
          state.made.push(connection);
          resolve(connection);
        }
      }, delays[call - 1] ?? 10);
    });
  };
  return { factory, state };
}

/**
 * Runs every microtask already queued (and those they queue), and no timer: a real macrotask turn,
 * which the fake timers do not touch. A factory started "a microtask later" has started after this.
 */
function microtasksRun(): Promise<void> {
  return macrotask();
}

describe("3. lazyAsync(factory): one instance, however many callers race for it", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("does not call the factory before the first get(), however long nobody asks", async () => {
    const { factory, state } = fakeConnect();
    const db = lazyAsync(factory);
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.calls).toBe(0);
    const connection = db.get();
    await vi.runAllTimersAsync();
    expect(await connection).toBe(state.made[0]);
  });

  it("starts the factory as get() is called: during the call or a microtask later, before any timer runs", async () => {
    const { factory, state } = fakeConnect();
    const db = lazyAsync(factory);
    const connection = db.get();
    await microtasksRun();
    expect(state.calls).toBe(1);
    await vi.runAllTimersAsync();
    expect(await connection).toBe(state.made[0]);
  });

  it("calls the factory once for two callers in the same tick, and gives both the very instance it made", async () => {
    const { factory, state } = fakeConnect();
    const db = lazyAsync(factory);
    const first = db.get();
    const second = db.get();
    await vi.runAllTimersAsync();
    const [a, b] = await Promise.all([first, second]);
    expect(state.calls).toBe(1);
    expect(a).toBe(state.made[0]);
    expect(b).toBe(state.made[0]);
  });

  it("calls the factory once for a caller who comes while it runs, and gives both the same instance", async () => {
    const { factory, state } = fakeConnect({ delays: [100] });
    const db = lazyAsync(factory);
    const first = db.get();
    await vi.advanceTimersByTimeAsync(50);
    const second = db.get();
    await vi.runAllTimersAsync();
    const [a, b] = await Promise.all([first, second]);
    expect(state.calls).toBe(1);
    expect(a).toBe(state.made[0]);
    expect(b).toBe(a);
  });

  it("keeps the instance: callers who come after it settled get it without a new call", async () => {
    const { factory, state } = fakeConnect();
    const db = lazyAsync(factory);
    const first = db.get();
    await vi.runAllTimersAsync();
    const a = await first;
    const later = db.get();
    await vi.runAllTimersAsync();
    expect(await later).toBe(a);
    expect(a).toBe(state.made[0]);
    expect(state.calls).toBe(1);
  });

  it("keeps two lazyAsync wrappers apart: each runs its own factory, and reset() of one leaves the other alone", async () => {
    const users = fakeConnect({ delays: [30, 30] });
    const orders = fakeConnect({ delays: [50] });
    const usersDb = lazyAsync(users.factory);
    const ordersDb = lazyAsync(orders.factory);
    // Both in flight at once.
    const pending = [usersDb.get(), ordersDb.get(), usersDb.get(), ordersDb.get()];
    await vi.runAllTimersAsync();
    const [u1, o1, u2, o2] = await Promise.all(pending);
    expect(users.state.calls).toBe(1);
    expect(orders.state.calls).toBe(1);
    expect(u1).toBe(users.state.made[0]);
    expect(u2).toBe(users.state.made[0]);
    expect(o1).toBe(orders.state.made[0]);
    expect(o2).toBe(orders.state.made[0]);

    usersDb.reset();
    const o3 = ordersDb.get();
    const u3 = usersDb.get();
    await vi.runAllTimersAsync();
    expect(await o3).toBe(orders.state.made[0]);
    expect(await u3).toBe(users.state.made[1]);
    expect(users.state.calls).toBe(2);
    expect(orders.state.calls).toBe(1);
  });

  it("passes the factory's very rejection to every caller of that attempt, then calls the factory again on the next get()", async () => {
    const { factory, state } = fakeConnect({ fails: (call) => call === 1 });
    const db = lazyAsync(factory);
    const outcomes = Promise.allSettled([db.get(), db.get()]);
    await vi.runAllTimersAsync();
    const [a, b] = await outcomes;
    expect(a).toEqual({ status: "rejected", reason: state.errors[0] });
    expect(b).toEqual({ status: "rejected", reason: state.errors[0] });
    if (a?.status === "rejected") expect(a.reason).toBe(state.errors[0]);
    if (b?.status === "rejected") expect(b.reason).toBe(state.errors[0]);
    expect(state.calls).toBe(1);

    const retry = db.get();
    await vi.runAllTimersAsync();
    expect(await retry).toBe(state.made[0]);
    expect(state.made[0]).toEqual({ id: 2 });
    expect(state.calls).toBe(2);
  });

  it("turns a factory that throws synchronously into a rejected promise with that error, and tries again next time", async () => {
    let calls = 0;
    const thrown = new Error("no network");
    const made = { id: 2 };
    const db = lazyAsync((): Promise<Connection> => {
      calls += 1;
      if (calls === 1) throw thrown;
      return Promise.resolve(made);
    });
    let first: Promise<Connection> | undefined;
    expect(() => {
      first = db.get();
    }).not.toThrow();
    expect(first).toBeInstanceOf(Promise);
    const outcome = await Promise.allSettled([first]);
    expect(outcome[0]).toEqual({ status: "rejected", reason: thrown });
    if (outcome[0]?.status === "rejected") expect(outcome[0].reason).toBe(thrown);
    expect(await db.get()).toBe(made);
    expect(calls).toBe(2);
  });

  it("calls nothing on reset() itself, then calls the factory again on the next get() and hands out the new instance from then on", async () => {
    const { factory, state } = fakeConnect();
    const db = lazyAsync(factory);
    const before = db.get();
    await vi.runAllTimersAsync();
    db.reset();
    await microtasksRun();
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.calls).toBe(1);
    const after = db.get();
    await vi.runAllTimersAsync();
    expect(await before).toBe(state.made[0]);
    expect(await after).toBe(state.made[1]);
    expect(await db.get()).toBe(state.made[1]);
    expect(state.calls).toBe(2);
  });

  it("keeps a reset() made while the factory runs: the old attempt, settling later, does not come back", async () => {
    // Attempt 1 takes 100 ms; reset() at 10 ms; attempt 2 starts at 20 ms and takes 200 ms.
    const { factory, state } = fakeConnect({ delays: [100, 200] });
    const db = lazyAsync(factory);
    const old = db.get();
    await vi.advanceTimersByTimeAsync(10);
    db.reset();
    await vi.advanceTimersByTimeAsync(10);
    const current = db.get();
    await vi.advanceTimersByTimeAsync(130); // 150 ms: attempt 1 has settled, attempt 2 has not
    expect(state.made).toEqual([{ id: 1 }]);
    const late = db.get();
    await vi.runAllTimersAsync();
    expect(await old).toBe(state.made[0]);
    expect(await current).toBe(state.made[1]);
    expect(await late).toBe(state.made[1]);
    expect(await db.get()).toBe(state.made[1]);
    expect(state.calls).toBe(2);
  });

  it("keeps the newer attempt when an attempt abandoned by reset() fails later: no third factory call", async () => {
    // Attempt 1 takes 100 ms and fails; reset() at 10 ms; attempt 2 starts at 20 ms, takes 200 ms and
    // succeeds. Attempt 1's failure, at 100 ms, must not make lazyAsync forget attempt 2.
    const { factory, state } = fakeConnect({ delays: [100, 200], fails: (call) => call === 1 });
    const db = lazyAsync(factory);
    const old = db.get();
    const oldOutcome = Promise.allSettled([old]);
    await vi.advanceTimersByTimeAsync(10);
    db.reset();
    await vi.advanceTimersByTimeAsync(10);
    const current = db.get();
    await vi.advanceTimersByTimeAsync(130); // 150 ms: attempt 1 has failed, attempt 2 still runs
    expect(state.errors).toHaveLength(1);
    const late = db.get();
    await vi.runAllTimersAsync();
    expect((await oldOutcome)[0]).toEqual({ status: "rejected", reason: state.errors[0] });
    expect(await current).toBe(state.made[0]);
    expect(await late).toBe(state.made[0]);
    expect(await db.get()).toBe(state.made[0]);
    expect(state.calls).toBe(2);
  });

  it("runs the factory exactly once and gives every caller the same instance, for 1 to 50 callers and any settle delay", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 1000 }),
        // When each caller asks, in ms; 0 means in the same tick as the first one.
        fc.array(fc.oneof(fc.constant(0), fc.nat({ max: 2000 })), { minLength: 1, maxLength: 50 }),
        async (delay, arrivals) => {
          const { factory, state } = fakeConnect({ delays: [delay] });
          const db = lazyAsync(factory);
          const results: Promise<Connection>[] = [];
          for (const at of arrivals) {
            if (at === 0) results.push(db.get());
            else setTimeout(() => results.push(db.get()), at);
          }
          await vi.runAllTimersAsync();
          const instances = await Promise.all(results);
          expect(state.calls).toBe(1);
          expect(instances).toHaveLength(arrivals.length);
          for (const instance of instances) expect(instance).toBe(state.made[0]);
        },
      ),
    );
  });

  it("calls a factory that fails k times exactly k + 1 times, for any schedule of retrying callers, then always gives the one instance", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 5 }),
        fc.array(fc.nat({ max: 100 }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.nat({ max: 300 }), { minLength: 1, maxLength: 20 }),
        async (k, delays, arrivals) => {
          const { factory, state } = fakeConnect({ delays, fails: (call) => call <= k });
          const db = lazyAsync(factory);
          // Each caller retries after a rejection, giving up after more tries than could be needed.
          const caller = async (): Promise<Connection> => {
            for (let attempt = 0; attempt <= k + 1; attempt++) {
              try {
                return await db.get();
              } catch {
                // that attempt failed: ask again
              }
            }
            throw new Error(`a caller still had no instance after ${k + 2} tries`);
          };
          const results: Promise<Connection>[] = [];
          for (const at of arrivals) setTimeout(() => results.push(caller()), at);
          await vi.runAllTimersAsync();
          const outcomes = await Promise.allSettled(results);
          expect(state.calls).toBe(k + 1);
          const instances = outcomes.map((o) => (o.status === "fulfilled" ? o.value : o.reason));
          for (const instance of instances) expect(instance).toBe(state.made[0]);
          expect(state.made).toEqual([{ id: k + 1 }]);
          expect(await db.get()).toBe(state.made[0]);
          expect(state.calls).toBe(k + 1);
        },
      ),
    );
  });
});

/** Casts a bad value to the parameter's type: what a JavaScript caller, or one with a cast, can pass. */
function asFactory(value: unknown): () => Promise<unknown> {
  return value as () => Promise<unknown>;
}

describe("4. bad input: a factory that is not a function", () => {
  // The workbook's contract (root README): a TypeError that names `factory` and shows a primitive.
  it.each([
    { label: "null", value: null },
    { label: "undefined", value: undefined },
    { label: 'the string "connect"', value: "connect" },
    { label: "the number 42", value: 42 },
    { label: "NaN", value: Number.NaN },
    { label: "the boolean true", value: true },
    { label: "the bigint 10n", value: 10n },
    { label: "the symbol Symbol(connect)", value: Symbol("connect") },
    { label: "an object with a connect method", value: { connect() {} } },
    { label: "an array of functions", value: [() => Promise.resolve(1)] },
  ])("refuses $label at once, in lazyAsync itself: a TypeError naming `factory` that shows the value", ({ value }) => {
    expectRefusal(() => lazyAsync(asFactory(value)), { error: TypeError, param: "factory", value });
  });

  it("refuses a promise (connect() instead of connect) with a TypeError naming `factory`, whose message says it got a promise", () => {
    const called = Promise.resolve({ id: 1 });
    const error = expectRefusal(() => lazyAsync(asFactory(called)), { error: TypeError, param: "factory" });
    expect(error.message).toMatch(/\bpromise\b/i);
  });

  it("refuses any value that is not a function the same way: a TypeError naming `factory` that shows a primitive", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          // -0 is left out: the contract does not yet say whether it is shown as 0 or as -0.
          fc.constantFrom(null, undefined, true, false, 0, Number.NaN, Infinity, -Infinity),
          fc.double().filter((n) => !Object.is(n, -0)),
          fc.bigInt(),
          fc.string(),
          fc.string().map((description) => Symbol(description)),
          fc
            .anything({ withBigInt: true, withMap: true, withSet: true, withDate: true })
            .filter((v) => typeof v !== "function" && !Object.is(v, -0)),
        ),
        (value) => {
          expectRefusal(() => lazyAsync(asFactory(value)), { error: TypeError, param: "factory", value });
        },
      ),
    );
  });
});
