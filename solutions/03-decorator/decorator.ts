/**
 * Any function, methods with a `this` included: the constraint of every wrapper in this kata.
 * (`never` in the parameter positions makes every function assignable to it.)
 */
export type AnyFunction = (this: never, ...args: never[]) => unknown;

/** Any function that returns a promise: what `retry` accepts. */
export type AsyncFunction = (this: never, ...args: never[]) => Promise<unknown>;

/** Step 1. What `logged` reports: one entry before the call, one after it returned or threw. */
export type LogEntry =
  | { readonly phase: "call"; readonly name: string; readonly args: readonly unknown[] }
  | { readonly phase: "return"; readonly name: string; readonly args: readonly unknown[]; readonly result: unknown }
  | { readonly phase: "throw"; readonly name: string; readonly args: readonly unknown[]; readonly error: unknown };

/** Step 1. Where `logged` writes its entries. */
export type Log = (entry: LogEntry) => void;

/**
 * Step 1. Wraps `fn` so that every call is logged: `{ phase: "call" }` before, then
 * `{ phase: "return", result }` or `{ phase: "throw", error }` after. Transparent, like every wrapper
 * of the kata: `fn` gets the caller's `this` and every argument; the wrapper returns what `fn` returns
 * and throws the very value it throws, and has the same `name` and `length` as `fn`.
 * Refuses (step 7) an `fn` or a `log` that is not a function with a `TypeError`.
 *
 * @example
 *   const now = logged(function now() { return "2015-3-25"; }, console.log);
 *   now(); // logs { phase: "call", name: "now", args: [] }, then the return; gives "2015-3-25"
 */
export function logged<F extends AnyFunction>(fn: F, log: Log): F {
  checkFunction(fn, "fn");
  checkFunction(log, "log");
  const name = fn.name;
  // A `function`, not an arrow: an arrow would ignore the `this` the caller supplies.
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    log({ phase: "call", name, args });
    let result: unknown;
    try {
      result = Reflect.apply(fn, this, args);
    } catch (error) {
      log({ phase: "throw", name, args, error });
      throw error; // the same error, untouched: callers may be catching it by class or identity
    }
    log({ phase: "return", name, args, result });
    return result;
  };
  return sameShape(wrapper, fn);
}

/** Step 2. One measurement: how long a call of the function named `name` took. */
export interface Timing {
  /** The wrapped function's name. */
  readonly name: string;
  /** Milliseconds between the start and the end of the call, by the clock's `now()`. */
  readonly ms: number;
  /** `true` when the call returned, `false` when it threw. */
  readonly ok: boolean;
}

/**
 * Step 2. The clock `timed` reads and reports to: `performance` in real code, a fake in tests.
 * `timed` calls both as methods of the clock (`clock.now()`), so a class instance works as a clock.
 */
export interface Clock {
  /** The current time in milliseconds. */
  now(): number;
  /** Receives one timing per call, once the call has returned or thrown. */
  report(timing: Timing): void;
}

/**
 * Step 2. Wraps `fn` so that every call reports its duration to `clock.report`, measured with
 * `clock.now()`, once it returned (`ok: true`, whatever it returned) or threw (`ok: false`), and never
 * before. Transparent like `logged`. Refuses a non-function `fn`, and a `clock` that is not an object
 * with `now` and `report` functions, with a `TypeError`.
 */
export function timed<F extends AnyFunction>(fn: F, clock: Clock): F {
  checkFunction(fn, "fn");
  if (typeof clock?.now !== "function" || typeof clock.report !== "function") {
    throw new TypeError(`clock must be an object with now() and report(timing) methods, got ${show(clock)}`);
  }
  const name = fn.name;
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    const start = clock.now();
    let ok = false;
    try {
      const result: unknown = Reflect.apply(fn, this, args);
      ok = true;
      return result;
    } finally {
      // `finally` runs on return and on throw alike, without catching (or changing) the error.
      clock.report({ name, ms: clock.now() - start, ok });
    }
  };
  return sameShape(wrapper, fn);
}

/** Step 3. A view of a memoized function's cache. */
export interface MemoCache {
  /** How many results are cached (one per distinct key). */
  readonly size: number;
  /** Forgets every cached result. */
  clear(): void;
}

/** Step 3. A memoized function: the same function, plus its `cache`. */
export type Memoized<F extends AnyFunction> = F & { readonly cache: MemoCache };

/**
 * Step 3. Wraps `fn` so that it runs once per distinct key; later calls with the same key return the
 * cached result itself, whatever it is (`undefined` included). The key is `key(...args)`, by default
 * `JSON.stringify(args)` (all the arguments). Each memoized function has a cache of its own. A call
 * that throws caches nothing. A returned promise is cached while pending (callers share that very
 * promise) and forgotten once it rejects, if it is still the one cached. Transparent like `logged`.
 * Refuses a non-function `fn`, or a `key` given that is not a function, with a `TypeError`.
 */
