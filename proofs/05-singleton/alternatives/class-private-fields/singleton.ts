/*
 * Alternative: classes with #private fields throughout (a Settings class, a module-level creation
 * token for IdGenerator, a LazyAsync class), messages worded differently within the contract.
 */

/** Step 1. The app's settings: a small store of string values by key. */
export interface Settings {
  /** The value stored under `key`, or `undefined` when nothing was ever stored there. */
  get(key: string): string | undefined;
  /** Stores `value` under `key`, replacing what was there. */
  set(key: string, value: string): void;
}

class SettingsStore implements Settings {
  readonly #values = new Map<string, string>();

  get(key: string): string | undefined {
    return this.#values.get(key);
  }

  set(key: string, value: string): void {
    this.#values.set(key, value);
  }
}

/** Step 1. The one `Settings` object of the app, made when this module is evaluated. */
export const settings: Settings = new SettingsStore();

// Only code of this module can see the token, so only instance() can hand it to the constructor.
let token: symbol | undefined;

/** Step 2. Hands out ids 1, 2, 3, ... to the whole app. */
export class IdGenerator {
  static #one: IdGenerator | undefined;
  static #created = 0;
  #last = 0;

  /** How many generators this module has created. */
  static get created(): number {
    return IdGenerator.#created;
  }

  /** The one generator, created on the first call. */
  static instance(): IdGenerator {
    if (IdGenerator.#one === undefined) {
      const key = Symbol("IdGenerator.instance");
      token = key;
      try {
        IdGenerator.#one = new IdGenerator();
      } finally {
        token = undefined;
      }
    }
    return IdGenerator.#one;
  }

  /** Private: only `IdGenerator.instance()` may create the generator. */
  private constructor() {
    if (token === undefined) {
      throw new TypeError("new IdGenerator() is not allowed: call IdGenerator.instance() for the shared generator");
    }
    IdGenerator.#created++;
  }

  /** The next id. */
  next(): number {
    this.#last += 1;
    return this.#last;
  }
}

/** Step 3. An instance made on first use by an async factory, and shared by every caller. */
export interface LazyAsync<T> {
  /** The one instance; a rejected attempt is forgotten. */
  get(): Promise<T>;
  /** Forgets the instance (for tests): the next `get()` calls the factory again. */
  reset(): void;
}

class Lazy<T> implements LazyAsync<T> {
  readonly #factory: () => Promise<T>;
  #attempt: Promise<T> | null = null;

  constructor(factory: () => Promise<T>) {
    this.#factory = factory;
  }

  get(): Promise<T> {
    if (this.#attempt !== null) return this.#attempt;
    let attempt: Promise<T>;
    try {
      attempt = Promise.resolve(this.#factory());
    } catch (error) {
      attempt = Promise.reject(error);
    }
    const cached = attempt.then(undefined, (error: unknown) => {
      if (this.#attempt === cached) this.#attempt = null;
      return Promise.reject(error);
    });
    this.#attempt = cached;
    return cached;
  }

  reset(): void {
    this.#attempt = null;
  }
}

/** Steps 3-4. Wraps `factory` so that it runs once, however many callers race for the instance. */
export function lazyAsync<T>(factory: () => Promise<T>): LazyAsync<T> {
  if (typeof factory !== "function") {
    throw new TypeError(`factory must be a function (${shown(factory)} given)`);
  }
  // The class's methods use `this`: bind them, so `const { get } = lazyAsync(f)` works too.
  const lazy = new Lazy(factory);
  return { get: () => lazy.get(), reset: () => lazy.reset() };
}

function shown(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "object") {
    return typeof (value as { then?: unknown }).then === "function"
      ? "a promise: pass connect, not connect()"
      : `an ${Array.isArray(value) ? "array" : "object"}`;
  }
  return String(value);
}
