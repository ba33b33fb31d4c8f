/*
 * Type-level tests: checked by `npx tsc -p .` (the workbook's self-check runs it), never executed.
 * A `// @ts-expect-error` line passes when the line below it does NOT compile, and fails tsc when
 * it does: it is how a spec says "this must be a compile error".
 */
import { expectTypeOf } from "vitest";
import { createFactory, createPerson, Person, Student, Teacher, Worker, type Factory, type PersonKind } from "./factory";

// Step 2: the return type follows the argument, one class per kind, not a union.
expectTypeOf(createPerson("teacher", "Wang Wu")).toEqualTypeOf<Teacher>();
expectTypeOf(createPerson("student", "Li Si")).toEqualTypeOf<Student>();
expectTypeOf(createPerson("worker", "Zhang San")).toEqualTypeOf<Worker>();
expectTypeOf(createPerson("teacher", "Wang Wu")).not.toEqualTypeOf<Worker | Student | Teacher>();
expectTypeOf(createPerson("teacher", "Wang Wu").teach("maths")).toEqualTypeOf<string>();
expectTypeOf(createPerson("teacher", "Wang Wu").kind).toEqualTypeOf<"teacher">();

// A kind known only at run time gives the union, which a switch on `kind` narrows.
declare const someKind: PersonKind;
expectTypeOf(createPerson(someKind, "Zhao Liu")).toEqualTypeOf<Worker | Student | Teacher>();
expectTypeOf<PersonKind>().toEqualTypeOf<"worker" | "student" | "teacher">();

// @ts-expect-error "doctor" is not a kind createPerson knows
createPerson("doctor", "Zhao Liu");
// @ts-expect-error kinds are case-sensitive
createPerson("Teacher", "Wang Wu");
// @ts-expect-error a plain string could be anything: narrow it to a PersonKind first
createPerson("teacher" as string, "Wang Wu");
// @ts-expect-error a student does not teach: the result is a Student, not a union or `any`
createPerson("student", "Li Si").teach("maths");
// @ts-expect-error the name is a string
createPerson("worker", 42);
// @ts-expect-error Person is abstract: the factory makes workers, students and teachers
new Person("Nobody");

// Step 3: an open registry knows only the base type of what it makes.
const people = createFactory<Person, [name: string]>().register("worker", Worker).register("teacher", Teacher);
expectTypeOf(people).toEqualTypeOf<Factory<Person, [name: string]>>();
expectTypeOf(people.create("teacher", "Wang Wu")).toEqualTypeOf<Person>();
expectTypeOf(people.kinds()).toEqualTypeOf<string[]>();
expectTypeOf(people.counts()).toEqualTypeOf<Record<string, number>>();

class Robot {
  constructor(readonly serial: number) {}
}
// @ts-expect-error a Robot is not a Person
people.register("robot", Robot);
// @ts-expect-error the constructors of this factory take a name
people.create("worker");
// @ts-expect-error ... and only a name
people.create("worker", "Zhang San", 42);
