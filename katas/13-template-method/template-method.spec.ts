import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRefusal, expectRejection, NotImplementedError } from "../../tools/kit";
import { Importer, runPipeline, type Awaitable, type ImportSummary, type PipelineSteps } from "./template-method";

/* ------------------------------------------------------------------------------------------------
 * The lesson's importer: a CSV of people, "name,age" per line, from an in-memory file system.
 * ---------------------------------------------------------------------------------------------- */

interface Person {
  readonly name: string;
  readonly age: number;
}

const FILES = new Map([
  ["class-1.csv", "Zhang San,20\nLi Si,abc\nWang Wu,22"],
  ["class-2.csv", "Zhao Liu,19"],
  ["empty.csv", ""],
]);

function parsePeople(text: string): Person[] {
  if (text === "") return [];
  return text.split("\n").map((line) => {
    const [name = "", age = ""] = line.split(",");
    return { name, age: Number(age) };
  });
}

/** Only the three required steps: validate, transform and cleanup keep their defaults. */
class PeopleImporter extends Importer<Person> {
  readonly log: string[] = [];
  readonly database: Person[] = [];

  protected override read(source: string): string {
    this.log.push(`read ${source}`);
    const text = FILES.get(source);
    if (text === undefined) throw new Error(`no such file: ${source}`);
    return text;
  }

  protected override parse(text: string): Person[] {
    this.log.push("parse");
    return parsePeople(text);
  }

  protected override write(records: Person[]): void {
    this.log.push(`write ${records.map((person) => person.name).join(", ")}`);
    this.database.push(...records);
  }
}

/** The same importer with every hook overridden: a valid age, names in capitals, a cleanup. */
class CheckedImporter extends PeopleImporter {
  protected override validate(row: Person): boolean {
    this.log.push(`validate ${row.name}`);
    return Number.isInteger(row.age) && row.age >= 0;
  }

  protected override transform(row: Person): Person {
    this.log.push(`transform ${row.name}`);
    return { name: row.name.toUpperCase(), age: row.age };
  }

  protected override cleanup(): void {
    this.log.push("cleanup");
  }
}

/**
 * A subclass whose steps are the functions given: each step calls its function; a hook left out
 * calls the base class's default, through super.
 */
class Scripted<Row> extends Importer<Row> {
  constructor(private readonly script: PipelineSteps<Row>) {
    super();
  }
  protected override read(source: string): Awaitable<string> {
    return this.script.read(source);
  }
  protected override parse(text: string): Awaitable<Row[]> {
    return this.script.parse(text);
  }
  protected override validate(row: Row): Awaitable<boolean> {
    return this.script.validate ? this.script.validate(row) : super.validate(row);
  }
  protected override transform(row: Row): Awaitable<Row> {
    return this.script.transform ? this.script.transform(row) : super.transform(row);
  }
  protected override write(records: Row[]): Awaitable<void> {
    return this.script.write(records);
  }
  protected override cleanup(): Awaitable<void> {
    return this.script.cleanup ? this.script.cleanup() : super.cleanup();
  }
}

/** The two forms of the same algorithm, side by side. */
const FORMS = {
  "the class": <Row>(steps: PipelineSteps<Row>, source: string) => new Scripted(steps).run(source),
  "runPipeline": <Row>(steps: PipelineSteps<Row>, source: string) => runPipeline(steps, source),
} as const;

/* ------------------------------------------------------------------------------------------------
 * Helpers: no test depends on timing; the spec decides when an asynchronous step goes on.
 * ---------------------------------------------------------------------------------------------- */

/** A promise and the functions that settle it. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run (several turns of the event loop): what can happen, has. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * The same promise, marked as handled: if a test fails before it awaits an import still in flight,
 * that import's rejection is not reported a second time as unhandled. Awaiting it still throws.
 */
function inFlight<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

type Outcome = { readonly summary: ImportSummary } | { readonly error: unknown };

/** How an import ended: the summary it resolved with, or exactly what it rejected with. */
async function outcome(run: () => Promise<ImportSummary>): Promise<Outcome> {
  try {
    return { summary: await run() };
  } catch (error) {
    // A stub's "Not implemented yet" goes straight to the report, as it is.
    if (error instanceof NotImplementedError) throw error;
    return { error };
  }
}

/** The error an import rejected with; fails the test when it resolved instead. */
async function rejection(run: () => Promise<ImportSummary>): Promise<unknown> {
  const ended = await outcome(run);
  if ("summary" in ended) return expect.unreachable(`expected the import to reject, but it resolved with ${JSON.stringify(ended.summary)}`);
  return ended.error;
}

