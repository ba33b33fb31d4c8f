import { todo } from "../../tools/kit";

/** Adds minutes of study and returns the running total so far. */
export type AddMinutes = (minutes: number) => number;

/**
 * Step 1-3. Returns a fresh `add(minutes)` whose running total starts at `start`.
 *
 * `add` rejects minutes that are not a finite number >= 0 (a `TypeError` for a non-number, a
 * `RangeError` otherwise, the message naming the value) and leaves the total unchanged when it does.
 * `start` follows the same rule.
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
  /** The recorded sessions, oldest first: a copy, so changing it changes nothing in the tracker. */
  readonly sessions: readonly number[];
  /** Forgets every session: the total goes back to `start`. */
  reset(): void;
}

/** Step 4. Creates a tracker whose total starts at `start`. */
export function createTracker(start: number = 0): StudyTracker {
  return todo("createTracker(start)");
}
