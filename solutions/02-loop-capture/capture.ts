/** A function of no arguments that returns a number it captured. */
export type Doubler = () => number;

/**
 * Step 1. The tutorial's program, at the top level of this module (in no function at all): three
 * functions made in a loop; the i-th returns `2 * i`.
 */
export const topLevelDoublers: Doubler[] = [];
// The top level of a module is a scope like any other: with `var` there would be one `i` for the
// whole module (3 once the loop is over, so 6, 6, 6); `let` in the for head makes one per iteration,
// here as inside a function. (In Python, the tutorial's `i` at this level is a global.)
for (let i = 0; i < 3; i++) {
  topLevelDoublers.push(() => i * 2);
}

/**
 * Step 2. Returns `n` functions; the i-th returns `2 * i`, whatever order they are called in.
 * Rejects an `n` that is not a whole number >= 0 (step 6).
 *
 * @example
 *   const [f0, f1, f2] = makeDoublers(3);
 *   [f0(), f1(), f2()]; // [0, 2, 4]
 */
export function makeDoublers(n: number): Doubler[] {
  checkCount(n, "n");
  const doublers: Doubler[] = [];
  // `let` in a for head makes a fresh binding of `i` for every iteration (copied from the previous
  // one), so each arrow closes over its own `i`. With `var` there is one `i` for the whole call, and
  // every arrow reads it after the loop has pushed it to `n`.
  for (let i = 0; i < n; i++) {
    doublers.push(() => 2 * i);
  }
  return doublers;
}

/**
 * Step 3. The same as `makeDoublers`, fixed the way the tutorial (and JavaScript before 2015) does
 * it: with a function scope (a factory or an IIFE), without `let` or `const`.
 */
export function makeDoublersWithoutLet(n: number): Doubler[] {
  checkCount(n, "n");
  var doublers: Doubler[] = [];
  for (var i = 0; i < n; i++) {
    // Calling a function creates a new scope: `j` is a new binding per call, holding the value `i`
    // had *at that moment*. This is the tutorial's extra function, written as an IIFE.
    doublers.push(
      (function (j: number): Doubler {
        return function () {
          return 2 * j;
        };
      })(i),
    );
  }
  return doublers;
}

/**
 * Step 4. Schedules `callback(item, index)` for every item with `setTimeout`: the item at `index`
 * runs `index * intervalMs` ms from now (nothing runs during the call itself), each exactly once with
 * its own index and the item itself.
 */
export function scheduleEach<T>(items: readonly T[], callback: (item: T, index: number) => void, intervalMs: number): void {
  // A callback runs after the loop is over, so it must capture bindings the loop will not change:
  // forEach calls our arrow once per item, and each call has its own `item` and `index`.
  items.forEach((item, index) => {
    setTimeout(() => callback(item, index), index * intervalMs);
  });
}

/** Step 5. A function that reads the shared value. */
export type Reader = () => number;

/** Step 5. One shared number and the functions that read it. */
export interface SharedCounter {
  /** Adds `delta` to the shared value and returns the new value. */
  add(delta: number): number;
  /** `readerCount` functions, each returning the shared value as it is *now*, not as it was. */
  readonly readers: readonly Reader[];
}

/**
 * Step 5. A counter that starts at 0 and `readerCount` readers of it that always agree with it.
 * Rejects a `readerCount` that is not a whole number >= 0 (step 6).
 */
export function createSharedCounter(readerCount: number): SharedCounter {
  checkCount(readerCount, "readerCount");
  let value = 0;
  // Here sharing is the point: every reader closes over the same `value` binding, so a change made
  // by `add` is seen by all of them. Copying it into a per-iteration `const` would freeze it at 0.
  const readers = Array.from({ length: readerCount }, (): Reader => () => value);
  return {
    add(delta: number): number {
      value += delta;
      return value;
    },
    readers,
  };
}

/** Refuses a count that is not a whole number >= 0, following the workbook's bad-input contract. */
function checkCount(value: unknown, what: string): number {
  if (typeof value !== "number") {
    throw new TypeError(`${what} must be a number, got ${shown(value)}`);
  }
  // Number.isInteger is false for NaN, Infinity and fractions alike.
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole number >= 0, got ${shown(value)}`);
  }
  return value;
}

/** A refused value as the contract shows it: strings quoted, bigints with their `n`. */
function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  return typeof value === "object" && value !== null ? "an object" : String(value);
}
