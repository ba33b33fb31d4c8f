import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
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

  it("gives a second, dynamic import of the module the very same object", async () => {
    const key = `${freshKeys()}font`;
    settings.set(key, "monospace");
    const again = await import("./singleton");
    expect(again.settings).toBe(settings);
    expect(again.settings.get(key)).toBe("monospace");
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
        for (const [throughTheme, name] of writes) {
          if (throughTheme) setTheme(name);
          else settings.set("theme", name);
          expect(currentTheme()).toBe(name);
          expect(settings.get("theme")).toBe(name);
        }
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
          for (const key of ["a", "b", "c", "d", "e"]) {
            expect(settings.get(prefix + key)).toBe(model.get(key));
          }
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
 * given) and fails the calls for which `fails(n)` is true. `calls` counts how often it ran.
 */
function fakeConnect(options: { delays?: readonly number[]; fails?: (call: number) => boolean } = {}) {
  const { delays = [], fails = () => false } = options;
  const state = { calls: 0 };
  const factory = (): Promise<Connection> => {
    const call = ++state.calls;
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        if (fails(call)) reject(new Error(`connect attempt ${call} failed`));
        else resolve({ id: call });
      }, delays[call - 1] ?? 10);
    });
  };
  return { factory, state };
}

describe("3. lazyAsync(factory): one instance, however many callers race for it", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("does not call the factory before the first get()", async () => {
    const { factory, state } = fakeConnect();
    const db = lazyAsync(factory);
    expect(state.calls).toBe(0);
    const connection = db.get();
    expect(state.calls).toBe(1);
    await vi.runAllTimersAsync();
    await expect(connection).resolves.toEqual({ id: 1 });
  });

  it("calls the factory once for two callers who ask before it settles, and gives both the same instance", async () => {
    const { factory, state } = fakeConnect({ delays: [100] });
    const db = lazyAsync(factory);
    const first = db.get();
    await vi.advanceTimersByTimeAsync(50);
    const second = db.get();
    await vi.runAllTimersAsync();
    const [a, b] = await Promise.all([first, second]);
    expect(state.calls).toBe(1);
    expect(a).toBe(b);
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
    expect(state.calls).toBe(1);
  });

  it("passes a rejection to every caller of that attempt, then calls the factory again on the next get()", async () => {
    const { factory, state } = fakeConnect({ fails: (call) => call === 1 });
    const db = lazyAsync(factory);
    const outcomes = Promise.allSettled([db.get(), db.get()]);
    await vi.runAllTimersAsync();
    const [a, b] = await outcomes;
    expect(a).toMatchObject({ status: "rejected", reason: { message: "connect attempt 1 failed" } });
    expect(b).toMatchObject({ status: "rejected", reason: { message: "connect attempt 1 failed" } });
    expect(state.calls).toBe(1);

    const retry = db.get();
    await vi.runAllTimersAsync();
    await expect(retry).resolves.toEqual({ id: 2 });
    expect(state.calls).toBe(2);
  });

  it("turns a factory that throws synchronously into a rejected promise, and tries again next time", async () => {
    let calls = 0;
    const db = lazyAsync((): Promise<Connection> => {
      calls += 1;
      if (calls === 1) throw new Error("no network");
      return Promise.resolve({ id: calls });
    });
    let first: Promise<Connection> | undefined;
    expect(() => {
      first = db.get();
    }).not.toThrow();
    await expect(first).rejects.toThrow("no network");
    await expect(db.get()).resolves.toEqual({ id: 2 });
    expect(calls).toBe(2);
  });

  it("calls the factory again after reset(), and hands out the new instance from then on", async () => {
    const { factory, state } = fakeConnect();
    const db = lazyAsync(factory);
    const before = db.get();
    await vi.runAllTimersAsync();
    db.reset();
    const after = db.get();
    await vi.runAllTimersAsync();
    expect(await before).toEqual({ id: 1 });
    expect(await after).toEqual({ id: 2 });
    expect(await db.get()).toBe(await after);
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
    const late = db.get();
    await vi.runAllTimersAsync();
    expect(await old).toEqual({ id: 1 });
    expect(await current).toEqual({ id: 2 });
    expect(await late).toBe(await current);
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
    const late = db.get();
    await vi.runAllTimersAsync();
    expect((await oldOutcome)[0]).toMatchObject({ status: "rejected", reason: { message: "connect attempt 1 failed" } });
    expect(await current).toEqual({ id: 2 });
    expect(await late).toBe(await current);
    expect(await db.get()).toBe(await current);
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
          for (const instance of instances) expect(instance).toBe(instances[0]);
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
          for (const instance of instances) expect(instance).toEqual({ id: k + 1 });
          for (const instance of instances) expect(instance).toBe(instances[0]);
          expect(await db.get()).toBe(instances[0]);
          expect(state.calls).toBe(k + 1);
        },
      ),
    );
  });
});

describe("4. bad input: a factory that is not a function", () => {
  [
    { label: "null", value: null },
    { label: "undefined", value: undefined },
    { label: "a string", value: "connect" },
    { label: "an object", value: { connect() {} } },
  ].forEach(({ label, value }) => {
    it(`rejects ${label} with a TypeError, at once`, () => {
      expect(() => lazyAsync(value as unknown as () => Promise<unknown>)).toThrow(TypeError);
    });
  });

  it("rejects a promise (connect() instead of connect) with a TypeError that says a function was expected", () => {
    const called = Promise.resolve({ id: 1 });
    expect(() => lazyAsync(called as unknown as () => Promise<Connection>)).toThrow(TypeError);
    expect(() => lazyAsync(called as unknown as () => Promise<Connection>)).toThrow(/function/);
  });

  [
    { label: "null", value: null, named: /\bnull\b/ },
    { label: "undefined", value: undefined, named: /\bundefined\b/ },
    { label: 'the string "connect", in quotes', value: "connect", named: /"connect"/ },
    { label: '"an object"', value: { connect() {} }, named: /\ban object\b/ },
    { label: "the type and value of a number: number 42", value: 42, named: /\bnumber 42\b/ },
    { label: "a Promise, with a hint to pass the function itself", value: Promise.resolve(1), named: /Promise.*function itself/ },
  ].forEach(({ label, value, named }) => {
    it(`names what it got instead of a function in the message: ${label}`, () => {
      expect(() => lazyAsync(value as unknown as () => Promise<unknown>)).toThrow(named);
    });
  });

  it("rejects any value that is not a function with a TypeError", () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true }).filter((v) => typeof v !== "function"),
        (value) => {
          expect(() => lazyAsync(value as () => Promise<unknown>)).toThrow(TypeError);
        },
      ),
    );
  });
});
