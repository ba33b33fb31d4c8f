import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRefusal, NotImplementedError, thrown } from "../../tools/kit";
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
      return expect.unreachable(`unhandled kind of person: ${String((unhandled as Person).kind)}`);
    }
  }
}

/** A factory with the tutorial's three kinds registered, in the tutorial's order. */
function peopleFactory() {
  return createFactory<Person, [name: string]>().register("worker", Worker).register("student", Student).register("teacher", Teacher);
}

/** A factory of shapes: constructors with two arguments, nothing to do with people. */
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
function shapesFactory() {
  return createFactory<Rectangle | Ellipse, [width: number, height: number]>().register("rectangle", Rectangle).register("ellipse", Ellipse);
}

/**
 * The one thing this kata's lesson asks of a refusal beyond the workbook's contract: the message lists
 * the kinds the caller could have asked for, each as a word of its own (any quotes, any separator).
 */
function expectListsKinds(error: Error, kinds: readonly string[]): void {
  for (const known of kinds) {
    const asWord = new RegExp(`(?<![\\w$])${known.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w$])`);
    expect(error.message, `the message should list the known kind ${JSON.stringify(known)}`).toMatch(asWord);
  }
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
  it('makes what was registered: create("student", "Li Si") is a Student called Li Si', () => {
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

  it("lists the kinds in registration order, not sorted: teacher, worker, student", () => {
    const people = createFactory<Person, [name: string]>().register("teacher", Teacher).register("worker", Worker).register("student", Student);
    expect(people.kinds()).toEqual(["teacher", "worker", "student"]);
    expect(createFactory<Person, [name: string]>().kinds()).toEqual([]);
  });

  it("hands out kinds() as a copy: changing it changes nothing in the factory", () => {
    const people = peopleFactory();
    people.kinds().push("doctor");
    people.kinds().length = 0;
    expect(people.kinds()).toEqual(["worker", "student", "teacher"]);
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

  it.each(["toString", "constructor", "__proto__", "hasOwnProperty"])('takes any non-blank string as a kind, even "%s" (a member of every plain object)', (member) => {
    class Guest extends Person {
      readonly kind = member;
      introduce(): string {
        return `I am ${this.name}, a guest.`;
      }
    }
    const people = peopleFactory().register(member, Guest);
    expect(people.kinds()).toEqual(["worker", "student", "teacher", member]);
    const guest = people.create(member, "Zhao Liu");
    expect(guest).toBeInstanceOf(Guest);
    expect(guest.name).toBe("Zhao Liu");
    const counts = people.counts();
    expect(Object.keys(counts).sort()).toEqual(["worker", "student", "teacher", member].sort());
    expect(Object.getOwnPropertyDescriptor(counts, member)?.value).toBe(1);
  });

  it("passes every argument to the constructor, in order, for any kind of class", () => {
    const shape = shapesFactory().create("ellipse", 3, 4);
    expect(shape).toBeInstanceOf(Ellipse);
    expect(shape).toEqual({ width: 3, height: 4 });
  });

  it("calls the constructor exactly once per create(), and returns the very object it built", () => {
    const built: unknown[] = [];
    class Box {
      constructor(readonly label: string) {
        built.push(this);
      }
    }
    const boxes = createFactory<Box, [label: string]>().register("box", Box);
    const first = boxes.create("box", "a");
    expect(built).toHaveLength(1);
    expect(first).toBe(built[0]);
    const second = boxes.create("box", "b");
    expect(built).toHaveLength(2);
    expect(second).toBe(built[1]);
    expect(second).not.toBe(first);
  });

  it("lets the very error a constructor throws reach the caller (not a copy, not a wrapper), and counts nothing", () => {
    const refusal = new Error("a fragile box refuses to be made");
    class Fragile {
      constructor(readonly label: string) {
        if (label === "fragile") throw refusal;
      }
    }
    const boxes = createFactory<Fragile, [label: string]>().register("box", Fragile);
    expect(thrown(() => boxes.create("box", "fragile"))).toBe(refusal);
    expect(boxes.counts()).toEqual({ box: 0 });
    boxes.create("box", "sturdy");
    expect(boxes.counts()).toEqual({ box: 1 });
  });

  it("refuses to register a kind twice, with a RangeError naming it, and keeps the first class", () => {
    const people = peopleFactory();
    people.create("worker", "Zhang San");
    expectRefusal(() => people.register("worker", Teacher), { error: RangeError, param: "kind", value: "worker" });
    expect(people.create("worker", "Zhang San")).toBeInstanceOf(Worker);
    expect(people.kinds()).toEqual(["worker", "student", "teacher"]);
    expect(people.counts()).toEqual({ worker: 2, student: 0, teacher: 0 });
  });

  it("counts from the moment a kind is registered: { worker: 0, student: 0, teacher: 0 } before anything is made", () => {
    expect(peopleFactory().counts()).toEqual({ worker: 0, student: 0, teacher: 0 });
    expect(createFactory<Person, [name: string]>().counts()).toEqual({});
  });

  it("counts what it made per kind: two workers and a teacher give { worker: 2, student: 0, teacher: 1 }", () => {
    const people = peopleFactory();
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

  it("keeps two factories apart: the same kind in each, its own class, its own count", () => {
    const a = createFactory<Person, [name: string]>().register("worker", Worker);
    const b = createFactory<Person, [name: string]>().register("worker", Teacher).register("student", Student);
    expect(a.create("worker", "Zhang San")).toBeInstanceOf(Worker);
    expect(a.create("worker", "Zhang San")).toBeInstanceOf(Worker);
    expect(b.create("worker", "Wang Wu")).toBeInstanceOf(Teacher);
    expect(a.kinds()).toEqual(["worker"]);
    expect(b.kinds()).toEqual(["worker", "student"]);
    expect(a.counts()).toEqual({ worker: 2 });
    expect(b.counts()).toEqual({ worker: 1, student: 0 });
  });

  it("counts, for any sequence of creations, exactly how many of each kind it made", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(kind, validName), { maxLength: 30 }), (orders) => {
        const people = peopleFactory();
        const model = { worker: 0, student: 0, teacher: 0 };
        const wrong = orders.flatMap(([k, name]) => {
          model[k] += 1;
          const made = people.create(k, name);
          return made instanceof CLASS_OF[k] && made.name === name ? [] : [`${k} / ${name}`];
        });
        expect(wrong).toEqual([]);
        expect(people.counts()).toEqual(model);
      }),
    );
  });
});

describe("4. bad input from untyped callers (e.g. JSON) is refused by the workbook's contract, and nothing is counted", () => {
  describe("createPerson: a kind that is not a string is a TypeError, a string that is not a kind a RangeError", () => {
    for (const c of [
      { label: '"doctor"', value: "doctor" },
      { label: '"Teacher" (kinds are case-sensitive)', value: "Teacher" },
      { label: '"" (the empty string)', value: "" },
      { label: '"toString" (a member of every object, not a kind)', value: "toString" },
      { label: '"constructor"', value: "constructor" },
      { label: '"__proto__"', value: "__proto__" },
      { label: '"hasOwnProperty"', value: "hasOwnProperty" },
    ]) {
      it(`refuses the kind ${c.label} with a RangeError that names kind, shows it and lists the known kinds`, () => {
        const { value } = c;
        const error = expectRefusal(() => createPerson(value as PersonKind, "Zhang San"), { error: RangeError, param: "kind", value });
        expectListsKinds(error, KINDS);
      });
    }

    it('refuses a kind read from JSON, {"kind": "Teacher"}, the same way', () => {
      const order = JSON.parse('{ "kind": "Teacher", "name": "Wang Wu" }') as { kind: PersonKind; name: string };
      const error = expectRefusal(() => createPerson(order.kind, order.name), { error: RangeError, param: "kind", value: "Teacher" });
      expectListsKinds(error, KINDS);
    });

    for (const c of [
      { label: "42", value: 42 },
      { label: "null", value: null },
      { label: "undefined", value: undefined },
      { label: "true", value: true },
      { label: "10n", value: 10n },
    ]) {
      it(`refuses the kind ${c.label} with a TypeError that names kind, shows it and lists the known kinds`, () => {
        const { value } = c;
        const error = expectRefusal(() => createPerson(value as unknown as PersonKind, "Zhang San"), { error: TypeError, param: "kind", value });
        expectListsKinds(error, KINDS);
      });
    }

    it('refuses ["worker"] from JSON with a TypeError: it looks like "worker", but it is an array', () => {
      const order = JSON.parse('{ "kind": ["worker"], "name": "Zhang San" }') as { kind: PersonKind; name: string };
      const error = expectRefusal(() => createPerson(order.kind, order.name), { error: TypeError, param: "kind", value: order.kind });
      expectListsKinds(error, KINDS);
    });

    it("refuses a class passed as the kind with a TypeError, describing it without printing its source code", () => {
      const error = expectRefusal(() => createPerson(Teacher as unknown as PersonKind, "Wang Wu"), { error: TypeError, param: "kind", value: Teacher });
      expect(error.message).not.toContain("introduce");
      expectListsKinds(error, KINDS);
    });
  });

  describe("a name: not a string is a TypeError, empty or blank a RangeError, checked by Person's constructor", () => {
    const badNames = [
      { label: "an empty name", value: "", error: RangeError },
      { label: "a blank name", value: "   ", error: RangeError },
      { label: "a name of tabs and newlines", value: "\t\n", error: RangeError },
      { label: "a number", value: 42, error: TypeError },
      { label: "null", value: null, error: TypeError },
      { label: "a missing name", value: undefined, error: TypeError },
      { label: "a bigint", value: 10n, error: TypeError },
      { label: "an object", value: { first: "Zhang", last: "San" }, error: TypeError },
    ];
    const cases = KINDS.flatMap((k) => badNames.map((bad) => ({ ...bad, kind: k })));

    for (const { kind: k, label, value, error } of cases) {
      it(`createPerson("${k}", …) refuses ${label} with a ${error.name} naming name and showing it`, () => {
        expectRefusal(() => createPerson(k, value as string), { error, param: "name", value });
      });
    }

    for (const c of [
      { label: "new Worker(\"\")", make: () => new Worker(""), error: RangeError, value: "" },
      { label: 'new Student("  ")', make: () => new Student("  "), error: RangeError, value: "  " },
      { label: "new Teacher(42)", make: () => new Teacher(42 as unknown as string), error: TypeError, value: 42 },
    ]) {
      it(`refuses a bad name made without the factory too: ${c.label}`, () => {
        const { make, error, value } = c;
        expectRefusal(make, { error, param: "name", value });
      });
    }

    for (const c of [
      { label: 'create("student", "")', kind: "student", value: "", error: RangeError },
      { label: 'create("teacher", null)', kind: "teacher", value: null, error: TypeError },
    ]) {
      it(`lets the constructor's refusal through a registry, and counts nothing: ${c.label}`, () => {
        const { kind: k, value, error } = c;
        const people = peopleFactory();
        expectRefusal(() => people.create(k, value as string), { error, param: "name", value });
        expect(people.counts()).toEqual({ worker: 0, student: 0, teacher: 0 });
      });
    }
  });

  describe("create(kind, …): an unknown kind is refused like createPerson's, listing this factory's kinds", () => {
    it("refuses, in a factory with nothing registered yet, any kind, and counts nothing", () => {
      const empty = createFactory<Person, [name: string]>();
      expectRefusal(() => empty.create("worker", "Zhang San"), { error: RangeError, param: "kind", value: "worker" });
      expect(empty.counts()).toEqual({});
    });

    it.each(["doctor", "toString", "__proto__", "Worker"])('refuses the unknown kind "%s" with a RangeError listing the registered kinds, and counts nothing', (value) => {
      const people = peopleFactory();
      people.create("worker", "Zhang San");
      const error = expectRefusal(() => people.create(value, "Zhao Liu"), { error: RangeError, param: "kind", value });
      expectListsKinds(error, KINDS);
      expect(people.counts()).toEqual({ worker: 1, student: 0, teacher: 0 });
    });

    for (const c of [
      { label: "42", value: 42 },
      { label: "null", value: null },
      { label: '["worker"]', value: ["worker"] },
    ]) {
      it(`refuses the kind ${c.label} with a TypeError listing the registered kinds, and counts nothing`, () => {
        const { value } = c;
        const people = peopleFactory();
        const error = expectRefusal(() => people.create(value as unknown as string, "Zhao Liu"), { error: TypeError, param: "kind", value });
        expectListsKinds(error, KINDS);
        expect(people.counts()).toEqual({ worker: 0, student: 0, teacher: 0 });
      });
    }

    it("lists the kinds of this factory, not createPerson's: a shapes factory lists rectangle and ellipse", () => {
      const error = expectRefusal(() => shapesFactory().create("circle", 1, 1), { error: RangeError, param: "kind", value: "circle" });
      expectListsKinds(error, ["rectangle", "ellipse"]);
      expect(error.message).not.toMatch(/\bworker\b/);
    });
  });

  describe("register(kind, ctor): a kind that is a non-blank string, a ctor that is a function, or nothing changes", () => {
    for (const c of [
      { label: '"" (the empty string)', value: "", error: RangeError },
      { label: '"  " (blank)', value: "  ", error: RangeError },
      { label: "42", value: 42, error: TypeError },
      { label: "null", value: null, error: TypeError },
      { label: "undefined", value: undefined, error: TypeError },
    ]) {
      it(`refuses the kind ${c.label}, naming kind and showing it, and registers nothing`, () => {
        const { value, error } = c;
        const people = peopleFactory();
        expectRefusal(() => people.register(value as unknown as string, Worker), { error, param: "kind", value });
        expect(people.kinds()).toEqual(["worker", "student", "teacher"]);
        expect(people.counts()).toEqual({ worker: 0, student: 0, teacher: 0 });
      });
    }

    it("refuses a class passed as the kind (the arguments swapped) with a TypeError, without printing its source code", () => {
      const people = createFactory<Person, [name: string]>();
      const error = expectRefusal(() => people.register(Worker as unknown as string, Worker), { error: TypeError, param: "kind", value: Worker });
      expect(error.message).not.toContain("introduce");
      expect(people.kinds()).toEqual([]);
    });

    for (const c of [
      { label: '"Robot" (a string)', value: "Robot" },
      { label: "null", value: null },
      { label: "undefined", value: undefined },
      { label: "an object", value: { name: "Robot" } },
    ]) {
      it(`refuses the ctor ${c.label} with a TypeError naming ctor and showing it, and registers nothing`, () => {
        const { value } = c;
        const people = createFactory<Person, [name: string]>();
        expectRefusal(() => people.register("robot", value as unknown as typeof Worker), { error: TypeError, param: "ctor", value });
        expect(people.kinds()).toEqual([]);
        expect(people.counts()).toEqual({});
        expectRefusal(() => people.create("robot", "R2"), { error: RangeError, param: "kind", value: "robot" });
      });
    }
  });

  describe("the properties", () => {
    it("refuses any string that is not a kind with a RangeError naming it and listing every kind", () => {
      fc.assert(
        fc.property(notAKind, validName, (k, name) => {
          const error = expectRefusal(() => createPerson(k as PersonKind, name), { error: RangeError, param: "kind", value: k });
          expectListsKinds(error, KINDS);
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
          const wrong = orders.flatMap(({ kind: k, name }) => {
            const good = (KINDS as readonly string[]).includes(k) && typeof name === "string" && name.trim() !== "";
            if (good) model[k as PersonKind] += 1;
            let outcome: string;
            try {
              people.create(k, name as string);
              outcome = "made";
            } catch (error) {
              if (error instanceof NotImplementedError) throw error;
              outcome = error instanceof TypeError || error instanceof RangeError ? "refused" : `threw ${String(error)}`;
            }
            return outcome === (good ? "made" : "refused") ? [] : [`${JSON.stringify(k)} / ${JSON.stringify(name)}: ${outcome}`];
          });
          expect(wrong).toEqual([]);
          expect(people.counts()).toEqual(model);
        }),
      );
    });
  });
});
