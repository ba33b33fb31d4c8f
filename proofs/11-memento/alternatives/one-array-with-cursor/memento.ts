/*
 * Alternative: one array of documents and a cursor instead of two stacks: undo and redo only move the cursor, an edit cuts the array after it, and the limit trims the front.
 */
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

const fmt = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : String(value));

function freezeDoc(value: unknown, name: string): Doc {
  if (typeof value !== "object" || value === null) throw new TypeError(`bad ${name} (${fmt(value)}): expected { title, lines }`);
  const doc = value as { title: unknown; lines: unknown };
  if (typeof doc.title !== "string") throw new TypeError(`bad title (${fmt(doc.title)}): expected a string`);
  if (!Array.isArray(doc.lines)) throw new TypeError(`bad lines (${fmt(doc.lines)}): expected an array`);
  const lines = Array.from(doc.lines as unknown[], (line, i) => {
    if (typeof line !== "string") throw new TypeError(`bad lines[${i}] (${fmt(line)}): expected a string`);
    return line;
  });
  return Object.freeze({ title: doc.title, lines: Object.freeze(lines) });
}

export function snapshot(doc: Doc): Doc {
  return freezeDoc(doc, "doc");
}

const genuine = new WeakSet<object>();

export function createEditor(initial: Doc, options: EditorOptions = {}): Editor {
  if (typeof options !== "object" || options === null) throw new TypeError(`bad options (${fmt(options)}): expected an object`);
  const limit = options.limit === undefined ? 100 : options.limit;
  if (typeof limit !== "number") throw new TypeError(`bad limit (${fmt(limit)}): expected a number`);
  if (!Number.isInteger(limit) || limit <= 0) throw new RangeError(`bad limit (${fmt(limit)}): expected a positive integer`);

  // history[at] is the current document; before it, what undo goes back to; after it, what redo replays.
  let history: Doc[] = [freezeDoc(initial, "initial")];
  let at = 0;

  const push = (next: Doc) => {
    history = [...history.slice(0, at + 1), next];
    // limit steps of undo: limit + 1 documents at most.
    if (history.length > limit + 1) history = history.slice(history.length - (limit + 1));
    at = history.length - 1;
  };

  const editor: Editor = {
    get doc() {
      return history[at] as Doc;
    },
    get canUndo() {
      return at > 0;
    },
    get canRedo() {
      return at < history.length - 1;
    },
    get undoCount() {
      return at;
    },
    get redoCount() {
      return history.length - 1 - at;
    },
    edit(change) {
      if (typeof change !== "function") throw new TypeError(`bad change (${fmt(change)}): expected a function`);
      push(freezeDoc(change(editor.doc), "doc"));
      return editor.doc;
    },
    undo() {
      if (at === 0) return false;
      at -= 1;
      return true;
    },
    redo() {
      if (at === history.length - 1) return false;
      at += 1;
      return true;
    },
    save() {
      const memento = Object.freeze({ doc: editor.doc }) as Memento;
      genuine.add(memento);
      return memento;
    },
    restore(memento) {
      if (typeof memento !== "object" || memento === null || !genuine.has(memento)) {
        throw new TypeError(`bad memento (${typeof memento === "object" && memento !== null ? "an object save() did not make" : fmt(memento)})`);
      }
      push(memento.doc);
    },
  };
  return editor;
}
