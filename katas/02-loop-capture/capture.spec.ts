import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { expectRefusal } from "../../tools/kit";
import { createSharedCounter, makeDoublers, makeDoublersWithoutLet, scheduleEach, topLevelDoublers } from "./capture";

/** 0, 1, ..., n - 1 */
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** A count n in 0..200 and an order in which to call n functions: a permutation of 0..n-1. */
const countAndOrder = fc
  .integer({ min: 0, max: 200 })
  .chain((n) => fc.tuple(fc.constant(n), fc.shuffledSubarray(range(n), { minLength: n, maxLength: n })));

/**
 * `fn`, run with `Array.prototype.push` limited to `limit` calls: code that loops `n` times before it
 * checks `n` (and `n` is Infinity) stops with an error instead of running for ever.
 */
function withPushLimit<T>(fn: () => T, limit = 10_000): () => T {
  return () => {
    const push = Array.prototype.push;
    let calls = 0;
    Array.prototype.push = function (this: unknown[], ...items: unknown[]): number {
      if (++calls > limit) throw new Error(`${limit} items were pushed before Infinity was refused: check the count before the loop`);
      return push.apply(this, items);
    };
    try {
      return fn();
    } finally {
      Array.prototype.push = push;
    }
  };
}

/** Calls `fns` in `order` and returns the results by index, as if called 0, 1, 2, ... */
function callInOrder(fns: ReadonlyArray<() => number>, order: readonly number[]): number[] {
  const results: number[] = [];
  for (const i of order) {
    const fn = fns[i];
    if (!fn) throw new Error(`expected a function at index ${i}, found ${String(fn)}`);
    results[i] = fn();
  }
  return results;
}

describe("1. topLevelDoublers: the tutorial's loop, at the top level of the module", () => {
  it("holds three functions giving 0, 2, 4, not 6, 6, 6", () => {
    expect(topLevelDoublers).toHaveLength(3);
    expect(topLevelDoublers.map((f) => f())).toEqual([0, 2, 4]);
  });

  it("gives 4, 2, 0 when called last to first, and the same again on a second round", () => {
    const [f0, f1, f2] = topLevelDoublers;
    expect([f2?.(), f1?.(), f0?.()]).toEqual([4, 2, 0]);
    expect([f2?.(), f1?.(), f0?.()]).toEqual([4, 2, 0]);
  });
});

describe("2. makeDoublers(n): n functions, the i-th returns 2 * i", () => {
  it("returns functions giving 0, 2, 4 for n = 3, not 6, 6, 6", () => {
    const [f0, f1, f2] = makeDoublers(3);
    expect([f0?.(), f1?.(), f2?.()]).toEqual([0, 2, 4]);
  });

  it("gives 4, 0, 2 when called in the order f2, f0, f1", () => {
    const [f0, f1, f2] = makeDoublers(3);
    expect([f2?.(), f0?.(), f1?.()]).toEqual([4, 0, 2]);
  });

  it("gives the same answer when a function is called again, after another list was made", () => {
    const first = makeDoublers(4);
    const before = first.map((f) => f());
    makeDoublers(10).forEach((f) => f());
    expect(first.map((f) => f())).toEqual(before);
    expect(before).toEqual([0, 2, 4, 6]);
  });

  it("returns [0, 2, ..., 2(n-1)] for any n in 0..200, whatever order the functions are called in", () => {
    fc.assert(
      fc.property(countAndOrder, ([n, order]) => {
        const fns = makeDoublers(n);
        expect(fns).toHaveLength(n);
        expect(callInOrder(fns, order)).toEqual(range(n).map((i) => 2 * i));
      }),
    );
  });
});

