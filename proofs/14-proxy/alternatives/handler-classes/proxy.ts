/*
 * Alternative: handler classes: each proxy is `new Proxy(target, new SomeHandler(...))`, a class
 * implementing ProxyHandler<T> with its state in #private fields; messages worded differently.
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


function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "symbol":
      return value.toString();
    case "function":
      return "<function>";
    case "object":
      return value === null ? "null" : "<object>";
    default:
      return Object.is(value, -0) ? "-0" : String(value);
  }
}

function assertObject(value: unknown, name: string): asserts value is object {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) {
    throw new TypeError(`expected ${name} to be an object, received ${describeValue(value)}`);
  }
}

class ValidatingHandler<T extends object> implements ProxyHandler<T> {
  readonly #rules: ReadonlyMap<PropertyKey, Rule<unknown>>;

  constructor(schema: object) {
    this.#rules = new Map(Reflect.ownKeys(schema).map((key) => [key, Reflect.get(schema, key) as Rule<unknown>]));
  }

  #check(key: PropertyKey, value: unknown): void {
    const name = String(typeof key === "symbol" ? key.description : key);
    const rule = this.#rules.get(key);
    if (!rule) throw new TypeError(`unknown property ${name} (value ${describeValue(value)})`);
    if (typeof value !== rule.type) throw new TypeError(`wrong type for ${name}: expected ${rule.type}, received ${describeValue(value)}`);
    if (rule.valid !== undefined && rule.valid(value as never) !== true) throw new RangeError(`invalid ${name}: ${describeValue(value)}`);
  }

  set(target: T, key: string | symbol, value: unknown): boolean {
    this.#check(key, value);
    return Reflect.set(target, key, value);
  }

  defineProperty(target: T, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.#check(key, descriptor.value);
    return Reflect.defineProperty(target, key, descriptor);
  }

  deleteProperty(_target: T, key: string | symbol): boolean {
    throw new TypeError(`refusing to delete ${String(key)}`);
  }
}

export function validated<T extends object>(target: T, schema: Schema<T>): T {
  assertObject(target, "target");
  assertObject(schema, "schema");
  return new Proxy(target, new ValidatingHandler<T>(schema));
}

class ReadonlyHandler implements ProxyHandler<object> {
  static readonly #views = new WeakMap<object, object>();
  static readonly #proxies = new WeakSet<object>();

  static viewOf(source: object): object {
    if (ReadonlyHandler.#proxies.has(source)) return source;
    let view = ReadonlyHandler.#views.get(source);
    if (view === undefined) {
      view = new Proxy(source, new ReadonlyHandler());
      ReadonlyHandler.#views.set(source, view);
      ReadonlyHandler.#proxies.add(view);
    }
    return view;
  }

  static #lift(value: unknown): unknown {
    return typeof value === "object" && value !== null ? ReadonlyHandler.viewOf(value) : value;
  }

  get(target: object, key: string | symbol, receiver: unknown): unknown {
    const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
    const value: unknown = Reflect.get(target, key, receiver);
    const fixed = descriptor !== undefined && !descriptor.configurable && descriptor.writable === false;
    return fixed ? value : ReadonlyHandler.#lift(value);
  }

  getOwnPropertyDescriptor(target: object, key: string | symbol): PropertyDescriptor | undefined {
    const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
    if (descriptor?.configurable && "value" in descriptor) return { ...descriptor, value: ReadonlyHandler.#lift(descriptor.value) };
    return descriptor;
  }

  set(_target: object, key: string | symbol): boolean {
    throw new TypeError(`read-only: property ${String(key)} cannot be assigned`);
  }

  deleteProperty(_target: object, key: string | symbol): boolean {
    throw new TypeError(`read-only: property ${String(key)} cannot be deleted`);
  }

  defineProperty(_target: object, key: string | symbol): boolean {
    throw new TypeError(`read-only: property ${String(key)} cannot be defined`);
  }
}

export function readonlyView<T extends object>(obj: T): DeepReadonly<T> {
  assertObject(obj, "obj");
  return ReadonlyHandler.viewOf(obj) as DeepReadonly<T>;
}

class LazyHandler<T extends object> implements ProxyHandler<T> {
  #real: T | undefined;
  readonly #factory: () => T;

  constructor(factory: () => T) {
    this.#factory = factory;
  }

  get #instance(): T {
    if (this.#real === undefined) {
      const made: unknown = this.#factory();
      assertObject(made, "factory");
      this.#real = made as T;
    }
    return this.#real;
  }

  get(_t: T, key: string | symbol): unknown {
    return Reflect.get(this.#instance, key);
  }
  set(_t: T, key: string | symbol, value: unknown): boolean {
    return Reflect.set(this.#instance, key, value);
  }
  has(_t: T, key: string | symbol): boolean {
    return Reflect.has(this.#instance, key);
  }
  deleteProperty(_t: T, key: string | symbol): boolean {
    return Reflect.deleteProperty(this.#instance, key);
  }
  ownKeys(): (string | symbol)[] {
    return Reflect.ownKeys(this.#instance);
  }
  getOwnPropertyDescriptor(_t: T, key: string | symbol): PropertyDescriptor | undefined {
    const descriptor = Reflect.getOwnPropertyDescriptor(this.#instance, key);
    return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
  }
  defineProperty(_t: T, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    return Reflect.defineProperty(this.#instance, key, descriptor);
  }
  getPrototypeOf(): object | null {
    return Reflect.getPrototypeOf(this.#instance);
  }
}

export function lazy<T extends object>(factory: () => T): T {
  if (typeof factory !== "function") throw new TypeError(`expected factory to be a function, received ${describeValue(factory)}`);
  return new Proxy({} as T, new LazyHandler(factory));
}

class LoggingHandler<T extends object> implements ProxyHandler<T> {
  readonly #log: LogEntry[];

  constructor(log: LogEntry[]) {
    this.#log = log;
  }

  get(target: T, key: string | symbol): unknown {
    this.#log.push({ op: "get", key });
    const value: unknown = Reflect.get(target, key);
    if (typeof value !== "function") return value;
    const log = this.#log;
    return (...args: unknown[]): unknown => {
      log.push({ op: "call", key, args });
      return Reflect.apply(value, target, args);
    };
  }
  set(target: T, key: string | symbol, value: unknown): boolean {
    this.#log.push({ op: "set", key, value });
    return Reflect.set(target, key, value);
  }
  has(target: T, key: string | symbol): boolean {
    this.#log.push({ op: "has", key });
    return Reflect.has(target, key);
  }
  deleteProperty(target: T, key: string | symbol): boolean {
    this.#log.push({ op: "delete", key });
    return Reflect.deleteProperty(target, key);
  }
}

export function logged<T extends object>(target: T, log: LogEntry[]): T {
  assertObject(target, "target");
  if (!Array.isArray(log)) throw new TypeError(`expected log to be an array, received ${describeValue(log)}`);
  return new Proxy(target, new LoggingHandler<T>(log));
}

export function revocable<T extends object>(target: T): Revocable<T> {
  assertObject(target, "target");
  return Proxy.revocable(target, {});
}
