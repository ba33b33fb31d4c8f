/*
 * Type-level tests: checked by `npx tsc -p .` (the workbook's self-check runs it), never executed.
 * A `// @ts-expect-error` line passes when the line below it does NOT compile, and fails tsc when
 * it does: it is how a spec says "this must be a compile error".
 */
import { expectTypeOf } from "vitest";
import { Importer, runPipeline, type Awaitable, type ImportSummary, type PipelineSteps } from "./template-method";

// Steps 1-2: a subclass fills in the three abstract steps; the hooks are optional.
class Lines extends Importer<string> {
  protected override read(source: string): string {
    return source;
  }
  protected override parse(text: string): string[] {
    return text.split("\n");
  }
  protected override write(records: string[]): void {
    void records;
  }
}
expectTypeOf(new Lines().run("a\nb")).toEqualTypeOf<Promise<ImportSummary>>();
expectTypeOf<ImportSummary>().toEqualTypeOf<{ readonly rows: number; readonly written: number; readonly skipped: number }>();

// Steps may be asynchronous: each returns a value or a promise of one.
class AsyncLines extends Importer<string> {
  protected override async read(source: string): Promise<string> {
    return source;
  }
  protected override async parse(text: string): Promise<string[]> {
    return text.split("\n");
  }
  protected override async validate(row: string): Promise<boolean> {
    return row !== "";
  }
  protected override async write(records: string[]): Promise<void> {
    void records;
  }
}
expectTypeOf(new AsyncLines().run("a")).toEqualTypeOf<Promise<ImportSummary>>();
expectTypeOf<Awaitable<number>>().toEqualTypeOf<number | PromiseLike<number>>();

// @ts-expect-error Importer is abstract: only a subclass that fills in the steps can be made
new Importer<string>();

// @ts-expect-error forgetting an abstract step (parse) is a compile error, not a crash in the middle of run()
class NoParse extends Importer<string> {
  protected override read(source: string): string {
    return source;
  }
  protected override write(records: string[]): void {
    void records;
  }
}
void NoParse;

class WrongSignatures extends Importer<number> {
  // @ts-expect-error read is given a string (the source), not a number
  protected override read(source: number): string {
    return String(source);
  }
  // @ts-expect-error parse gives rows (number[] here), not the text back
  protected override parse(text: string): string {
    return text;
  }
  // @ts-expect-error validate answers with a boolean, not a word
  protected override validate(row: number): string {
    return row > 0 ? "yes" : "no";
  }
  // @ts-expect-error transform gives a row of the same type, not a string
  protected override transform(row: number): string {
    return String(row);
  }
  protected override write(records: number[]): void {
    void records;
  }
}
void WrongSignatures;

class Careless extends Importer<string> {
  protected override read(source: string): string {
    return source;
  }
  protected override parse(text: string): string[] {
    return [text];
  }
  protected override write(records: string[]): void {
    void records;
  }
  // @ts-expect-error noImplicitOverride (tsconfig.json): replacing a hook without `override` is an error
  protected validate(row: string): boolean {
    return row !== "";
  }
  // @ts-expect-error `override` on a step the base class does not have: the typo is caught
  protected override valdiate(row: string): boolean {
    return row !== "";
  }
}
void Careless;

// @ts-expect-error the steps are protected: only the template calls them
new Lines().parse("a\nb");

// TypeScript has no `final`: overriding run() compiles. The constructor refuses it at run time (step 5).
class Sneaky extends Lines {
  override run(source: string): Promise<ImportSummary> {
    return super.run(source.trim());
  }
}
void Sneaky;

// Nor does it stop a step written as an arrow-function property: it compiles, but the property is set
// only after Importer's constructor has run, so the constructor finds no `read` and refuses it
// (step 5). Write steps as methods.
class Fields extends Importer<string> {
  protected override read = (source: string): string => source;
  protected override parse(text: string): string[] {
    return [text];
  }
  protected override write(records: string[]): void {
    void records;
  }
}
void Fields;

// Step 4: the function form infers the row type from parse, and types every other step with it.
expectTypeOf(runPipeline({ read: () => "", parse: (text) => text.split(","), write: () => {} }, "a.csv")).toEqualTypeOf<Promise<ImportSummary>>();
void runPipeline(
  {
    read: () => "1,2",
    parse: (text) => text.split(",").map(Number),
    transform: (row) => {
      expectTypeOf(row).toEqualTypeOf<number>();
      return row * 2;
    },
    write: (records) => {
      expectTypeOf(records).toEqualTypeOf<number[]>();
    },
  },
  "numbers.csv",
);
expectTypeOf<PipelineSteps<string>["validate"]>().toEqualTypeOf<((row: string) => Awaitable<boolean>) | undefined>();

// @ts-expect-error write is a required step
void runPipeline({ read: () => "", parse: () => [] }, "a.csv");
// @ts-expect-error a typo is not a hook: transfrom is not a step
void runPipeline<string>({ read: () => "", parse: () => [], write: () => {}, transfrom: (row: string) => row }, "a.csv");
// @ts-expect-error validate answers with a boolean
void runPipeline<string>({ read: () => "", parse: () => [], write: () => {}, validate: () => "yes" }, "a.csv");
// @ts-expect-error the source is a string
void runPipeline<string>({ read: () => "", parse: () => [], write: () => {} }, 42);