/** A recording steps object over the lesson's files: required steps only unless hooks are given. */
function peopleSteps(log: string[], hooks: Partial<PipelineSteps<Person>> = {}): PipelineSteps<Person> {
  return {
    read(source) {
      log.push(`read ${source}`);
      const text = FILES.get(source);
      if (text === undefined) throw new Error(`no such file: ${source}`);
      return text;
    },
    parse(text) {
      log.push("parse");
      return parsePeople(text);
    },
    write(records) {
      log.push(`write ${records.map((person) => person.name).join(", ")}`);
    },
    ...hooks,
  };
}

describe("1. run(source): the template calls the steps in their fixed order", () => {
  it("imports class-1.csv: read, then parse, then write, and resolves with { rows: 3, written: 3, skipped: 0 }", async () => {
    const importer = new PeopleImporter();
    expect(await importer.run("class-1.csv")).toEqual({ rows: 3, written: 3, skipped: 0 });
    expect(importer.log).toEqual(["read class-1.csv", "parse", "write Zhang San, Li Si, Wang Wu"]);
    expect(importer.database.map((person) => person.name)).toEqual(["Zhang San", "Li Si", "Wang Wu"]);
  });

  it("passes each step's result to the next: the text read to parse, the very rows parsed to write, in order", async () => {
    const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const seen: { text?: string; records?: unknown[] } = {};
    await new Scripted<{ id: number }>({
      read: (source) => `text of ${source}`,
      parse: (text) => {
        seen.text = text;
        return rows;
      },
      write: (records) => {
        seen.records = records;
      },
    }).run("rows.csv");
    expect(seen.text).toBe("text of rows.csv");
    expect(seen.records).toHaveLength(3);
    rows.forEach((row, i) => expect(seen.records?.[i]).toBe(row));
  });

  it("calls every step, hooks included, on the importer itself: this inside a step is the importer", async () => {
    const seen: [string, unknown][] = [];
    class Witness extends Importer<string> {
      protected override read(): string {
        seen.push(["read", this]);
        return "x";
      }
      protected override parse(text: string): string[] {
        seen.push(["parse", this]);
        return [text];
      }
      protected override validate(): boolean {
        seen.push(["validate", this]);
        return true;
      }
      protected override transform(row: string): string {
        seen.push(["transform", this]);
        return row;
      }
      protected override write(): void {
        seen.push(["write", this]);
      }
      protected override cleanup(): void {
        seen.push(["cleanup", this]);
      }
    }
    const importer = new Witness();
    await importer.run("x.csv");
    expect(seen.map(([step]) => step)).toEqual(["read", "parse", "validate", "transform", "write", "cleanup"]);
    for (const [step, self] of seen) expect(self, `this inside ${step}`).toBe(importer);
  });

  it("waits for each asynchronous step to resolve before it starts the next one, and resolves after write", async () => {
    const log: string[] = [];
    const read = deferred<string>();
    const parse = deferred<string[]>();
    const write = deferred();
    const running = new Scripted<string>({
      read: (source) => (log.push(`read ${source}`), read.promise),
      parse: (text) => (log.push(`parse ${text}`), parse.promise),
      write: (records) => (log.push(`write ${records.join(",")}`), write.promise),
    }).run("a.csv");
    let settled = false;
    void running.then(
      () => (settled = true),
      () => (settled = true),
    );

    await flush();
    expect(log).toEqual(["read a.csv"]);
    read.resolve("x,y");
    await flush();
    expect(log).toEqual(["read a.csv", "parse x,y"]);
    parse.resolve(["x", "y"]);
    await flush();
    expect(log).toEqual(["read a.csv", "parse x,y", "write x,y"]);
    expect(settled).toBe(false);
    write.resolve();
    expect(await running).toEqual({ rows: 2, written: 2, skipped: 0 });
  });

  it("calls write once, with no records, when parse finds no rows, and resolves with zeros", async () => {
    const importer = new CheckedImporter();
    expect(await importer.run("empty.csv")).toEqual({ rows: 0, written: 0, skipped: 0 });
    expect(importer.log).toEqual(["read empty.csv", "parse", "write ", "cleanup"]);
  });

  it("returns a promise, even when every step is synchronous", async () => {
    const running = new PeopleImporter().run("class-2.csv");
    expect(running).toBeInstanceOf(Promise);
    expect(await running).toEqual({ rows: 1, written: 1, skipped: 0 });
  });

  it("keeps two imports in flight on one importer apart, whichever finishes first", async () => {
    const reads = new Map([
      ["a.csv", deferred<string>()],
      ["b.csv", deferred<string>()],
    ]);
    const written: string[] = [];
    const importer = new Scripted<string>({
      read: (source) => reads.get(source)?.promise ?? "",
      parse: (text) => text.split(","),
      write: (records) => {
        written.push(records.join(","));
      },
    });
    const a = inFlight(importer.run("a.csv"));
    const b = inFlight(importer.run("b.csv"));
    await flush();
    reads.get("b.csv")?.resolve("b1,b2,b3");
    expect(await b).toEqual({ rows: 3, written: 3, skipped: 0 });
    reads.get("a.csv")?.resolve("a1");
    expect(await a).toEqual({ rows: 1, written: 1, skipped: 0 });
    expect(written).toEqual(["b1,b2,b3", "a1"]);
  });

  it("keeps two importers apart: each its own steps, its own rows, its own log", async () => {
    const first = new CheckedImporter();
    const second = new PeopleImporter();
    const both = Promise.all([first.run("class-1.csv"), second.run("class-2.csv")]);
    expect(await both).toEqual([
      { rows: 3, written: 2, skipped: 1 },
      { rows: 1, written: 1, skipped: 0 },
    ]);
    expect(first.database.map((person) => person.name)).toEqual(["ZHANG SAN", "WANG WU"]);
    expect(second.log).toEqual(["read class-2.csv", "parse", "write Zhao Liu"]);
  });

  it("lets a step start another import on the same importer: each run keeps its own rows and order", async () => {
    // An index file lists other files: read("index") imports each of them first, with run().
    const log: string[] = [];
    const importer: Scripted<string> = new Scripted<string>({
      read: async (source) => {
        log.push(`read ${source}`);
        if (source !== "index") return `${source}-1,${source}-2`;
        await importer.run("a");
        await importer.run("b");
        return "a,b";
      },
      parse: (text) => (log.push(`parse ${text}`), text.split(",")),
      write: (records) => {
        log.push(`write ${records.join(",")}`);
      },
    });
    expect(await importer.run("index")).toEqual({ rows: 2, written: 2, skipped: 0 });
    expect(log).toEqual(["read index", "read a", "parse a-1,a-2", "write a-1,a-2", "read b", "parse b-1,b-2", "write b-1,b-2", "parse a,b", "write a,b"]);
  });
});

