/*
 * Alternative: classes with static create(): each person class makes itself, createPerson dispatches to Kind.create, the registry is a class with a private constructor and TypeScript-private fields.
 */

const text = (value: unknown): string =>
  typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : typeof value === "function" ? `the function ${value.name || "(anonymous)"}` : value !== null && typeof value === "object" ? "an object" : String(value);

export abstract class Person {
  readonly name: string;

  constructor(name: string) {
    this.name = Person.checkName(name);
  }

  /** Every way of making a person goes through here. */
  protected static checkName(name: unknown): string {
    if (typeof name !== "string") throw new TypeError(`name expected a string; received ${text(name)}`);
    if (name.trim() === "") throw new RangeError(`name expected something other than whitespace; received ${text(name)}`);
    return name;
  }

  abstract readonly kind: string;
  abstract introduce(): string;
}

export class Worker extends Person {
  static create(name: string): Worker {
    return new Worker(name);
  }
  readonly kind = "worker" as const;
  introduce(): string {
    return `I am ${this.name}, a worker: I build things.`;
  }
  work(): string {
    return `${this.name} is working.`;
  }
}

export class Student extends Person {
  static create(name: string): Student {
    return new Student(name);
  }
  readonly kind = "student" as const;
  introduce(): string {
    return `I am ${this.name}, a student: I learn things.`;
  }
  study(subject: string): string {
    return `${this.name} is studying ${subject}.`;
  }
}

export class Teacher extends Person {
  static create(name: string): Teacher {
    return new Teacher(name);
  }
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

const makers: ReadonlyMap<string, (name: string) => Person> = new Map<string, (name: string) => Person>([
  ["worker", (name) => Worker.create(name)],
  ["student", (name) => Student.create(name)],
  ["teacher", (name) => Teacher.create(name)],
]);

function refuse(kind: unknown, known: Iterable<string>): Error {
  const list = [...known];
  const tail = list.length === 0 ? "no kind is registered yet" : `use ${list.join(" or ")}`;
  return typeof kind === "string" ? new RangeError(`kind ${text(kind)} is not known; ${tail}`) : new TypeError(`kind expected a string; received ${text(kind)}; ${tail}`);
}

export function createPerson<K extends PersonKind>(kind: K, name: string): PersonByKind[K] {
  const make = typeof kind === "string" ? makers.get(kind) : undefined;
  if (make === undefined) throw refuse(kind, makers.keys());
  return make(name) as PersonByKind[K];
}

export interface Factory<T, A extends unknown[]> {
  register(kind: string, ctor: new (...args: A) => T): this;
  create(kind: string, ...args: A): T;
  kinds(): string[];
  counts(): Record<string, number>;
}

class Registry<T, A extends unknown[]> implements Factory<T, A> {
  static create<T, A extends unknown[]>(): Registry<T, A> {
    return new Registry<T, A>();
  }

  private readonly ctors = new Map<string, new (...args: A) => T>();
  private readonly made = new Map<string, number>();

  private constructor() {}

  register(kind: string, ctor: new (...args: A) => T): this {
    if (typeof kind !== "string") throw new TypeError(`kind expected a string; received ${text(kind)}`);
    if (kind.trim() === "") throw new RangeError(`kind expected something other than whitespace; received ${text(kind)}`);
    if (typeof ctor !== "function") throw new TypeError(`ctor expected a class; received ${text(ctor)}`);
    if (this.ctors.has(kind)) throw new RangeError(`kind ${text(kind)} is registered already`);
    this.ctors.set(kind, ctor);
    this.made.set(kind, 0);
    return this;
  }

  create(kind: string, ...args: A): T {
    const Ctor = typeof kind === "string" ? this.ctors.get(kind) : undefined;
    if (Ctor === undefined) throw refuse(kind, this.ctors.keys());
    const made = new Ctor(...args);
    this.made.set(kind, (this.made.get(kind) ?? 0) + 1);
    return made;
  }

  kinds(): string[] {
    return [...this.ctors.keys()];
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.made);
  }
}

export function createFactory<T, A extends unknown[]>(): Factory<T, A> {
  return Registry.create<T, A>();
}
