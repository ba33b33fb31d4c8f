import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTracker, studyTime } from "./counter";

/** Minutes a study session may last: whole minutes, or any finite non-negative number. */
const minutes = fc.oneof(
  fc.nat({ max: 600 }),
  fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
);

/** Values `add` must reject, each with the error class it must throw. */
const invalid = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, -0.5),
  fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
  fc.string(),
  fc.constantFrom(null, undefined, true, {}, [], 10n),
);

/** Running totals: the prefix sums of `inputs`, starting from `start`, added left to right. */
function prefixSums(start: number, inputs: readonly number[]): number[] {
  let total = start;
  return inputs.map((m) => (total += m));
}

describe("1. studyTime(start) returns add(minutes), a running total", () => {
  it("returns 2 after adding 2, then 12 after adding 10 (the tutorial's numbers)", () => {
    const add = studyTime();
    expect(add(2)).toBe(2);
    expect(add(10)).toBe(12);
  });

  it("returns a function", () => {
    expect(studyTime()).toBeTypeOf("function");
  });

  it("accepts zero minutes without changing the total", () => {
    const add = studyTime();
    expect(add(5)).toBe(5);
    expect(add(0)).toBe(5);
  });

  it("returns the prefix sums of the minutes added, for any sequence of valid minutes", () => {
    fc.assert(
      fc.property(fc.array(minutes, { maxLength: 40 }), (inputs) => {
        const add = studyTime();
        expect(inputs.map((m) => add(m))).toEqual(prefixSums(0, inputs));
      }),
    );
  });
});

describe("2. counters are independent, and start where they are told", () => {
  it("keeps two counters apart: adding to one leaves the other as it was", () => {
    const alice = studyTime();
    const bob = studyTime();
    expect(alice(30)).toBe(30);
    expect(bob(5)).toBe(5);
    expect(alice(1)).toBe(31);
  });

  it("starts from `start` when given: studyTime(100) then 20 gives 120", () => {
    const add = studyTime(100);
    expect(add(20)).toBe(120);
  });

  it("starts a new counter from scratch even after another one has counted", () => {
    studyTime()(1000);
    expect(studyTime()(1)).toBe(1);
  });

  it("leaves the global object alone", () => {
    const before = Object.keys(globalThis).sort();
    const add = studyTime(3);
    add(4);
    expect(Object.keys(globalThis).sort()).toEqual(before);
    expect(add(0)).toBe(7);
  });

  it("keeps any number of counters independent when their calls interleave", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1000 }),
        fc.nat({ max: 1000 }),
        fc.array(fc.tuple(fc.boolean(), minutes), { maxLength: 60 }),
        (startA, startB, calls) => {
          const a = studyTime(startA);
          const b = studyTime(startB);
          const model = { a: startA, b: startB };
          for (const [toA, m] of calls) {
            if (toA) expect(a(m)).toBe((model.a += m));
            else expect(b(m)).toBe((model.b += m));
          }
        },
      ),
    );
  });
});

describe("3. bad input is rejected, and the total is unchanged afterwards", () => {
  // `named` matches the value as a whole word: "got -5" names -5, "got -5n" names something else.
  [
    { label: "NaN", value: Number.NaN, error: RangeError, named: /\bNaN\b/ },
    { label: "-5", value: -5, error: RangeError, named: /-5\b/ },
    { label: "Infinity", value: Number.POSITIVE_INFINITY, error: RangeError, named: /\bInfinity\b/ },
    { label: "-Infinity", value: Number.NEGATIVE_INFINITY, error: RangeError, named: /-Infinity\b/ },
    { label: 'the string "10"', value: "10", error: TypeError, named: /"10"/ },
    { label: "undefined", value: undefined, error: TypeError, named: /\bundefined\b/ },
    { label: "null", value: null, error: TypeError, named: /\bnull\b/ },
  ].forEach(({ label, value, error, named }) => {
    it(`rejects ${label} with a ${error.name} whose message names minutes and the value`, () => {
      const add = studyTime();
      add(7);
      expect(() => add(value as number)).toThrow(error);
      expect(() => add(value as number)).toThrow(named);
      expect(() => add(value as number)).toThrow(/\bminutes\b/);
      expect(add(0)).toBe(7);
    });
  });

  [
    { label: "-1", value: -1, error: RangeError, named: /-1\b/ },
    { label: "NaN", value: Number.NaN, error: RangeError, named: /\bNaN\b/ },
    { label: 'the string "0"', value: "0", error: TypeError, named: /"0"/ },
  ].forEach(({ label, value, error, named }) => {
    it(`rejects a start of ${label} with a ${error.name} whose message names start and the value`, () => {
      expect(() => studyTime(value as number)).toThrow(error);
      expect(() => studyTime(value as number)).toThrow(named);
      expect(() => studyTime(value as number)).toThrow(/\bstart\b/);
    });
  });

  it("never lets invalid minutes change the total, wherever they come in a sequence", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(minutes.map((m) => ({ ok: true as const, m })), invalid.map((m) => ({ ok: false as const, m }))), {
          maxLength: 40,
        }),
        (calls) => {
          const add = studyTime();
          let total = 0;
          for (const call of calls) {
            if (call.ok) {
              expect(add(call.m)).toBe((total += call.m));
            } else {
              const error = catchError(() => add(call.m as number));
              expect(error).toBeInstanceOf(typeof call.m === "number" ? RangeError : TypeError);
            }
          }
          expect(add(0)).toBe(total);
        },
      ),
    );
  });
});