describe("2. hooks: validate, transform and cleanup have defaults a subclass may override", () => {
  it("keeps every row and writes each row itself when validate and transform are not overridden", async () => {
    const importer = new PeopleImporter();
    await importer.run("class-1.csv");
    // Li Si's age is "abc": nothing validates it, so it is written as parsed (NaN).
    expect(importer.database).toEqual([
      { name: "Zhang San", age: 20 },
      { name: "Li Si", age: Number.NaN },
      { name: "Wang Wu", age: 22 },
    ]);
  });

  it("validates every row, in order, before it transforms any, transforms only the kept rows, then writes, then cleans up", async () => {
    const importer = new CheckedImporter();
    expect(await importer.run("class-1.csv")).toEqual({ rows: 3, written: 2, skipped: 1 });
    expect(importer.log).toEqual([
      "read class-1.csv",
      "parse",
      "validate Zhang San",
      "validate Li Si",
      "validate Wang Wu",
      "transform Zhang San",
      "transform Wang Wu",
      "write ZHANG SAN, WANG WU",
      "cleanup",
    ]);
  });

  it("writes what transform returns, the very objects, in row order", async () => {
    const made: object[] = [];
    let records: unknown[] = [];
    await new Scripted<{ n: number }>({
      read: () => "",
      parse: () => [{ n: 1 }, { n: 2 }],
      transform: (row) => {
        const record = { n: row.n * 10 };
        made.push(record);
        return record;
      },
      write: (written) => {
        records = written;
      },
    }).run("numbers");
    expect(records).toHaveLength(2);
    expect(records[0]).toBe(made[0]);
    expect(records[1]).toBe(made[1]);
    expect(records).toEqual([{ n: 10 }, { n: 20 }]);
  });

  it("skips a row whose validate resolves false, and waits for each asynchronous validate before the next", async () => {
    const log: string[] = [];
    const first = deferred<boolean>();
    const running = new Scripted<string>({
      read: () => "x,y",
      parse: (text) => text.split(","),
      validate: (row) => (log.push(`validate ${row}`), row === "x" ? first.promise : true),
      write: (records) => {
        log.push(`write ${records.join(",")}`);
      },
    }).run("rows");
    await flush();
    expect(log).toEqual(["validate x"]);
    first.resolve(false);
    expect(await running).toEqual({ rows: 2, written: 1, skipped: 1 });
    expect(log).toEqual(["validate x", "validate y", "write y"]);
  });

  it("waits for each asynchronous transform before the next one", async () => {
    const log: string[] = [];
    const first = deferred<string>();
    const running = new Scripted<string>({
      read: () => "x,y",
      parse: (text) => text.split(","),
      transform: (row) => (log.push(`transform ${row}`), row === "x" ? first.promise : row.toUpperCase()),
      write: (records) => {
        log.push(`write ${records.join(",")}`);
      },
    }).run("rows");
    await flush();
    expect(log).toEqual(["transform x"]);
    first.resolve("X");
    await running;
    expect(log).toEqual(["transform x", "transform y", "write X,Y"]);
  });

  it("runs cleanup once, after write has resolved, before run() resolves", async () => {
    const log: string[] = [];
    const write = deferred();
    const running = new Scripted<string>({
      read: () => "x",
      parse: (text) => [text],
      write: () => (log.push("write"), write.promise),
      cleanup: () => {
        log.push("cleanup");
      },
    }).run("rows");
    await flush();
    expect(log).toEqual(["write"]);
    write.resolve();
    await running;
    expect(log).toEqual(["write", "cleanup"]);
  });

  it("waits for an asynchronous cleanup before run() resolves", async () => {
    const cleanup = deferred();
    let settled = false;
    const running = new Scripted<string>({ read: () => "", parse: () => [], write: () => {}, cleanup: () => cleanup.promise }).run("rows");
    void running.then(
      () => (settled = true),
      () => (settled = true),
    );
    await flush();
    expect(settled).toBe(false);
    cleanup.resolve();
    expect(await running).toEqual({ rows: 0, written: 0, skipped: 0 });
  });
});

