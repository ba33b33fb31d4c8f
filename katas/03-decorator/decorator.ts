import { todo } from "../../tools/kit";

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
  return todo("logged(fn, log)");
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
  return todo("timed(fn, clock)");
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
  return todo("memoize(fn, key)");
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
  return todo("retry(fn, options)");
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
  return todo("memoized(method, context)");
}
