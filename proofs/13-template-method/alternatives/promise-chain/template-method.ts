/*
 * Alternative: no async/await: the skeleton is a chain of .then calls, the rows go through a reduce
 * of promises, one at a time; cleanup hangs off the chain with two callbacks; the class delegates.
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

const shown = (value: unknown): string =>
  typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : typeof value === "function" || (typeof value === "object" && value !== null) ? typeof value : String(value);

/** Calls `fn` inside a promise, so that a synchronous throw becomes a rejection. */
const attempt = <T>(fn: () => Awaitable<T>): Promise<T> => new Promise<T>((resolve) => resolve(fn()));

/** Runs `fn` over `items` one after the other: each call starts when the previous one has resolved. */
function eachInTurn<T, R>(items: readonly T[], fn: (item: T) => Awaitable<R>): Promise<R[]> {
  return items.reduce<Promise<R[]>>((done, item) => done.then((results) => attempt(() => fn(item)).then((result) => [...results, result])), Promise.resolve([]));
}

export function runPipeline<Row>(steps: PipelineSteps<Row>, source: string): Promise<ImportSummary> {
  return attempt(() => {
    if (typeof steps !== "object" || steps === null) throw new TypeError(`bad steps: ${shown(steps)}`);
    for (const name of ["read", "parse", "write"] as const) if (typeof steps[name] !== "function") throw new TypeError(`bad ${name}: ${shown(steps[name])}`);
    for (const name of ["validate", "transform", "cleanup"] as const) if (steps[name] !== undefined && typeof steps[name] !== "function") throw new TypeError(`bad ${name}: ${shown(steps[name])}`);
    if (typeof source !== "string") throw new TypeError(`bad source: ${shown(source)}`);
  }).then(() => {
    const cleanup = (): Promise<void> => attempt(() => (steps.cleanup === undefined ? undefined : steps.cleanup()));
    const work = attempt(() => steps.read(source))
      .then((text) => steps.parse(text))
      .then((rows) =>
        eachInTurn(rows, (row) => (steps.validate === undefined ? true : steps.validate(row)))
          .then((verdicts) => rows.filter((_, i) => verdicts[i]))
          .then((kept) => eachInTurn(kept, (row) => (steps.transform === undefined ? row : steps.transform(row))))
          .then((records) => attempt(() => steps.write(records)).then((): ImportSummary => ({ rows: rows.length, written: records.length, skipped: rows.length - records.length }))),
      );
    return work.then(
      (summary) => cleanup().then(() => summary),
      (error: unknown) =>
        cleanup().then(
          () => Promise.reject(error),
          () => Promise.reject(error),
        ),
    );
  });
}

export abstract class Importer<Row> {
  constructor() {
    for (const name of ["read", "parse", "write"] as const) {
      if (typeof this[name] !== "function") throw new TypeError(`bad ${name}: ${shown(this[name])} (${new.target.name} must define it)`);
    }
    if (this.run !== Importer.prototype.run) throw new TypeError(`bad run: ${new.target.name} must not override it`);
  }

  run(source: string): Promise<ImportSummary> {
    return runPipeline<Row>(
      {
        read: (s) => this.read(s),
        parse: (text) => this.parse(text),
        validate: (row) => this.validate(row),
        transform: (row) => this.transform(row),
        write: (records) => this.write(records),
        cleanup: () => this.cleanup(),
      },
      source,
    );
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
  protected cleanup(): Awaitable<void> {}
}
