/*
 * An editor and its observers, on your observer.ts: `npm run play` (in this folder) or
 * `npm run play -- 9`. The tutorial only names the observer pattern, so this program is the lesson's
 * own: a log, a backup that fails, a status bar that listens once, and one observer that joins while
 * an emit runs.
 */
import { play } from "../../tools/kit/play";
import { createSubject } from "./observer";

interface Editor {
  saved: { id: number };
  closed: void;
}

play(({ say }) => {
  const editor = createSubject<Editor>();
  editor.on("saved", ({ id }) => say(`  log     : document ${id} saved`));
  editor.on("saved", ({ id }) => {
    say(`  backup  : document ${id}... disk full`);
    throw new Error(`backup of ${id} failed: disk full`);
  });
  editor.once("saved", ({ id }) => say(`  status  : saved ${id} (once)`));
  editor.on("saved", ({ id }) => {
    say(`  search  : indexing ${id}`);
    // Joins during the emit: it waits for the next one.
    if (id === 1) editor.on("saved", ({ id: next }) => say(`  late    : joined during save 1, sees save ${next}`));
  });
  const leave = editor.on("closed", () => say("  goodbye : closed"));

  for (const id of [1, 2]) {
    say(`emit("saved", { id: ${id} }) with ${editor.listenerCount("saved")} subscriptions:`);
    try {
      editor.emit("saved", { id });
      say("  -> returned normally");
    } catch (error) {
      if (!(error instanceof AggregateError)) throw error;
      const messages = error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e)));
      say(`  -> AggregateError after every listener ran: ${messages.join("; ")}`);
    }
  }

  leave();
  leave(); // a second time: harmless
  editor.emit("closed");
  say(`emit("closed") after leaving twice: nobody called, ${editor.listenerCount("closed")} subscriptions`);
  say("Look: every listener ran in order despite the failing backup, which stays subscribed; the status bar heard only save 1; the late one only save 2.");
});
