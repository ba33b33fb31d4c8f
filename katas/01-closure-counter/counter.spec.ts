import fc from "fast-check";
import { assert, describe, expect, it } from "vitest";
import { expectRefusal, NotImplementedError, show } from "../../tools/kit";
import { createTracker, studyTime } from "./counter";

/*
 * Bad input is checked against the workbook's one contract (see the lesson, "Bad input: the
 * contract"): the error class, the parameter named, the value shown. `expectRefusal` checks exactly
 * those three points and nothing about the rest of your message.
 */

/**
 * Minutes a study session may last, whole or fractional. Fractions are quarters of a minute, so that
 * every sum is exact and the order in which an implementation adds never matters here.
 */
const minutes = fc.oneof(
  fc.nat({ max: 600 }),
  fc.integer({ min: 0, max: 4 * 600 }).map((quarters) => quarters / 4),
);

/** Values `add` must refuse: every number here is out of range, everything else is not a number. */
const invalid = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, -0.5),
  fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
  fc.string(),
  fc.constantFrom<unknown>(null, undefined, true, false, {}, [], [5], 10n, Symbol("x"), () => 1),
);

/**
 * Calls `run` and returns what it returned. A valid call must not throw: if it does, the test fails
 * saying which call was refused and with what (the stub's not-implemented error goes through as is).
 */
