/*
 * Alternative: a class with a #private field for the shared counter, Array.from callbacks for the
 * doublers, a named factory function for the pre-2015 fix, `let` in scheduleEach's loop head.
 */

export type Doubler = () => number;

// The tutorial's own fix, at the top level too: one more function, whose parameter is new per call.
function doubling(x: number): Doubler {
  return () => x * 2;
}
export const topLevelDoublers: Doubler[] = [];
for (var i = 0; i < 3; i++) topLevelDoublers.push(doubling(i));

export function makeDoublers(n: number): Doubler[] {
  requireCount("n", n);
  // The callback of Array.from is called once per index: each call has its own `i`.
  return Array.from({ length: n }, (_, i): Doubler => () => 2 * i);
}

export function makeDoublersWithoutLet(n: number): Doubler[] {
  requireCount("n", n);
  // A named factory: each call of doublerOf makes a new binding `j`.
  function doublerOf(j: number): Doubler {
    return function () {
      return j + j;
    };
  }
  var out: Doubler[] = [];
  for (var i = 0; i < n; i++) out.push(doublerOf(i));
  return out;
}

export function scheduleEach<T>(items: readonly T[], callback: (item: T, index: number) => void, intervalMs: number): void {
  // `let` in the head: every iteration has its own `index`, read when the timer fires.
  for (let index = 0; index < items.length; index++) {
    setTimeout(() => callback(items[index] as T, index), index * intervalMs);
  }
}

export type Reader = () => number;

export interface SharedCounter {
  add(delta: number): number;
  readonly readers: readonly Reader[];
}

class Counter implements SharedCounter {
  #value = 0;
  readonly readers: readonly Reader[];

  constructor(readerCount: number) {
    // Arrows keep `this`: every reader reads the one #value of this instance.
    this.readers = Array.from({ length: readerCount }, () => () => this.#value);
  }

  add(delta: number): number {
    this.#value += delta;
    return this.#value;
  }
}

export function createSharedCounter(readerCount: number): SharedCounter {
  requireCount("readerCount", readerCount);
  return new Counter(readerCount);
}

function requireCount(name: string, value: unknown): void {
  if (typeof value !== "number") {
    const shown = typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : String(value);
    throw new TypeError(`expected ${name} to be a number, but received ${shown}`);
  }
  if (Number.isNaN(value) || !Number.isFinite(value) || value < 0 || value % 1 !== 0) {
    throw new RangeError(`expected ${name} to be a whole number >= 0, but received ${value}`);
  }
}
