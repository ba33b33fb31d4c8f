import { todo } from "../../tools/kit";

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
  return todo("studyTime(start)");
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
  return todo("createTracker(start)");
}
