/** Alternative: property descriptors on a prototype-less frozen object; studyTime hands out a tracker's add */
/**
 * The tracker is a prototype-less object built with
 * Object.defineProperties (methods as read-only values, `total` and `sessions` as getters without
 * setters), then frozen; studyTime reuses a tracker and hands out its add, which needs no `this`.
 */
export type AddMinutes = (minutes: number) => number;

export interface StudyTracker {
  add(minutes: number): number;
  readonly total: number;
  readonly sessions: readonly number[];
  reset(): void;
}

export function studyTime(start: number = 0): AddMinutes {
  return createTracker(start).add;
}

export function createTracker(start: number = 0): StudyTracker {
  const initial = check("start", start);
  const state = { total: initial, sessions: [] as number[] };
  const tracker: StudyTracker = Object.defineProperties(Object.create(null), {
    add: {
      enumerable: true,
      value(minutes: number): number {
        const m = check("minutes", minutes);
        state.sessions.push(m);
        return (state.total += m);
      },
    },
    total: { enumerable: true, get: () => state.total },
    sessions: { enumerable: true, get: () => Array.from(state.sessions) },
    reset: {
      enumerable: true,
      value(): void {
        state.total = initial;
        state.sessions = [];
      },
    },
  });
  return Object.freeze(tracker);
}

function check(name: string, value: unknown): number {
  const got = typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : safeString(value);
  if (typeof value !== "number") throw new TypeError(`bad ${name}: ${got} is not a number`);
  if (value !== value || value < 0 || value > Number.MAX_VALUE) throw new RangeError(`bad ${name}: ${got} is not a finite number >= 0`);
  return value;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return "an object";
  }
}