describe("3. a failing step stops the import cleanly: no later step, cleanup, the very error", () => {
  it("stops at a parse that throws: validate, transform and write never run, cleanup does, and run() rejects with that very error", async () => {
    const failure = new Error("line 2: unclosed quote");
    const log: string[] = [];
    const error = await rejection(() =>
      new Scripted<string>({
        read: () => (log.push("read"), "text"),
        parse: () => {
          log.push("parse");
          throw failure;
        },
        validate: () => (log.push("validate"), true),
        transform: (row) => (log.push("transform"), row),
        write: () => {
          log.push("write");
        },
        cleanup: () => {
          log.push("cleanup");
        },
      }).run("bad.csv"),
    );
    expect(error).toBe(failure);
    expect(log).toEqual(["read", "parse", "cleanup"]);
  });

  it("stops at a read of a file that does not exist: nothing parsed, nothing written", async () => {
    const importer = new CheckedImporter();
    const error = await rejection(() => importer.run("missing.csv"));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("no such file: missing.csv");
    expect(importer.log).toEqual(["read missing.csv", "cleanup"]);
    expect(importer.database).toEqual([]);
  });

  it("stops at a write that rejects later: cleanup runs after the rejection, and run() rejects with that very error", async () => {
    const failure = new Error("disk full");
    const log: string[] = [];
    const write = deferred();
    const importer = new Scripted<string>({
      read: () => "x",
      parse: (text) => [text],
      write: () => (log.push("write"), write.promise),
      cleanup: () => {
        log.push("cleanup");
      },
    });
    const running = inFlight(outcome(() => importer.run("rows")));
    await flush();
    expect(log).toEqual(["write"]);
    write.reject(failure);
    expect(await running).toEqual({ error: failure });
    expect(((await running) as { error: unknown }).error).toBe(failure);
    expect(log).toEqual(["write", "cleanup"]);
  });

  it("stops at a validate that throws on the second row: the third row is never validated, nothing is transformed or written", async () => {
    const failure = new RangeError("age out of range");
    const log: string[] = [];
    const error = await rejection(() =>
      new Scripted<number>({
        read: () => "1,2,3",
        parse: (text) => text.split(",").map(Number),
        validate: (row) => {
          log.push(`validate ${row}`);
          if (row === 2) throw failure;
          return true;
        },
        transform: (row) => (log.push(`transform ${row}`), row),
        write: () => {
          log.push("write");
        },
        cleanup: () => {
          log.push("cleanup");
        },
      }).run("numbers"),
    );
    expect(error).toBe(failure);
    expect(log).toEqual(["validate 1", "validate 2", "cleanup"]);
  });

  it("turns a synchronous throw of a step into a rejection: run() itself does not throw", async () => {
    const failure = new Error("permission denied");
    const importer = new Scripted<string>({
      read: () => {
        throw failure;
      },
      parse: () => [],
      write: () => {},
    });
    let running: Promise<ImportSummary> | undefined;
    expect(() => {
      running = importer.run("secret.csv");
    }).not.toThrow();
    expect(running).toBeInstanceOf(Promise);
    await expect(running).rejects.toBe(failure);
  });

  it("lets a thrown value that is not an Error reach the caller as it is: the string \"stop\"", async () => {
    const error = await rejection(() =>
      new Scripted<string>({
        read: () => "x",
        parse: () => {
          throw "stop";
        },
        write: () => {},
      }).run("rows"),
    );
    expect(error).toBe("stop");
  });

  it("rejects with cleanup's own error when every step succeeded", async () => {
    const failure = new Error("could not close the connection");
    const written: string[][] = [];
    const error = await rejection(() =>
      new Scripted<string>({
        read: () => "x",
        parse: (text) => [text],
        write: (records) => {
          written.push(records);
        },
        cleanup: () => Promise.reject(failure),
      }).run("rows"),
    );
    expect(error).toBe(failure);
    expect(written).toEqual([["x"]]);
  });

  it("never lets cleanup's error hide the step's: when both fail, run() rejects with the step's error", async () => {
    const stepFailure = new Error("parse failed");
    const cleanupFailure = new Error("cleanup failed too");
    let cleanups = 0;
    const error = await rejection(() =>
      new Scripted<string>({
        read: () => "x",
        parse: () => {
          throw stepFailure;
        },
        write: () => {},
        cleanup: () => {
          cleanups += 1;
          throw cleanupFailure;
        },
      }).run("rows"),
    );
    expect(error).toBe(stepFailure);
    expect(cleanups).toBe(1);
  });

  it("leaves the importer usable: after a failed import, the next run of the same importer succeeds", async () => {
    const importer = new CheckedImporter();
    await rejection(() => importer.run("missing.csv"));
    expect(await importer.run("class-2.csv")).toEqual({ rows: 1, written: 1, skipped: 0 });
    expect(importer.log).toEqual(["read missing.csv", "cleanup", "read class-2.csv", "parse", "validate Zhao Liu", "transform Zhao Liu", "write ZHAO LIU", "cleanup"]);
  });
});

