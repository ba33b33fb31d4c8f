/*
 * Alternative: plain operations instead of Reflect (target[key] = value, key in target, delete,
 * Object.defineProperty, fn.apply), one shared checker object per validated proxy built from a
 * table, and errors worded as "<name>: ..." sentences.
 */
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


type Bag = Record<PropertyKey, unknown>;

function printed(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${String(value)}n`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "object" && value !== null) return "an object";
  if (typeof value === "function") return "a function";
  return Object.is(value, -0) ? "-0" : `${value as number | boolean | null | undefined}`;
}

function objectOrThrow(value: unknown, name: string): object {
  if (typeof value === "function" || (typeof value === "object" && value !== null)) return value;
  throw new TypeError(`${name}: an object was expected, not ${printed(value)}`);
}

export function validated<T extends object>(target: T, schema: Schema<T>): T {
  objectOrThrow(target, "target");
  objectOrThrow(schema, "schema");
  const table = new Map(Object.entries(schema as Record<string, Rule<unknown>>));
  function admit(key: string | symbol, value: unknown): void {
    const rule = typeof key === "string" ? table.get(key) : undefined;
    const name = String(key);
    if (rule === undefined) throw new TypeError(`${name}: not in the schema, so ${printed(value)} cannot be stored`);
    if (typeof value !== rule.type) throw new TypeError(`${name}: a ${rule.type} was expected, not ${printed(value)}`);
    if (rule.valid && !rule.valid(value as never)) throw new RangeError(`${name}: ${printed(value)} is out of range`);
  }
  return new Proxy(target, {
    set(t, key, value) {
      admit(key, value);
      (t as Bag)[key] = value;
      return true;
    },
    defineProperty(t, key, descriptor) {
      admit(key, descriptor.value);
      Object.defineProperty(t, key, descriptor);
      return true;
    },
    deleteProperty(_t, key) {
      throw new TypeError(`${String(key)}: required by the schema, cannot be deleted`);
    },
  });
}

const cache = new WeakMap<object, object>();
const made = new WeakSet<object>();

export function readonlyView<T extends object>(obj: T): DeepReadonly<T> {
  return viewOf(objectOrThrow(obj, "obj")) as DeepReadonly<T>;
}

function viewOf(source: object): object {
  if (made.has(source)) return source;
  const existing = cache.get(source);
  if (existing) return existing;
  const guarded = (value: unknown) => (typeof value === "object" && value !== null ? viewOf(value) : value);
  const view: object = new Proxy(source, {
    get(t, key) {
      const value = (t as Bag)[key];
      const own = Object.getOwnPropertyDescriptor(t, key);
      if (own !== undefined && own.configurable === false && own.writable === false) return value;
      return guarded(value);
    },
    getOwnPropertyDescriptor(t, key) {
      const own = Object.getOwnPropertyDescriptor(t, key);
      if (own?.configurable === true && "value" in own) own.value = guarded(own.value);
      return own;
    },
    set(_t, key) {
      throw new TypeError(`${String(key)}: this view is read-only`);
    },
    deleteProperty(_t, key) {
      throw new TypeError(`${String(key)}: this view is read-only, nothing can be deleted`);
    },
    defineProperty(_t, key) {
      throw new TypeError(`${String(key)}: this view is read-only, nothing can be defined`);
    },
  });
  cache.set(source, view);
  made.add(view);
  return view;
}

export function lazy<T extends object>(factory: () => T): T {
  if (typeof factory !== "function") throw new TypeError(`factory: a function was expected, not ${printed(factory)}`);
  let made = false;
  let real = {} as Bag;
  function now(): Bag {
    if (!made) {
      real = objectOrThrow(factory(), "factory") as Bag;
      made = true;
    }
    return real;
  }
  return new Proxy({} as T, {
    get: (_t, key) => now()[key],
    set: (_t, key, value) => {
      now()[key] = value;
      return true;
    },
    has: (_t, key) => key in now(),
    deleteProperty: (_t, key) => delete now()[key],
    ownKeys: () => Reflect.ownKeys(now()),
    getOwnPropertyDescriptor: (_t, key) => {
      const own = Object.getOwnPropertyDescriptor(now(), key);
      if (own) own.configurable = true;
      return own;
    },
    defineProperty: (_t, key, descriptor) => {
      Object.defineProperty(now(), key, descriptor);
      return true;
    },
    getPrototypeOf: () => Object.getPrototypeOf(now()) as object | null,
  });
}

export function logged<T extends object>(target: T, log: LogEntry[]): T {
  objectOrThrow(target, "target");
  if (!Array.isArray(log)) throw new TypeError(`log: an array was expected, not ${printed(log)}`);
  const bag = target as Bag;
  return new Proxy(target, {
    get(_t, key) {
      log.push({ op: "get", key });
      const value = bag[key];
      if (typeof value !== "function") return value;
      return function called(...args: unknown[]) {
        log.push({ op: "call", key, args });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
    set(_t, key, value) {
      log.push({ op: "set", key, value });
      bag[key] = value;
      return true;
    },
    has(_t, key) {
      log.push({ op: "has", key });
      return key in bag;
    },
    deleteProperty(_t, key) {
      log.push({ op: "delete", key });
      return delete bag[key];
    },
  });
}

export function revocable<T extends object>(target: T): Revocable<T> {
  objectOrThrow(target, "target");
  const { proxy, revoke } = Proxy.revocable(target, {});
  return { proxy, revoke: () => revoke() };
}
