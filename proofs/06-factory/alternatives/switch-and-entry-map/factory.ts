/*
 * Alternative: an exhaustive switch in createPerson, and a registry Map from kind to one entry holding its class and its count.
 */

function repr(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value.toString()}n`;
    case "function":
      return `[class ${value.name}]`;
    case "object":
      return value === null ? "null" : `[${Array.isArray(value) ? "array" : "object"}]`;
    default:
      return String(value);
  }
}

export abstract class Person {
  readonly name: string;

  constructor(name: string) {
    if (typeof name !== "string") throw new TypeError(`invalid name ${repr(name)}: name must be text`);
    if (name.trim() === "") throw new RangeError(`invalid name ${repr(name)}: name must contain a non-space character`);
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

const PERSON_KINDS: readonly PersonKind[] = ["worker", "student", "teacher"];

function kindError(kind: unknown, known: readonly string[]): Error {
  const options = known.length > 0 ? `one of ${known.map((k) => `<${k}>`).join(" ")}` : "nothing yet (register a kind first)";
  return typeof kind === "string"
    ? new RangeError(`invalid kind ${repr(kind)}: kind must be ${options}`)
    : new TypeError(`invalid kind ${repr(kind)}: kind must be a string, ${options}`);
}

export function createPerson<K extends PersonKind>(kind: K, name: string): PersonByKind[K] {
  // A switch on the kind; `never` in the default makes a kind left out a compile error. Untyped
  // callers land in the default too, with whatever they passed.
  const k: PersonKind = kind;
  switch (k) {
    case "worker":
      return new Worker(name) as PersonByKind[K];
    case "student":
      return new Student(name) as PersonByKind[K];
    case "teacher":
      return new Teacher(name) as PersonByKind[K];
    default: {
      const unknown: never = k;
      throw kindError(unknown, PERSON_KINDS);
    }
  }
}

export interface Factory<T, A extends unknown[]> {
  register(kind: string, ctor: new (...args: A) => T): this;
  create(kind: string, ...args: A): T;
  kinds(): string[];
  counts(): Record<string, number>;
}

export function createFactory<T, A extends unknown[]>(): Factory<T, A> {
  const entries = new Map<string, { readonly ctor: new (...args: A) => T; made: number }>();

  return {
    register(kind, ctor) {
      if (typeof kind !== "string") throw new TypeError(`invalid kind ${repr(kind)}: kind must be a string`);
      if (kind.trim() === "") throw new RangeError(`invalid kind ${repr(kind)}: kind must contain a non-space character`);
      if (typeof ctor !== "function") throw new TypeError(`invalid ctor ${repr(ctor)} for kind ${repr(kind)}: ctor must be a class`);
      if (entries.has(kind)) throw new RangeError(`invalid kind ${repr(kind)}: kind is taken`);
      entries.set(kind, { ctor, made: 0 });
      return this;
    },
    create(kind, ...args) {
      const entry = typeof kind === "string" ? entries.get(kind) : undefined;
      if (entry === undefined) throw kindError(kind, [...entries.keys()]);
      const product = new entry.ctor(...args);
      entry.made += 1;
      return product;
    },
    kinds() {
      return Array.from(entries.keys());
    },
    counts() {
      return Object.fromEntries(Array.from(entries, ([kind, { made }]) => [kind, made]));
    },
  };
}