/* ------------------------------------------------------------------------------------------------
 * The laws: a plan says which rows there are, which hooks are given, which step call fails and
 * how, and which step calls are asynchronous; a small model says what must be run.
 * ---------------------------------------------------------------------------------------------- */

interface Row {
  readonly id: number;
  readonly ok: boolean;
  readonly transformed?: true;
}

interface Plan {
  readonly rows: readonly Row[];
  readonly hooks: { readonly validate: boolean; readonly transform: boolean; readonly cleanup: boolean };
  /** The index, among the calls of the steps (cleanup aside), of the call that fails. */
  readonly failAt: number;
  readonly how: "throw" | "reject";
  /** Which calls return a promise (by index, cycling). */
  readonly async: readonly boolean[];
  readonly cleanupFails: boolean;
}

const planArb: fc.Arbitrary<Plan> = fc.record({
  rows: fc.array(fc.boolean(), { maxLength: 3 }).map((oks) => oks.map((ok, id) => ({ id, ok }))),
  hooks: fc.record({ validate: fc.boolean(), transform: fc.boolean(), cleanup: fc.boolean() }),
  failAt: fc.nat({ max: 10 }),
  how: fc.constantFrom("throw" as const, "reject" as const),
  async: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
  cleanupFails: fc.boolean(),
});

/** The errors a plan's run may fail with: made fresh per run, so that identity means something. */
interface Failures {
  readonly step: Error;
  readonly cleanup: Error;
}

function recordLine(records: readonly Row[]): string {
  return `write ${records.map((row) => `${row.id}${row.transformed ? "t" : ""}`).join(",")}`;
}

/** A steps object that follows the plan and logs every call. */
function planSteps(plan: Plan, log: string[], failures: Failures): PipelineSteps<Row> {
  let calls = 0;
  const step = <T>(entry: string, result: () => T): Awaitable<T> => {
    const index = calls++;
    log.push(entry);
    if (index === plan.failAt) {
      if (plan.how === "throw") throw failures.step;
      return Promise.reject(failures.step);
    }
    return plan.async[index % plan.async.length] ? Promise.resolve().then(result) : result();
  };
  const steps: PipelineSteps<Row> = {
    read: (source) => step(`read ${source}`, () => "text"),
    parse: (text) => step(`parse ${text}`, () => [...plan.rows]),
    write: (records) => step(recordLine(records), () => undefined),
  };
  if (plan.hooks.validate) steps.validate = (row) => step(`validate ${row.id}`, () => row.ok);
  if (plan.hooks.transform) steps.transform = (row) => step(`transform ${row.id}`, (): Row => ({ ...row, transformed: true }));
  if (plan.hooks.cleanup) {
    steps.cleanup = () => {
      log.push("cleanup");
      if (plan.cleanupFails) return Promise.reject(failures.cleanup);
    };
  }
  return steps;
}

