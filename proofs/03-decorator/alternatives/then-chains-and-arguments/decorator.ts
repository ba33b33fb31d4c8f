/* Alternative: no async/await (retry is a chain of .then and a recursive attempt), `arguments` instead of rest parameters, report in catch and after, a Map keyed by JSON text. */
/** Any function, methods with a `this` included: the constraint of every wrapper in this kata. */
export type AnyFunction = (this: never, ...args: never[]) => unknown;

/** Any function that returns a promise: what `retry` accepts. */
export type AsyncFunction = (this: never, ...args: never[]) => Promise<unknown>;

/** Step 1. What `logged` reports. */
export type LogEntry =
  | { readonly phase: "call"; readonly name: string; readonly args: readonly unknown[] }
  | { readonly phase: "return"; readonly name: string; readonly args: readonly unknown[]; readonly result: unknown }
  | { readonly phase: "throw"; readonly name: string; readonly args: readonly unknown[]; readonly error: unknown };

/** Step 1. Where `logged` writes its entries. */
export type Log = (entry: LogEntry) => void;

/** Step 2. One measurement. */
export interface Timing {
  readonly name: string;
  readonly ms: number;
  readonly ok: boolean;
}

/** Step 2. The clock `timed` reads and reports to. */
export interface Clock {
  now(): number;
  report(timing: Timing): void;
}

/** Step 3. A view of a memoized function's cache. */
export interface MemoCache {
  readonly size: number;
  clear(): void;
}

/** Step 3. A memoized function: the same function, plus its `cache`. */
export type Memoized<F extends AnyFunction> = F & { readonly cache: MemoCache };

/** Step 4. How often and how patiently `retry` tries. */
export interface RetryOptions {
  readonly attempts: number;
  readonly delayMs?: number;
}

function text(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "number" || typeof value === "boolean" || value === undefined || value === null) return `${value}`;
  return Object.prototype.toString.call(value);
}

function refuse(param: string, value: unknown, wanted: string, error: typeof TypeError | typeof RangeError = TypeError): never {
  throw new error(`${param} should be ${wanted}; it is ${text(value)}`);
}

function copyShape(wrapper: object, fn: AnyFunction): void {
  Object.defineProperty(wrapper, "name", { value: fn.name, configurable: true });
  Object.defineProperty(wrapper, "length", { value: fn.length, configurable: true });
}

export function logged<F extends AnyFunction>(fn: F, log: Log): F {
  if (typeof fn !== "function") refuse("fn", fn, "a function");
  if (typeof log !== "function") refuse("log", log, "a function");
  function wrapper(this: unknown): unknown {
    const args: unknown[] = Array.prototype.slice.call(arguments);
    const name = fn.name;
    log({ phase: "call", name, args });
    let entry: LogEntry | undefined;
    try {
      const result = fn.apply(this as never, args as never[]);
      entry = { phase: "return", name, args, result };
      return result;
    } catch (error) {
      entry = { phase: "throw", name, args, error };
      throw error;
    } finally {
      if (entry) log(entry);
    }
  }
  copyShape(wrapper, fn);
  return wrapper as unknown as F;
}

export function timed<F extends AnyFunction>(fn: F, clock: Clock): F {
  if (typeof fn !== "function") refuse("fn", fn, "a function");
  if (clock == null || typeof clock.now !== "function" || typeof clock.report !== "function") {
    refuse("clock", clock, "an object with now() and report()");
  }
  function wrapper(this: unknown): unknown {
    const start = clock.now();
    let result: unknown;
    try {
      result = fn.apply(this as never, Array.prototype.slice.call(arguments) as never[]);
    } catch (error) {
      clock.report({ name: fn.name, ms: clock.now() - start, ok: false });
      throw error;
    }
    clock.report({ name: fn.name, ms: clock.now() - start, ok: true });
    return result;
  }
  copyShape(wrapper, fn);
  return wrapper as unknown as F;
}

export function memoize<F extends AnyFunction>(fn: F, key?: (...args: Parameters<F>) => unknown): Memoized<F> {
  if (typeof fn !== "function") refuse("fn", fn, "a function");
  if (key !== undefined && typeof key !== "function") refuse("key", key, "a function or left out");
  const store = new Map<unknown, { value: unknown }>();
  function wrapper(this: unknown): unknown {
    const args: unknown[] = Array.prototype.slice.call(arguments);
    const k = key === undefined ? JSON.stringify(args) : (key as (...a: unknown[]) => unknown)(...args);
    const hit = store.get(k);
    if (hit) return hit.value;
    const value = fn.apply(this as never, args as never[]);
    const box = { value };
    store.set(k, box);
    if (value instanceof Promise) {
      value.catch(() => {
        if (store.get(k) === box) store.delete(k);
      });
    }
    return value;
  }
  copyShape(wrapper, fn);
  const cache: MemoCache = {
    get size() {
      return store.size;
    },
    clear: () => store.clear(),
  };
  Object.defineProperty(wrapper, "cache", { value: cache });
  return wrapper as unknown as Memoized<F>;
}

export function retry<F extends AsyncFunction>(fn: F, options: RetryOptions): F {
  if (typeof fn !== "function") refuse("fn", fn, "a function");
  const attempts: unknown = options == null ? undefined : options.attempts;
  const delayMs: unknown = options == null || options.delayMs === undefined ? 0 : options.delayMs;
  if (typeof attempts !== "number") refuse("attempts", attempts, "a number");
  if (!Number.isInteger(attempts) || attempts < 1) refuse("attempts", attempts, "a whole number, 1 or more", RangeError);
  if (typeof delayMs !== "number") refuse("delayMs", delayMs, "a number");
  if (!(Number.isFinite(delayMs) && delayMs >= 0)) refuse("delayMs", delayMs, "a finite number, 0 or more", RangeError);
  function wrapper(this: unknown): Promise<unknown> {
    const self = this;
    const args: unknown[] = Array.prototype.slice.call(arguments);
    function attempt(left: number): Promise<unknown> {
      return new Promise<unknown>((resolve) => resolve(fn.apply(self as never, args as never[]))).catch((error: unknown) => {
        if (left <= 1) throw error;
        return new Promise<void>((wake) => setTimeout(wake, delayMs as number)).then(() => attempt(left - 1));
      });
    }
    return attempt(attempts as number);
  }
  copyShape(wrapper, fn);
  return wrapper as unknown as F;
}

export function memoized<This extends object, Args extends unknown[], R>(
  method: (this: This, ...args: Args) => R,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => R>,
): (this: This, ...args: Args) => R {
  if (context.kind !== "method") throw new TypeError(`@memoized cannot decorate a ${context.kind}: methods only`);
  const caches = new WeakMap<This, (...args: unknown[]) => unknown>();
  function replacement(this: This, ...args: Args): R {
    let memo = caches.get(this);
    if (memo === undefined) {
      const self = this;
      memo = memoize(function () {
        return method.apply(self, Array.prototype.slice.call(arguments) as Args);
      } as (...args: unknown[]) => unknown);
      caches.set(this, memo);
    }
    return memo(...args) as R;
  }
  copyShape(replacement, method as unknown as AnyFunction);
  return replacement;
}