describe("4. createTracker(start): state that only its methods can change", () => {
  it("adds sessions and keeps the total: 2 then 10 gives a total of 12 and sessions [2, 10]", () => {
    const tracker = createTracker();
    expect(tracker.add(2)).toBe(2);
    expect(tracker.add(10)).toBe(12);
    expect(tracker.total).toBe(12);
    expect(tracker.sessions).toEqual([2, 10]);
  });

  it("starts at `start`, and reset() goes back to it and forgets the sessions", () => {
    const tracker = createTracker(60);
    tracker.add(15);
    expect(tracker.total).toBe(75);
    tracker.reset();
    expect(tracker.total).toBe(60);
    expect(tracker.sessions).toEqual([]);
    expect(tracker.add(5)).toBe(65);
  });

  it("refuses an assignment to `total` (a TypeError) and keeps the real total", () => {
    const tracker = createTracker();
    tracker.add(3);
    expect(() => {
      (tracker as { total: number }).total = 1000;
    }).toThrow(TypeError);
    expect(tracker.total).toBe(3);
    expect(tracker.add(1)).toBe(4);
  });

  it("hands out a copy of the sessions: pushing to it changes nothing inside", () => {
    const tracker = createTracker();
    tracker.add(1);
    const list = tracker.sessions as number[];
    list.push(99);
    list[0] = 42;
    expect(tracker.sessions).toEqual([1]);
    expect(tracker.total).toBe(1);
  });

  it("has no other way in: no own property holds the total or the sessions", () => {
    const tracker = createTracker();
    tracker.add(8);
    expect(Object.isFrozen(tracker)).toBe(true);
    for (const key of Reflect.ownKeys(tracker)) {
      const descriptor = Object.getOwnPropertyDescriptor(tracker, key);
      if (descriptor && "value" in descriptor) expect(descriptor.value).toBeTypeOf("function");
    }
  });

  it("rejects bad minutes and a bad start like studyTime does, naming them, without recording anything", () => {
    const tracker = createTracker();
    tracker.add(4);
    expect(() => tracker.add(Number.NaN)).toThrow(RangeError);
    expect(() => tracker.add(-3)).toThrow(/\bminutes\b/);
    expect(() => tracker.add(-3)).toThrow(/-3\b/);
    expect(() => tracker.add("4" as unknown as number)).toThrow(TypeError);
    // A bigint is not a number either, and is named with its `n`: 10n, not 10.
    expect(() => tracker.add(10n as unknown as number)).toThrow(TypeError);
    expect(() => tracker.add(10n as unknown as number)).toThrow(/\b10n\b/);
    expect(tracker.sessions).toEqual([4]);
    expect(tracker.total).toBe(4);
    expect(() => createTracker(-1)).toThrow(RangeError);
    expect(() => createTracker(-1)).toThrow(/\bstart\b/);
    expect(() => createTracker(-1)).toThrow(/-1\b/);
  });

  it("reports a total equal to start plus the sessions, whatever a caller does to returned lists", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1000 }),
        fc.array(fc.oneof(minutes.map((m) => ({ add: m })), fc.constant({ reset: true }), fc.constant({ vandalise: true })), {
          maxLength: 40,
        }),
        (start, ops) => {
          const tracker = createTracker(start);
          const model: number[] = [];
          for (const op of ops) {
            if ("add" in op) {
              tracker.add(op.add);
              model.push(op.add);
            } else if ("reset" in op) {
              tracker.reset();
              model.length = 0;
            } else {
              const list = tracker.sessions as number[];
              list.push(1);
              list.reverse();
              list.length = 0;
            }
            expect(tracker.sessions).toEqual(model);
            expect(tracker.total).toBe(prefixSums(start, model).at(-1) ?? start);
          }
        },
      ),
    );
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw, but it returned normally");
}
