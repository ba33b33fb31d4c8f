/** The `typeof` names a rule can ask for, each with the type it stands for. */
interface TypeByName {
  string: string;
  number: number;
  boolean: boolean;
  bigint: bigint;
}

/** Step 1. The `typeof` name of a primitive type `V`: "number" for `number`, "string" for `"a" | "b"`. */
export type TypeName<V> = { [N in keyof TypeByName]: [V] extends [TypeByName[N]] ? N : never }[keyof TypeByName];

/** Step 1. The rule for one key: the `typeof` its value must have, and an optional check of the value. */
export interface Rule<V> {
  /** `typeof value` must be this: "string", "number", "boolean" or "bigint". */
  readonly type: TypeName<V>;
  /** Called only once the type is right; `false` refuses the value. */
  readonly valid?: (value: V) => boolean;
}

/** Step 1. One rule for every key of `T`. */
export type Schema<T> = { readonly [K in keyof T]-?: Rule<T[K]> };

/** Step 2. `T` read-only all the way down: objects, arrays and tuples; functions stay as they are. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** Step 4. One operation a logged proxy saw, in the order it saw them. */
export type LogEntry =
  | { readonly op: "get"; readonly key: PropertyKey }
  | { readonly op: "set"; readonly key: PropertyKey; readonly value: unknown }
  | { readonly op: "has"; readonly key: PropertyKey }
  | { readonly op: "delete"; readonly key: PropertyKey }
  | { readonly op: "call"; readonly key: PropertyKey; readonly args: readonly unknown[] };

/** Step 5. A proxy to hand out, and the switch that takes it back. */
export interface Revocable<T> {
  /** Behaves exactly like the target until `revoke()`; after it, every use throws a TypeError. */
  readonly proxy: T;
  /** Cuts the proxy off from its target, for good. Calling it again does nothing. */
  readonly revoke: () => void;
}

/** A value as the contract shows it: strings quoted, bigints with their n, objects by kind (never their source). */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function" || (typeof value === "object" && value !== null)) return `a ${typeof value}`;
  return String(value); // numbers, booleans, null, undefined and symbols (`${symbol}` would throw)
}

type Target = object;

function requireObject(value: unknown, name: string): asserts value is Target {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) {
    throw new TypeError(`${name} must be an object, got ${show(value)}`);
  }
}

/**
 * Step 1. A proxy of `target` whose writes are checked against `schema`: a write of the wrong type
 * is a TypeError, a value its rule refuses a RangeError, and a refused write leaves the target as it was.
 */
export function validated<T extends object>(target: T, schema: Schema<T>): T {
  requireObject(target, "target");
  requireObject(schema, "schema");
  // Copy the rules now: a caller who changes the schema later must not change what is allowed. A
  // Map, not the schema object itself: "toString" must not find Object.prototype's.
  const rules = new Map(Reflect.ownKeys(schema).map((key) => [key, Reflect.get(schema, key) as Rule<unknown>]));

  const check = (key: string | symbol, value: unknown): void => {
    const rule = rules.get(key);
    if (rule === undefined) throw new TypeError(`${String(key)} is not a key of the schema (refused ${show(value)})`);
    if (typeof value !== rule.type) throw new TypeError(`${String(key)} must be a ${rule.type}, got ${show(value)}`);
    if (rule.valid && !rule.valid(value as never)) throw new RangeError(`${String(key)} does not allow ${show(value)}`);
  };

  return new Proxy(target, {
    set(t, key, value) {
      check(key, value); // throws before anything is written
      return Reflect.set(t, key, value);
    },
    // Object.defineProperty never goes through `set`: without this trap it would be a way round the schema.
    // (A getter or setter has no value: `undefined` is refused like any value of the wrong type.)
    defineProperty(t, key, descriptor) {
      check(key, descriptor.value);
      return Reflect.defineProperty(t, key, descriptor);
    },
    deleteProperty(_t, key) {
      // A key of the schema always holds a value its rule allows; `undefined` is never one.
      throw new TypeError(`${String(key)} cannot be deleted: the schema requires it`);
    },
  });
}

/** Every view made, by source, so the same source always gives the same view; and the views themselves. */
const views = new WeakMap<object, object>();
const isView = new WeakSet<object>();

