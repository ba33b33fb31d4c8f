/* Alternative: every wrapper is a Proxy of fn with an apply trap, so name and length come along by themselves. */
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

function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  if (value === null || typeof value !== "object") return String(value);
  return "an object";
}

function expectCallable(value: unknown, param: string): void {
  if (typeof value !== "function") throw new TypeError(`${param} is not callable (${shown(value)})`);
}

export function logged<F extends AnyFunction>(fn: F, log: Log): F {
  expectCallable(fn, "fn");
  expectCallable(log, "log");
  return new Proxy(fn, {
    apply(target, self: unknown, args: unknown[]) {
      const name = target.name;
      log({ phase: "call", name, args });
      let result: unknown;
      try {
        result = Reflect.apply(target, self, args);
      } catch (error) {
        log({ phase: "throw", name, args, error });
        throw error;
      }
      log({ phase: "return", name, args, result });
      return result;
    },
  });
}

export function timed<F extends AnyFunction>(fn: F, clock: Clock): F {
  expectCallable(fn, "fn");
  if (typeof clock?.now !== "function" || typeof clock?.report !== "function") {
    throw new TypeError(`clock needs now() and report() (${shown(clock)})`);
  }
  return new Proxy(fn, {
    apply(target, self: unknown, args: unknown[]) {
      const start = clock.now();
      let ok = false;
      try {
        const result: unknown = Reflect.apply(target, self, args);
        ok = true;
        return result;
      } finally {
        clock.report({ name: target.name, ms: clock.now() - start, ok });
      }
    },
  });
}

export function memoize<F extends AnyFunction>(fn: F, key?: (...args: Parameters<F>) => unknown): Memoized<F> {
  expectCallable(fn, "fn");
  if (key !== undefined) expectCallable(key, "key");
  const results = new Map<unknown, unknown>();
  const cache: MemoCache = {
    get size() {
      return results.size;
    },
    clear() {
      results.clear();
    },
  };
  const proxy = new Proxy(fn, {
    apply(target, self: unknown, args: unknown[]) {
      const k = key === undefined ? JSON.stringify(args) : Reflect.apply(key, undefined, args);
      if (results.has(k)) return results.get(k);
      const result: unknown = Reflect.apply(target, self, args);
      results.set(k, result);
      if (result instanceof Promise) {
        result.then(null, () => {
          if (results.get(k) === result) results.delete(k);
        });
      }
      return result;
    },
    // `cache` lives on the proxy only: fn itself is left untouched.
    get(target, property, receiver) {
      return property === "cache" ? cache : Reflect.get(target, property, receiver);
    },
    has(target, property) {
      return property === "cache" || Reflect.has(target, property);
    },
  });
  return proxy as Memoized<F>;
}

export function retry<F extends AsyncFunction>(fn: F, options: RetryOptions): F {
  expectCallable(fn, "fn");
  const attempts: unknown = options?.attempts;
  const delayMs: unknown = options?.delayMs === undefined ? 0 : options.delayMs;
  if (typeof attempts !== "number") throw new TypeError(`attempts is not a number (${shown(attempts)})`);
  if (attempts < 1 || attempts % 1 !== 0 || Number.isNaN(attempts)) throw new RangeError(`attempts is not a whole number >= 1 (${shown(attempts)})`);
  if (typeof delayMs !== "number") throw new TypeError(`delayMs is not a number (${shown(delayMs)})`);
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError(`delayMs is not a finite number >= 0 (${shown(delayMs)})`);
  return new Proxy(fn, {
    async apply(target, self: unknown, args: unknown[]) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await Reflect.apply(target, self, args);
        } catch (error) {
          if (attempt >= attempts) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    },
  });
}

export function memoized<This extends object, Args extends unknown[], R>(
  method: (this: This, ...args: Args) => R,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => R>,
): (this: This, ...args: Args) => R {
  if (context.kind !== "method") throw new TypeError(`memoized: only methods can be memoized, not a ${context.kind}`);
  const perInstance = new WeakMap<object, (...args: unknown[]) => unknown>();
  return new Proxy(method, {
    apply(target, self: This, args: Args) {
      let memo = perInstance.get(self);
      if (!memo) {
        memo = memoize((...rest: unknown[]) => Reflect.apply(target, self, rest));
        perInstance.set(self, memo);
      }
      return memo(...args) as R;
    },
  });
}
