/*
 * Alternative: defaults filled in first (a complete steps object, no optional calls in the skeleton),
 * the outcome kept as a value and cleanup run after it, outside any finally; the class's run() check
 * walks the prototype chain with Object.hasOwn. Messages in other words.
 */

export type Awaitable<T> = T | PromiseLike<T>;

export interface ImportSummary {
  readonly rows: number;
  readonly written: number;
  readonly skipped: number;
}

export interface PipelineSteps<Row> {
  read(source: string): Awaitable<string>;
  parse(text: string): Awaitable<Row[]>;
  validate?(row: Row): Awaitable<boolean>;
  transform?(row: Row): Awaitable<Row>;
  write(records: Row[]): Awaitable<void>;
  cleanup?(): Awaitable<void>;
}

type Complete<Row> = { readonly [K in keyof PipelineSteps<Row>]-?: NonNullable<PipelineSteps<Row>[K]> };

function literal(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return String(value);
  return `a value of type ${typeof value}`;
}

function refuse(name: string, wanted: string, value: unknown): TypeError {
  return new TypeError(`${name}: wanted ${wanted}, not ${literal(value)}`);
}

/** Checks the steps and fills in the defaults of the hooks left out. */
function complete<Row>(steps: PipelineSteps<Row>): Complete<Row> {
  if (typeof steps !== "object" || steps === null) throw refuse("steps", "an object of functions", steps);
  const s = steps as unknown as Record<string, unknown>;
  for (const name of ["read", "parse", "write"]) if (typeof s[name] !== "function") throw refuse(name, "a function", s[name]);
  for (const name of ["validate", "transform", "cleanup"]) if (s[name] !== undefined && typeof s[name] !== "function") throw refuse(name, "a function or nothing", s[name]);
  return {
    read: (source) => steps.read(source),
    parse: (text) => steps.parse(text),
    validate: (row) => (steps.validate ? steps.validate(row) : true),
    transform: (row) => (steps.transform ? steps.transform(row) : row),
    write: (records) => steps.write(records),
    cleanup: () => (steps.cleanup ? steps.cleanup() : undefined),
  };
}

async function body<Row>(s: Complete<Row>, source: string): Promise<ImportSummary> {
  const rows = await s.parse(await s.read(source));
  const kept: Row[] = [];
  for (const row of rows) if (await s.validate(row)) kept.push(row);
  const records: Row[] = [];
  for (const row of kept) records.push(await s.transform(row));
  await s.write(records);
  return { rows: rows.length, written: records.length, skipped: rows.length - records.length };
}

async function template<Row>(s: Complete<Row>, source: string): Promise<ImportSummary> {
  let outcome: { ok: true; summary: ImportSummary } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, summary: await body(s, source) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  try {
    await s.cleanup();
  } catch (error) {
    if (outcome.ok) throw error;
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.summary;
}

export async function runPipeline<Row>(steps: PipelineSteps<Row>, source: string): Promise<ImportSummary> {
  const s = complete(steps);
  if (typeof source !== "string") throw refuse("source", "a string", source);
  return template(s, source);
}

export abstract class Importer<Row> {
  constructor() {
    const self = this as unknown as Record<string, unknown>;
    for (const name of ["read", "parse", "write"]) if (typeof self[name] !== "function") throw refuse(name, `a method of ${new.target.name}`, self[name]);
    for (let proto: object = new.target.prototype; proto !== Importer.prototype; proto = Object.getPrototypeOf(proto) as object) {
      if (Object.hasOwn(proto, "run")) throw new TypeError(`run: ${proto.constructor.name} replaces the template; override the steps instead`);
    }
  }

  run(source: string): Promise<ImportSummary> {
    return runPipeline<Row>(this.asSteps(), source);
  }

  private asSteps(): PipelineSteps<Row> {
    return {
      read: (source) => this.read(source),
      parse: (text) => this.parse(text),
      validate: (row) => this.validate(row),
      transform: (row) => this.transform(row),
      write: (records) => this.write(records),
      cleanup: () => this.cleanup(),
    };
  }

  protected abstract read(source: string): Awaitable<string>;
  protected abstract parse(text: string): Awaitable<Row[]>;
  protected validate(_row: Row): Awaitable<boolean> {
    return true;
  }
  protected transform(row: Row): Awaitable<Row> {
    return row;
  }
  protected abstract write(records: Row[]): Awaitable<void>;
  protected cleanup(): Awaitable<void> {
    return Promise.resolve();
  }
}