function accepted<T>(call: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return assert.fail(`expected ${call} to be accepted, but it threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}

/** Running totals: the prefix sums of `inputs`, starting from `start`. */
function prefixSums(start: number, inputs: readonly number[]): number[] {
  let total = start;
  return inputs.map((m) => (total += m));
}

/** The class the contract wants for a refused value: RangeError for a number, TypeError otherwise. */
function errorFor(value: unknown): typeof RangeError | typeof TypeError {
  return typeof value === "number" ? RangeError : TypeError;
}

/** How a test name shows a refused value: as the contract writes it, or in words for an object. */
function label(value: unknown): string {
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === null) return "an object without a prototype";
  if (Array.isArray(value)) return `the array [${value.join(", ")}]`;
  if (typeof value === "object" && value !== null) return "an object";
  if (typeof value === "function") return "a function";
  return typeof value === "string" ? `the string ${show(value)}` : (show(value) ?? String(value));
}

/** Every own property of the global object, as its descriptor: what a write to a global would change. */
function globals(): Map<PropertyKey, PropertyDescriptor | undefined> {
  // Names only: Node itself keeps symbol-keyed globals that appear lazily (Node 22's fetch adds
  // Symbol(undici.globalDispatcher.1) the first time anything in the thread uses it); a learner's
  // global is a name.
  return new Map(Object.getOwnPropertyNames(globalThis).map((key) => [key, Object.getOwnPropertyDescriptor(globalThis, key)]));
}

/** The globals that differ between two snapshots: added, removed, or holding another value. */
function changedGlobals(before: Map<PropertyKey, PropertyDescriptor | undefined>, after: Map<PropertyKey, PropertyDescriptor | undefined>): string[] {
  const changed: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    const same = a !== undefined && b !== undefined && Object.is(a.value, b.value) && a.get === b.get && a.set === b.set;
    if (!same) changed.push(String(key));
  }
  return changed;
}

/**
 * What a careless caller does to the list `sessions` handed out: pushes to it, overwrites an entry,
 * reverses and empties it. A frozen array may refuse (it throws in strict code): that is fine too,
 * the lesson only asks that nothing a caller does to it changes the tracker.
 */
function vandalise(list: readonly number[]): void {
  const writable = list as number[];
  const attempts = [() => writable.push(99), () => (writable[0] = 42), () => writable.reverse(), () => (writable.length = 0)];
  for (const attempt of attempts) {
    try {
      attempt();
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
    }
  }
}

/** Values `add` must refuse, one test each, with the error class the contract gives them. */
const badMinutes: { value: unknown; error: typeof RangeError | typeof TypeError }[] = [
  { value: Number.NaN, error: RangeError },
  { value: -5, error: RangeError },
  { value: -0.5, error: RangeError },
  { value: Number.POSITIVE_INFINITY, error: RangeError },
  { value: Number.NEGATIVE_INFINITY, error: RangeError },
  { value: "10", error: TypeError },
  { value: 'say "hi"', error: TypeError },
  { value: undefined, error: TypeError },
  { value: null, error: TypeError },
  { value: true, error: TypeError },
  { value: 10n, error: TypeError },
  { value: Symbol("x"), error: TypeError },
  { value: [5], error: TypeError },
  { value: Object.create(null), error: TypeError },
];

/** Starts `studyTime` and `createTracker` must refuse, one test each. */
const badStarts: { value: unknown; error: typeof RangeError | typeof TypeError }[] = [
  { value: -1, error: RangeError },
  { value: Number.NaN, error: RangeError },
  { value: Number.POSITIVE_INFINITY, error: RangeError },
  { value: "0", error: TypeError },
  { value: null, error: TypeError },
];

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
    expect(accepted("add(0)", () => add(0))).toBe(5);
  });

  it("accepts fractions of a minute: 1.5 then 0.25 gives 1.5, then 1.75", () => {
    const add = studyTime();
    expect(accepted("add(1.5)", () => add(1.5))).toBe(1.5);
    expect(accepted("add(0.25)", () => add(0.25))).toBe(1.75);
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
    expect(bob(0)).toBe(5);
  });

  it("starts from `start` when given: studyTime(100) then 20 gives 120", () => {
    const add = studyTime(100);
    expect(add(20)).toBe(120);
  });

  it("starts a new counter from scratch even after another one has counted", () => {
    studyTime()(1000);
    expect(studyTime()(1)).toBe(1);
  });

  // The tutorial's point: its closure version prints the global `time` after each call, and it stays 0.
  // In TypeScript the matching claim is that counting writes nothing to the global object.
  it("writes nothing to a global: globalThis has the same properties, with the same values, after counting", () => {
    const before = globals();
    const add = studyTime(3);
    add(4);
    add(2);
    const tracker = createTracker(1);
    tracker.add(5);
    tracker.reset();
    expect(changedGlobals(before, globals())).toEqual([]);
    expect(add(0)).toBe(9);
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
  for (const { value, error } of badMinutes) {
    it(`rejects ${label(value)} with a ${error.name} naming minutes and showing the value, and keeps the total`, () => {
      const add = studyTime();
      add(7);
      expectRefusal(() => add(value as number), { error, param: "minutes", value });
      expect(add(0)).toBe(7);
    });
  }

  for (const { value, error } of badStarts) {
    it(`rejects a start of ${label(value)} with a ${error.name} naming start and showing the value, at the call of studyTime itself`, () => {
      expectRefusal(() => studyTime(value as number), { error, param: "start", value });
    });
  }

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
            if (call.ok) expect(add(call.m)).toBe((total += call.m));
            else expectRefusal(() => add(call.m as number), { error: errorFor(call.m), param: "minutes", value: call.m });
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
    expect(tracker.total).toBe(60);
    expect(tracker.add(15)).toBe(75);
    expect(tracker.total).toBe(75);
    tracker.reset();
    expect(tracker.total).toBe(60);
    expect(tracker.sessions).toEqual([]);
    expect(tracker.add(5)).toBe(65);
    expect(tracker.sessions).toEqual([5]);
  });

  it("keeps two trackers apart: adding to or resetting one leaves the other as it was", () => {
    const alice = createTracker();
    const bob = createTracker(100);
    alice.add(30);
    bob.add(5);
    alice.add(1);
    expect(alice.sessions).toEqual([30, 1]);
    expect(bob.sessions).toEqual([5]);
    bob.reset();
    expect(alice.total).toBe(31);
    expect(alice.sessions).toEqual([30, 1]);
    expect(bob.total).toBe(100);
    expect(bob.sessions).toEqual([]);
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

  it("hands out a copy of the sessions: changing it changes nothing inside", () => {
    const tracker = createTracker();
    tracker.add(1);
    vandalise(tracker.sessions);
    expect(tracker.sessions).toEqual([1]);
    expect(tracker.total).toBe(1);
    expect(tracker.add(2)).toBe(3);
    expect(tracker.sessions).toEqual([1, 2]);
  });

  it("has no other way in: the tracker is frozen, and no own property holds the total or the sessions", () => {
    const tracker = createTracker();
    tracker.add(8);
    expect(Object.isFrozen(tracker)).toBe(true);
    const data = Reflect.ownKeys(tracker).filter((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(tracker, key);
      return descriptor !== undefined && "value" in descriptor && typeof descriptor.value !== "function";
    });
    expect(data.map(String)).toEqual([]);
  });

  for (const { value, error } of badMinutes) {
    it(`add rejects ${label(value)} with a ${error.name} naming minutes, and records nothing`, () => {
      const tracker = createTracker();
      tracker.add(4);
      expectRefusal(() => tracker.add(value as number), { error, param: "minutes", value });
      expect(tracker.sessions).toEqual([4]);
      expect(tracker.total).toBe(4);
    });
  }

  for (const { value, error } of badStarts) {
    it(`rejects a start of ${label(value)} with a ${error.name} naming start and showing the value, at the call of createTracker itself`, () => {
      expectRefusal(() => createTracker(value as number), { error, param: "start", value });
    });
  }

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
              expect(tracker.add(op.add)).toBe(prefixSums(start, [...model, op.add]).at(-1));
              model.push(op.add);
            } else if ("reset" in op) {
              tracker.reset();
              model.length = 0;
            } else {
              vandalise(tracker.sessions);
            }
            expect(tracker.sessions).toEqual(model);
            expect(tracker.total).toBe(prefixSums(start, model).at(-1) ?? start);
          }
        },
      ),
    );
  });
});
