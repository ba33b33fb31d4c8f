/*
 * Alternative: the class owns the skeleton (async/await in run(), try/catch/finally), and runPipeline
 * is an adapter: an anonymous subclass whose steps call the functions given. Other message wording.
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

function describe(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "function":
      return "a function";
    case "object":
      return value === null ? "null" : "an object";
    default:
      return String(value);
  }
}

export function runPipeline<Row>(steps: PipelineSteps<Row>, source: string): Promise<ImportSummary> {
  if (typeof steps !== "object" || steps === null) return Promise.reject(new TypeError(`expected steps to be an object, received ${describe(steps)}`));
  for (const name of ["read", "parse", "write"] as const) {
    if (typeof steps[name] !== "function") return Promise.reject(new TypeError(`expected ${name} to be a function, received ${describe(steps[name])}`));
  }
  for (const name of ["validate", "transform", "cleanup"] as const) {
    const hook = steps[name];
    if (hook !== undefined && typeof hook !== "function") return Promise.reject(new TypeError(`expected ${name} to be a function (or nothing), received ${describe(hook)}`));
  }
  const adapter = new (class extends Importer<Row> {
    protected override read(s: string) {
      return steps.read(s);
    }
    protected override parse(text: string) {
      return steps.parse(text);
    }
    protected override validate(row: Row) {
      return steps.validate === undefined ? super.validate(row) : steps.validate(row);
    }
    protected override transform(row: Row) {
      return steps.transform === undefined ? super.transform(row) : steps.transform(row);
    }
    protected override write(records: Row[]) {
      return steps.write(records);
    }
    protected override cleanup() {
      return steps.cleanup === undefined ? super.cleanup() : steps.cleanup();
    }
  })();
  return adapter.run(source);
}

export abstract class Importer<Row> {
  constructor() {
    const self = this as unknown as Record<string, unknown>;
    for (const name of ["read", "parse", "write"]) {
      if (typeof self[name] !== "function") throw new TypeError(`class ${new.target.name} is missing the step ${name} (found ${describe(self[name])})`);
    }
    if (self["run"] !== Importer.prototype.run) throw new TypeError(`class ${new.target.name} may not replace run: it is the template`);
  }

  async run(source: string): Promise<ImportSummary> {
    if (typeof source !== "string") throw new TypeError(`expected source to be a string, received ${describe(source)}`);
    let firstFailure: { error: unknown } | undefined;
    try {
      const text = await this.read(source);
      const rows = await this.parse(text);
      const kept: Row[] = [];
      for (const row of rows) if (await this.validate(row)) kept.push(row);
      const records: Row[] = [];
      for (const row of kept) records.push(await this.transform(row));
      await this.write(records);
      return { rows: rows.length, written: records.length, skipped: rows.length - records.length };
    } catch (error) {
      firstFailure = { error };
      throw error;
    } finally {
      try {
        await this.cleanup();
      } catch (error) {
        if (firstFailure === undefined) throw error;
      }
    }
  }

  protected abstract read(source: string): Awaitable<string>;
  protected abstract parse(text: string): Awaitable<Row[]>;

  protected validate(row: Row): Awaitable<boolean> {
    void row;
    return true;
  }

  protected transform(row: Row): Awaitable<Row> {
    return row;
  }

  protected abstract write(records: Row[]): Awaitable<void>;

  protected cleanup(): Awaitable<void> {
    return undefined;
  }
}
