/*
 * Type-level tests: checked by `npx tsc -p .` (the workbook's self-check runs it), never executed.
 * A `// @ts-expect-error` line passes when the line below it does NOT compile, and fails tsc when
 * it does: it is how a spec says "this must be a compile error".
 */
import { expectTypeOf } from "vitest";
import { lazy, logged, readonlyView, revocable, validated, type DeepReadonly, type LogEntry, type Revocable, type Schema } from "./proxy";

const config = { name: "app", server: { host: "localhost", ports: [80, 443] }, tags: ["web", "prod"], pair: [1, "one"] as [number, string] };

// Step 2: readonlyView returns a deep-readonly type: every level, arrays and tuples included.
const view = readonlyView(config);
expectTypeOf(view).toEqualTypeOf<DeepReadonly<typeof config>>();
expectTypeOf(view.name).toEqualTypeOf<string>();
expectTypeOf(view.server.ports).toEqualTypeOf<readonly number[]>();
expectTypeOf(view.tags).toEqualTypeOf<readonly string[]>();
expectTypeOf(view.pair).toEqualTypeOf<readonly [number, string]>();
expectTypeOf(view.server).toEqualTypeOf<{ readonly host: string; readonly ports: readonly number[] }>();
// Reading is fine, methods that do not write are there.
expectTypeOf(view.tags.map((tag) => tag.length)).toEqualTypeOf<number[]>();

// @ts-expect-error a view is read-only at the top
view.name = "api";
// @ts-expect-error ... and all the way down
view.server.host = "evil.example";
// @ts-expect-error a read-only array has no push
view.server.ports.push(8080);
// @ts-expect-error ... and no index to write
view.tags[0] = "dev";
// @ts-expect-error a tuple stays a read-only tuple
view.pair[0] = 2;
// @ts-expect-error a read-only property cannot be deleted
delete view.name;

// Functions stay callable, and what they return is not made read-only by the type.
const withMethod = readonlyView({ greet: (name: string) => `hi ${name}`, n: 1 });
expectTypeOf(withMethod.greet).toEqualTypeOf<(name: string) => string>();

// Step 1: a schema gives every key a rule whose `type` matches the key's type.
interface Person {
  name: string;
  age: number;
  admin: boolean;
}
const schema: Schema<Person> = {
  name: { type: "string", valid: (name) => name.trim() !== "" },
  age: { type: "number", valid: (age) => age >= 0 },
  admin: { type: "boolean" },
};
expectTypeOf(validated({ name: "Ada", age: 36, admin: false }, schema)).toEqualTypeOf<Person>();
expectTypeOf(schema.age.valid).toEqualTypeOf<((value: number) => boolean) | undefined>();

const missingKey: Schema<Person> = {
  name: { type: "string" },
  admin: { type: "boolean" },
  // @ts-expect-error age's rule must say "number"
  age: { type: "string" },
};
// @ts-expect-error every key needs a rule: admin is missing
const incomplete: Schema<Person> = { name: { type: "string" }, age: { type: "number" } };
// @ts-expect-error a rule's check receives the key's type: age is a number, not a string
const wrongCheck: Schema<Person> = { name: { type: "string" }, age: { type: "number", valid: (age: string) => age !== "" }, admin: { type: "boolean" } };

// Step 3-5: the proxies have their target's type.
class Counter {
  count = 0;
  increment(): number {
    return ++this.count;
  }
}
expectTypeOf(lazy(() => new Counter())).toEqualTypeOf<Counter>();
expectTypeOf(logged(new Counter(), [])).toEqualTypeOf<Counter>();
expectTypeOf(revocable(new Counter())).toEqualTypeOf<Revocable<Counter>>();
expectTypeOf(revocable(new Counter()).proxy).toEqualTypeOf<Counter>();
// @ts-expect-error a factory takes no arguments and returns an object
lazy((n: number) => ({ n }));
// @ts-expect-error a proxy's target is an object
lazy(() => 42);
// @ts-expect-error the log holds LogEntry values
logged(new Counter(), [] as string[]);
const entry: LogEntry = { op: "call", key: "increment", args: [] };
// @ts-expect-error a set entry has its value
const noValue: LogEntry = { op: "set", key: "count" };
void [missingKey, incomplete, wrongCheck, entry, noValue];
