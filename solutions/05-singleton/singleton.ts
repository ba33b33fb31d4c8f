/** Step 1. The app's settings: a small store of string values by key. */
export interface Settings {
  /** The value stored under `key`, or `undefined` when nothing was ever stored there. */
  get(key: string): string | undefined;
  /** Stores `value` under `key`, replacing what was there. */
  set(key: string, value: string): void;
}

// Module-level state. An ES module is evaluated once per module graph (once per realm, so once per
// worker thread too), and every `import` of it gets the same bindings: this Map, and the object below,
// exist once. That is the whole Python-style singleton: no class needed.
const values = new Map<string, string>();

/**
 * Step 1. The one `Settings` object of the app: created once, when this module is evaluated, and
 * shared by every module that imports it.
 */
export const settings: Settings = {
  get(key: string): string | undefined {
    return values.get(key);
  },
  set(key: string, value: string): void {
    values.set(key, value);
  },
};

/**
 * Step 2. Hands out ids 1, 2, 3, ... to the whole app. There is one generator, so no two callers
 * ever get the same id. Get it with `IdGenerator.instance()`; `new IdGenerator()` does not compile,
 * and throws a `TypeError` at run time for callers TypeScript cannot stop.
 */
export class IdGenerator {
  private static one: IdGenerator | undefined;
  // True only while instance() runs the constructor: `private` is erased from the JavaScript, so
  // this is what turns away `new (IdGenerator as any)()` and plain JavaScript callers.
  private static creating = false;
  private static count = 0;
  private last = 0;

  /** How many generators this module has created: 0 before the first `instance()` call, then 1. */
  static get created(): number {
    return IdGenerator.count;
  }

  /** The one generator, created on the first call (lazily), the same object on every later call. */
  static instance(): IdGenerator {
    if (IdGenerator.one === undefined) {
      IdGenerator.creating = true;
      try {
        IdGenerator.one = new IdGenerator();
      } finally {
        IdGenerator.creating = false;
      }
    }
    return IdGenerator.one;
  }

  /** Private: only `IdGenerator.instance()` may create the generator. */
  private constructor() {
    if (!IdGenerator.creating) {
      throw new TypeError("IdGenerator is a singleton: use IdGenerator.instance(), not new IdGenerator()");
    }
    IdGenerator.count += 1;
  }

  /** The next id: 1 for the first call on the app's one generator, then 2, 3, ... */
  next(): number {
    return ++this.last;
  }
}

/** Step 3. An instance made on first use by an async factory, and shared by every caller. */
export interface LazyAsync<T> {
  /**
   * The one instance. The first call starts `factory()`; every call made before it settles shares
   * that same attempt. A fulfilled attempt is kept for good; a rejected one is forgotten, so the next
   * `get()` calls the factory again.
   */
  get(): Promise<T>;
  /** Forgets the instance (for tests): the next `get()` calls the factory again. */
  reset(): void;
}

/**
 * Step 3-4. Wraps `factory` so that it runs once, however many callers race for the instance.
 * A `factory` that is not a function is a `TypeError`, thrown here, at once.
 *
 * @example
 *   const db = lazyAsync(() => connect("sqlite://app.db"));
 *   const [a, b] = await Promise.all([db.get(), db.get()]); // one connect(), a === b
 */
export function lazyAsync<T>(factory: () => Promise<T>): LazyAsync<T> {
  if (typeof factory !== "function") {
    throw new TypeError(`lazyAsync needs a factory function, got ${describe(factory)}`);
  }
  // Cache the *promise*, not the value: it exists from the first call on, so a caller who comes
  // while the factory is still running finds it and waits on the same attempt. Caching the value
  // after `await` leaves a window in which every caller starts its own factory().
  let pending: Promise<T> | undefined;

  return {
    get(): Promise<T> {
      if (pending === undefined) {
        // new Promise(...) turns a factory that throws synchronously into a rejection too.
        const attempt: Promise<T> = new Promise<T>((resolve) => resolve(factory())).catch((error: unknown) => {
          // Forget a failed attempt, so the next get() retries: but only if it is still ours (a
          // reset() and a newer attempt may have come in the meantime).
          if (pending === attempt) pending = undefined;
          throw error;
        });
        pending = attempt;
      }
      return pending;
    },
    reset(): void {
      // An attempt still running is left to finish for the callers who wait on it; it is simply no
      // longer the cached one.
      pending = undefined;
    },
  };
}

// What the message shows of a refused value, the workbook's way (root README, "Bad input"): a
// primitive as JavaScript writes it in code (strings quoted, bigints with their `n`), an object in
// words, and for a promise a hint, since `lazyAsync(connect())` is the mistake a caller makes.
function describe(value: unknown): string {
  if (value instanceof Promise) return "a Promise (pass the function itself, not the result of calling it)";
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value)}`;
    case "bigint":
      return `bigint ${value}n`;
    case "symbol":
      return `symbol ${value.toString()}`;
    case "undefined":
      return "undefined";
    case "object":
      if (value === null) return "null";
      return Array.isArray(value) ? "an array" : "an object";
    default:
      return `${typeof value} ${String(value)}`;
  }
}