function view<T extends object>(source: T): T {
  if (isView.has(source)) return source; // a view of a view is the view itself
  const known = views.get(source);
  if (known) return known as T;
  const proxy = new Proxy(source, {
    get(t, key, receiver) {
      const value = Reflect.get(t, key, receiver) as unknown;
      const own = Reflect.getOwnPropertyDescriptor(t, key);
      // The engine's invariant: for a non-configurable, non-writable own property, `get` must return
      // the value itself, or the read throws a TypeError. Such a value is frozen where it stands.
      if (own && own.configurable === false && own.writable === false) return value;
      return wrap(value);
    },
    getOwnPropertyDescriptor(t, key) {
      const own: PropertyDescriptor | undefined = Reflect.getOwnPropertyDescriptor(t, key);
      // A descriptor's value is another way to reach a nested object: hand out the view there too,
      // where the engine lets us (a configurable property may be reported with another value).
      if (own && "value" in own && own.configurable) own.value = wrap(own.value);
      return own;
    },
    // Throw, never return false: Reflect.set and Reflect.deleteProperty would just return false.
    set(_t, key) {
      throw new TypeError(`cannot set ${String(key)}: this is a read-only view`);
    },
    deleteProperty(_t, key) {
      throw new TypeError(`cannot delete ${String(key)}: this is a read-only view`);
    },
    defineProperty(_t, key) {
      throw new TypeError(`cannot define ${String(key)}: this is a read-only view`);
    },
  });
  views.set(source, proxy);
  isView.add(proxy);
  return proxy;
}

/** Objects and arrays come back as views; primitives and functions as they are. */
function wrap(value: unknown): unknown {
  return typeof value === "object" && value !== null ? view(value) : value;
}

/**
 * Step 2. A read-only view of `obj`, all the way down: nested objects and arrays are views too, the
 * same view for the same object every time; every write, delete or defineProperty is a TypeError
 * naming the property, and the source never changes through it.
 */
export function readonlyView<T extends object>(obj: T): DeepReadonly<T> {
  requireObject(obj, "obj");
  return view(obj) as DeepReadonly<T>;
}

/**
 * Step 3. A proxy that stands for `factory()`'s object and calls `factory` on the first operation,
 * never before, and never again; every operation goes to that real object.
 */
export function lazy<T extends object>(factory: () => T): T {
  if (typeof factory !== "function") throw new TypeError(`factory must be a function, got ${show(factory)}`);
  let real: T | undefined;
  const instance = (): T => {
    if (real === undefined) {
      const made: unknown = factory(); // if it throws, nothing is made: the next use tries again
      requireObject(made, "factory");
      real = made as T;
    }
    return real;
  };
  // The placeholder is only the proxy's target: it never holds anything, so no invariant can bite.
  return new Proxy({} as T, {
    get: (_t, key) => Reflect.get(instance(), key),
    set: (_t, key, value) => Reflect.set(instance(), key, value),
    has: (_t, key) => Reflect.has(instance(), key),
    deleteProperty: (_t, key) => Reflect.deleteProperty(instance(), key),
    ownKeys: () => Reflect.ownKeys(instance()),
    getOwnPropertyDescriptor: (_t, key) => {
      const own = Reflect.getOwnPropertyDescriptor(instance(), key);
      // The placeholder does not have the property, so the engine forbids reporting it non-configurable.
      return own && { ...own, configurable: true };
    },
    defineProperty: (_t, key, descriptor) => Reflect.defineProperty(instance(), key, descriptor),
    getPrototypeOf: () => Reflect.getPrototypeOf(instance()),
  });
}

/**
 * Step 4. A proxy of `target` that appends to `log` every get, set, has (`in`), delete and method call,
 * in order, and otherwise behaves exactly like `target`. Methods run on the target itself.
 */
export function logged<T extends object>(target: T, log: LogEntry[]): T {
  requireObject(target, "target");
  if (!Array.isArray(log)) throw new TypeError(`log must be an array, got ${show(log)}`);
  return new Proxy(target, {
    get(t, key) {
      log.push({ op: "get", key });
      // The target as receiver: a getter reading a #private field needs `this` to be the real object.
      const value: unknown = Reflect.get(t, key);
      if (typeof value !== "function") return value;
      return function (this: unknown, ...args: unknown[]): unknown {
        log.push({ op: "call", key, args });
        // Bind to the target, not the proxy: #private fields exist only on the real object.
        return Reflect.apply(value, t, args);
      };
    },
    set(t, key, value) {
      log.push({ op: "set", key, value });
      return Reflect.set(t, key, value);
    },
    has(t, key) {
      log.push({ op: "has", key });
      return Reflect.has(t, key);
    },
    deleteProperty(t, key) {
      log.push({ op: "delete", key });
      return Reflect.deleteProperty(t, key);
    },
  });
}

/** Step 5. A proxy of `target` that works until `revoke()` is called, then throws a TypeError on every use. */
export function revocable<T extends object>(target: T): Revocable<T> {
  requireObject(target, "target");
  // The engine does it all: a revoked proxy throws a TypeError for every operation, before any trap.
  const { proxy, revoke } = Proxy.revocable(target, {});
  return { proxy, revoke };
}
