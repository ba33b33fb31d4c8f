import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFactory, createPerson, Person, Student, Teacher, Worker, type PersonByKind, type PersonKind } from "./factory";

const KINDS: readonly PersonKind[] = ["worker", "student", "teacher"];
const CLASS_OF = { worker: Worker, student: Student, teacher: Teacher } as const;
const INTRODUCTION: Record<PersonKind, (name: string) => string> = {
  worker: (name) => `I am ${name}, a worker: I build things.`,
  student: (name) => `I am ${name}, a student: I learn things.`,
  teacher: (name) => `I am ${name}, a teacher: I teach things.`,
};

/** Names the factory must accept: strings with at least one character that is not blank. */
const validName = fc.string({ minLength: 1, maxLength: 20 }).filter((name) => name.trim() !== "");
const kind = fc.constantFrom(...KINDS);

/**
 * Strings that are not kinds: near misses, names of Object.prototype's members (the trap of a plain
 * object used as a map), and random words.
 */
const notAKind = fc
  .oneof(
    fc.constantFrom("doctor", "Teacher", "WORKER", " worker", "students", "toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"),
    fc.stringMatching(/^[\w -]{1,12}$/),
  )
  .filter((k) => !(KINDS as readonly string[]).includes(k));

/** A person's duty, handled for every kind: `never` in the default branch makes the switch exhaustive. */
function duty(person: PersonByKind[PersonKind]): string {
  switch (person.kind) {
    case "worker":
      return person.work();
    case "student":
      return person.study("maths");
    case "teacher":
      return person.teach("maths");
    default: {
      const unhandled: never = person;
      throw new Error(`unhandled kind of person: ${String(unhandled)}`);
    }
  }
}

/** A factory with the tutorial's three kinds registered, in the tutorial's order. */
function peopleFactory() {
  return createFactory<Person, [name: string]>().register("worker", Worker).register("student", Student).register("teacher", Teacher);
}

/** Calls `fn` and returns what it threw; fails the test if it returned. */
function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    // A stub's "Not implemented yet" goes straight to the report, as it is.
    if (error instanceof Error && error.name === "NotImplementedError") throw error;
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }
  throw new Error("expected the call to throw, but it returned normally");
}

describe("1. createPerson(kind, name) makes a Worker, a Student or a Teacher", () => {
  it('makes a Worker for "worker": Zhang San introduces himself as a worker and works', () => {
    const zhang = createPerson("worker", "Zhang San");
    expect(zhang).toBeInstanceOf(Worker);
    expect(zhang).toBeInstanceOf(Person);
    expect(zhang.name).toBe("Zhang San");
    expect(zhang.introduce()).toBe("I am Zhang San, a worker: I build things.");
    expect(zhang.work()).toBe("Zhang San is working.");
  });

  it('makes a Student for "student": Li Si introduces herself as a student and studies maths', () => {
    const li = createPerson("student", "Li Si");
    expect(li).toBeInstanceOf(Student);
    expect(li).toBeInstanceOf(Person);
    expect(li.name).toBe("Li Si");
    expect(li.introduce()).toBe("I am Li Si, a student: I learn things.");
    expect(li.study("maths")).toBe("Li Si is studying maths.");
  });

  it('makes a Teacher for "teacher": Wang Wu introduces himself as a teacher and teaches physics', () => {
    const wang = createPerson("teacher", "Wang Wu");
    expect(wang).toBeInstanceOf(Teacher);
    expect(wang).toBeInstanceOf(Person);
    expect(wang.name).toBe("Wang Wu");
    expect(wang.introduce()).toBe("I am Wang Wu, a teacher: I teach things.");
    expect(wang.teach("physics")).toBe("Wang Wu is teaching physics.");
  });

  it("keeps the name exactly as given, Chinese characters included", () => {
    expect(createPerson("worker", "张三").introduce()).toBe("I am 张三, a worker: I build things.");
  });

  it("makes a new person on every call, even for the same kind and name", () => {
    const a = createPerson("student", "Li Si");
    const b = createPerson("student", "Li Si");
    expect(a).not.toBe(b);
    expect(b).toBeInstanceOf(Student);
  });

  it("makes, for every kind and any valid name, an instance of that kind's class only, with that name", () => {
    fc.assert(
      fc.property(kind, validName, (k, name) => {
        const person = createPerson(k, name);
        for (const other of KINDS) expect(person instanceof CLASS_OF[other]).toBe(other === k);
        expect(person).toBeInstanceOf(Person);
        expect(person.kind).toBe(k);
        expect(person.name).toBe(name);
        expect(person.introduce()).toBe(INTRODUCTION[k](name));
      }),
    );
  });
});

