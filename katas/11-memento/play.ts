/*
 * The lesson's editor (the tutorial names Memento and shows no program: this one is the lesson's own),
 * on your memento.ts: `npm run play` (in this folder) or `npm run play -- 11`. A shopping list is
 * edited, undone, redone, saved and restored; then someone tries to change a saved document.
 */
import { NotImplementedError } from "../../tools/kit/todo";
import { play } from "../../tools/kit/play";
import { createEditor, type Doc } from "./memento";

play(({ say }) => {
  const show = (doc: Doc) => `${doc.title}: ${doc.lines.join(", ") || "(empty)"}`;
  const mine = { title: "Shopping", lines: ["milk"] };
  const editor = createEditor(mine, { limit: 3 });
  const state = (what: string) => say(`${what.padEnd(23)} -> ${show(editor.doc)}   [undo ${editor.undoCount}, redo ${editor.redoCount}]`);
  state("start");
  for (const line of ["eggs", "bread", "tea", "cake"]) {
    editor.edit((doc) => ({ title: doc.title, lines: [...doc.lines, line] }));
    state(`type "${line}"`);
  }
  const saved = editor.save();
  say(`undo() -> ${editor.undo()}, undo() -> ${editor.undo()}`);
  state("after two undos");
  say(`redo() -> ${editor.redo()}`);
  state("after a redo");
  editor.edit((doc) => ({ title: "Groceries", lines: doc.lines }));
  state("rename: redo is gone");
  say(`undo() x4 -> ${[1, 2, 3, 4].map(() => editor.undo()).join(", ")}`);
  state("limit 3: oldest dropped");
  editor.restore(saved);
  state("restore(saved)");

  mine.lines.push("stolen");
  try {
    (saved.doc.lines as string[]).push("hacked");
    say("saved.doc.lines.push(...) -> no error: the memento can be changed after the fact!");
  } catch (error) {
    if (error instanceof NotImplementedError || !(error instanceof TypeError)) throw error;
    say(`saved.doc.lines.push(...) -> TypeError: ${error.message}`);
  }
  state("still");
  say("Look: undo stops after 3 steps, a new edit clears redo, and nobody (not even the caller's own object) changes a saved document.");
});
