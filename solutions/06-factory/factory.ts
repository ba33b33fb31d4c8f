/**
 * Step 1. What every person made by the factory has: a name and a way to introduce themselves.
 * Abstract: the factory makes workers, students and teachers, never a bare Person.
 */
export abstract class Person {
  /** The name given to the factory: a string that is not empty or blank. */
  readonly name: string;

  /** Step 4. Checks `name`: a `TypeError` if it is not a string, a `RangeError` if it is empty or blank. */
  constructor(name: string) {
    // The check lives here, not in createPerson, so every way of making a person (createPerson, a
    // registry, `new Worker(...)`) enforces it.
    if (typeof name !== "string") {
      throw new TypeError(`a name must be a string, got ${show(name)}`);
    }
    if (name.trim() === "") {
      throw new RangeError(`a name must not be empty or blank, got ${JSON.stringify(name)}`);
    }
    this.name = name;
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
    return `I am ${this.name}, a worker: I build things.`;
  }

  /** "<name> is working." */
  work(): string {
    return `${this.name} is working.`;
  }
}

/** Step 1. A student: "I am Li Si, a student: I learn things." */
export class Student extends Person {
  /** Always "student". */
  readonly kind = "student" as const;

  /** "I am <name>, a student: I learn things." */
  introduce(): string {
    return `I am ${this.name}, a student: I learn things.`;
  }

  /** "<name> is studying <subject>." */
  study(subject: string): string {
    return `${this.name} is studying ${subject}.`;
  }
}

/** Step 1. A teacher: "I am Wang Wu, a teacher: I teach things." */
export class Teacher extends Person {
  /** Always "teacher". */
  readonly kind = "teacher" as const;

  /** "I am <name>, a teacher: I teach things." */
  introduce(): string {
    return `I am ${this.name}, a teacher: I teach things.`;
  }

  /** "<name> is teaching <subject>." */
  teach(subject: string): string {
    return `${this.name} is teaching ${subject}.`;
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

// The map from kind to class. The mapped type makes it exhaustive: add a kind to PersonByKind and
// this line stops compiling until the kind has its class (and a wrong class is an error too).
const classes: { readonly [K in PersonKind]: new (name: string) => PersonByKind[K] } = {
  worker: Worker,
  student: Student,
  teacher: Teacher,
};

/**
 * Step 1, 2 and 4. Makes a new person of `kind` called `name`. The return type follows the argument:
 * `createPerson("teacher", "Wang Wu")` is a `Teacher`. From an untyped caller, a `kind` that is not a
 * string is a `TypeError`, a string that is not a kind a `RangeError`; both messages name `kind`, show
 * it, and list the known kinds. A bad name is rejected as `Person` rejects it.
 */
export function createPerson<K extends PersonKind>(kind: K, name: string): PersonByKind[K] {
  // Object.hasOwn, not `kind in classes` or `classes[kind]`: "toString" or "constructor" from a JSON
  // payload would otherwise find Object.prototype's members and fail with a confusing error.
  if (typeof kind !== "string" || !Object.hasOwn(classes, kind)) {
    throw unknownKind(kind, Object.keys(classes));
  }
  const Class: new (name: string) => PersonByKind[K] = classes[kind];
  return new Class(name);
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
  // Maps, not plain objects: any string is a safe key ("__proto__", "toString"), and a Map keeps
  // the registration order that kinds() promises.
  const ctors = new Map<string, new (...args: A) => T>();
  const made = new Map<string, number>();

  const factory: Factory<T, A> = {
    register(kind, ctor) {
      // Check everything before changing anything: a refused registration leaves the factory as it was.
      if (typeof kind !== "string") {
        throw new TypeError(`kind must be a string, got ${show(kind)}`);
      }
      if (kind.trim() === "") {
        throw new RangeError(`kind must not be empty or blank, got ${show(kind)}`);
      }
      if (typeof ctor !== "function") {
        throw new TypeError(`ctor must be a class (a function), got ${show(ctor)}`);
      }
      if (ctors.has(kind)) {
        throw new RangeError(`kind ${show(kind)} is already registered`);
      }
      ctors.set(kind, ctor);
      made.set(kind, 0);
      return this;
    },
    create(kind, ...args) {
      const Ctor = typeof kind === "string" ? ctors.get(kind) : undefined;
      if (Ctor === undefined) throw unknownKind(kind, [...ctors.keys()]);
      // Construct first, count after: a constructor that throws has made nothing.
      const instance = new Ctor(...args);
      made.set(kind, (made.get(kind) ?? 0) + 1);
      return instance;
    },
    kinds() {
      return [...ctors.keys()];
    },
    counts() {
      return Object.fromEntries(made);
    },
  };
  return factory;
}

/** The refusal of a kind: a TypeError for a value that is not a string, a RangeError for an unknown one. */
function unknownKind(kind: unknown, known: readonly string[]): Error {
  const list = known.length > 0 ? known.map((k) => `"${k}"`).join(", ") : "none yet";
  if (typeof kind !== "string") return new TypeError(`kind must be a string, got ${show(kind)}; known kinds: ${list}`);
  return new RangeError(`unknown kind ${show(kind)}; known kinds: ${list}`);
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  if (typeof value === "object" && value !== null) {
    try {
      return JSON.stringify(value) ?? Object.prototype.toString.call(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}