describe("2. the return type follows the kind (factory.test-d.ts checks the compile-time half)", () => {
  it('lets you call teach() on what createPerson("teacher", ...) returns, with no cast and no check', () => {
    expect(createPerson("teacher", "Wang Wu").teach("history")).toBe("Wang Wu is teaching history.");
  });

  it("lets you call work() on a worker and study() on a student the same way", () => {
    expect(createPerson("worker", "Zhang San").work()).toBe("Zhang San is working.");
    expect(createPerson("student", "Li Si").study("chemistry")).toBe("Li Si is studying chemistry.");
  });

  it("gives each kind only its own methods: a student does not teach, a worker does not study", () => {
    const li = createPerson("student", "Li Si");
    const zhang = createPerson("worker", "Zhang San");
    expect(li).not.toHaveProperty("teach");
    expect(li).not.toHaveProperty("work");
    expect(zhang).not.toHaveProperty("study");
    expect(zhang).not.toHaveProperty("teach");
  });

  it("tags each person with its kind, so an exhaustive switch on person.kind handles every kind", () => {
    fc.assert(
      fc.property(kind, validName, (k, name) => {
        const expected = { worker: `${name} is working.`, student: `${name} is studying maths.`, teacher: `${name} is teaching maths.` };
        expect(duty(createPerson(k, name))).toBe(expected[k]);
      }),
    );
  });
});

describe("3. createFactory(): an open registry, one entry point that counts what it makes", () => {
  it("makes what was registered: create(\"student\", \"Li Si\") is a Student called Li Si", () => {
    const people = peopleFactory();
    const li = people.create("student", "Li Si");
    expect(li).toBeInstanceOf(Student);
    expect(li.name).toBe("Li Si");
    expect(li.introduce()).toBe("I am Li Si, a student: I learn things.");
  });

  it("returns the factory itself from register(), so registrations chain", () => {
    const people = createFactory<Person, [name: string]>();
    expect(people.register("worker", Worker)).toBe(people);
    expect(people.create("worker", "Zhang San")).toBeInstanceOf(Worker);
  });

  it("lists the kinds in registration order, as a copy that callers cannot change", () => {
    const people = peopleFactory();
    expect(people.kinds()).toEqual(["worker", "student", "teacher"]);
    people.kinds().push("doctor");
    expect(people.kinds()).toEqual(["worker", "student", "teacher"]);
    expect(createFactory<Person, [name: string]>().kinds()).toEqual([]);
  });

  it("stays open: a kind registered later, by other code, is made like the others", () => {
    class Doctor extends Person {
      readonly kind = "doctor";
      introduce(): string {
        return `I am ${this.name}, a doctor: I heal people.`;
      }
    }
    const people = peopleFactory().register("doctor", Doctor);
    const zhao = people.create("doctor", "Zhao Liu");
    expect(zhao).toBeInstanceOf(Doctor);
    expect(zhao.introduce()).toBe("I am Zhao Liu, a doctor: I heal people.");
    expect(people.kinds()).toEqual(["worker", "student", "teacher", "doctor"]);
  });

  it("passes every argument to the constructor, for any kind of class", () => {
    class Rectangle {
      constructor(
        readonly width: number,
        readonly height: number,
      ) {}
    }
    class Ellipse {
      constructor(
        readonly width: number,
        readonly height: number,
      ) {}
    }
    const shapes = createFactory<Rectangle | Ellipse, [width: number, height: number]>().register("rectangle", Rectangle).register("ellipse", Ellipse);
    const shape = shapes.create("ellipse", 3, 4);
    expect(shape).toBeInstanceOf(Ellipse);
    expect(shape).toEqual({ width: 3, height: 4 });
  });

  it("refuses to register a kind twice, with an Error naming it, and keeps the first class", () => {
    const people = peopleFactory();
    const error = thrownBy(() => people.register("worker", Teacher));
    expect(error.message).toContain("worker");
    expect(people.create("worker", "Zhang San")).toBeInstanceOf(Worker);
    expect(people.kinds()).toEqual(["worker", "student", "teacher"]);
  });

  it("counts what it made per kind: two workers and a teacher give { worker: 2, student: 0, teacher: 1 }", () => {
    const people = peopleFactory();
    expect(people.counts()).toEqual({ worker: 0, student: 0, teacher: 0 });
    people.create("worker", "Zhang San");
    people.create("teacher", "Wang Wu");
    people.create("worker", "Zhang San");
    expect(people.counts()).toEqual({ worker: 2, student: 0, teacher: 1 });
  });

  it("hands out counts as a copy: changing them changes nothing in the factory", () => {
    const people = peopleFactory();
    people.create("student", "Li Si");
    const counts = people.counts();
    counts["student"] = 100;
    counts["doctor"] = 1;
    expect(people.counts()).toEqual({ worker: 0, student: 1, teacher: 0 });
  });

  it("keeps two factories apart: kinds and counts of one do not show in the other", () => {
    const a = peopleFactory();
    const b = createFactory<Person, [name: string]>().register("teacher", Teacher);
    a.create("teacher", "Wang Wu");
    expect(b.counts()).toEqual({ teacher: 0 });
    expect(b.kinds()).toEqual(["teacher"]);
  });

  it("counts, for any sequence of creations, exactly how many of each kind it made", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(kind, validName), { maxLength: 30 }), (orders) => {
        const people = peopleFactory();
        const model = { worker: 0, student: 0, teacher: 0 };
        const made = orders.map(([k, name]) => {
          model[k] += 1;
          return people.create(k, name) instanceof CLASS_OF[k];
        });
        expect(made.every(Boolean)).toBe(true);
        expect(people.counts()).toEqual(model);
      }),
    );
  });
});

