/*
 * Alternative: chained timeouts (each callback schedules the next one, one interval later), a
 * backwards loop, recursion for the pre-2015 fix, one reader function shared by all readers, and
 * error subclasses of the contract's classes.
 */

export type Doubler = () => number;

export const topLevelDoublers: Doubler[] = [];
{
  // A block with a `let` inside: the body block runs anew each round, so `k` is new each time.
  var round = 0;
  while (round < 3) {
    let k = round;
    topLevelDoublers.push(() => k * 2);
    round++;
  }
}

class CountTypeError extends TypeError {
  override name = "CountTypeError";
}
class CountRangeError extends RangeError {
  override name = "CountRangeError";
}

function count(param: string, value: unknown): number {
  if (typeof value === "number") {
    if (value >= 0 && Number.isSafeInteger(value)) return value;
    throw new CountRangeError(`${param}: expected a whole number >= 0, received ${value}`);
  }
  const shown = typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : String(value);
  throw new CountTypeError(`${param}: expected a number, received ${shown}`);
}

export function makeDoublers(n: number): Doubler[] {
  const doublers = new Array<Doubler>(count("n", n));
  for (let i = n - 1; i >= 0; i--) doublers[i] = () => 2 * i;
  return doublers;
}

export function makeDoublersWithoutLet(n: number): Doubler[] {
  count("n", n);
  // Every call of build has its own `j`: the function scope the tutorial adds, by recursion.
  function build(j: number, into: Doubler[]): Doubler[] {
    if (j >= n) return into;
    into.push(function () {
      return 2 * j;
    });
    return build(j + 1, into);
  }
  return build(0, []);
}

export function scheduleEach<T>(items: readonly T[], callback: (item: T, index: number) => void, intervalMs: number): void {
  if (items.length === 0) return;
  const snapshot = items.slice();
  // Each step runs one callback and schedules the next, intervalMs later: the item at `index`
  // runs index * intervalMs after the call.
  const step = (index: number): void => {
    if (index + 1 < snapshot.length) setTimeout(() => step(index + 1), intervalMs);
    callback(snapshot[index] as T, index);
  };
  setTimeout(() => step(0), 0);
}

export type Reader = () => number;

export interface SharedCounter {
  add(delta: number): number;
  readonly readers: readonly Reader[];
}

export function createSharedCounter(readerCount: number): SharedCounter {
  let value = 0;
  const read: Reader = () => value;
  return {
    readers: new Array<Reader>(count("readerCount", readerCount)).fill(read),
    add(delta) {
      value += delta;
      return value;
    },
  };
}
