/*
 * Alternative: copy-on-write, one frozen array of entries replaced on every change, validation in helpers.
 *
 * The registry's state is one frozen array of { kind, ctor, made } records, replaced as a whole on every change; createPerson finds its class in
 * a list of [kind, class] pairs. Validation lives in small functions of its own.
 */

const inWords = (value: unknown): string =>
  typeof value === "string"
    ? JSON.stringify(value)
    : typeof value === "bigint"
      ? `${value}n`
      : typeof value === "function"
        ? `class ${value.name}`
        : typeof value === "object" && value !== null
          ? "an object"
          : String(value);

function requireText(value: unknown, param: string): string {
  if (typeof value !== "string") throw new TypeError(`expected ${param} to be a string, received ${inWords(value)}`);
  if (value.trim() === "") throw new RangeError(`expected ${param} to be non-blank, received ${inWords(value)}`);
  return value;
}

export abstract class Person {
  readonly name: string;
  constructor(name: string) {
    this.name = requireText(name, "name");
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

type Pair<K extends PersonKind> = readonly [K, new (name: string) => PersonByKind[K]];
const pairs: readonly Pair<PersonKind>[] = [
  ["worker", Worker],
  ["student", Student],
  ["teacher", Teacher],
];

function refusal(kind: unknown, known: readonly string[]): Error {
  const menu = `the kinds on offer: [${known.join(", ")}]`;
  return typeof kind === "string" ? new RangeError(`unrecognised kind ${inWords(kind)}, ${menu}`) : new TypeError(`expected kind to be a string, received ${inWords(kind)}, ${menu}`);
}

export function createPerson<K extends PersonKind>(kind: K, name: string): PersonByKind[K] {
  const pair = typeof kind === "string" ? pairs.find(([k]) => k === kind) : undefined;
  if (pair === undefined) throw refusal(kind, pairs.map(([k]) => k));
  const [, Class] = pair;
  return new Class(name) as PersonByKind[K];
}

export interface Factory<T, A extends unknown[]> {
  register(kind: string, ctor: new (...args: A) => T): this;
  create(kind: string, ...args: A): T;
  kinds(): string[];
  counts(): Record<string, number>;
}

interface Entry<T, A extends unknown[]> {
  readonly kind: string;
  readonly ctor: new (...args: A) => T;
  readonly made: number;
}

export function createFactory<T, A extends unknown[]>(): Factory<T, A> {
  let entries: readonly Entry<T, A>[] = Object.freeze([]);
  const find = (kind: unknown) => (typeof kind === "string" ? entries.find((e) => e.kind === kind) : undefined);

  return {
    register(kind, ctor) {
      requireText(kind, "kind");
      if (typeof ctor !== "function") throw new TypeError(`expected ctor to be a class, received ${inWords(ctor)}`);
      if (find(kind)) throw new RangeError(`kind ${inWords(kind)} is taken`);
      entries = Object.freeze([...entries, Object.freeze({ kind, ctor, made: 0 })]);
      return this;
    },
    create(kind, ...args) {
      const entry = find(kind);
      if (!entry) throw refusal(kind, entries.map((e) => e.kind));
      const product = new entry.ctor(...args);
      entries = Object.freeze(entries.map((e) => (e === entry ? Object.freeze({ ...e, made: e.made + 1 }) : e)));
      return product;
    },
    kinds: () => entries.map((e) => e.kind),
    counts: () => Object.fromEntries(entries.map((e) => [e.kind, e.made])),
  };
}