/** What the template must do with a plan: the calls, in order, and how the import ends. */
function model(plan: Plan, failures: Failures): { log: string[]; ending: Outcome } {
  const kept = plan.hooks.validate ? plan.rows.filter((row) => row.ok) : plan.rows;
  const records = plan.hooks.transform ? kept.map((row): Row => ({ ...row, transformed: true })) : kept;
  const calls = [
    "read data.csv",
    "parse text",
    ...(plan.hooks.validate ? plan.rows.map((row) => `validate ${row.id}`) : []),
    ...(plan.hooks.transform ? kept.map((row) => `transform ${row.id}`) : []),
    recordLine(records),
  ];
  const failed = plan.failAt < calls.length;
  const log = failed ? calls.slice(0, plan.failAt + 1) : calls;
  if (plan.hooks.cleanup) log.push("cleanup");
  const summary = { rows: plan.rows.length, written: kept.length, skipped: plan.rows.length - kept.length };
  const ending = failed ? { error: failures.step } : plan.hooks.cleanup && plan.cleanupFails ? { error: failures.cleanup } : { summary };
  return { log, ending };
}

/** Runs a plan with one form; what it logged and how it ended. */
async function runPlan(form: keyof typeof FORMS, plan: Plan, failures: Failures): Promise<{ log: string[]; ending: Outcome }> {
  const log: string[] = [];
  const ending = await outcome(() => FORMS[form](planSteps(plan, log, failures), "data.csv"));
  return { log, ending };
}

function freshFailures(): Failures {
  return { step: new Error("the planned failure"), cleanup: new Error("the planned cleanup failure") };
}

/** The same ending: equal summaries, or the very same error. */
function expectSameEnding(actual: Outcome, expected: Outcome): void {
  if ("error" in expected) {
    expect(actual).toHaveProperty("error");
    expect((actual as { error: unknown }).error).toBe(expected.error);
  } else {
    expect(actual).toEqual(expected);
  }
}

