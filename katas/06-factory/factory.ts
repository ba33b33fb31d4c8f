import { todo } from "../../tools/kit";

/**
 * Step 1. What every person made by the factory has: a name and a way to introduce themselves.
 * Abstract: the factory makes workers, students and teachers, never a bare Person.
 */
export abstract class Person {
  /** The name given to the factory: a string that is not empty or blank. */
  readonly name: string;

  /** Step 4. Checks `name`: a `TypeError` if it is not a string, a `RangeError` if it is empty or blank. */
  constructor(name: string) {
    this.name = todo("new Person(name)");
  }

  /** Which kind of person this is: "worker", "student", "teacher", or a kind registered later. */
  abstract readonly kind: string;

  /** A one-line self-introduction, different for each kind. */
  abstract introduce(): string;
}

/** Step 1. A worker: "I am Zhang San, a worker: I build things." */
export class Worker extends Person {
  /** Always "worker". */
  readonly kind = "worker" as const;

  /** "I am <name>, a worker: I build things." */
  introduce(): string {
    return todo("worker.introduce()");
  }

  /** "<name> is working." */
  work(): string {
    return todo("worker.work()");
  }
}

/** Step 1. A student: "I am Li Si, a student: I learn things." */
export class Student extends Person {
  /** Always "student". */
  readonly kind = "student" as const;

  /** "I am <name>, a student: I learn things." */
  introduce(): string {
    return todo("student.introduce()");
  }

  /** "<name> is studying <subject>." */
  study(subject: string): string {
    return todo("student.study(subject)");
  }
}

/** Step 1. A teacher: "I am Wang Wu, a teacher: I teach things." */
export class Teacher extends Person {
  /** Always "teacher". */
  readonly kind = "teacher" as const;

  /** "I am <name>, a teacher: I teach things." */
  introduce(): string {
    return todo("teacher.introduce()");
  }

  /** "<name> is teaching <subject>." */
  teach(subject: string): string {
    return todo("teacher.teach(subject)");
  }
}

/** Step 2. The kinds `createPerson` knows, each mapped to the type of person it makes. */
export interface PersonByKind {
  worker: Worker;
  student: Student;
  teacher: Teacher;
}

/** Step 2. "worker" | "student" | "teacher". */
export type PersonKind = keyof PersonByKind;

/**
 * Step 1, 2 and 4. Makes a new person of `kind` called `name`. The return type follows the argument:
 * `createPerson("teacher", "Wang Wu")` is a `Teacher`. From an untyped caller, a `kind` that is not a
 * string is a `TypeError`, a string that is not a kind a `RangeError`; both messages name `kind`, show
 * it, and list the known kinds. A bad name is rejected as `Person` rejects it.
 */
export function createPerson<K extends PersonKind>(kind: K, name: string): PersonByKind[K] {
  return todo("createPerson(kind, name)");
}

/** Step 3. A factory open to new kinds at run time, one entry point that counts what it makes. */
export interface Factory<T, A extends unknown[]> {
  /**
   * Adds `kind` (any string that is not empty or blank), made by `new ctor(...args)`. Returns the
   * factory, for chaining. A `kind` that is not a string, or a `ctor` that is not a function, is a
   * `TypeError`; a blank `kind`, or one already registered, a `RangeError` (the first class stays).
   */
  register(kind: string, ctor: new (...args: A) => T): this;
  /**
   * Makes a new `kind` from `args` (all of them, in order) and counts it. A `kind` that is not a
   * string is a `TypeError`, an unknown one a `RangeError`, each listing the registered kinds. If the
   * constructor throws, that very error goes to the caller and nothing is counted.
   */
  create(kind: string, ...args: A): T;
  /** The registered kinds, in the order they were registered (a copy). */
  kinds(): string[];
  /** How many objects this factory has made of each registered kind, 0 for none yet (a copy). */
  counts(): Record<string, number>;
}

/**
 * Step 3-4. A new, empty factory of `T`s whose constructors take `A`.
 *
 * @example
 *   const people = createFactory<Person, [name: string]>();
 *   people.register("worker", Worker).register("teacher", Teacher);
 *   people.create("teacher", "Wang Wu"); // a Teacher, typed Person
 *   people.counts();                     // { worker: 0, teacher: 1 }
 */
export function createFactory<T, A extends unknown[]>(): Factory<T, A> {
  return todo("createFactory()");
}
