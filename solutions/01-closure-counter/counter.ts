/** Adds minutes of study and returns the running total so far. */
export type AddMinutes = (minutes: number) => number;

/**
 * Step 1-3. Returns a fresh `add(minutes)` whose running total starts at `start`.
 *
 * `add` refuses minutes that are not a finite number >= 0, following the workbook's bad-input
 * contract (the lesson's "Bad input: the contract"): a `TypeError` for a value that is not a number,
 * a `RangeError` for `NaN`, `Infinity`, `-Infinity` or a negative number, the message naming
 * `minutes` and showing the value. It throws, and leaves the total unchanged. A bad `start` is
 * refused the same way (naming `start`) by `studyTime` itself. Nothing is written to a global.
 *
 * @example
 *   const add = studyTime();
 *   add(2);  // 2
 *   add(10); // 12
 */
export function studyTime(start: number = 0): AddMinutes {
  // `total` is a binding of this call of studyTime. Every call makes a new one, and the returned
  // function keeps it alive: that is the closure. No `nonlocal` needed: assigning to an outer `let`
  // from an inner function just works in JavaScript.
  let total = checkMinutes(start, "start");
  return (minutes) => {
    // Validate before touching `total`, so a rejected call leaves it as it was.
    total += checkMinutes(minutes, "minutes");
    return total;
  };
}

/** Step 4. A study tracker whose state lives in a closure and changes only through its methods. */
export interface StudyTracker {
  /** Records one session and returns the new total. Same rules as `add` from `studyTime`. */
  add(minutes: number): number;
  /** The running total, `start` plus every recorded session. Read-only. */
  readonly total: number;
  /** The recorded sessions, oldest first: a copy (or an array nobody can change), so nothing a caller does to it changes the tracker. */
  readonly sessions: readonly number[];
  /** Forgets every session: the total goes back to `start`. */
  reset(): void;
}

/**
 * Step 4. Creates a tracker whose total starts at `start` (refused as in `studyTime`). The tracker is
 * frozen, `total` has no setter, and no own property of the tracker holds data.
 */
export function createTracker(start: number = 0): StudyTracker {
  const base = checkMinutes(start, "start");
  // The only state: two bindings that nothing outside this function can reach.
  let total = base;
  const sessions: number[] = [];

  // Frozen, with a getter and no setter: assigning `tracker.total` throws in strict code (every ES
  // module is strict) instead of quietly desynchronising the total from the sessions.
  return Object.freeze({
    add(minutes: number): number {
      const checked = checkMinutes(minutes, "minutes");
      sessions.push(checked);
      total += checked;
      return total;
    },
    get total(): number {
      return total;
    },
    get sessions(): readonly number[] {
      // A copy: handing out `sessions` itself would let any caller rewrite the history.
      return [...sessions];
    },
    reset(): void {
      sessions.length = 0;
      total = base;
    },
  });
}

function checkMinutes(value: unknown, what: string): number {
  if (typeof value !== "number") {
    throw new TypeError(`${what} must be a number, got ${describe(value)}`);
  }
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} must be a finite number >= 0, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value); // e.g. Object.create(null) has no toString
  }
}