describe("4. runPipeline(steps, source): the same algorithm, its steps an object of functions", () => {
  it("imports class-1.csv from three functions: read, parse, write, and the same summary as the class", async () => {
    const log: string[] = [];
    expect(await runPipeline(peopleSteps(log), "class-1.csv")).toEqual({ rows: 3, written: 3, skipped: 0 });
    expect(log).toEqual(["read class-1.csv", "parse", "write Zhang San, Li Si, Wang Wu"]);
  });

  it("uses the defaults for the hooks left out: every row kept, each row itself written", async () => {
    const rows = [{ id: 1 }, { id: 2 }];
    let records: unknown[] = [];
    const summary = await runPipeline<{ id: number }>(
      {
        read: () => "",
        parse: () => rows,
        validate: undefined,
        write: (written) => {
          records = written;
        },
      },
      "rows",
    );
    expect(summary).toEqual({ rows: 2, written: 2, skipped: 0 });
    expect(records).toHaveLength(2);
    expect(records[0]).toBe(rows[0]);
    expect(records[1]).toBe(rows[1]);
  });

  it("calls the hooks given in the template's order: validate each row, transform each kept row, write, cleanup", async () => {
    const log: string[] = [];
    const summary = await runPipeline(
      peopleSteps(log, {
        validate: (row) => (log.push(`validate ${row.name}`), Number.isInteger(row.age)),
        transform: (row) => (log.push(`transform ${row.name}`), { ...row, name: row.name.toUpperCase() }),
        cleanup: () => {
          log.push("cleanup");
        },
      }),
      "class-1.csv",
    );
    expect(summary).toEqual({ rows: 3, written: 2, skipped: 1 });
    expect(log).toEqual(["read class-1.csv", "parse", "validate Zhang San", "validate Li Si", "validate Wang Wu", "transform Zhang San", "transform Wang Wu", "write ZHANG SAN, WANG WU", "cleanup"]);
  });

  it("stops at a failing step the same way: later steps skipped, cleanup run, the very error", async () => {
    const failure = new Error("disk full");
    const log: string[] = [];
    const error = await rejection(() =>
      runPipeline(
        peopleSteps(log, {
          validate: () => {
            log.push("validate");
            throw failure;
          },
          cleanup: () => {
            log.push("cleanup");
          },
        }),
        "class-2.csv",
      ),
    );
    expect(error).toBe(failure);
    expect(log).toEqual(["read class-2.csv", "parse", "validate", "cleanup"]);
  });

  it("keeps two pipelines in flight apart, whichever finishes first", async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const written: string[] = [];
    const steps = (text: Promise<string>): PipelineSteps<string> => ({
      read: () => text,
      parse: (t) => t.split(","),
      write: (records) => {
        written.push(records.join(","));
      },
    });
    const a = inFlight(runPipeline(steps(first.promise), "a"));
    const b = inFlight(runPipeline(steps(second.promise), "b"));
    await flush();
    second.resolve("b1,b2");
    expect(await b).toEqual({ rows: 2, written: 2, skipped: 0 });
    first.resolve("a1,a2,a3");
    expect(await a).toEqual({ rows: 3, written: 3, skipped: 0 });
    expect(written).toEqual(["b1,b2", "a1,a2,a3"]);
  });

  describe("the laws", () => {
    it("runs, for any steps failing anywhere, sync or async, exactly the calls of the model, in its order, and ends as it says", async () => {
      await fc.assert(
        fc.asyncProperty(planArb, async (plan) => {
          for (const form of Object.keys(FORMS) as (keyof typeof FORMS)[]) {
            const failures = freshFailures();
            const expected = model(plan, failures);
            const actual = await runPlan(form, plan, failures);
            expect(actual.log, form).toEqual(expected.log);
            expectSameEnding(actual.ending, expected.ending);
          }
        }),
      );
    });

    it("gives, for any steps, the same calls and the same ending from the class and from runPipeline", async () => {
      await fc.assert(
        fc.asyncProperty(planArb, async (plan) => {
          const failures = freshFailures();
          const byClass = await runPlan("the class", plan, failures);
          const byFunction = await runPlan("runPipeline", plan, failures);
          expect(byClass.log).toEqual(byFunction.log);
          expectSameEnding(byClass.ending, byFunction.ending);
        }),
      );
    });

    it("runs cleanup exactly once, last, whatever fails, and ends with the first failure, the very error", async () => {
      await fc.assert(
        fc.asyncProperty(planArb, async (drawn) => {
          const plan = { ...drawn, hooks: { ...drawn.hooks, cleanup: true } };
          for (const form of Object.keys(FORMS) as (keyof typeof FORMS)[]) {
            const failures = freshFailures();
            const { log, ending } = await runPlan(form, plan, failures);
            expect(log.filter((entry) => entry === "cleanup"), form).toHaveLength(1);
            expect(log.at(-1)).toBe("cleanup");
            const stepFailed = log.length - 1 === plan.failAt + 1;
            if (stepFailed) expect((ending as { error: unknown }).error).toBe(failures.step);
            else if (plan.cleanupFails) expect((ending as { error: unknown }).error).toBe(failures.cleanup);
            else expect(ending).toHaveProperty("summary");
          }
        }),
      );
    });

    it("writes, when nothing fails, exactly the rows validate kept, the very objects, in row order, and rows = written + skipped", async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 8 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), async (oks, asyncs) => {
          const rows = oks.map((ok, id) => ({ id, ok }));
          let records: readonly Row[] = [];
          let call = 0;
          const maybeAsync = <T>(value: T): Awaitable<T> => (asyncs[call++ % asyncs.length] ? Promise.resolve(value) : value);
          const summary = await new Scripted<Row>({
            read: () => maybeAsync(""),
            parse: () => maybeAsync(rows),
            validate: (row) => maybeAsync(row.ok),
            write: (written) => {
              records = written;
            },
          }).run("rows");
          const kept = rows.filter((row) => row.ok);
          expect(records).toHaveLength(kept.length);
          kept.forEach((row, i) => expect(records[i]).toBe(row));
          expect(summary).toEqual({ rows: rows.length, written: kept.length, skipped: rows.length - kept.length });
          expect(summary.rows).toBe(summary.written + summary.skipped);
        }),
      );
    });

    it("keeps two imports on one importer apart for any order in which their steps resolve", async () => {
      await fc.assert(
        fc.asyncProperty(fc.scheduler(), fc.array(fc.boolean(), { maxLength: 3 }), fc.array(fc.boolean(), { maxLength: 3 }), async (s, oksA, oksB) => {
          const rowsOf: Record<string, Row[]> = {
            a: oksA.map((ok, id) => ({ id, ok })),
            b: oksB.map((ok, id) => ({ id: 100 + id, ok })),
          };
          const written = new Map<string, readonly Row[]>();
          const importer = new Scripted<Row>({
            read: s.scheduleFunction(async (source: string) => source),
            parse: s.scheduleFunction(async (text: string) => rowsOf[text] ?? []),
            validate: s.scheduleFunction(async (row: Row) => row.ok),
            write: s.scheduleFunction(async (records: Row[]) => {
              written.set(records.length === 0 ? `empty ${written.size}` : records[0]!.id < 100 ? "a" : "b", records);
            }),
          });
          const a = importer.run("a");
          const b = importer.run("b");
          // The scheduler releases the steps' promises one at a time, in an order it draws.
          await s.waitFor(Promise.allSettled([a, b]));
          for (const [source, running] of [
            ["a", a],
            ["b", b],
          ] as const) {
            const rows = rowsOf[source] ?? [];
            const kept = rows.filter((row) => row.ok);
            expect(await running).toEqual({ rows: rows.length, written: kept.length, skipped: rows.length - kept.length });
            if (kept.length > 0) expect(written.get(source)).toEqual(kept);
          }
          expect(written.size).toBe(2);
        }),
      );
    });
  });
});

