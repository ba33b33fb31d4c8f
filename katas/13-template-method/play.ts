/*
 * An importer of people, on your template-method.ts: `npm run play` (in this folder) or
 * `npm run play -- 13`. The tutorial only names the template method pattern, so this program is the
 * lesson's own: a subclass of your Importer prints every step your template calls; then the same
 * steps as functions, through your runPipeline, with a stricter validate swapped in.
 */
import { NotImplementedError } from "../../tools/kit";
import { play } from "../../tools/kit/play";
import { Importer, runPipeline, type ImportSummary, type PipelineSteps } from "./template-method";

interface Person {
  readonly name: string;
  readonly age: number;
}

const FILES = new Map([
  ["class-1.csv", "Zhang San,20\nLi Si,abc\nWang Wu,22"],
  ["class-2.csv", "Zhao Liu,19\nQian Qi,17"],
]);

play(async ({ say }) => {
  // The steps, written once; the class and the function form below both use them.
  const steps = {
    async read(source: string): Promise<string> {
      say(`  read      ${source}`);
      const text = FILES.get(source);
      if (text === undefined) throw new Error(`no such file: ${source}`);
      return text;
    },
    parse(text: string): Person[] {
      const rows = text.split("\n").map((line) => {
        const [name = "", age = ""] = line.split(",");
        return { name, age: Number(age) };
      });
      say(`  parse     ${rows.length} rows`);
      return rows;
    },
    validate(row: Person): boolean {
      const ok = Number.isInteger(row.age) && row.age >= 0;
      say(`  validate  ${row.name} (${row.age}): ${ok ? "kept" : "skipped"}`);
      return ok;
    },
    transform(row: Person): Person {
      const record = { name: row.name.toUpperCase(), age: row.age };
      say(`  transform ${row.name} -> ${record.name}`);
      return record;
    },
    write(records: Person[]): void {
      say(`  write     ${records.map((person) => person.name).join(", ") || "(no records)"}`);
    },
    cleanup(): void {
      say("  cleanup");
    },
  } satisfies PipelineSteps<Person>;

  class PeopleImporter extends Importer<Person> {
    protected override read(source: string) {
      return steps.read(source);
    }
    protected override parse(text: string) {
      return steps.parse(text);
    }
    protected override validate(row: Person) {
      return steps.validate(row);
    }
    protected override transform(row: Person) {
      return steps.transform(row);
    }
    protected override write(records: Person[]) {
      return steps.write(records);
    }
    protected override cleanup() {
      return steps.cleanup();
    }
  }

  const show = async (running: () => Promise<ImportSummary>): Promise<void> => {
    try {
      const { rows, written, skipped } = await running();
      say(`  -> { rows: ${rows}, written: ${written}, skipped: ${skipped} }`);
    } catch (error) {
      if (error instanceof NotImplementedError) throw error;
      say(`  -> rejected with ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  };

  const importer = new PeopleImporter();
  say('importer.run("class-1.csv"):');
  await show(() => importer.run("class-1.csv"));
  say('importer.run("missing.csv"):');
  await show(() => importer.run("missing.csv"));

  say('runPipeline({ ...steps, validate: adults only }, "class-2.csv"):');
  const adultsOnly = (row: Person): boolean => {
    const ok = row.age >= 18;
    say(`  validate  ${row.name} (${row.age}): ${ok ? "kept" : "skipped, under 18"}`);
    return ok;
  };
  await show(() => runPipeline({ ...steps, validate: adultsOnly }, "class-2.csv"));

  say("a subclass that overrides run(), the template:");
  class Shortcut extends PeopleImporter {
    override async run(): Promise<ImportSummary> {
      return { rows: 0, written: 0, skipped: 0 };
    }
  }
  try {
    new Shortcut();
    say("  -> made: nothing stopped it, and its run() skips every step");
  } catch (error) {
    if (error instanceof NotImplementedError || !(error instanceof Error)) throw error;
    say(`  -> refused at new: ${error.name}: ${error.message}`);
  }
  say("Look: the order never changes (validate every row, then transform the kept ones, then write); the missing file stops at read, yet cleanup runs; one step swapped in the function form, no subclass.");
});