export function memoize<F extends AnyFunction>(fn: F, key?: (...args: Parameters<F>) => unknown): Memoized<F> {
  checkFunction(fn, "fn");
  if (key !== undefined) checkFunction(key, "key");
  const keyOf = key ?? ((...args: unknown[]) => JSON.stringify(args));
  // The cache lives in the closure; `cache` below hands out the Map itself, typed as a narrow view.
  const cache = new Map<unknown, unknown>();
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    const k = Reflect.apply(keyOf, undefined, args);
    if (cache.has(k)) return cache.get(k);
    const result: unknown = Reflect.apply(fn, this, args); // a throw propagates before anything is cached
    cache.set(k, result);
    if (result instanceof Promise) {
      // Cached while pending, so concurrent callers share one call. On rejection, forget it, but
      // only if it is still this promise (a clear() and a newer call may have replaced it).
      result.then(undefined, () => {
        if (cache.get(k) === result) cache.delete(k);
      });
    }
    return result;
  };
  // Object.assign copies the reference: `cache.size` stays live. (A getter would be *read* once by
  // Object.assign, freezing the size at 0.)
  return Object.assign(sameShape(wrapper, fn), { cache: cache as MemoCache });
}

/** Step 4. How often and how patiently `retry` tries. */
export interface RetryOptions {
  /** How many calls in all, at least 1 (1 means no retry). */
  readonly attempts: number;
  /** Milliseconds to wait between two tries, a finite number >= 0 (left out: 0). */
  readonly delayMs?: number;
}

/**
 * Step 4. Wraps an async `fn`: each call tries `fn` up to `attempts` times, waiting `delayMs` between
 * two tries (not before the first, not after the last), and resolves with the first success or
 * rejects with the last error. Each call counts its own tries. Transparent like `logged`.
 * Refuses, when wrapping (step 7): a non-function `fn`, a non-number `attempts` or `delayMs` with a
 * `TypeError`; an `attempts` that is not a whole number >= 1, a `delayMs` that is negative, `NaN` or
 * infinite with a `RangeError`.
 */
export function retry<F extends AsyncFunction>(fn: F, options: RetryOptions): F {
  checkFunction(fn, "fn");
  const { attempts, delayMs = 0 } = options ?? {};
  if (typeof attempts !== "number") throw new TypeError(`attempts must be a number, got ${show(attempts)}`);
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new RangeError(`attempts must be a whole number >= 1, got ${show(attempts)}`);
  }
  if (typeof delayMs !== "number") throw new TypeError(`delayMs must be a number, got ${show(delayMs)}`);
  if (!Number.isFinite(delayMs) || delayMs < 0) {
    throw new RangeError(`delayMs must be a finite number >= 0, got ${show(delayMs)}`);
  }
  const wrapper = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(delayMs); // wait *between* tries: not before the first, not after the last
      try {
        // `await` inside try: a rejection and a synchronous throw both count as a failed try.
        return await Reflect.apply(fn, this, args);
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  };
  return sameShape(wrapper, fn);
}

/**
 * Step 5. A standard (TC39) method decorator: `@memoized` memoizes a method with `memoize`, keeping
 * one cache per instance and per decorated method. On anything but a method (a getter, a field) it
 * throws a `TypeError` naming `memoized` when the class is defined.
 *
 * @example
 *   class Pricing {
 *     @memoized price(amount: number): number { ... }
 *   }
 */
export function memoized<This extends object, Args extends unknown[], R>(
  method: (this: This, ...args: Args) => R,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => R>,
): (this: This, ...args: Args) => R {
  if (context.kind !== "method") throw new TypeError("@memoized decorates methods only");
  // One memoized function per instance: a single memoize(method) would share its cache between
  // instances whose `this` gives different answers. A WeakMap lets instances be garbage-collected.
  const perInstance = new WeakMap<This, (...args: unknown[]) => R>();
  const replacement = function (this: This, ...args: Args): R {
    let memo = perInstance.get(this);
    if (!memo) {
      // The arrow keeps this call's `this`: the instance this cache belongs to.
      memo = memoize((...rest: unknown[]): R => method.apply(this, rest as Args));
      perInstance.set(this, memo);
    }
    return memo(...args);
  };
  // The replacement is what `Class.prototype.method` becomes: transparent like every wrapper, it
  // keeps the method's name and length (a bare function expression here would be named "").
  Object.defineProperty(replacement, "name", { value: method.name });
  Object.defineProperty(replacement, "length", { value: method.length });
  return replacement;
}

/**
 * Gives `wrapper` the `name` and `length` of `fn` (both are read-only but configurable), and the
 * type `F`: the wrapper takes and returns exactly what `fn` does, which TypeScript cannot see through
 * `...args: unknown[]`, hence the one cast of the kata.
 */
function sameShape<F extends AnyFunction>(wrapper: (this: unknown, ...args: unknown[]) => unknown, fn: F): F {
  Object.defineProperty(wrapper, "name", { value: fn.name });
  Object.defineProperty(wrapper, "length", { value: fn.length });
  return wrapper as unknown as F;
}

function checkFunction(value: unknown, what: string): void {
  if (typeof value !== "function") throw new TypeError(`${what} must be a function, got ${show(value)}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The refused value, shown as the workbook's contract says: strings quoted, bigints with their `n`. */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  try {
    // String() throws on a value with no string form (Object.create(null)): describe it otherwise.
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
