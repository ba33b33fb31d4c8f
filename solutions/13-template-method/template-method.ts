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

const REQUIRED = ["read", "parse", "write"] as const;
const HOOKS = ["validate", "transform", "cleanup"] as const;

/** A primitive as JavaScript writes it (the workbook's contract); anything else in a few words. */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "an array" : "an object";
  return String(value);
}

function checkSource(source: unknown): void {
  if (typeof source !== "string") throw new TypeError(`source must be a string, got ${show(source)}`);
}

/**
 * Step 4 (and the skeleton of steps 1-3). Runs an import of `source` with these steps, in this order:
 * read, parse, validate each row, transform each kept row, write, then cleanup whatever happened.
 * Resolves with the summary; rejects with the very error of the first step that failed. Bad input
 * (step 5): a `TypeError` naming it, and no step runs.
 */
export function runPipeline<Row>(steps: PipelineSteps<Row>, source: string): Promise<ImportSummary> {
  try {
    // Everything is checked before anything runs: a refused call runs no step, not even cleanup.
    if (typeof steps !== "object" || steps === null) throw new TypeError(`steps must be an object of functions, got ${show(steps)}`);
    for (const name of REQUIRED) {
      if (typeof steps[name] !== "function") throw new TypeError(`${name} must be a function, got ${show(steps[name])}`);
    }
    for (const name of HOOKS) {
      // Left out (or undefined) takes the default; null is not "left out".
      if (steps[name] !== undefined && typeof steps[name] !== "function") throw new TypeError(`${name} must be a function or left out, got ${show(steps[name])}`);
    }
    checkSource(source);
  } catch (error) {
    return Promise.reject(error);
  }
  return skeleton(steps, source);
}

/** The template itself: one fixed order, each step awaited before the next one starts. */
async function skeleton<Row>(steps: PipelineSteps<Row>, source: string): Promise<ImportSummary> {
  let failed = false;
  try {
    const text = await steps.read(source);
    const rows = await steps.parse(text);
    // Phases, not rows: every row is validated before any is transformed. Local variables, never
    // shared state: two imports in flight (or one started by a step) keep their rows apart.
    const kept: Row[] = [];
    for (const row of rows) {
      if (steps.validate === undefined || (await steps.validate(row))) kept.push(row);
    }
    const records: Row[] = [];
    for (const row of kept) records.push(steps.transform === undefined ? row : await steps.transform(row));
    await steps.write(records);
    return { rows: rows.length, written: records.length, skipped: rows.length - records.length };
  } catch (error) {
    failed = true;
    throw error; // as it is: the caller gets the step's own error, not a wrapper
  } finally {
    try {
      await steps.cleanup?.();
    } catch (cleanupError) {
      // A plain `finally` would let cleanup's error replace the step's: the first failure wins.
      if (!failed) throw cleanupError;
    }
  }
}

/**
 * Steps 1-3 and 5. An import with a fixed order of steps that subclasses fill in. `run()` is the template:
 * subclasses override the steps, never `run()` (the constructor refuses a subclass that does).
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
   * required step that is not a function, or naming `run` when a subclass replaced the template.
   */
  constructor() {
    // TypeScript checks `abstract` at compile time only; at run time this is a plain class, and a
    // subclass from untyped code could lack a step. Refuse it now rather than halfway through run().
    for (const name of REQUIRED) {
      if (typeof this[name] !== "function") throw new TypeError(`${new.target.name} must implement the step ${name}, got ${show(this[name])}`);
    }
    // TypeScript has no `final`: this is the workaround. Whatever class in the chain replaced run(),
    // the method found from `this` is no longer ours.
    if (this.run !== Importer.prototype.run) throw new TypeError(`${new.target.name} overrides run, the template: override its steps instead`);
  }

  /**
   * Steps 1 and 3. The template method: runs the steps in their fixed order, each called on this
   * importer (see `runPipeline`). Do not override.
   */
  run(source: string): Promise<ImportSummary> {
    // One skeleton for both forms: the class hands its steps, bound to this instance, to runPipeline.
    return runPipeline<Row>(
      {
        read: (source) => this.read(source),
        parse: (text) => this.parse(text),
        validate: (row) => this.validate(row),
        transform: (row) => this.transform(row),
        write: (records) => this.write(records),
        cleanup: () => this.cleanup(),
      },
      source,
    );
  }

  /** Step 1. Fetches the raw text of `source`. */
  protected abstract read(source: string): Awaitable<string>;

  /** Step 1. Cuts the text into rows. */
  protected abstract parse(text: string): Awaitable<Row[]>;

  /** Step 2. Hook: `true` keeps the row, `false` skips it. Default: keep every row. */
  protected validate(row: Row): Awaitable<boolean> {
    return true;
  }

  /** Step 2. Hook: the record to write for a kept row. Default: the row itself. */
  protected transform(row: Row): Awaitable<Row> {
    return row;
  }

  /** Step 1. Stores the records, in row order; called once per import, even with none. */
  protected abstract write(records: Row[]): Awaitable<void>;

  /** Step 2. Hook: runs last, once, whether the import succeeded or failed. Default: nothing. */
  protected cleanup(): Awaitable<void> {}
}