describe("3. makeDoublersWithoutLet(n): the same, fixed with a function scope as the tutorial does", () => {
  it("returns functions giving 0, 2, 4 for n = 3", () => {
    const [f0, f1, f2] = makeDoublersWithoutLet(3);
    expect([f0?.(), f1?.(), f2?.()]).toEqual([0, 2, 4]);
  });

  it("returns [0, 2, ..., 2(n-1)] for any n in 0..200, whatever order the functions are called in", () => {
    fc.assert(
      fc.property(countAndOrder, ([n, order]) => {
        const fns = makeDoublersWithoutLet(n);
        expect(fns).toHaveLength(n);
        expect(callInOrder(fns, order)).toEqual(range(n).map((i) => 2 * i));
      }),
    );
  });

  it("uses no let or const in its body: the fix is a factory or an IIFE, as before ES2015", () => {
    const body = makeDoublersWithoutLet
      .toString()
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    expect(body, "makeDoublersWithoutLet should not declare anything with let or const").not.toMatch(/\b(let|const)\s/);
    expect(makeDoublersWithoutLet(2).map((f) => f())).toEqual([0, 2]);
  });
});

describe("4. scheduleEach(items, callback, intervalMs): callbacks scheduled in a loop", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.clearAllTimers();
    vi.useRealTimers();
  });

  it('calls back with ("a", 0), ("b", 1), ("c", 2), each with its own item and index', () => {
    const calls: Array<[string, number]> = [];
    scheduleEach(["a", "b", "c"], (item, index) => calls.push([item, index]), 100);
    vi.runAllTimers();
    expect(calls).toEqual([
      ["a", 0],
      ["b", 1],
      ["c", 2],
    ]);
  });

  it("calls nothing right away, then the item at index i after i * intervalMs ms", () => {
    const calls: Array<[string, number]> = [];
    scheduleEach(["a", "b", "c"], (item, index) => calls.push([item, index]), 100);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(calls).toEqual([["a", 0]]);
    vi.advanceTimersByTime(99);
    expect(calls).toEqual([["a", 0]]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([
      ["a", 0],
      ["b", 1],
    ]);
    vi.advanceTimersByTime(100);
    expect(calls).toHaveLength(3);
    expect(calls[2]).toEqual(["c", 2]);
  });

  it("keeps two overlapping schedules apart, and hands each callback the item itself, not a copy", () => {
    const start = Date.now();
    const x = { name: "x" };
    const y = { name: "y" };
    const letters: Array<[string, number, number]> = [];
    const objects: Array<[object, number, number]> = [];
    scheduleEach(["a", "b", "c"], (item, index) => letters.push([item, index, Date.now() - start]), 100);
    scheduleEach([x, y], (item, index) => objects.push([item, index, Date.now() - start]), 150);
    vi.runAllTimers();
    expect(letters).toEqual([
      ["a", 0, 0],
      ["b", 1, 100],
      ["c", 2, 200],
    ]);
    expect(objects).toEqual([
      [x, 0, 0],
      [y, 1, 150],
    ]);
    expect(objects[0]?.[0]).toBe(x);
    expect(objects[1]?.[0]).toBe(y);
  });

  it("fires every callback exactly once, with its own (item, index), at index * intervalMs, for any items", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 20 }), fc.integer({ min: 0, max: 1000 }), (items, intervalMs) => {
        vi.clearAllTimers();
        const start = Date.now();
        const calls: Array<{ item: string; index: number; at: number }> = [];
        scheduleEach(items, (item, index) => calls.push({ item, index, at: Date.now() - start }), intervalMs);
        expect(calls).toEqual([]);
        vi.runAllTimers();
        expect(calls).toEqual(items.map((item, index) => ({ item, index, at: index * intervalMs })));
      }),
    );
  });
});