describe("5. bad input and bad subclasses follow the workbook's contract, and run no step", () => {
  /** Untyped code (JavaScript, or a cast) sees Importer as the plain class it is at run time. */
  const UntypedImporter = Importer as unknown as new () => object;

  describe("run(source): a source that is not a string is a TypeError, and no step runs", () => {
    for (const c of [
      { label: "42", value: 42 },
      { label: "null", value: null },
      { label: "undefined (no source)", value: undefined },
      { label: "10n", value: 10n },
      { label: 'an array, ["class-1.csv"]', value: ["class-1.csv"] },
    ]) {
      it(`refuses the source ${c.label} with a TypeError naming source`, async () => {
        const importer = new CheckedImporter();
        await expectRejection(() => importer.run(c.value as unknown as string), { error: TypeError, param: "source", value: c.value });
        await flush();
        expect(importer.log).toEqual([]);
      });
    }
  });

  describe("new: a subclass that lacks a step, or replaces run(), is refused when it is instantiated", () => {
    const steps = {
      read: () => "",
      parse: () => [],
      write: () => {},
    };
    for (const missing of ["read", "parse", "write"] as const) {
      it(`refuses a subclass from untyped code that lacks ${missing}, with a TypeError naming ${missing}, at new`, () => {
        const Incomplete = class extends UntypedImporter {};
        for (const [name, fn] of Object.entries(steps)) {
          if (name !== missing) Object.defineProperty(Incomplete.prototype, name, { value: fn, writable: true, configurable: true });
        }
        expectRefusal(() => new Incomplete(), { error: TypeError, param: missing, value: undefined });
      });
    }

    it("refuses Importer itself, made through a cast (at run time an abstract class is a plain class), naming read", () => {
      expectRefusal(() => new UntypedImporter(), { error: TypeError, param: "read", value: undefined });
    });

    it("refuses a subclass that overrides run(), the template, with a TypeError naming run", () => {
      class Sneaky extends PeopleImporter {
        override run(source: string): Promise<ImportSummary> {
          return super.run(source.toLowerCase());
        }
      }
      expectRefusal(() => new Sneaky(), { error: TypeError, param: "run" });
    });

    it("refuses a subclass of a subclass that overrides run(), naming run", () => {
      class Middle extends CheckedImporter {}
      class Sneaky extends Middle {
        override run(): Promise<ImportSummary> {
          return Promise.resolve({ rows: 0, written: 0, skipped: 0 });
        }
      }
      expectRefusal(() => new Sneaky(), { error: TypeError, param: "run" });
      expect(new Middle()).toBeInstanceOf(Importer);
    });

    it("refuses a subclass of one that overrides run(), though it does not override run() itself, naming run", () => {
      class Sneaky extends PeopleImporter {
        override run(source: string): Promise<ImportSummary> {
          return super.run(source.toLowerCase());
        }
      }
      class Below extends Sneaky {}
      expectRefusal(() => new Below(), { error: TypeError, param: "run" });
    });
  });

  describe("runPipeline(steps, source): steps must be an object whose steps are functions; no step runs", () => {
    for (const c of [
      { label: "null", value: null },
      { label: "undefined", value: undefined },
      { label: "42", value: 42 },
      { label: '"steps"', value: "steps" },
    ]) {
      it(`refuses steps ${c.label} with a TypeError naming steps`, async () => {
        await expectRejection(() => runPipeline(c.value as unknown as PipelineSteps<string>, "class-1.csv"), { error: TypeError, param: "steps", value: c.value });
      });
    }

    for (const c of [
      { name: "read", label: "left out", value: undefined },
      { name: "read", label: "a string", value: "class-1.csv" },
      { name: "parse", label: "42", value: 42 },
      { name: "write", label: "null", value: null },
      { name: "validate", label: "true", value: true },
      { name: "validate", label: "null (null is not left out)", value: null },
      { name: "transform", label: '"upper"', value: "upper" },
      { name: "cleanup", label: "an object", value: { close() {} } },
    ]) {
      it(`refuses ${c.name} ${c.label} with a TypeError naming ${c.name}, before any step runs`, async () => {
        const log: string[] = [];
        const steps = { ...peopleSteps(log, { cleanup: () => void log.push("cleanup") }), [c.name]: c.value };
        await expectRejection(() => runPipeline(steps as PipelineSteps<Person>, "class-1.csv"), { error: TypeError, param: c.name, value: c.value });
        await flush();
        expect(log).toEqual([]);
      });
    }

    for (const c of [
      { label: "42", value: 42 },
      { label: "null", value: null },
    ]) {
      it(`refuses the source ${c.label} with a TypeError naming source, before any step runs`, async () => {
        const log: string[] = [];
        await expectRejection(() => runPipeline(peopleSteps(log), c.value as unknown as string), { error: TypeError, param: "source", value: c.value });
        await flush();
        expect(log).toEqual([]);
      });
    }
  });
});
