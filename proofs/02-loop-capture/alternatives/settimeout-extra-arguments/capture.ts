/*
 * Alternative: setTimeout's extra arguments (evaluated when the timer is set) for the callbacks,
 * `for...of` with `const`, a module-level factory with a `while` loop, and a shared state object.
 */

export type Doubler = () => number;

// Array.from's callback runs once per index, each call with its own `i`.
export const topLevelDoublers: readonly Doubler[] = Array.from({ length: 3 }, (_, i) => () => i * 2);

export function makeDoublers(n: number): Doubler[] {
  assertCount(n, "n");
  const doublers: Doubler[] = [];
  // `const` in a for...of head is a new binding per iteration too.
  for (const i of Array(n).keys()) doublers.push(() => i * 2);
  return doublers;
}

/** A factory: every call has a parameter of its own. */
function doublerFor(j: number): Doubler {
  return function () {
    return j * 2;
  };
}

export function makeDoublersWithoutLet(n: number): Doubler[] {
  assertCount(n, "n");
  var doublers: Doubler[] = [];
  var i = 0;
  while (i < n) {
    doublers.push(doublerFor(i));
    i += 1;
  }
  return doublers;
}

export function scheduleEach<T>(items: readonly T[], callback: (item: T, index: number) => void, intervalMs: number): void {
  // One `var i` for the whole loop, but its value is read *now*, as setTimeout's extra arguments.
  for (var i = 0; i < items.length; i++) {
    setTimeout(callback, i * intervalMs, items[i] as T, i);
  }
}

export type Reader = () => number;

export interface SharedCounter {
  add(delta: number): number;
  readonly readers: readonly Reader[];
}

export function createSharedCounter(readerCount: number): SharedCounter {
  assertCount(readerCount, "readerCount");
  // One object, shared by reference: every reader looks at its `value` when called.
  const state = { value: 0 };
  const readers: Reader[] = [];
  while (readers.length < readerCount) readers.push(() => state.value);
  return {
    add: (delta) => (state.value += delta),
    readers,
  };
}

function assertCount(value: unknown, param: string): asserts value is number {
  switch (typeof value) {
    case "number":
      if (Number.isInteger(value) && value >= 0) return;
      throw new RangeError(`invalid ${param} (${value}): a count is a whole number, 0 or more`);
    case "string":
      throw new TypeError(`invalid ${param} (${JSON.stringify(value)}): a count is a number`);
    case "bigint":
      throw new TypeError(`invalid ${param} (${value}n): a count is a number, not a bigint`);
    default:
      throw new TypeError(`invalid ${param} (${String(value)}): a count is a number`);
  }
}
