/*
 * The tutorial's program (reconstructed: its code is only a picture), on your factory.ts:
 * `npm run play` (in this folder) or `npm run play -- 6`. Each person comes from the one entry point,
 * createPerson(kind, name), as the tutorial's get_person() makes them; then a kind nobody knows.
 */
import { NotImplementedError } from "../../tools/kit";
import { play } from "../../tools/kit/play";
import { createPerson, type PersonKind } from "./factory";

play(({ say }) => {
  const orders = [
    ["worker", "Zhang San"],
    ["student", "Li Si"],
    ["teacher", "Wang Wu"],
  ] as const;
  for (const [kind, name] of orders) {
    const person = createPerson(kind, name);
    const made = `${person.constructor.name}:`;
    say(`${kind.padEnd(7)} -> ${made.padEnd(8)} ${person.introduce()}`);
  }

  // A kind from an untyped caller (JSON, say): the compiler never saw it, so the factory must refuse it.
  const doctor = JSON.parse('"doctor"') as PersonKind;
  try {
    const person = createPerson(doctor, "Zhao Liu");
    say(`doctor  -> no error: it made a ${person.constructor.name}`);
  } catch (error) {
    if (error instanceof NotImplementedError || !(error instanceof Error)) throw error;
    say(`doctor  -> ${error.name}: ${error.message}`);
  }
  say("Look: the caller names only the kind; createPerson picks the class, and refuses a kind it does not know.");
});
