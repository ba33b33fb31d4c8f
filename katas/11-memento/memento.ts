import { todo } from "../../tools/kit";

/** A document: a title and its lines. Every document the editor hands out is frozen, deep. */
export interface Doc {
  readonly title: string;
  readonly lines: readonly string[];
}

/** Only this module can make a Memento: the brand keeps look-alike object literals out at compile time. */
declare const mementoBrand: unique symbol;

/** A saved state of an editor: frozen, and its document frozen deep. Made only by `save()`. */
export interface Memento {
  readonly [mementoBrand]: true;
  /** The document as it was when `save()` was called. */
  readonly doc: Doc;
}

/** Options of `createEditor`. */
export interface EditorOptions {
  /** How many steps `undo()` can go back at most (a positive integer; 100 when left out). */
  readonly limit?: number;
}

/** An editor with undo, redo and mementos. */
export interface Editor {
  /** The current document (frozen, deep). */
  readonly doc: Doc;
  /** True when `undo()` has a step to go back. */
  readonly canUndo: boolean;
  /** True when `redo()` has an undone step to go forward. */
  readonly canRedo: boolean;
  /** How many steps `undo()` can go back now (never more than the limit). */
  readonly undoCount: number;
  /** How many steps `redo()` can go forward now. */
  readonly redoCount: number;
  /** Replaces the document by `change(doc)`, records the old one for undo, clears redo; returns the new `doc`. */
  edit(change: (doc: Doc) => Doc): Doc;
  /** Goes back one step: true, or false (changing nothing) when there is nothing to undo. */
  undo(): boolean;
  /** Goes forward one undone step: true, or false (changing nothing) when there is nothing to redo. */
  redo(): boolean;
  /** A memento of the current document. */
  save(): Memento;
  /** Makes the memento's document the current one, as an edit: undo goes back to before the restore. */
  restore(memento: Memento): void;
}

/** Step 1. A deep-frozen copy of `doc`: equal to it, sharing nothing with it, changed by nobody. */
export function snapshot(doc: Doc): Doc {
  return todo("snapshot(doc)");
}

/** Steps 2-4. An editor on a snapshot of `initial`, keeping at most `limit` steps of undo. */
export function createEditor(initial: Doc, options: EditorOptions = {}): Editor {
  return todo("createEditor(initial, options)");
}
