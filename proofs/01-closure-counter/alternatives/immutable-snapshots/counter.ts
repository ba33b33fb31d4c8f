/** Alternative: immutable snapshots: frozen session arrays handed out as they are, the total derived from them, validation that accepts first */
/**
 * The tracker keeps its sessions as a frozen array that each add
 * replaces, hands that array out as it is (nobody can change it), and derives the total from it.
 * Validation accepts first and classifies the refusal afterwards.
 */
export type AddMinutes = (minutes: number) => number;

export interface StudyTracker {
  add(minutes: number): number;
  readonly total: number;
  readonly sessions: readonly number[];
  reset(): void;
}

export function studyTime(start: number = 0): AddMinutes {
  let total = accept(start, "start");
  return function add(minutes: number): number {
    const valid = accept(minutes, "minutes");
    total = total + valid;
    return total;
  };
}

export function createTracker(start: number = 0): StudyTracker {
  const first = accept(start, "start");
  const empty: readonly number[] = Object.freeze([]);
  let sessions = empty;
  const sum = (): number => sessions.reduce((running, m) => running + m, first);
  return Object.freeze({
    add: (minutes: number): number => {
      sessions = Object.freeze([...sessions, accept(minutes, "minutes")]);
      return sum();
    },
    get total() {
      return sum();
    },
    get sessions() {
      return sessions;
    },
    reset: (): void => {
      sessions = empty;
    },
  });
}

/** Returns `value` when it is a finite number >= 0; otherwise throws, choosing the class afterwards. */
function accept(value: unknown, name: string): number {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  const text = `Expected ${name} to be a finite, non-negative number; received ${printable(value)}.`;
  throw typeof value === "number" ? new RangeError(text) : new TypeError(text);
}

function printable(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.description === undefined ? "Symbol()" : `Symbol(${value.description})`;
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  if (typeof value === "object" && value !== null) return Object.prototype.toString.call(value);
  return `${value}`;
}
