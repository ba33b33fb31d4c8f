/* Alternative: classes with #private fields behind every wrapper (Memo, Retrier, InstanceCaches), a shared dress() helper, other message wording. */
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

/** How a refused value reads in a message: primitives as the workbook's contract writes them. */
function describe(value: unknown): string {
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

function requireFunction(value: unknown, param: string): void {
  if (typeof value !== "function") throw new TypeError(`bad ${param}: expected a function, received ${describe(value)}`);
}

/** A `function` wrapper running `body`, with `fn`'s name and length. */
function dress<F extends AnyFunction>(fn: F, body: (self: unknown, args: unknown[]) => unknown): F {
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    return body(this, args);
  };
  Object.defineProperties(wrapper, { name: { value: fn.name }, length: { value: fn.length } });
  return wrapper as unknown as F;
}

export function logged<F extends AnyFunction>(fn: F, log: Log): F {
  requireFunction(fn, "fn");
  requireFunction(log, "log");
  return dress(fn, (self, args) => {
    const name = fn.name;
    log({ phase: "call", name, args });
    let result: unknown;
    try {
      result = Reflect.apply(fn, self, args);
    } catch (error) {
      log({ phase: "throw", name, args, error });
      throw error;
    }
    log({ phase: "return", name, args, result });
    return result;
  });
}

export function timed<F extends AnyFunction>(fn: F, clock: Clock): F {
  requireFunction(fn, "fn");
  if (clock === null || typeof clock !== "object" || typeof clock.now !== "function" || typeof clock.report !== "function") {
    throw new TypeError(`bad clock: expected { now(), report() }, received ${describe(clock)}`);
  }
  return dress(fn, (self, args) => {
    const started = clock.now();
    try {
      const result = Reflect.apply(fn, self, args);
      clock.report({ name: fn.name, ms: clock.now() - started, ok: true });
      return result;
    } catch (error) {
      clock.report({ name: fn.name, ms: clock.now() - started, ok: false });
      throw error;
    }
  });
}

/** The results of one memoized function, by key. */
class Memo implements MemoCache {
  readonly #entries = new Map<unknown, unknown>();

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }

  lookup(key: unknown, compute: () => unknown): unknown {
    if (this.#entries.has(key)) return this.#entries.get(key);
    const value = compute();
    this.#entries.set(key, value);
    if (value instanceof Promise) {
      value.catch(() => {
        if (this.#entries.get(key) === value) this.#entries.delete(key);
      });
    }
    return value;
  }
}

export function memoize<F extends AnyFunction>(fn: F, key?: (...args: Parameters<F>) => unknown): Memoized<F> {
  requireFunction(fn, "fn");
  if (key !== undefined) requireFunction(key, "key");
  const memo = new Memo();
  const wrapper = dress(fn, (self, args) =>
    memo.lookup(key ? Reflect.apply(key, undefined, args) : JSON.stringify(args), () => Reflect.apply(fn, self, args)),
  );
  return Object.defineProperty(wrapper, "cache", { value: memo, enumerable: true }) as Memoized<F>;
}

/** One retry policy, checked once when it is made. */
class Retrier {
  readonly #attempts: number;
  readonly #delayMs: number;

  constructor(options: RetryOptions) {
    const attempts: unknown = options?.attempts;
    const delayMs: unknown = options?.delayMs === undefined ? 0 : options.delayMs;
    if (typeof attempts !== "number") throw new TypeError(`bad attempts: expected a number, received ${describe(attempts)}`);
    if (!(Number.isInteger(attempts) && attempts >= 1)) {
      throw new RangeError(`bad attempts: expected a whole number of at least 1, received ${describe(attempts)}`);
    }
    if (typeof delayMs !== "number") throw new TypeError(`bad delayMs: expected a number, received ${describe(delayMs)}`);
    if (!(delayMs >= 0 && delayMs < Number.POSITIVE_INFINITY)) {
      throw new RangeError(`bad delayMs: expected a finite number of at least 0, received ${describe(delayMs)}`);
    }
    this.#attempts = attempts;
    this.#delayMs = delayMs;
  }

  async run(attempt: () => unknown): Promise<unknown> {
    let failure: unknown;
    for (let tried = 0; tried < this.#attempts; tried++) {
      if (tried > 0) await new Promise<void>((wake) => setTimeout(wake, this.#delayMs));
      try {
        return await attempt();
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  }
}

export function retry<F extends AsyncFunction>(fn: F, options: RetryOptions): F {
  requireFunction(fn, "fn");
  const retrier = new Retrier(options);
  return dress(fn, (self, args) => retrier.run(() => Reflect.apply(fn, self, args)));
}

/** The memoized versions of one method, one per instance. */
class InstanceCaches<This extends object, R> {
  readonly #byInstance = new WeakMap<This, (...args: unknown[]) => unknown>();
  readonly #method: (this: This, ...args: never[]) => R;

  constructor(method: (this: This, ...args: never[]) => R) {
    this.#method = method;
  }

  call(self: This, args: unknown[]): R {
    let memo = this.#byInstance.get(self);
    if (memo === undefined) {
      const method = this.#method;
      memo = memoize(function (...rest: unknown[]) {
        return Reflect.apply(method, self, rest);
      });
      this.#byInstance.set(self, memo);
    }
    return memo(...args) as R;
  }
}

export function memoized<This extends object, Args extends unknown[], R>(
  method: (this: This, ...args: Args) => R,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => R>,
): (this: This, ...args: Args) => R {
  if (context?.kind !== "method") throw new TypeError(`@memoized fits methods, not a ${String(context?.kind)}`);
  const caches = new InstanceCaches<This, R>(method as unknown as (this: This, ...args: never[]) => R);
  const replacement = function (this: This, ...args: Args): R {
    return caches.call(this, args);
  };
  Object.defineProperties(replacement, { name: { value: method.name }, length: { value: method.length } });
  return replacement;
}
