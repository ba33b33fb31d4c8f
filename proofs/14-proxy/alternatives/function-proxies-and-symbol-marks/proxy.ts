/*
 * Alternative: generic forwarding and function proxies: lazy builds its handler by looping over the
 * trap names, logged wraps each method in a Proxy with an apply trap (one per key, so p.m === p.m),
 * views carry a symbol mark instead of a WeakSet, and revoke() is guarded by a flag of its own.
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


const quote = (value: unknown): string =>
  typeof value === "string"
    ? JSON.stringify(value)
    : typeof value === "bigint"
      ? `${value}n`
      : typeof value === "symbol"
        ? String(value)
        : value === null || (typeof value !== "object" && typeof value !== "function")
          ? Object.is(value, -0)
            ? "-0"
            : String(value)
          : typeof value;

const isObject = (value: unknown): value is object => (typeof value === "object" || typeof value === "function") && value !== null;

function mustBeObject(value: unknown, name: string): asserts value is object {
  if (!isObject(value)) throw new TypeError(`bad ${name} (${quote(value)}): not an object`);
}

export function validated<T extends object>(target: T, schema: Schema<T>): T {
  mustBeObject(target, "target");
  mustBeObject(schema, "schema");
  const rules: Record<PropertyKey, Rule<unknown> | undefined> = Object.assign(Object.create(null) as Record<PropertyKey, Rule<unknown> | undefined>, schema);
  const guard = (key: string | symbol, value: unknown) => {
    const name = String(key);
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    if (rule === undefined) throw new TypeError(`bad ${name} (${quote(value)}): no such key`);
    if (typeof value !== rule.type) throw new TypeError(`bad ${name} (${quote(value)}): not a ${rule.type}`);
    if (rule.valid?.(value as never) === false) throw new RangeError(`bad ${name} (${quote(value)}): refused by its rule`);
  };
  return new Proxy(target, {
    set: (t, key, value) => (guard(key, value), Reflect.set(t, key, value)),
    defineProperty: (t, key, descriptor) => (guard(key, descriptor.value), Reflect.defineProperty(t, key, descriptor)),
    deleteProperty: (_t, key) => {
      throw new TypeError(`bad delete of ${String(key)}: required by the schema`);
    },
  });
}

const VIEW = Symbol("readonly view");
const viewBySource = new WeakMap<object, object>();

function toView(source: object): object {
  if ((source as { [VIEW]?: true })[VIEW] === true) return source;
  const cached = viewBySource.get(source);
  if (cached !== undefined) return cached;
  const lift = (value: unknown) => (typeof value === "object" && value !== null ? toView(value) : value);
  const deny = (key: string | symbol): never => {
    throw new TypeError(`bad write to ${String(key)}: read-only`);
  };
  const view = new Proxy(source, {
    get(t, key, receiver) {
      if (key === VIEW) return true;
      const own = Reflect.getOwnPropertyDescriptor(t, key);
      const value: unknown = Reflect.get(t, key, receiver);
      return own?.configurable === false && own.writable === false ? value : lift(value);
    },
    getOwnPropertyDescriptor(t, key) {
      const own = Reflect.getOwnPropertyDescriptor(t, key);
      return own?.configurable && "value" in own ? { ...own, value: lift(own.value) } : own;
    },
    set: (_t, key) => deny(key),
    deleteProperty: (_t, key) => deny(key),
    defineProperty: (_t, key) => deny(key),
  });
  viewBySource.set(source, view);
  return view;
}

export function readonlyView<T extends object>(obj: T): DeepReadonly<T> {
  mustBeObject(obj, "obj");
  return toView(obj) as DeepReadonly<T>;
}

type Forwarded = "get" | "set" | "has" | "deleteProperty" | "ownKeys" | "defineProperty" | "getPrototypeOf";
const FORWARDED: readonly Forwarded[] = ["get", "set", "has", "deleteProperty", "ownKeys", "defineProperty", "getPrototypeOf"];

export function lazy<T extends object>(factory: () => T): T {
  if (typeof factory !== "function") throw new TypeError(`bad factory (${quote(factory)}): not a function`);
  const cell: { value?: T } = {};
  const real = (): T => {
    if (!("value" in cell)) {
      const made: unknown = factory();
      mustBeObject(made, "factory");
      cell.value = made as T;
    }
    return cell.value as T;
  };
  const handler: ProxyHandler<T> = {
    getOwnPropertyDescriptor: (_t, key) => {
      const own = Reflect.getOwnPropertyDescriptor(real(), key);
      return own && { ...own, configurable: true };
    },
  };
  for (const trap of FORWARDED) {
    const reflect = Reflect[trap] as (target: object, ...rest: unknown[]) => unknown;
    // Drop the placeholder target (and the receiver, which would be the proxy); send the rest on.
    (handler as Record<string, unknown>)[trap] = (_placeholder: object, ...rest: unknown[]) =>
      reflect(real(), ...(trap === "get" || trap === "set" ? rest.slice(0, trap === "get" ? 1 : 2) : rest));
  }
  return new Proxy({} as T, handler);
}

export function logged<T extends object>(target: T, log: LogEntry[]): T {
  mustBeObject(target, "target");
  if (!Array.isArray(log)) throw new TypeError(`bad log (${quote(log)}): not an array`);
  const wrappers = new Map<PropertyKey, { fn: Function; proxy: Function }>();
  const wrap = (key: PropertyKey, fn: Function): Function => {
    const known = wrappers.get(key);
    if (known?.fn === fn) return known.proxy;
    const proxy = new Proxy(fn, {
      apply(method, _thisArg, args: unknown[]) {
        log.push({ op: "call", key, args });
        return Reflect.apply(method, target, args);
      },
    });
    wrappers.set(key, { fn, proxy });
    return proxy;
  };
  return new Proxy(target, {
    get(t, key) {
      log.push({ op: "get", key });
      const value: unknown = Reflect.get(t, key);
      return typeof value === "function" ? wrap(key, value) : value;
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

export function revocable<T extends object>(target: T): Revocable<T> {
  mustBeObject(target, "target");
  const access = Proxy.revocable(target, {});
  let revoked = false;
  return {
    proxy: access.proxy,
    revoke: () => {
      if (revoked) return;
      revoked = true;
      access.revoke();
    },
  };
}
