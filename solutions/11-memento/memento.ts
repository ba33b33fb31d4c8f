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

const DEFAULT_LIMIT = 100;

/** Every memento `save()` made: a look-alike object is not in here, whatever its shape. */
const made = new WeakSet<object>();

const shown = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : String(value));

/** Checks `doc` and returns a frozen copy: a new object and a new array, so nobody else holds them. */
function freezeCopy(doc: unknown, param: string): Doc {
  if (typeof doc !== "object" || doc === null) throw new TypeError(`${param} must be an object { title, lines }, got ${shown(doc)}`);
  const { title, lines } = doc as { title?: unknown; lines?: unknown };
  if (typeof title !== "string") throw new TypeError(`title must be a string, got ${shown(title)}`);
  if (!Array.isArray(lines)) throw new TypeError(`lines must be an array of strings, got ${shown(lines)}`);
  // Copy first, then check the copy: a getter or a caller's array cannot change between check and use.
  const copy: unknown[] = [...lines];
  copy.forEach((line, index) => {
    if (typeof line !== "string") throw new TypeError(`lines[${index}] must be a string, got ${shown(line)}`);
  });
  // Object.freeze is shallow: the array needs its own freeze.
  return Object.freeze({ title, lines: Object.freeze(copy as string[]) });
}

/** Step 1. A deep-frozen copy of `doc`: equal to it, sharing nothing with it, changed by nobody. */
export function snapshot(doc: Doc): Doc {
  return freezeCopy(doc, "doc");
}

/** Steps 2-4. An editor on a snapshot of `initial`, keeping at most `limit` steps of undo. */
export function createEditor(initial: Doc, options: EditorOptions = {}): Editor {
  if (typeof options !== "object" || options === null) throw new TypeError(`options must be an object, got ${shown(options)}`);
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (typeof limit !== "number") throw new TypeError(`limit must be a number, got ${shown(limit)}`);
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${shown(limit)}`);

  let current = freezeCopy(initial, "initial");
  // Frozen snapshots can be shared: the stacks hold the very objects, no copies.
  const done: Doc[] = [];
  let undone: Doc[] = [];

  /** Every change goes through here: the old document to the undo stack, redo gone, the oldest dropped. */
  const commit = (next: Doc): void => {
    done.push(current);
    if (done.length > limit) done.shift();
    undone = [];
    current = next;
  };

  return {
    get doc() {
      return current;
    },
    get canUndo() {
      return done.length > 0;
    },
    get canRedo() {
      return undone.length > 0;
    },
    get undoCount() {
      return done.length;
    },
    get redoCount() {
      return undone.length;
    },
    edit(change) {
      if (typeof change !== "function") throw new TypeError(`change must be a function, got ${shown(change)}`);
      // Run and check the change before touching any state: a throw leaves the editor as it was.
      const next = freezeCopy(change(current), "doc");
      commit(next);
      return current;
    },
    undo() {
      const previous = done.pop();
      if (previous === undefined) return false;
      undone.push(current);
      current = previous;
      return true;
    },
    redo() {
      const next = undone.pop();
      if (next === undefined) return false;
      done.push(current);
      current = next;
      return true;
    },
    save() {
      const memento = Object.freeze({ doc: current }) as Memento;
      made.add(memento);
      return memento;
    },
    restore(memento) {
      // WeakSet.has answers false for null and any primitive: one check covers every refusal.
      if (!made.has(memento)) {
        throw new TypeError(`memento must be a memento made by save(), got ${typeof memento === "object" && memento !== null ? "another object" : shown(memento)}`);
      }
      commit(memento.doc);
    },
  };
}
