import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRefusal, NotImplementedError } from "../../tools/kit";
import { lazy, logged, readonlyView, revocable, validated, type LogEntry, type Schema } from "./proxy";

/** Calls `fn`, expects it to throw, and returns exactly what it threw (a stub's error goes on as it is). */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return error;
  }
  return expect.unreachable("expected the call to throw, but it returned normally");
}

/** Calls `fn` and returns its result; an error it throws fails the test as an expectation, saying `what`. */
function survives<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return expect.unreachable(`${what} should work, but it threw ${String(error)}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Step 1: validated(target, schema)

interface Person {
  name: string;
  age: number;
  admin: boolean;
}

const personSchema: Schema<Person> = {
  name: { type: "string", valid: (name) => name.trim() !== "" },
  age: { type: "number", valid: (age) => Number.isInteger(age) && age >= 0 && age <= 150 },
  admin: { type: "boolean" },
};

const ada = (): Person => ({ name: "Ada", age: 36, admin: false });

describe("1. validated(target, schema): every write is checked against the schema, a bad one changes nothing", () => {
  it("reads the target's values through the proxy", () => {
    const person = validated(ada(), personSchema);
    expect(person.name).toBe("Ada");
    expect(person.age).toBe(36);
    expect(person.admin).toBe(false);
  });

  it("lets a good write through to the target itself: age = 37 changes the target", () => {
    const target = ada();
    const person = validated(target, personSchema);
    expect(person).not.toBe(target);
    person.age = 37;
    person.name = "Ada Lovelace";
    person.admin = true;
    expect(target).toEqual({ name: "Ada Lovelace", age: 37, admin: true });
    expect(person.age).toBe(37);
  });

  it("checks Object.defineProperty too: a good value is defined, a bad one refused", () => {
    const target = ada();
    const person = validated(target, personSchema);
    Object.defineProperty(person, "age", { value: 40 });
    expect(target.age).toBe(40);
    expectRefusal(() => Object.defineProperty(person, "age", { value: -1 }), { error: RangeError, param: "age", value: -1 });
    expect(target.age).toBe(40);
  });

  it("throws from the trap, so Reflect.set refuses a bad write too (instead of returning false)", () => {
    const target = ada();
    expectRefusal(() => Reflect.set(validated(target, personSchema), "age", -1), { error: RangeError, param: "age", value: -1 });
    expect(target).toEqual(ada());
  });

  it("keeps two validated objects apart: each checks against its own schema, writes reach its own target", () => {
    const adult = ada();
    const child = { name: "Tom", age: 7, admin: false };
    const childSchema: Schema<Person> = { ...personSchema, age: { type: "number", valid: (age) => age >= 0 && age < 13 } };
    const a = validated(adult, personSchema);
    const c = validated(child, childSchema);
    a.age = 40;
    expectRefusal(() => (c.age = 40), { error: RangeError, param: "age", value: 40 });
    c.age = 8;
    expect(adult).toEqual({ name: "Ada", age: 40, admin: false });
    expect(child).toEqual({ name: "Tom", age: 8, admin: false });
  });

  it("applies, for any sequence of writes, exactly the good ones: a wrong type is a TypeError, a refused value a RangeError", () => {
    const keys = ["name", "age", "admin", "email"] as const;
    const value = fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double(), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: 8 }), (writes) => {
        const target = ada();
        const model: Record<string, unknown> = { ...ada() };
        const person = validated(target, personSchema) as unknown as Record<string, unknown>;
        const wrong: string[] = [];
        for (const [key, v] of writes) {
          const rule = key === "email" ? undefined : personSchema[key];
          const expected = rule === undefined || typeof v !== rule.type ? TypeError : rule.valid && !rule.valid(v as never) ? RangeError : undefined;
          if (expected === undefined) {
            person[key] = v;
            model[key] = v;
          } else {
            const error = caught(() => (person[key] = v));
            if (!(error instanceof expected)) wrong.push(`${key} = ${String(v)} threw ${String(error)}, not a ${expected.name}`);
          }
          if (!Object.is(target[key as keyof Person], model[key])) wrong.push(`after ${key} = ${String(v)} the target has ${String(target[key as keyof Person])}`);
        }
        expect(wrong).toEqual([]);
        expect(target).toEqual(model);
      }),
    );
  });

  describe("a bad write is refused under the workbook's contract, naming the key, and the target stays as it was", () => {
    const cases: { what: string; key: string; value: unknown; error: typeof TypeError | typeof RangeError }[] = [
      { what: 'age = "42" (a string)', key: "age", value: "42", error: TypeError },
      { what: "age = -1 (refused by the rule)", key: "age", value: -1, error: RangeError },
      { what: "age = 1.5 (refused by the rule)", key: "age", value: 1.5, error: RangeError },
      { what: "age = NaN (a number, refused by the rule)", key: "age", value: NaN, error: RangeError },
      { what: "age = null", key: "age", value: null, error: TypeError },
      { what: "age = 36n (a bigint is not a number)", key: "age", value: 36n, error: TypeError },
      { what: 'name = "" (blank)', key: "name", value: "", error: RangeError },
      { what: "name = 42", key: "name", value: 42, error: TypeError },
      { what: 'admin = "yes"', key: "admin", value: "yes", error: TypeError },
      { what: "email = ... (not a key of the schema)", key: "email", value: "ada@example.org", error: TypeError },
    ];
    for (const c of cases) {
      it(`refuses ${c.what} with a ${c.error.name} naming ${c.key}`, () => {
        const target = ada();
        const person = validated(target, personSchema) as unknown as Record<string, unknown>;
        expectRefusal(() => (person[c.key] = c.value), { error: c.error, param: c.key, value: c.value });
        expect(target).toEqual(ada());
      });
    }

    it("refuses delete person.age with a TypeError naming age: a key of the schema always holds a value", () => {
      const target = ada();
      const person = validated(target, personSchema) as Partial<Person>;
      expectRefusal(() => delete person.age, { error: TypeError, param: "age" });
      expect(target).toEqual(ada());
    });

    it('refuses Reflect.deleteProperty(person, "age") with a TypeError naming age (a throw, not false)', () => {
      const target = ada();
      expectRefusal(() => Reflect.deleteProperty(validated(target, personSchema), "age"), { error: TypeError, param: "age" });
      expect(target).toEqual(ada());
    });

    for (const bad of [42, null, undefined, "Ada"]) {
      it(`refuses a target that is not an object (${String(bad)}) with a TypeError naming target`, () => {
        expectRefusal(() => validated(bad as unknown as Person, personSchema), { error: TypeError, param: "target", value: bad });
      });
    }

    for (const bad of [null, 42]) {
      it(`refuses a schema that is not an object (${String(bad)}) with a TypeError naming schema`, () => {
        expectRefusal(() => validated(ada(), bad as unknown as Schema<Person>), { error: TypeError, param: "schema", value: bad });
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Step 2: readonlyView(obj)

const makeConfig = () => ({
  name: "app",
  server: { host: "localhost", ports: [80, 443] },
  tags: ["web", "prod"],
});

describe("2. readonlyView(obj): read-only all the way down, the same view for the same object", () => {
  it("reads like its source, nested objects and arrays included", () => {
    const source = makeConfig();
    const view = readonlyView(source);
    expect(view.name).toBe("app");
    expect(view.server.host).toBe("localhost");
    expect(view.server.ports[1]).toBe(443);
    expect(view.tags.length).toBe(2);
    expect([...view.tags]).toEqual(["web", "prod"]);
    expect(view.tags.map((tag) => tag.toUpperCase())).toEqual(["WEB", "PROD"]);
    expect(Object.keys(view)).toEqual(["name", "server", "tags"]);
    expect(JSON.stringify(view)).toBe(JSON.stringify(source));
  });

  it("is a view, not a copy: a change made to the source shows through it", () => {
    const source = makeConfig();
    const view = readonlyView(source);
    source.name = "api";
    source.server.ports.push(8080);
    expect(view.name).toBe("api");
    expect(view.server.ports.length).toBe(3);
    expect(view.server.ports[2]).toBe(8080);
  });

  it("gives a nested object back as a view of it, not the object itself, and the same view every time", () => {
    const source = makeConfig();
    const view = readonlyView(source);
    expect(view.server).not.toBe(source.server);
    expect(view.server).toBe(view.server);
    expect(view.server.ports).toBe(view.server.ports);
    expect(view.tags).not.toBe(source.tags);
  });

  it("gives the same view for the same object from anywhere: readonlyView twice, or a nested object on its own", () => {
    const source = makeConfig();
    const view = readonlyView(source);
    expect(readonlyView(source)).toBe(view);
    expect(readonlyView(source.server)).toBe(view.server);
    expect(readonlyView(view)).toBe(view);
  });

  it("keeps two sources apart: two views, each showing its own source", () => {
    const a = makeConfig();
    const b = makeConfig();
    const viewA = readonlyView(a);
    const viewB = readonlyView(b);
    expect(viewA).not.toBe(viewB);
    b.server.host = "example.org";
    expect(viewA.server.host).toBe("localhost");
    expect(viewB.server.host).toBe("example.org");
  });

  it("hands out a view through Object.getOwnPropertyDescriptor too: writing to its value is refused", () => {
    const source = makeConfig();
    const server = Object.getOwnPropertyDescriptor(readonlyView(source), "server")?.value as { host: string };
    expectRefusal(() => (server.host = "evil.example"), { error: TypeError, param: "host" });
    expect(source).toEqual(makeConfig());
  });

  it("reads a frozen source without the engine's invariant TypeError: a frozen property comes back as the value itself", () => {
    const inner = { level: 2 };
    const frozen = Object.freeze({ level: 1, inner });
    const view = readonlyView(frozen);
    expect(survives("view.level", () => view.level)).toBe(1);
    // A non-configurable, non-writable property: any other value than `inner` itself would be a lie.
    expect(survives("view.inner", () => view.inner)).toBe(inner);
  });

  it("still gives a view for a property that is only non-writable (configurable), or only non-configurable (sealed)", () => {
    const readOnlyProp = Object.defineProperty({}, "inner", { value: { level: 2 }, writable: false, configurable: true, enumerable: true }) as { inner: { level: number } };
    const sealed = Object.seal({ inner: { level: 2 } });
    for (const source of [readOnlyProp, sealed]) {
      const inner = survives("view.inner", () => readonlyView(source).inner);
      expect(inner).not.toBe(source.inner);
      expect(inner).toBe(readonlyView(source.inner));
    }
  });

  it("answers Object.getOwnPropertyDescriptor like the source where it must: a missing key, a getter, a frozen property", () => {
    const inner = { level: 2 };
    const source = Object.defineProperty({ frozen: Object.freeze({ inner }) }, "size", { get: () => 3, enumerable: true, configurable: true });
    const view = readonlyView(source);
    expect(survives("the descriptor of a missing key", () => Object.getOwnPropertyDescriptor(view, "missing"))).toBeUndefined();
    const getter = survives("the descriptor of a getter", () => Object.getOwnPropertyDescriptor(view, "size"));
    expect(typeof getter?.get).toBe("function");
    expect(getter && "value" in getter).toBe(false);
    const frozen = survives("view.frozen", () => view.frozen);
    expect(survives("the descriptor of a frozen property", () => Object.getOwnPropertyDescriptor(frozen, "inner"))?.value).toBe(inner);
  });

  describe("the properties", () => {
    const leaf = fc.oneof(fc.integer({ min: -9, max: 9 }), fc.string({ maxLength: 2 }), fc.boolean(), fc.constant(null));
    const tree = fc.letrec<{ node: unknown; object: Record<string, unknown>; array: unknown[] }>((tie) => ({
      node: fc.oneof({ maxDepth: 3, depthSize: "small" }, leaf, tie("object"), tie("array")),
      object: fc.dictionary(fc.constantFrom("a", "b", "c"), tie("node"), { maxKeys: 3 }),
      array: fc.array(tie("node"), { maxLength: 3 }),
    }));
    const attempt = fc.record({
      path: fc.array(fc.constantFrom("a", "b", "c", "0", "1"), { maxLength: 3 }),
      op: fc.constantFrom("set", "delete", "define"),
      key: fc.constantFrom("a", "b", "0", "1", "length", "fresh"),
      value: leaf,
    });

    it("never changes its source, whatever is attempted at any depth: every attempt is a TypeError", () => {
      fc.assert(
        fc.property(tree.object, fc.array(attempt, { maxLength: 8 }), (source, attempts) => {
          const before = structuredClone(source);
          const view = readonlyView(source);
          const wrong: string[] = [];
          for (const { path, op, key, value } of attempts) {
            let at: unknown = view;
            for (const step of path) {
              const next: unknown = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[step] : undefined;
              if (typeof next !== "object" || next === null) break;
              at = next;
            }
            const node = at as Record<string, unknown>;
            const error = caught(() => {
              if (op === "set") node[key] = value;
              else if (op === "delete") delete node[key];
              else Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
            });
            if (!(error instanceof TypeError)) wrong.push(`${op} ${key} at ${["view", ...path].join(".")} threw ${String(error)}`);
          }
          expect(wrong).toEqual([]);
          expect(source).toEqual(before);
        }),
      );
    });

    it("reads, for any source, the same values as the source, and the same view at the same place twice", () => {
      fc.assert(
        fc.property(tree.object, (source) => {
          const view = readonlyView(source);
          expect(JSON.stringify(view)).toBe(JSON.stringify(source));
          // Collect what is wrong, path by path, and expect none at the end: one expect per run is cheap.
          const wrong: string[] = [];
          const check = (v: unknown, s: unknown, path: string): void => {
            if (typeof s !== "object" || s === null) {
              if (!Object.is(v, s)) wrong.push(`${path} reads ${String(v)}, the source has ${String(s)}`);
              return;
            }
            if (v === s) wrong.push(`${path} is the source's object itself, not a view`);
            if (readonlyView(s) !== v) wrong.push(`readonlyView() of the object at ${path} is not the view read there`);
            for (const key of Object.keys(s)) {
              const read = (v as Record<string, unknown>)[key];
              if ((v as Record<string, unknown>)[key] !== read) wrong.push(`${path}.${key} gives another view on a second read`);
              check(read, (s as Record<string, unknown>)[key], `${path}.${key}`);
            }
          };
          check(view, source, "view");
          expect(wrong).toEqual([]);
        }),
      );
    });
  });

  describe("every write is refused with a TypeError naming the property, and the source stays as it was", () => {
    type Attempt = { what: string; param: string; run: (view: ReturnType<typeof makeConfig>) => unknown };
    const attempts: Attempt[] = [
      { what: 'view.name = "api"', param: "name", run: (v) => (v.name = "api") },
      { what: 'view.server.host = "evil.example" (nested)', param: "host", run: (v) => (v.server.host = "evil.example") },
      { what: "view.server.ports.push(8080) (an array: the index 2 is written first)", param: "2", run: (v) => v.server.ports.push(8080) },
      { what: 'view.tags[0] = "dev"', param: "0", run: (v) => (v.tags[0] = "dev") },
      { what: "view.tags.length = 0", param: "length", run: (v) => (v.tags.length = 0) },
      { what: "delete view.name", param: "name", run: (v) => delete (v as Partial<typeof v>).name },
      { what: "delete view.server.ports[0]", param: "0", run: (v) => delete v.server.ports[0] },
      { what: 'Object.defineProperty(view, "extra", ...)', param: "extra", run: (v) => Object.defineProperty(v, "extra", { value: 1 }) },
      { what: 'Reflect.set(view, "name", "api") (a throw, not false)', param: "name", run: (v) => Reflect.set(v, "name", "api") },
      { what: 'Reflect.deleteProperty(view.server, "host") (a throw, not false)', param: "host", run: (v) => Reflect.deleteProperty(v.server, "host") },
      { what: 'Reflect.defineProperty(view, "extra", ...) (a throw, not false)', param: "extra", run: (v) => Reflect.defineProperty(v, "extra", { value: 1 }) },
    ];
    for (const a of attempts) {
      it(`refuses ${a.what} with a TypeError naming ${a.param}`, () => {
        const source = makeConfig();
        // The view is typed read-only (proxy.test-d.ts): the cast is how untyped code would get at it.
        const view = readonlyView(source) as unknown as ReturnType<typeof makeConfig>;
        expectRefusal(() => a.run(view), { error: TypeError, param: a.param });
        expect(source).toEqual(makeConfig());
      });
    }

    for (const bad of [42, null, undefined, "app"]) {
      it(`refuses an obj that is not an object (${String(bad)}) with a TypeError naming obj`, () => {
        expectRefusal(() => readonlyView(bad as unknown as object), { error: TypeError, param: "obj", value: bad });
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Step 3: lazy(factory)

class Counter {
  count = 0;
  increment(): number {
    this.count += 1;
    return this.count;
  }
}

/** A factory that counts its calls and keeps what it made. */
function counting<T extends object>(make: () => T) {
  const made: T[] = [];
  const factory = () => {
    const real = make();
    made.push(real);
    return real;
  };
  return { factory, made };
}

describe("3. lazy(factory): the real object is made on the first operation, exactly once", () => {
  it("does not call the factory when the proxy is made", () => {
    const { factory, made } = counting(() => ({ n: 1 }));
    lazy(factory);
    expect(made).toHaveLength(0);
  });

  const firstUses: { what: string; run: (p: Record<string, unknown>) => unknown; result: unknown }[] = [
    { what: "a read (p.n)", run: (p) => p.n, result: 1 },
    { what: "a write (p.n = 2)", run: (p) => (p.n = 2), result: 2 },
    { what: 'an `in` ("n" in p)', run: (p) => "n" in p, result: true },
    { what: "a delete (delete p.n)", run: (p) => delete p.n, result: true },
    { what: "Object.keys(p)", run: (p) => Object.keys(p), result: ["n"] },
  ];
  for (const use of firstUses) {
    it(`calls the factory on a first ${use.what}, once, and answers from the real object`, () => {
      const { factory, made } = counting<Record<string, unknown>>(() => ({ n: 1 }));
      const p = lazy(factory);
      expect(made).toHaveLength(0);
      expect(survives(use.what, () => use.run(p))).toEqual(use.result);
      expect(made).toHaveLength(1);
    });
  }

  it("never calls it again: every later operation goes to the same real object", () => {
    const { factory, made } = counting<Record<string, number>>(() => ({ n: 1 }));
    const p = lazy(factory);
    p.n = 5;
    p.m = 6;
    expect(p.n).toBe(5);
    expect("m" in p).toBe(true);
    expect(made).toHaveLength(1);
    expect(made[0]).toEqual({ n: 5, m: 6 });
  });

  it("forwards Object.hasOwn, Object.defineProperty and instanceof to the real object", () => {
    const { factory, made } = counting(() => new Counter());
    const counter = lazy(factory);
    expect(survives("Object.hasOwn(counter, \"count\")", () => Object.hasOwn(counter, "count"))).toBe(true);
    expect(Object.hasOwn(counter, "missing")).toBe(false);
    survives("Object.defineProperty(counter, \"count\", { value: 10 })", () => Object.defineProperty(counter, "count", { value: 10 }));
    expect(made[0]?.count).toBe(10);
    expect(counter).toBeInstanceOf(Counter);
    expect(made).toHaveLength(1);
  });

  it("runs methods on the real object: a lazy Counter counts", () => {
    const { factory, made } = counting(() => new Counter());
    const counter = lazy(factory);
    expect(survives("counter.increment()", () => counter.increment())).toBe(1);
    expect(counter.increment()).toBe(2);
    expect(counter.count).toBe(2);
    expect(made).toHaveLength(1);
    expect(made[0]?.count).toBe(2);
  });

  it("keeps two lazy proxies apart: each calls its own factory once, for its own object", () => {
    const a = counting(() => new Counter());
    const b = counting(() => new Counter());
    const first = lazy(a.factory);
    const second = lazy(b.factory);
    first.increment();
    first.increment();
    expect(a.made).toHaveLength(1);
    expect(b.made).toHaveLength(0);
    expect(second.increment()).toBe(1);
    expect(b.made).toHaveLength(1);
    expect(first.count).toBe(2);
  });

  it("lets a factory's error reach the caller as is, and calls the factory again on the next operation", () => {
    const failure = new Error("database down");
    let calls = 0;
    const p = lazy<{ n: number }>(() => {
      calls += 1;
      if (calls === 1) throw failure;
      return { n: 1 };
    });
    expect(caught(() => p.n)).toBe(failure);
    expect(survives("the next read", () => p.n)).toBe(1);
    expect(p.n).toBe(1);
    expect(calls).toBe(2);
  });

  it("calls the factory, for any sequence of operations, exactly once and at the first one, and answers like the object itself", () => {
    const op = fc.record({ op: fc.constantFrom("get", "set", "has", "delete"), key: fc.constantFrom("a", "b", "c"), value: fc.integer({ min: 0, max: 9 }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const model: Record<string, number> = { a: 1 };
        const { factory, made } = counting<Record<string, number>>(() => ({ a: 1 }));
        const p = lazy(factory);
        const wrong: string[] = [];
        ops.forEach(({ op, key, value }, i) => {
          if (made.length !== (i === 0 ? 0 : 1)) wrong.push(`before operation ${i} (${op} ${key}) the factory had made ${made.length}`);
          const got = apply(p, op, key, value);
          const want = apply(model, op, key, value);
          if (!Object.is(got, want)) wrong.push(`operation ${i} (${op} ${key}) answered ${String(got)}, a plain object ${String(want)}`);
          if (made.length !== 1) wrong.push(`after operation ${i} (${op} ${key}) the factory had made ${made.length}`);
        });
        expect(wrong).toEqual([]);
        expect(made).toHaveLength(ops.length === 0 ? 0 : 1);
        if (made[0]) expect(made[0]).toEqual(model);
      }),
    );
  });

  describe("bad input follows the workbook's contract", () => {
    for (const bad of [42, null, undefined, "factory", {}]) {
      it(`refuses a factory that is not a function (${typeof bad === "object" && bad ? "an object" : String(bad)}) at once, with a TypeError naming factory`, () => {
        expectRefusal(() => lazy(bad as unknown as () => object), { error: TypeError, param: "factory", value: bad });
      });
    }

    for (const bad of [42, null, "real"]) {
      it(`refuses, at the first operation, a factory that returns ${String(bad)} instead of an object, with a TypeError naming factory`, () => {
        const p = lazy(() => bad as unknown as { n: number });
        expectRefusal(() => p.n, { error: TypeError, param: "factory", value: bad });
      });
    }
  });
});

/** One operation on a plain object or a proxy: what the spec's sequences are made of. */
function apply(obj: Record<string, unknown>, op: string, key: string, value: unknown): unknown {
  switch (op) {
    case "get":
      return obj[key];
    case "set":
      return (obj[key] = value);
    case "has":
      return key in obj;
    default:
      return delete obj[key];
  }
}

// ---------------------------------------------------------------------------------------------------
// Step 4: logged(target, log)

/** A class with a #private field: the classic trap for a proxy that calls methods with `this` the proxy. */
class Account {
  #balance = 0;
  deposit(amount: number): number {
    this.#balance += amount;
    return this.#balance;
  }
  get balance(): number {
    return this.#balance;
  }
  set balance(value: number) {
    this.#balance = value;
  }
  fail(error: Error): never {
    throw error;
  }
  echo<T>(value: T): T {
    return value;
  }
}

describe("4. logged(target, log): every get, set, has, delete and call is logged in order; the target works as ever", () => {
  it("logs a get, a set, an `in` and a delete, in order, and does each on the target", () => {
    const target: Record<string, number> = { a: 1 };
    const log: LogEntry[] = [];
    const p = logged(target, log);
    expect(p.a).toBe(1);
    p.b = 2;
    expect("a" in p).toBe(true);
    expect(delete p.a).toBe(true);
    expect(log).toEqual([
      { op: "get", key: "a" },
      { op: "set", key: "b", value: 2 },
      { op: "has", key: "a" },
      { op: "delete", key: "a" },
    ]);
    expect(target).toEqual({ b: 2 });
  });

  it("logs a method call as its get, then the call with its arguments, and returns what the method returns", () => {
    const log: LogEntry[] = [];
    const account = logged(new Account(), log);
    expect(survives("account.deposit(5)", () => account.deposit(5))).toBe(5);
    expect(log).toEqual([
      { op: "get", key: "deposit" },
      { op: "call", key: "deposit", args: [5] },
    ]);
  });

  it("runs methods, getters and setters of a class with #private fields on the target: no TypeError", () => {
    const log: LogEntry[] = [];
    const target = new Account();
    const account = logged(target, log);
    survives("account.deposit(5)", () => account.deposit(5));
    survives("account.deposit(3)", () => account.deposit(3));
    expect(survives("the getter account.balance", () => account.balance)).toBe(8);
    survives("the setter account.balance = 100", () => (account.balance = 100));
    expect(target.balance).toBe(100);
    expect(log.map((entry) => entry.op)).toEqual(["get", "call", "get", "call", "get", "set"]);
  });

  it("keeps a method working when it is taken off the proxy and called later", () => {
    const log: LogEntry[] = [];
    const account = logged(new Account(), log);
    const deposit = account.deposit;
    expect(survives("deposit(2), taken off the proxy", () => deposit(2))).toBe(2);
    expect(deposit(3)).toBe(5);
    expect(log.filter((entry) => entry.op === "call")).toHaveLength(2);
  });

  it("keeps `this` of a plain object's method: the target itself", () => {
    const target = {
      n: 1,
      inc() {
        this.n += 1;
        return this;
      },
    };
    const p = logged(target, []);
    expect(p.inc()).toBe(target);
    expect(target.n).toBe(2);
  });

  it("passes values through by identity: an argument returned, an object read, an error thrown (still logged)", () => {
    const log: LogEntry[] = [];
    const payload = { id: 1 };
    const failure = new Error("no");
    const account = logged(Object.assign(new Account(), { payload }), log);
    expect(survives("account.echo(payload)", () => account.echo(payload))).toBe(payload);
    expect(account.payload).toBe(payload);
    expect(caught(() => account.fail(failure))).toBe(failure);
    expect(log.at(-1)).toEqual({ op: "call", key: "fail", args: [failure] });
  });

  it("keeps two logged proxies apart: each log holds only its own proxy's operations", () => {
    const logA: LogEntry[] = [];
    const logB: LogEntry[] = [];
    const a = logged<Record<string, number>>({ x: 1 }, logA);
    const b = logged<Record<string, number>>({ y: 2 }, logB);
    void a.x;
    b.y = 3;
    expect(logA).toEqual([{ op: "get", key: "x" }]);
    expect(logB).toEqual([{ op: "set", key: "y", value: 3 }]);
  });

  it("behaves, for any sequence of operations, exactly like its target, and logs exactly those operations", () => {
    function total(this: Record<string, unknown>, offset: number): number {
      return Object.values(this).reduce<number>((sum, v) => sum + (typeof v === "number" ? v : 0), offset);
    }
    const make = (): Record<string, unknown> => ({ a: 1, b: 2, total });
    const op = fc.record({ op: fc.constantFrom("get", "set", "has", "delete", "call"), key: fc.constantFrom("a", "b", "c"), value: fc.integer({ min: 0, max: 9 }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const model = make();
        const target = make();
        const log: LogEntry[] = [];
        const p = logged(target, log);
        const expectedLog: LogEntry[] = [];
        for (const { op, key, value } of ops) {
          if (op === "call") {
            expect((p.total as typeof total)(value)).toBe((model.total as typeof total)(value));
            expectedLog.push({ op: "get", key: "total" }, { op: "call", key: "total", args: [value] });
          } else {
            expect(apply(p, op, key, value)).toEqual(apply(model, op, key, value));
            expectedLog.push(op === "set" ? { op, key, value } : { op: op as "get" | "has" | "delete", key });
          }
        }
        expect(target).toEqual(model);
        expect(log).toEqual(expectedLog);
      }),
    );
  });

  describe("bad input follows the workbook's contract", () => {
    for (const bad of [42, null, undefined, "account"]) {
      it(`refuses a target that is not an object (${String(bad)}) with a TypeError naming target`, () => {
        expectRefusal(() => logged(bad as unknown as object, []), { error: TypeError, param: "target", value: bad });
      });
    }

    for (const bad of [null, undefined, "log", {}]) {
      it(`refuses a log that is not an array (${typeof bad === "object" && bad ? "an object" : String(bad)}) with a TypeError naming log`, () => {
        expectRefusal(() => logged({}, bad as unknown as LogEntry[]), { error: TypeError, param: "log", value: bad });
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Step 5: revocable(target)

describe("5. revocable(target): an access that works until revoke(), then throws a TypeError on every use", () => {
  it("behaves like the target until revoked: reads and writes reach the target", () => {
    const target: Record<string, number> = { n: 1 };
    const { proxy } = revocable(target);
    expect(proxy).not.toBe(target);
    expect(proxy.n).toBe(1);
    proxy.n = 2;
    expect(target.n).toBe(2);
  });

  const uses: { what: string; run: (p: Record<string, number>) => unknown }[] = [
    { what: "a read", run: (p) => p.n },
    { what: "a write", run: (p) => (p.n = 3) },
    { what: "an `in`", run: (p) => "n" in p },
    { what: "a delete", run: (p) => delete p.n },
    { what: "Object.keys", run: (p) => Object.keys(p) },
  ];
  for (const use of uses) {
    it(`throws a TypeError on ${use.what} after revoke(), and the target keeps its state`, () => {
      const target: Record<string, number> = { n: 1 };
      const access = revocable(target);
      access.revoke();
      expect(caught(() => use.run(access.proxy))).toBeInstanceOf(TypeError);
      expect(target).toEqual({ n: 1 });
    });
  }

  it("takes a function as its target too (a function is an object): calls work until revoke()", () => {
    const double = (n: number) => n * 2;
    const access = survives("revocable(double)", () => revocable(double));
    expect(survives("access.proxy(21)", () => access.proxy(21))).toBe(42);
    access.revoke();
    expect(caught(() => access.proxy(21))).toBeInstanceOf(TypeError);
  });

  it("lets revoke() be called twice, harmlessly", () => {
    const access = revocable({ n: 1 });
    access.revoke();
    expect(() => access.revoke()).not.toThrow();
    expect(caught(() => access.proxy.n)).toBeInstanceOf(TypeError);
  });

  it("keeps two accesses to the same target apart: revoking one leaves the other working", () => {
    const target = { n: 1 };
    const first = revocable(target);
    const second = revocable(target);
    first.revoke();
    expect(caught(() => first.proxy.n)).toBeInstanceOf(TypeError);
    expect(survives("second.proxy.n", () => second.proxy.n)).toBe(1);
  });

  describe("bad input follows the workbook's contract", () => {
    for (const bad of [42, null, undefined, "secret"]) {
      it(`refuses a target that is not an object (${String(bad)}) with a TypeError naming target`, () => {
        expectRefusal(() => revocable(bad as unknown as object), { error: TypeError, param: "target", value: bad });
      });
    }
  });
});
