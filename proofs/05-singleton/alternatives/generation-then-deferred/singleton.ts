/*
 * Alternative: lazyAsync keeps a generation number instead of comparing promises, starts the factory
 * a microtask after get() (Promise.resolve().then), and uses .then chains only; IdGenerator checks a
 * module-level flag; settings is a closure over a Map made by an IIFE.
 */

/** Step 1. The app's settings: a small store of string values by key. */
export interface Settings {
  /** The value stored under `key`, or `undefined` when nothing was ever stored there. */
  get(key: string): string | undefined;
  /** Stores `value` under `key`, replacing what was there. */
  set(key: string, value: string): void;
}

/** Step 1. The one `Settings` object of the app. */
export const settings: Settings = (() => {
  const store = new Map<string, string>();
  return {
    get: (key: string) => store.get(key),
    set: (key: string, value: string) => {
      store.set(key, value);
    },
  };
})();

let creating = false;
let made = 0;

/** Step 2. Hands out ids 1, 2, 3, ... to the whole app. */
export class IdGenerator {
  private static theOne?: IdGenerator;
  private count = 0;

  /** How many generators this module has created. */
  static get created(): number {
    return made;
  }

  /** The one generator, created on the first call. */
  static instance(): IdGenerator {
    if (!IdGenerator.theOne) {
      creating = true;
      const one = new IdGenerator();
      creating = false;
      IdGenerator.theOne = one;
    }
    return IdGenerator.theOne;
  }

  /** Private: only `IdGenerator.instance()` may create the generator. */
  private constructor() {
    if (!creating) throw new TypeError("use IdGenerator.instance()");
    made += 1;
  }

  /** The next id. */
  next(): number {
    return (this.count += 1);
  }
}

/** Step 3. An instance made on first use by an async factory, and shared by every caller. */
export interface LazyAsync<T> {
  /** The one instance; a rejected attempt is forgotten. */
  get(): Promise<T>;
  /** Forgets the instance (for tests): the next `get()` calls the factory again. */
  reset(): void;
}

/** Steps 3-4. Wraps `factory` so that it runs once, however many callers race for the instance. */
export function lazyAsync<T>(factory: () => Promise<T>): LazyAsync<T> {
  if (typeof factory !== "function") {
    const value: unknown = factory;
    const what =
      value instanceof Promise
        ? "a Promise"
        : typeof value === "string"
          ? JSON.stringify(value)
          : typeof value === "bigint"
            ? `${value}n`
            : typeof value === "symbol"
              ? value.toString()
              : typeof value === "object" && value !== null
                ? "some object"
                : String(value);
    throw new TypeError(`Bad factory: expected () => Promise, received ${what}`);
  }
  let generation = 0;
  let current: Promise<T> | undefined;
  return {
    get() {
      if (current) return current;
      const mine = generation;
      // The factory starts one microtask from now; a synchronous throw becomes a rejection for free.
      current = Promise.resolve().then(() => factory());
      current.then(undefined, () => {
        if (generation === mine) {
          generation += 1;
          current = undefined;
        }
      });
      return current;
    },
    reset() {
      generation += 1;
      current = undefined;
    },
  };
}
