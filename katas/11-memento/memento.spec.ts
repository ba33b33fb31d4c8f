import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRefusal, thrown } from "../../tools/kit";
import { createEditor, snapshot, type Doc, type EditorOptions, type Memento } from "./memento";

/** The lesson's document: a shopping list. */
const LIST: Doc = { title: "Shopping", lines: ["milk", "eggs"] };

/** A change that appends one line. */
const append = (line: string) => (doc: Doc): Doc => ({ title: doc.title, lines: [...doc.lines, line] });
/** A change that renames the document. */
const rename = (title: string) => (doc: Doc): Doc => ({ title, lines: doc.lines });

/** True when `doc` and its lines array are both frozen. */
function deepFrozen(doc: Doc): boolean {
  return Object.isFrozen(doc) && Object.isFrozen(doc.lines);
}

/** Small documents: short titles and at most three short lines. */
const docArb: fc.Arbitrary<Doc> = fc.record({
  title: fc.string({ maxLength: 5 }),
  lines: fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
});

/** One operation on an editor: an edit (to a given document), an undo or a redo. */
type Op = { kind: "edit"; doc: Doc } | { kind: "undo" } | { kind: "redo" };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  docArb.map((doc) => ({ kind: "edit" as const, doc })),
  fc.constant({ kind: "undo" as const }),
  fc.constant({ kind: "redo" as const }),
);

