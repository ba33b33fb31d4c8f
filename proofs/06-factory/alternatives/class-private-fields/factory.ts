/*
 * Alternative: classes with #private fields, parallel arrays searched with indexOf, a prototype-less lookup object.
 *
 * The registry is a class whose state (#kinds, #ctors, #made) is three arrays kept side by side;
 * createPerson looks its class up in a frozen object without a prototype, where `in` is safe.
 */

/** Describes a refused value: primitives as JavaScript writes them, anything else by its type. */
function describe(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "function":
      return `a function named ${value.name || "?"}`;
    case "object":
      return value === null ? "null" : Array.isArray(value) ? "an array" : "an object";
    default:
      return String(value);
  }
}

export abstract class Person {
  readonly name: string;

  constructor(name: string) {
    if (typeof name !== "string") throw new TypeError(`Person: name should be a string, received ${describe(name)}`);
    if (!/\S/.test(name)) throw new RangeError(`Person: name should have a visible character, received ${describe(name)}`);
    this.name = name;
  }

  abstract readonly kind: string;
  abstract introduce(): string;
}

export class Worker extends Person {
  readonly kind = "worker" as const;
  introduce(): string {
    return `I am ${this.name}, a worker: I build things.`;
  }
  work(): string {
    return `${this.name} is working.`;
  }
}

export class Student extends Person {
  readonly kind = "student" as const;
  introduce(): string {
    return `I am ${this.name}, a student: I learn things.`;
  }
  study(subject: string): string {
    return `${this.name} is studying ${subject}.`;
  }
}

export class Teacher extends Person {
  readonly kind = "teacher" as const;
  introduce(): string {
    return `I am ${this.name}, a teacher: I teach things.`;
  }
  teach(subject: string): string {
    return `${this.name} is teaching ${subject}.`;
  }
}

export interface PersonByKind {
  worker: Worker;
  student: Student;
  teacher: Teacher;
}

export type PersonKind = keyof PersonByKind;

type Classes = { readonly [K in PersonKind]: new (name: string) => PersonByKind[K] };
const classes: Classes = Object.freeze(Object.assign(Object.create(null) as Classes, { worker: Worker, student: Student, teacher: Teacher }));
const personKinds = Object.keys(classes);

function refuseKind(kind: unknown, known: readonly string[]): Error {
  const choices = known.length === 0 ? "(nothing registered)" : known.join(" / ");
  return typeof kind === "string"
    ? new RangeError(`no such kind: ${describe(kind)} (kind must be one of ${choices})`)
    : new TypeError(`kind has to be a string, not ${describe(kind)} (choose from ${choices})`);
}

export function createPerson<K extends PersonKind>(kind: K, name: string): PersonByKind[K] {
  // No prototype, so `kind in classes` cannot find "toString"; the typeof check comes first.
  if (typeof kind !== "string" || !(kind in classes)) throw refuseKind(kind, personKinds);
  return new classes[kind](name);
}

export interface Factory<T, A extends unknown[]> {
  register(kind: string, ctor: new (...args: A) => T): this;
  create(kind: string, ...args: A): T;
  kinds(): string[];
  counts(): Record<string, number>;
}

class Registry<T, A extends unknown[]> implements Factory<T, A> {
  readonly #kinds: string[] = [];
  readonly #ctors: (new (...args: A) => T)[] = [];
  readonly #made: number[] = [];

  register(kind: string, ctor: new (...args: A) => T): this {
    if (typeof kind !== "string") throw new TypeError(`register: kind has to be a string, not ${describe(kind)}`);
    if (kind.trim().length === 0) throw new RangeError(`register: kind cannot be blank, got ${describe(kind)}`);
    if (typeof ctor !== "function") throw new TypeError(`register: ctor has to be a constructor, not ${describe(ctor)}`);
    if (this.#kinds.includes(kind)) throw new RangeError(`register: kind ${describe(kind)} exists already`);
    this.#kinds.push(kind);
    this.#ctors.push(ctor);
    this.#made.push(0);
    return this;
  }

  create(kind: string, ...args: A): T {
    const at = typeof kind === "string" ? this.#kinds.indexOf(kind) : -1;
    const Ctor = this.#ctors[at];
    if (Ctor === undefined) throw refuseKind(kind, this.#kinds);
    const made = new Ctor(...args);
    this.#made[at] = (this.#made[at] ?? 0) + 1;
    return made;
  }

  kinds(): string[] {
    return this.#kinds.slice();
  }

  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    this.#kinds.forEach((kind, i) => Object.defineProperty(out, kind, { value: this.#made[i] ?? 0, enumerable: true, writable: true, configurable: true }));
    return out;
  }
}

export function createFactory<T, A extends unknown[]>(): Factory<T, A> {
  return new Registry<T, A>();
}
