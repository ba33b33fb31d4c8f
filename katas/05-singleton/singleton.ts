import { todo } from "../../tools/kit";

/** Step 1. The app's settings: a small store of string values by key. */
export interface Settings {
  /** The value stored under `key`, or `undefined` when nothing was ever stored there. */
  get(key: string): string | undefined;
  /** Stores `value` under `key`, replacing what was there. */
  set(key: string, value: string): void;
}

/**
 * Step 1. The one `Settings` object of the app: created once, when this module is evaluated, and
 * shared by every module that imports it.
 */
export const settings: Settings = {
  get(key: string): string | undefined {
    return todo("settings.get(key)");
  },
  set(key: string, value: string): void {
    todo("settings.set(key, value)");
  },
};

/**
 * Step 2. Hands out ids 1, 2, 3, ... to the whole app. There is one generator, so no two callers
 * ever get the same id. Get it with `IdGenerator.instance()`; `new IdGenerator()` does not compile,
 * and throws a `TypeError` at run time for callers TypeScript cannot stop.
 */
export class IdGenerator {
  /** How many generators this module has created: 0 before the first `instance()` call, then 1. */
  static get created(): number {
    return todo("IdGenerator.created");
  }

  /** The one generator, created on the first call (lazily), the same object on every later call. */
  static instance(): IdGenerator {
    return todo("IdGenerator.instance()");
  }

  /** Private: only `IdGenerator.instance()` may create the generator. */
  private constructor() {
    todo("new IdGenerator()");
  }

  /** The next id: 1 for the first call on the app's one generator, then 2, 3, ... */
  next(): number {
    return todo("idGenerator.next()");
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
  return todo("lazyAsync(factory)");
}