describe("4. bad input from untyped callers (e.g. JSON) is rejected, and nothing is counted", () => {
  it('rejects the kind "doctor" with an Error that names it and lists worker, student and teacher', () => {
    const error = thrownBy(() => createPerson("doctor" as PersonKind, "Zhang San"));
    expect(error.message).toContain("doctor");
    for (const known of KINDS) expect(error.message).toContain(known);
  });

  it('quotes the kinds in that message, the unknown one and the known ones, listed with commas: "doctor" ... "worker", "student", "teacher"', () => {
    const error = thrownBy(() => createPerson("doctor" as PersonKind, "Zhang San"));
    expect(error.message).toContain('"doctor"');
    expect(error.message).toContain('"worker", "student", "teacher"');
  });

  it('rejects a kind that is not a string even when it looks like one: ["worker"] from JSON is not "worker"', () => {
    const order = JSON.parse('{ "kind": ["worker"], "name": "Zhang San" }') as { kind: PersonKind; name: string };
    const error = thrownBy(() => createPerson(order.kind, order.name));
    expect(error.message).toContain('["worker"]');
    expect(error.message).toContain('"worker", "student", "teacher"');
  });

  it("rejects a class passed as the kind, naming the class without printing its source", () => {
    const error = thrownBy(() => createPerson(Teacher as unknown as PersonKind, "Wang Wu"));
    expect(error.message).toContain("Teacher");
    expect(error.message).not.toContain("introduce");
    for (const known of KINDS) expect(error.message).toContain(known);
  });

  it('rejects a kind read from JSON, {"kind": "Teacher"}: kinds are case-sensitive', () => {
    const order = JSON.parse('{ "kind": "Teacher", "name": "Wang Wu" }') as { kind: PersonKind; name: string };
    const error = thrownBy(() => createPerson(order.kind, order.name));
    expect(error.message).toContain("Teacher");
    for (const known of KINDS) expect(error.message).toContain(known);
  });

  ["toString", "constructor", "__proto__", "hasOwnProperty"].forEach((member) => {
    it(`rejects "${member}" like any unknown kind, listing the kinds (it is a member of every object, not a kind)`, () => {
      const error = thrownBy(() => createPerson(member as PersonKind, "Zhang San"));
      expect(error.message).toContain(member);
      for (const known of KINDS) expect(error.message).toContain(known);
    });
  });

  [
    { label: "a number", value: 42, named: "42" },
    { label: "null", value: null, named: "null" },
    { label: "undefined", value: undefined, named: "undefined" },
  ].forEach(({ label, value, named }) => {
    it(`rejects ${label} as a kind with an Error that names it and lists the kinds`, () => {
      const error = thrownBy(() => createPerson(value as unknown as PersonKind, "Zhang San"));
      expect(error.message).toContain(named);
      for (const known of KINDS) expect(error.message).toContain(known);
    });
  });

  [
    { label: "an empty name", value: "", error: RangeError },
    { label: "a blank name", value: "   ", error: RangeError },
    { label: "a number as name", value: 42, error: TypeError },
    { label: "null as name", value: null, error: TypeError },
    { label: "a missing name", value: undefined, error: TypeError },
  ].forEach(({ label, value, error }) => {
    it(`rejects ${label} with a ${error.name}, for every kind`, () => {
      for (const k of KINDS) {
        expect(() => createPerson(k, value as string)).toThrow(error);
      }
    });
  });

  [
    { label: "a number", value: 42, named: "42" },
    { label: "a bigint, with its n", value: 10n, named: "10n" },
    { label: "an object, as JSON", value: { first: "Zhang", last: "San" }, named: '{"first":"Zhang","last":"San"}' },
  ].forEach(({ label, value, named }) => {
    it(`names what it got instead of a name string in the TypeError's message: ${label}`, () => {
      const error = thrownBy(() => createPerson("worker", value as unknown as string));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toContain(named);
      expect(error.message).toContain("string");
    });
  });

  it("shows the blank name, in quotes, in the RangeError's message", () => {
    const error = thrownBy(() => createPerson("teacher", "   "));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toContain('"   "');
  });

  it('rejects, in a factory with nothing registered yet, any kind with an Error that says there are "none yet"', () => {
    const empty = createFactory<Person, [name: string]>();
    const error = thrownBy(() => empty.create("worker", "Zhang San"));
    expect(error.message).toContain('"worker"');
    expect(error.message).toContain("none yet");
    expect(empty.counts()).toEqual({});
  });

  it("rejects, in a factory, an unknown kind with an Error listing the registered kinds, and counts nothing", () => {
    const people = peopleFactory();
    people.create("worker", "Zhang San");
    const error = thrownBy(() => people.create("doctor", "Zhao Liu"));
    expect(error.message).toContain("doctor");
    for (const known of KINDS) expect(error.message).toContain(known);
    expect(thrownBy(() => people.create("toString", "Zhao Liu")).message).toContain("teacher");
    expect(people.counts()).toEqual({ worker: 1, student: 0, teacher: 0 });
  });

  it("passes on the error of a constructor that refuses its arguments, and counts nothing", () => {
    const people = peopleFactory();
    expect(() => people.create("student", "")).toThrow(RangeError);
    expect(() => people.create("teacher", null as unknown as string)).toThrow(TypeError);
    expect(people.counts()).toEqual({ worker: 0, student: 0, teacher: 0 });
  });

  it("refuses to register a kind that is not a non-empty string, or a class that is not a function, with a TypeError", () => {
    const people = createFactory<Person, [name: string]>();
    expect(() => people.register("", Worker)).toThrow(TypeError);
    expect(() => people.register(42 as unknown as string, Worker)).toThrow(TypeError);
    expect(() => people.register("robot", "Robot" as unknown as typeof Worker)).toThrow(TypeError);
    expect(() => people.register("robot", null as unknown as typeof Worker)).toThrow(TypeError);
    expect(people.kinds()).toEqual([]);
    expect(people.counts()).toEqual({});
  });

  it("refuses a blank kind too, and names the bad kind or class in the TypeError's message", () => {
    const people = createFactory<Person, [name: string]>();
    const blank = thrownBy(() => people.register("  ", Worker));
    expect(blank).toBeInstanceOf(TypeError);
    expect(blank.message).toContain('"  "');
    const numbered = thrownBy(() => people.register(42 as unknown as string, Worker));
    expect(numbered).toBeInstanceOf(TypeError);
    expect(numbered.message).toContain("42");
    const swapped = thrownBy(() => people.register(Worker as unknown as string, Worker));
    expect(swapped).toBeInstanceOf(TypeError);
    expect(swapped.message).toContain("Worker");
    expect(swapped.message).not.toContain("introduce");
    const notAClass = thrownBy(() => people.register("robot", "Robot" as unknown as typeof Worker));
    expect(notAClass).toBeInstanceOf(TypeError);
    expect(notAClass.message).toContain('"robot"');
    expect(notAClass.message).toContain('"Robot"');
    expect(people.kinds()).toEqual([]);
  });

  it("rejects any string that is not a kind, naming it and listing every kind", () => {
    fc.assert(
      fc.property(notAKind, validName, (k, name) => {
        const error = thrownBy(() => createPerson(k as PersonKind, name));
        expect(error.message).toContain(k);
        for (const known of KINDS) expect(error.message).toContain(known);
      }),
    );
  });

  it("counts exactly the successful creations, whatever mix of good and bad orders it gets", () => {
    const order = fc.oneof(
      fc.record({ kind, name: validName }),
      fc.record({ kind: notAKind, name: validName }),
      fc.record({ kind, name: fc.constantFrom<unknown>("", " ", "\t", 0, null, undefined, {}) }),
    );
    fc.assert(
      fc.property(fc.array(order, { maxLength: 30 }), (orders) => {
        const people = peopleFactory();
        const model = { worker: 0, student: 0, teacher: 0 };
        const outcomes = orders.map(({ kind: k, name }) => {
          const good = (KINDS as readonly string[]).includes(k) && typeof name === "string" && name.trim() !== "";
          if (good) model[k as PersonKind] += 1;
          try {
            people.create(k, name as string);
            return good ? "ok" : `made something from the bad order ${String(k)} / ${String(name)}`;
          } catch (error) {
            if (good || !(error instanceof Error)) throw error;
            return "ok"; // a bad order, rejected with an Error: as it should be
          }
        });
        expect(outcomes.filter((o) => o !== "ok")).toEqual([]);
        expect(people.counts()).toEqual(model);
      }),
    );
  });
});
