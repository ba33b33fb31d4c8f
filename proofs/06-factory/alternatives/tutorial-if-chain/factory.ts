/*
 * Alternative: the tutorial's if/else chain in createPerson, a closure over Object.create(null) dictionaries.
 *
 * createPerson compares the kind with each known one in turn, as the tutorial's get_person() does;
 * the registry is a closure over two dictionaries made with Object.create(null) (no prototype, so any
 * string is a plain key) and a list that remembers the order.
 */

function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return String(value) + "n";
  if (typeof value === "number" || typeof value === "boolean" || value === undefined || value === null) return String(value);
  if (typeof value === "function") return "<a function>";
  return "<" + (Array.isArray(value) ? "array" : typeof value) + ">";
}

export abstract class Person {
  readonly name: string;

  constructor(name: string) {
    if (typeof name !== "string") {
      throw new TypeError("name: wanted a string but got " + shown(name));
    }
    if (name.trim() === "") {
      throw new RangeError("name: wanted some text but got only whitespace, " + shown(name));
    }
    this.name = name;
  }

  abstract readonly kind: string;
  abstract introduce(): string;
}

export class Worker extends Person {
  readonly kind = "worker" as const;
  introduce(): string {
    return "I am " + this.name + ", a worker: I build things.";
  }
  work(): string {
    return this.name + " is working.";
  }
}

export class Student extends Person {
  readonly kind = "student" as const;
  introduce(): string {
    return "I am " + this.name + ", a student: I learn things.";
  }
  study(subject: string): string {
    return this.name + " is studying " + subject + ".";
  }
}

export class Teacher extends Person {
  readonly kind = "teacher" as const;
  introduce(): string {
    return "I am " + this.name + ", a teacher: I teach things.";
  }
  teach(subject: string): string {
    return this.name + " is teaching " + subject + ".";
  }
}

export interface PersonByKind {
  worker: Worker;
  student: Student;
  teacher: Teacher;
}

export type PersonKind = keyof PersonByKind;

function badKind(kind: unknown, known: readonly string[]): Error {
  const hint = known.length ? "try " + known.map((k) => "'" + k + "'").join(" or ") : "register one first";
  if (typeof kind !== "string") return new TypeError("kind: wanted a string but got " + shown(kind) + "; " + hint);
  return new RangeError("kind: nothing is made for " + shown(kind) + "; " + hint);
}

export function createPerson<K extends PersonKind>(kind: K, name: string): PersonByKind[K] {
  // The tutorial's chain: compare, make, return. === on strings never matches "toString" by accident.
  let person: Worker | Student | Teacher;
  if (kind === "worker") person = new Worker(name);
  else if (kind === "student") person = new Student(name);
  else if (kind === "teacher") person = new Teacher(name);
  else throw badKind(kind, ["worker", "student", "teacher"]);
  return person as PersonByKind[K];
}

export interface Factory<T, A extends unknown[]> {
  register(kind: string, ctor: new (...args: A) => T): this;
  create(kind: string, ...args: A): T;
  kinds(): string[];
  counts(): Record<string, number>;
}

export function createFactory<T, A extends unknown[]>(): Factory<T, A> {
  const ctorOf: Record<string, new (...args: A) => T> = Object.create(null);
  const countOf: Record<string, number> = Object.create(null);
  const order: string[] = [];
  const known = (kind: unknown): kind is string => typeof kind === "string" && Object.hasOwn(ctorOf, kind);

  return {
    register(kind, ctor) {
      if (typeof kind !== "string") throw new TypeError("kind: wanted a string but got " + shown(kind));
      if (kind.trim() === "") throw new RangeError("kind: wanted some text but got " + shown(kind));
      if (typeof ctor !== "function") throw new TypeError("ctor: wanted a class but got " + shown(ctor));
      if (known(kind)) throw new RangeError("kind: " + shown(kind) + " has a class already");
      ctorOf[kind] = ctor;
      countOf[kind] = 0;
      order.push(kind);
      return this;
    },
    create(kind, ...args) {
      if (!known(kind)) throw badKind(kind, order);
      const Make = ctorOf[kind]!;
      const made = new Make(...args);
      countOf[kind] = (countOf[kind] ?? 0) + 1;
      return made;
    },
    kinds() {
      return Array.from(order);
    },
    counts() {
      const copy: Record<string, number> = {};
      for (const kind of order) Object.defineProperty(copy, kind, { value: countOf[kind], enumerable: true, writable: true, configurable: true });
      return copy;
    },
  };
}
