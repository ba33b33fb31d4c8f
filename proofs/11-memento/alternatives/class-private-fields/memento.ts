/*
 * Alternative: classes with private fields: an Editor class keeps its stacks in #fields, and a memento is an instance of a module-private class whose #doc field doubles as the brand check.
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

const show = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : String(value));

function checkedCopy(doc: unknown, param: string): Doc {
  if (typeof doc !== "object" || doc === null) throw new TypeError(`${param}: expected an object, got ${show(doc)}`);
  const { title, lines } = doc as Record<string, unknown>;
  if (typeof title !== "string") throw new TypeError(`title: expected a string, got ${show(title)}`);
  if (!Array.isArray(lines)) throw new TypeError(`lines: expected an array, got ${show(lines)}`);
  const copy: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line: unknown = lines[i];
    if (typeof line !== "string") throw new TypeError(`lines: the line at index ${i} is ${show(line)}, not a string`);
    copy.push(line);
  }
  return Object.freeze({ title, lines: Object.freeze(copy) });
}

export function snapshot(doc: Doc): Doc {
  return checkedCopy(doc, "doc");
}

class SavedState {
  readonly #doc: Doc;
  constructor(doc: Doc) {
    this.#doc = doc;
    Object.freeze(this);
  }
  get doc(): Doc {
    return this.#doc;
  }
  static is(value: unknown): value is SavedState {
    return typeof value === "object" && value !== null && #doc in value;
  }
}

class HistoryEditor implements Editor {
  #doc: Doc;
  #done: Doc[] = [];
  #undone: Doc[] = [];
  readonly #limit: number;

  constructor(initial: Doc, limit: number) {
    this.#doc = checkedCopy(initial, "initial");
    this.#limit = limit;
  }

  get doc(): Doc {
    return this.#doc;
  }
  get canUndo(): boolean {
    return this.#done.length > 0;
  }
  get canRedo(): boolean {
    return this.#undone.length > 0;
  }
  get undoCount(): number {
    return this.#done.length;
  }
  get redoCount(): number {
    return this.#undone.length;
  }

  #commit(next: Doc): void {
    this.#done.push(this.#doc);
    if (this.#done.length > this.#limit) this.#done.splice(0, this.#done.length - this.#limit);
    this.#undone.length = 0;
    this.#doc = next;
  }

  edit(change: (doc: Doc) => Doc): Doc {
    if (typeof change !== "function") throw new TypeError(`change: expected a function, got ${show(change)}`);
    this.#commit(checkedCopy(change(this.#doc), "doc"));
    return this.#doc;
  }

  undo(): boolean {
    if (this.#done.length === 0) return false;
    this.#undone.push(this.#doc);
    this.#doc = this.#done.pop() as Doc;
    return true;
  }

  redo(): boolean {
    if (this.#undone.length === 0) return false;
    this.#done.push(this.#doc);
    this.#doc = this.#undone.pop() as Doc;
    return true;
  }

  save(): Memento {
    return new SavedState(this.#doc) as unknown as Memento;
  }

  restore(memento: Memento): void {
    if (!SavedState.is(memento)) throw new TypeError(`memento: not made by save() (got ${typeof memento === "object" && memento !== null ? "an object" : show(memento)})`);
    this.#commit(memento.doc);
  }
}

export function createEditor(initial: Doc, options: EditorOptions = {}): Editor {
  if (typeof options !== "object" || options === null) throw new TypeError(`options: expected an object, got ${show(options)}`);
  const { limit = 100 } = options;
  if (typeof limit !== "number") throw new TypeError(`limit: expected a number, got ${show(limit)}`);
  if (!(Number.isSafeInteger(limit) && limit > 0)) throw new RangeError(`limit: expected a positive integer, got ${show(limit)}`);
  return new HistoryEditor(initial, limit);
}
