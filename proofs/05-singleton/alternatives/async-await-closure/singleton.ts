/*
 * Alternative: lazyAsync as an async/await closure that keeps a record per attempt (settled or
 * not), starting the factory synchronously inside an async IIFE; IdGenerator with `this` in its
 * static methods; a hand-written description of the refused value.
 */

/** Step 1. The app's settings: a small store of string values by key. */
export interface Settings {
  /** The value stored under `key`, or `undefined` when nothing was ever stored there. */
  get(key: string): string | undefined;
  /** Stores `value` under `key`, replacing what was there. */
  set(key: string, value: string): void;
}

const table = new Map<string, string>();

/** Step 1. The one `Settings` object of the app. */
export const settings: Settings = {
  get(key) {
    return table.has(key) ? table.get(key) : undefined;
  },
  set(key, value) {
    table.set(key, value);
  },
};

/** Step 2. Hands out ids 1, 2, 3, ... to the whole app. */
export class IdGenerator {
  private static single: IdGenerator | null = null;
  private static allowed = false;
  private static made = 0;
  private issued = 0;

  /** How many generators this module has created. */
  static get created(): number {
    return this.made;
  }

  /** The one generator, created on the first call. */
  static instance(): IdGenerator {
    if (this.single === null) {
      this.allowed = true;
      try {
        this.single = new this();
      } finally {
        this.allowed = false;
      }
    }
    return this.single;
  }

  /** Private: only `IdGenerator.instance()` may create the generator. */
  private constructor() {
    if (!IdGenerator.allowed) {
      throw new TypeError("IdGenerator has one instance only; ask IdGenerator.instance() for it");
    }
    IdGenerator.made++;
  }

  /** The next id. */
  next(): number {
    this.issued++;
    return this.issued;
  }
}

/** Step 3. An instance made on first use by an async factory, and shared by every caller. */
export interface LazyAsync<T> {
  /** The one instance; a rejected attempt is forgotten. */
  get(): Promise<T>;
  /** Forgets the instance (for tests): the next `get()` calls the factory again. */
  reset(): void;
}

interface Attempt<T> {
  readonly promise: Promise<T>;
}

/** Steps 3-4. Wraps `factory` so that it runs once, however many callers race for the instance. */
export function lazyAsync<T>(factory: () => Promise<T>): LazyAsync<T> {
  if (typeof factory !== "function") throw new TypeError(`lazyAsync(factory): factory is ${describeValue(factory)}, not a function`);
  let latest: Attempt<T> | null = null;

  const start = (): Attempt<T> => {
    // The record is the latest attempt *before* the factory runs: a factory that throws
    // synchronously reaches the catch below at once, and must find its own record there to forget.
    const attempt: { promise?: Promise<T> } = {};
    latest = attempt as Attempt<T>;
    // An async function runs up to its first await at once: factory() is called right here.
    attempt.promise = (async () => {
      try {
        return await factory();
      } catch (error) {
        if (latest === attempt) latest = null;
        throw error;
      }
    })();
    return attempt as Attempt<T>;
  };

  return {
    async get() {
      return (latest ?? start()).promise;
    },
    reset() {
      latest = null;
    },
  };
}

function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value)}`;
    case "bigint":
      return `${value.toString()}n`;
    case "symbol":
      return String(value);
    case "object":
      if (value === null) return "null";
      if (value instanceof Promise) return "a promise (did you call the factory instead of passing it?)";
      return Array.isArray(value) ? "an array" : "an object";
    default:
      return String(value);
  }
}