describe("5. createSharedCounter(readerCount): readers that share one live variable", () => {
  it("has readers that see 0, then 5 after add(5), then 7 after add(2)", () => {
    const counter = createSharedCounter(3);
    expect(counter.readers.map((read) => read())).toEqual([0, 0, 0]);
    expect(counter.add(5)).toBe(5);
    expect(counter.readers.map((read) => read())).toEqual([5, 5, 5]);
    expect(counter.add(2)).toBe(7);
    expect(counter.readers.map((read) => read())).toEqual([7, 7, 7]);
  });

  it("keeps two counters apart: adding to one changes what its readers see, not the other's", () => {
    const a = createSharedCounter(2);
    const b = createSharedCounter(2);
    a.add(3);
    expect(a.readers.map((read) => read())).toEqual([3, 3]);
    expect(b.readers.map((read) => read())).toEqual([0, 0]);
  });

  it("has readers that always agree with the value, over any sequence of adds and reads", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.oneof(fc.record({ add: fc.integer({ min: -1000, max: 1000 }) }), fc.record({ read: fc.nat() })), {
          maxLength: 50,
        }),
        (readerCount, ops) => {
          const counter = createSharedCounter(readerCount);
          expect(counter.readers).toHaveLength(readerCount);
          let model = 0;
          for (const op of ops) {
            if ("add" in op) {
              expect(counter.add(op.add)).toBe((model += op.add));
            } else {
              const read = counter.readers[op.read % readerCount];
              expect(read?.()).toBe(model);
            }
          }
          expect(counter.readers.map((read) => read())).toEqual(Array(readerCount).fill(model));
        },
      ),
    );
  });
});

describe("6. bad input: a count that is not a whole number >= 0 is refused (the workbook's contract)", () => {
  const makers = [
    { name: "makeDoublers", make: makeDoublers, param: "n" },
    { name: "makeDoublersWithoutLet", make: makeDoublersWithoutLet, param: "n" },
    { name: "createSharedCounter", make: createSharedCounter, param: "readerCount" },
  ] as const;
  // +Infinity has tests of its own below: code that loops `n` times before checking would never return.
  const cases = [
    { label: "-1", value: -1, error: RangeError },
    { label: "1.5", value: 1.5, error: RangeError },
    { label: "NaN", value: Number.NaN, error: RangeError },
    { label: "-Infinity", value: Number.NEGATIVE_INFINITY, error: RangeError },
    { label: 'the string "3"', value: "3", error: TypeError },
    { label: "undefined", value: undefined, error: TypeError },
    { label: "null", value: null, error: TypeError },
    { label: "true", value: true, error: TypeError },
    { label: "the bigint 3n", value: 3n, error: TypeError },
  ];
  for (const { name, make, param } of makers) {
    for (const { label, value, error } of cases) {
      it(`${name} refuses ${label} with a ${error.name} that names ${param} and shows the value`, () => {
        expectRefusal(() => make(value as number), { error, param, value });
      });
    }
  }

  for (const { name, make, param } of makers) {
    it(`${name} refuses Infinity with a RangeError that names ${param} and shows the value, before any loop`, () => {
      expectRefusal(withPushLimit(() => make(Number.POSITIVE_INFINITY)), { error: RangeError, param, value: Number.POSITIVE_INFINITY });
    });
  }

  for (const { name, make, param } of makers) {
    it(`${name} accepts 0, the smallest count, and refuses -1 just below it`, () => {
      expect(() => make(0), `${name}(0) should be accepted: 0 is a whole number >= 0`).not.toThrow();
      const made = make(0);
      if (Array.isArray(made)) {
        expect(made).toEqual([]);
      } else {
        expect(made.readers).toEqual([]);
        expect(made.add(4)).toBe(4);
      }
      expectRefusal(() => make(-1), { error: RangeError, param, value: -1 });
    });
  }

  for (const { name, make, param } of makers) {
    it(`${name} refuses any negative or fractional count with a RangeError, and any non-number with a TypeError`, () => {
      const bad = fc.oneof(
        fc.integer({ max: -1 }).map((value) => ({ value: value as unknown, error: RangeError })),
        fc
          .double({ noNaN: true, noDefaultInfinity: true, min: -1000, max: 1000 })
          .filter((d) => !Number.isInteger(d))
          .map((value) => ({ value: value as unknown, error: RangeError })),
        fc
          .oneof(
            fc.string().filter((s) => !(Number(s) > 1000)), // "1e9" would make a loop before the check crawl
            fc.boolean(),
            fc.constant(null),
            fc.bigInt({ min: -1000n, max: 1000n }),
          )
          .map((value) => ({ value: value as unknown, error: TypeError })),
      );
      fc.assert(
        fc.property(bad, ({ value, error }) => {
          expectRefusal(() => make(value as number), { error, param, value });
        }),
      );
    });
  }
});
