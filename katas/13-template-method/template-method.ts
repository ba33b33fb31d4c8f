import { todo } from "../../tools/kit";

/** A value, or a promise of one: every step may be synchronous or asynchronous. */
export type Awaitable<T> = T | PromiseLike<T>;

/** What one import did: rows parsed, rows written, rows that validate skipped (rows = written + skipped). */
export interface ImportSummary {
  readonly rows: number;
  readonly written: number;
  readonly skipped: number;
}

/**
 * Step 4. The steps of an import as an object of functions: `read`, `parse` and `write` are required,
 * `validate`, `transform` and `cleanup` are hooks with defaults (keep every row, the row itself,
 * nothing). A hook left out, or `undefined`, takes its default.
 */
export interface PipelineSteps<Row> {
  /** Fetches the raw text of `source` (a file name, a URL...). */
  read(source: string): Awaitable<string>;
  /** Cuts the text into rows. */
  parse(text: string): Awaitable<Row[]>;
  /** Hook: `true` keeps the row, `false` skips it. Default: keep every row. */
  validate?(row: Row): Awaitable<boolean>;
  /** Hook: the record to write for a kept row. Default: the row itself. */
  transform?(row: Row): Awaitable<Row>;
  /** Stores the records, in row order; called once per import, even with none. */
  write(records: Row[]): Awaitable<void>;
  /** Hook: runs last, once, whether the import succeeded or failed. Default: nothing. */
  cleanup?(): Awaitable<void>;
}

/**
 * Step 4 (and 3, 5). The same algorithm as `Importer.run`, its steps given as functions: read, parse,
 * validate each row, transform each kept row, write, then cleanup whatever happened. Resolves with the
 * summary; rejects with the very error of the first step that failed. Bad `steps` (not an object, a
 * required step that is not a function, a hook that is neither a function nor left out) or a `source`
 * that is not a string: a `TypeError` naming it, and no step runs.
 */
export function runPipeline<Row>(steps: PipelineSteps<Row>, source: string): Promise<ImportSummary> {
  return todo("runPipeline(steps, source)");
}

/**
 * Steps 1-3 and 5. An import with a fixed order of steps that subclasses fill in. `run()` is the
 * template: subclasses override the steps, never `run()` (the constructor refuses a subclass that does).
 *
 * @example
 *   class CsvImporter extends Importer<string[]> {
 *     protected override read(source: string) { return files.get(source) ?? ""; }
 *     protected override parse(text: string) { return text.split("\n").map((line) => line.split(",")); }
 *     protected override write(records: string[][]) { database.push(...records); }
 *   }
 *   await new CsvImporter().run("people.csv"); // { rows: 3, written: 3, skipped: 0 }
 */
export abstract class Importer<Row> {
  /**
   * Step 5. Checks the subclass, as Python's ABC does at instantiation: a `TypeError` naming a
   * required step (`read`, `parse`, `write`, in that order) that is not a function, or naming `run`
   * when a subclass (or a subclass of one) replaced the template.
   */
  constructor() {
    todo("new Importer()");
  }

  /**
   * Step 1 and 3. The template method: read, parse, validate each row, transform each kept row,
   * write, then cleanup; each step awaited before the next, and called on this importer (`this`
   * inside a step is the importer). Always returns a promise: it resolves with the summary, or
   * rejects with the very error of the first step that failed (a `source` that is not a string: a
   * `TypeError`, step 5). Do not override.
   */
  run(source: string): Promise<ImportSummary> {
    return todo("importer.run(source)");
  }

  /** Step 1. Fetches the raw text of `source`. */
  protected abstract read(source: string): Awaitable<string>;

  /** Step 1. Cuts the text into rows. */
  protected abstract parse(text: string): Awaitable<Row[]>;

  /** Step 2. Hook: `true` keeps the row, `false` skips it. Default: keep every row. */
  protected validate(row: Row): Awaitable<boolean> {
    return todo("importer.validate(row)");
  }

  /** Step 2. Hook: the record to write for a kept row. Default: the row itself. */
  protected transform(row: Row): Awaitable<Row> {
    return todo("importer.transform(row)");
  }

  /** Step 1. Stores the records, in row order; called once per import, even with none. */
  protected abstract write(records: Row[]): Awaitable<void>;

  /** Step 2. Hook: runs last, once, whether the import succeeded or failed. Default: nothing. */
  protected cleanup(): Awaitable<void> {
    return todo("importer.cleanup()");
  }
}
