/** Alternative: a class with #private fields for the tracker, a closure over a class instance for studyTime. */
export type AddMinutes = (minutes: number) => number;

export interface StudyTracker {
  add(minutes: number): number;
  readonly total: number;
  readonly sessions: readonly number[];
  reset(): void;
}

class Tracker implements StudyTracker {
  readonly #start: number;
  #sessions: number[] = [];
  #total: number;

  constructor(start: number) {
    this.#start = this.#total = valid(start, "start");
    // #private fields live outside the object's properties, so freezing it does not stop them changing.
    Object.freeze(this);
  }

  add(minutes: number): number {
    this.#total += valid(minutes, "minutes");
    this.#sessions.push(minutes);
    return this.#total;
  }

  get total(): number {
    return this.#total;
  }

  get sessions(): readonly number[] {
    return this.#sessions.slice();
  }

  reset(): void {
    this.#sessions = [];
    this.#total = this.#start;
  }
}

export function studyTime(start: number = 0): AddMinutes {
  const tracker = new Tracker(start);
  return (minutes) => tracker.add(minutes);
}

export function createTracker(start: number = 0): StudyTracker {
  return new Tracker(start);
}

function valid(value: unknown, name: string): number {
  if (typeof value !== "number") throw new TypeError(`expected ${name} to be a number but received ${shown(value)}`);
  if (Number.isNaN(value) || value < 0 || value === Infinity) throw new RangeError(`bad ${name} (${shown(value)}): not a finite non-negative number`);
  return value;
}

function shown(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "symbol":
      return value.toString();
    case "function":
      return "a function";
    case "object":
      return value === null ? "null" : Array.isArray(value) ? "an array" : "an object";
    default:
      return String(value);
  }
}