describe("1. snapshot(doc) is a frozen copy nobody can change", () => {
  it("gives an equal document that is a new object with a new lines array", () => {
    const copy = snapshot(LIST);
    expect(copy).toEqual({ title: "Shopping", lines: ["milk", "eggs"] });
    expect(copy).not.toBe(LIST);
    expect(copy.lines).not.toBe(LIST.lines);
  });

  it("freezes the copy deep: the document and its lines array", () => {
    const copy = snapshot({ title: "Shopping", lines: ["milk"] });
    expect(Object.isFrozen(copy)).toBe(true);
    expect(Object.isFrozen(copy.lines)).toBe(true);
  });

  it("throws a TypeError when anyone tries to change the copy (the spec runs in strict mode)", () => {
    const copy = snapshot({ title: "Shopping", lines: ["milk"] }) as { title: string; lines: string[] };
    expect(() => {
      copy.title = "Hacked";
    }).toThrow(TypeError);
    expect(() => copy.lines.push("cake")).toThrow(TypeError);
    expect(copy).toEqual({ title: "Shopping", lines: ["milk"] });
  });

  it("is not changed by the caller changing the object they still hold", () => {
    const mine = { title: "Shopping", lines: ["milk"] };
    const copy = snapshot(mine);
    mine.title = "Changed";
    mine.lines.push("cake");
    mine.lines[0] = "oat milk";
    expect(copy).toEqual({ title: "Shopping", lines: ["milk"] });
  });

  it("keeps only title and lines, and leaves the caller's object unfrozen", () => {
    const mine = { title: "Shopping", lines: ["milk"], extra: 1 };
    const copy = snapshot(mine);
    expect(Object.keys(copy).sort()).toEqual(["lines", "title"]);
    expect(Object.isFrozen(mine)).toBe(false);
    expect(Object.isFrozen(mine.lines)).toBe(false);
  });

  it("copies any document to an equal, deep-frozen one that shares nothing with it", () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const copy = snapshot(doc);
        expect(copy).toEqual({ title: doc.title, lines: doc.lines });
        expect(copy.lines).not.toBe(doc.lines);
        expect(deepFrozen(copy)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe("2. createEditor(initial, { limit }) and edit(change)", () => {
  it("starts on a frozen copy of initial, with nothing to undo or redo", () => {
    const mine = { title: "Shopping", lines: ["milk", "eggs"] };
    const editor = createEditor(mine);
    expect(editor.doc).toEqual(mine);
    expect(editor.doc).not.toBe(mine);
    expect(deepFrozen(editor.doc)).toBe(true);
    mine.lines.push("cake");
    expect(editor.doc.lines).toEqual(["milk", "eggs"]);
    expect(editor.canUndo).toBe(false);
    expect(editor.canRedo).toBe(false);
    expect(editor.undoCount).toBe(0);
    expect(editor.redoCount).toBe(0);
  });

  it("gives the same doc object on every read until something changes it", () => {
    const editor = createEditor(LIST);
    expect(editor.doc).toBe(editor.doc);
  });

  it("calls change once with the current doc, and makes a frozen copy of what it returns the new doc", () => {
    const editor = createEditor(LIST);
    const before = editor.doc;
    const seen: Doc[] = [];
    const lines = ["milk", "eggs", "bread"];
    const returned = editor.edit((doc) => {
      seen.push(doc);
      return { title: doc.title, lines };
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBe(before);
    expect(editor.doc).toEqual({ title: "Shopping", lines: ["milk", "eggs", "bread"] });
    expect(returned).toBe(editor.doc);
    expect(editor.doc.lines).not.toBe(lines);
    expect(deepFrozen(editor.doc)).toBe(true);
    lines.push("cake");
    expect(editor.doc.lines).toEqual(["milk", "eggs", "bread"]);
  });

  it("records every edit for undo, even one that changes nothing, and counts it", () => {
    const editor = createEditor(LIST);
    editor.edit(append("bread"));
    editor.edit((doc) => doc);
    expect(editor.canUndo).toBe(true);
    expect(editor.undoCount).toBe(2);
    expect(editor.canRedo).toBe(false);
  });

  it("passes the change's own error through as it is, and changes nothing", () => {
    const editor = createEditor(LIST);
    editor.edit(append("bread"));
    const before = editor.doc;
    const boom = new Error("boom");
    expect(
      thrown(() =>
        editor.edit(() => {
          throw boom;
        }),
      ),
    ).toBe(boom);
    expect(editor.doc).toBe(before);
    expect(editor.undoCount).toBe(1);
  });

  it("keeps two editors apart: an edit in one is not seen in the other", () => {
    const a = createEditor(LIST);
    const b = createEditor(LIST);
    a.edit(append("bread"));
    expect(a.doc.lines).toEqual(["milk", "eggs", "bread"]);
    expect(b.doc.lines).toEqual(["milk", "eggs"]);
    expect(b.canUndo).toBe(false);
  });
});

describe("3. undo() and redo(), with a bounded history", () => {
  it("undoes an edit back to the very doc before it, and redoes it to the very doc after it", () => {
    const editor = createEditor(LIST);
    const first = editor.doc;
    const second = editor.edit(append("bread"));
    expect(editor.undo()).toBe(true);
    expect(editor.doc).toBe(first);
    expect(editor.canRedo).toBe(true);
    expect(editor.redoCount).toBe(1);
    expect(editor.redo()).toBe(true);
    expect(editor.doc).toBe(second);
    expect(editor.canRedo).toBe(false);
  });

  it("undoes several edits newest first", () => {
    const editor = createEditor(LIST);
    editor.edit(append("bread"));
    editor.edit(rename("Groceries"));
    editor.edit(append("tea"));
    editor.undo();
    expect(editor.doc).toEqual({ title: "Groceries", lines: ["milk", "eggs", "bread"] });
    editor.undo();
    expect(editor.doc).toEqual({ title: "Shopping", lines: ["milk", "eggs", "bread"] });
    editor.undo();
    expect(editor.doc).toEqual(LIST);
  });

  it("returns false from undo() with nothing to undo, and changes nothing", () => {
    const editor = createEditor(LIST);
    const start = editor.doc;
    expect(editor.undo()).toBe(false);
    expect(editor.doc).toBe(start);
    expect(editor.canRedo).toBe(false);
    expect(editor.redoCount).toBe(0);
  });

  it("returns false from redo() with nothing to redo, and changes nothing", () => {
    const editor = createEditor(LIST);
    const now = editor.edit(append("bread"));
    expect(editor.redo()).toBe(false);
    expect(editor.doc).toBe(now);
    expect(editor.undoCount).toBe(1);
  });

  it("clears redo on a new edit", () => {
    const editor = createEditor(LIST);
    editor.edit(append("bread"));
    editor.edit(append("tea"));
    editor.undo();
    editor.undo();
    expect(editor.redoCount).toBe(2);
    editor.edit(rename("Groceries"));
    expect(editor.canRedo).toBe(false);
    expect(editor.redoCount).toBe(0);
    expect(editor.redo()).toBe(false);
    expect(editor.doc).toEqual({ title: "Groceries", lines: ["milk", "eggs"] });
  });

  it("keeps at most limit steps: with limit 2, the oldest is dropped and undo stops there", () => {
    const editor = createEditor({ title: "t", lines: [] }, { limit: 2 });
    editor.edit(append("a"));
    editor.edit(append("b"));
    editor.edit(append("c"));
    expect(editor.undoCount).toBe(2);
    expect(editor.undo()).toBe(true);
    expect(editor.undo()).toBe(true);
    expect(editor.doc.lines).toEqual(["a"]);
    expect(editor.undo()).toBe(false);
    expect(editor.doc.lines).toEqual(["a"]);
  });

  it("keeps 100 steps when no limit is given", () => {
    const editor = createEditor({ title: "t", lines: [] });
    for (let i = 0; i < 105; i += 1) editor.edit(append(String(i)));
    expect(editor.undoCount).toBe(100);
    while (editor.undo());
    expect(editor.doc.lines).toEqual(["0", "1", "2", "3", "4"]);
  });

  it("gives back, after n undos then n redos, the very same document", () => {
    fc.assert(
      fc.property(fc.array(docArb, { minLength: 1, maxLength: 6 }), fc.nat(6), (docs, k) => {
        const editor = createEditor({ title: "start", lines: [] });
        for (const doc of docs) editor.edit(() => doc);
        const end = editor.doc;
        const n = Math.min(k, docs.length);
        for (let i = 0; i < n; i += 1) expect(editor.undo()).toBe(true);
        for (let i = 0; i < n; i += 1) expect(editor.redo()).toBe(true);
        expect(editor.doc).toBe(end);
        expect(editor.canRedo).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it("never keeps more steps than the limit, undo and redo together, whatever the operations", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(opArb, { maxLength: 20 }), (limit, ops) => {
        const editor = createEditor({ title: "", lines: [] }, { limit });
        for (const op of ops) {
          if (op.kind === "edit") editor.edit(() => op.doc);
          else if (op.kind === "undo") editor.undo();
          else editor.redo();
          // One plain check per step (an expect per step would make the property slow).
          const kept = { undo: editor.undoCount, redo: editor.redoCount, canUndo: editor.canUndo, canRedo: editor.canRedo };
          if (kept.undo + kept.redo > limit || kept.canUndo !== kept.undo > 0 || kept.canRedo !== kept.redo > 0) {
            expect(kept.undo + kept.redo, `undoCount + redoCount with limit ${limit}`).toBeLessThanOrEqual(limit);
            expect(kept.canUndo, "canUndo is undoCount > 0").toBe(kept.undo > 0);
            expect(kept.canRedo, "canRedo is redoCount > 0").toBe(kept.redo > 0);
          }
        }
      }),
    );
  });

  it("gives back, on undo right after any edit, the very document before that edit", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 10 }), docArb, (ops, next) => {
        const editor = createEditor({ title: "", lines: [] }, { limit: 3 });
        for (const op of ops) {
          if (op.kind === "edit") editor.edit(() => op.doc);
          else if (op.kind === "undo") editor.undo();
          else editor.redo();
        }
        const before = editor.doc;
        editor.edit(() => next);
        expect(editor.undo()).toBe(true);
        expect(editor.doc).toBe(before);
      }),
      { numRuns: 50 },
    );
  });

  it("agrees with a model of two stacks on any sequence of operations", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(opArb, { maxLength: 20 }), (limit, ops) => {
        const editor = createEditor({ title: "", lines: [] }, { limit });
        let current: Doc = { title: "", lines: [] };
        const done: Doc[] = [];
        let undone: Doc[] = [];
        for (const op of ops) {
          if (op.kind === "edit") {
            editor.edit(() => op.doc);
            done.push(current);
            if (done.length > limit) done.shift();
            undone = [];
            current = op.doc;
          } else if (op.kind === "undo") {
            const back = done.pop();
            expect(editor.undo()).toBe(back !== undefined);
            if (back !== undefined) {
              undone.push(current);
              current = back;
            }
          } else {
            const forward = undone.pop();
            expect(editor.redo()).toBe(forward !== undefined);
            if (forward !== undefined) {
              done.push(current);
              current = forward;
            }
          }
          expect(editor.doc).toEqual({ title: current.title, lines: current.lines });
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe("4. save() and restore(memento)", () => {
  it("saves a frozen memento whose doc is the current doc itself (frozen already: no copy needed)", () => {
    const editor = createEditor(LIST);
    const memento = editor.save();
    expect(Object.isFrozen(memento)).toBe(true);
    expect(memento.doc).toBe(editor.doc);
    expect(deepFrozen(memento.doc)).toBe(true);
  });

  it("keeps the memento's document whatever the editor does afterwards", () => {
    const editor = createEditor(LIST);
    const memento = editor.save();
    editor.edit(append("bread"));
    editor.edit(rename("Groceries"));
    expect(memento.doc).toEqual(LIST);
  });

  it("restores a memento's document, as an edit: undo goes back to before the restore, redo is cleared", () => {
    const editor = createEditor(LIST);
    const memento = editor.save();
    editor.edit(append("bread"));
    editor.edit(append("tea"));
    editor.undo();
    const before = editor.doc;
    editor.restore(memento);
    expect(editor.doc).toBe(memento.doc);
    expect(editor.canRedo).toBe(false);
    expect(editor.undoCount).toBe(2);
    expect(editor.undo()).toBe(true);
    expect(editor.doc).toBe(before);
  });

  it("counts a restore against the limit like any edit: with limit 1, only the restore can be undone", () => {
    const editor = createEditor({ title: "t", lines: [] }, { limit: 1 });
    const memento = editor.save();
    editor.edit(append("a"));
    const before = editor.doc;
    editor.restore(memento);
    expect(editor.undoCount).toBe(1);
    expect(editor.undo()).toBe(true);
    expect(editor.doc).toBe(before);
    expect(editor.undo()).toBe(false);
  });

  it("restores a memento saved by another editor into this one only", () => {
    const a = createEditor(LIST);
    const b = createEditor({ title: "Other", lines: [] });
    const memento = a.save();
    b.restore(memento);
    expect(b.doc).toEqual(LIST);
    expect(a.canUndo).toBe(false);
    expect(b.canUndo).toBe(true);
  });

  it("restores, for any documents, exactly the document that was saved", () => {
    fc.assert(
      fc.property(docArb, fc.array(docArb, { maxLength: 4 }), (saved, later) => {
        const editor = createEditor(saved);
        const memento = editor.save();
        for (const doc of later) editor.edit(() => doc);
        editor.restore(memento);
        expect(editor.doc).toEqual({ title: saved.title, lines: saved.lines });
      }),
    );
  });
});

describe("5. bad input: refused under the workbook's contract, and nothing changes", () => {
  it("refuses snapshot(null): a TypeError naming doc", () => {
    expectRefusal(() => snapshot(null as unknown as Doc), { error: TypeError, param: "doc", value: null });
  });

  it('refuses snapshot("milk"), a string where a document belongs: a TypeError naming doc', () => {
    expectRefusal(() => snapshot("milk" as unknown as Doc), { error: TypeError, param: "doc", value: "milk" });
  });

  it("refuses a title that is not a string: a TypeError naming title", () => {
    expectRefusal(() => snapshot({ title: 42, lines: [] } as unknown as Doc), { error: TypeError, param: "title", value: 42 });
  });

  it("refuses lines that are not an array: a TypeError naming lines", () => {
    expectRefusal(() => snapshot({ title: "t", lines: "milk" } as unknown as Doc), { error: TypeError, param: "lines", value: "milk" });
  });

  it("refuses a line that is not a string: a TypeError naming lines and giving the index", () => {
    expectRefusal(() => snapshot({ title: "t", lines: ["milk", 7] } as unknown as Doc), { error: TypeError, param: "lines", index: 1, value: 7 });
  });

  it("refuses createEditor with a bad initial document the same way (a TypeError naming title)", () => {
    expectRefusal(() => createEditor({ title: undefined, lines: [] } as unknown as Doc), { error: TypeError, param: "title", value: undefined });
  });

  it("refuses createEditor(null): a TypeError naming initial", () => {
    expectRefusal(() => createEditor(null as unknown as Doc), { error: TypeError, param: "initial", value: null });
  });

  it("refuses options that are not an object (null): a TypeError naming options", () => {
    expectRefusal(() => createEditor(LIST, null as unknown as EditorOptions), { error: TypeError, param: "options", value: null });
  });

  it("refuses limit 0: a RangeError naming limit", () => {
    expectRefusal(() => createEditor(LIST, { limit: 0 }), { error: RangeError, param: "limit", value: 0 });
  });

  it("refuses limit -1: a RangeError naming limit", () => {
    expectRefusal(() => createEditor(LIST, { limit: -1 }), { error: RangeError, param: "limit", value: -1 });
  });

  it("refuses limit 1.5: a RangeError naming limit", () => {
    expectRefusal(() => createEditor(LIST, { limit: 1.5 }), { error: RangeError, param: "limit", value: 1.5 });
  });

  it("refuses limit NaN: a RangeError naming limit", () => {
    expectRefusal(() => createEditor(LIST, { limit: Number.NaN }), { error: RangeError, param: "limit", value: Number.NaN });
  });

  it("refuses limit Infinity: a RangeError naming limit", () => {
    expectRefusal(() => createEditor(LIST, { limit: Number.POSITIVE_INFINITY }), { error: RangeError, param: "limit", value: Number.POSITIVE_INFINITY });
  });

  it('refuses limit "3": a TypeError naming limit', () => {
    expectRefusal(() => createEditor(LIST, { limit: "3" as unknown as number }), { error: TypeError, param: "limit", value: "3" });
  });

  it("refuses an edit whose change is not a function: a TypeError naming change, and nothing changes", () => {
    const editor = createEditor(LIST);
    const before = editor.doc;
    expectRefusal(() => editor.edit("bread" as unknown as (doc: Doc) => Doc), { error: TypeError, param: "change", value: "bread" });
    expect(editor.doc).toBe(before);
    expect(editor.canUndo).toBe(false);
  });

  it("refuses a change that returns nothing: a TypeError naming doc, and nothing changes", () => {
    const editor = createEditor(LIST);
    editor.edit(append("bread"));
    editor.undo();
    const before = editor.doc;
    expectRefusal(() => editor.edit((() => undefined) as unknown as (doc: Doc) => Doc), { error: TypeError, param: "doc", value: undefined });
    expect(editor.doc).toBe(before);
    expect(editor.canUndo).toBe(false);
    expect(editor.canRedo).toBe(true);
  });

  it("refuses a change that returns a line that is not a string: a TypeError naming lines with the index, and nothing changes", () => {
    const editor = createEditor(LIST);
    const before = editor.doc;
    expectRefusal(() => editor.edit((doc) => ({ title: doc.title, lines: [...doc.lines, null] }) as unknown as Doc), {
      error: TypeError,
      param: "lines",
      index: 2,
      value: null,
    });
    expect(editor.doc).toBe(before);
    expect(editor.undoCount).toBe(0);
  });

  it("refuses to restore a look-alike object that save() did not make: a TypeError naming memento, and nothing changes", () => {
    const editor = createEditor(LIST);
    const before = editor.doc;
    const fake = Object.freeze({ doc: { title: "Fake", lines: [] } }) as unknown as Memento;
    expectRefusal(() => editor.restore(fake), { error: TypeError, param: "memento" });
    expect(editor.doc).toBe(before);
    expect(editor.canUndo).toBe(false);
  });

  it("refuses to restore null: a TypeError naming memento", () => {
    const editor = createEditor(LIST);
    expectRefusal(() => editor.restore(null as unknown as Memento), { error: TypeError, param: "memento", value: null });
    expect(editor.canUndo).toBe(false);
  });
});
