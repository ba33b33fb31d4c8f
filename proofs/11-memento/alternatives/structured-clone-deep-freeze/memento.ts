/*
 * Alternative: structuredClone for the copy and a generic recursive deepFreeze, a validation pass that runs before either, and mementos as frozen objects tagged by a module-private symbol.
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

const repr = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : typeof value === "object" && value !== null ? "an object" : String(value));

/** Freezes `value` and everything reachable from it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function validate(value: unknown, name: string): asserts value is Doc {
  if (typeof value !== "object" || value === null) throw new TypeError(`${name} is ${repr(value)}, not a document`);
  const { title, lines } = value as Partial<Record<"title" | "lines", unknown>>;
  if (typeof title !== "string") throw new TypeError(`title is ${repr(title)}, not a string`);
  if (!Array.isArray(lines)) throw new TypeError(`lines is ${repr(lines)}, not an array`);
  const bad = lines.findIndex((line) => typeof line !== "string");
  if (bad !== -1) throw new TypeError(`lines[${bad}] is ${repr(lines[bad])}, not a string`);
}

function frozenClone(value: unknown, name: string): Doc {
  validate(value, name);
  // Pick the two keys first: structuredClone would copy any extra ones too.
  return deepFreeze(structuredClone({ title: value.title, lines: value.lines }));
}

export function snapshot(doc: Doc): Doc {
  return frozenClone(doc, "doc");
}

const TAG = Symbol("memento");

export function createEditor(initial: Doc, options: EditorOptions = {}): Editor {
  if (typeof options !== "object" || options === null) throw new TypeError(`options is ${repr(options)}, not an object`);
  const limit: unknown = options.limit ?? 100;
  if (typeof limit !== "number") throw new TypeError(`limit is ${repr(limit)}, not a number`);
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit is ${repr(limit)}, not a positive integer`);

  let current = frozenClone(initial, "initial");
  const past: Doc[] = [];
  const future: Doc[] = [];

  function record(next: Doc): void {
    past.push(current);
    while (past.length > (limit as number)) past.shift();
    future.splice(0);
    current = next;
  }

  function step(from: Doc[], to: Doc[]): boolean {
    const doc = from.pop();
    if (!doc) return false;
    to.push(current);
    current = doc;
    return true;
  }

  return {
    get doc() {
      return current;
    },
    get canUndo() {
      return past.length !== 0;
    },
    get canRedo() {
      return future.length !== 0;
    },
    get undoCount() {
      return past.length;
    },
    get redoCount() {
      return future.length;
    },
    edit(change) {
      if (typeof change !== "function") throw new TypeError(`change is ${repr(change)}, not a function`);
      record(frozenClone(change(current), "doc"));
      return current;
    },
    undo: () => step(past, future),
    redo: () => step(future, past),
    save() {
      return Object.freeze({ [TAG]: true, doc: current }) as unknown as Memento;
    },
    restore(memento) {
      const tagged = typeof memento === "object" && memento !== null && Object.isFrozen(memento) && (memento as unknown as Record<symbol, unknown>)[TAG] === true;
      if (!tagged) throw new TypeError(`memento is ${repr(memento)}, not one that save() made`);
      record(memento.doc);
    },
  };
}
