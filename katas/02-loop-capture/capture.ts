/*
 * A "fix the bug" kata: this file runs, but it is wrong. The spec says where; fix it in place.
 * (Step 6's checks are missing altogether: add them.)
 */

/** A function of no arguments that returns a number it captured. */
export type Doubler = () => number;

/**
 * Step 1. The tutorial's program, at the top level of this module (in no function at all): three
 * functions made in a loop; the i-th returns `2 * i`.
 */
export const topLevelDoublers: Doubler[] = [];
for (var i = 0; i < 3; i++) {
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
  const doublers: Doubler[] = [];
  for (var i = 0; i < n; i++) {
    doublers.push(() => 2 * i);
  }
  return doublers;
}

/**
 * Step 3. The same as `makeDoublers`, fixed the way the tutorial (and JavaScript before 2015) does
 * it: with a function scope (a factory or an IIFE), without `let` or `const`.
 */
export function makeDoublersWithoutLet(n: number): Doubler[] {
  var doublers: Doubler[] = [];
  for (var i = 0; i < n; i++) {
    doublers.push(function () {
      return 2 * i;
    });
  }
  return doublers;
}

/**
 * Step 4. Schedules `callback(item, index)` for every item with `setTimeout`: the item at `index`
 * runs `index * intervalMs` ms from now (nothing runs during the call itself), each exactly once with
 * its own index and the item itself.
 */
export function scheduleEach<T>(items: readonly T[], callback: (item: T, index: number) => void, intervalMs: number): void {
  for (var i = 0; i < items.length; i++) {
    setTimeout(() => callback(items[i]!, i), i * intervalMs);
  }
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
  let value = 0;
  const readers: Reader[] = [];
  for (let i = 0; i < readerCount; i++) {
    const snapshot = value; // capture the value, as we learned to do in the loop
    readers.push(() => snapshot);
  }
  return {
    add(delta: number): number {
      value += delta;
      return value;
    },
    readers,
  };
}
