import { todo } from "../../tools/kit";

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

/**
 * Step 1. A proxy of `target` whose writes are checked against `schema`: a write of the wrong type
 * is a TypeError, a value its rule refuses a RangeError, and a refused write leaves the target as it was.
 */
export function validated<T extends object>(target: T, schema: Schema<T>): T {
  return todo("validated(target, schema)");
}

/**
 * Step 2. A read-only view of `obj`, all the way down: nested objects and arrays are views too, the
 * same view for the same object every time; every write, delete or defineProperty is a TypeError
 * naming the property, and the source never changes through it.
 */
export function readonlyView<T extends object>(obj: T): DeepReadonly<T> {
  return todo("readonlyView(obj)");
}

/**
 * Step 3. A proxy that stands for `factory()`'s object and calls `factory` on the first operation,
 * never before, and never again; every operation goes to that real object.
 */
export function lazy<T extends object>(factory: () => T): T {
  return todo("lazy(factory)");
}

/**
 * Step 4. A proxy of `target` that appends to `log` every get, set, has (`in`), delete and method call,
 * in order, and otherwise behaves exactly like `target`. Methods run on the target itself.
 */
export function logged<T extends object>(target: T, log: LogEntry[]): T {
  return todo("logged(target, log)");
}

/** Step 5. A proxy of `target` that works until `revoke()` is called, then throws a TypeError on every use. */
export function revocable<T extends object>(target: T): Revocable<T> {
  return todo("revocable(target)");
}
