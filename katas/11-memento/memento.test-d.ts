/*
 * Type-level tests: checked by `npx tsc -p .` (the workbook's self-check runs it), never executed.
 * A `// @ts-expect-error` line passes when the line below it does NOT compile, and fails tsc when
 * it does: it is how a spec says "this must be a compile error".
 */
import { expectTypeOf } from "vitest";
import { createEditor, snapshot, type Doc, type Editor, type Memento } from "./memento";

declare const editor: Editor;
declare const memento: Memento;

// Step 1: a snapshot is a Doc, and a Doc is read-only all the way down.
expectTypeOf(snapshot({ title: "t", lines: [] })).toEqualTypeOf<Doc>();
expectTypeOf<Doc["lines"]>().toEqualTypeOf<readonly string[]>();
// @ts-expect-error a Doc's title is readonly
editor.doc.title = "Hacked";
// @ts-expect-error its lines are a readonly array: no push
editor.doc.lines.push("cake");
// @ts-expect-error no assignment to a line either
editor.doc.lines[0] = "oat milk";

// Step 2: createEditor takes a Doc and an optional limit; edit takes a function from Doc to Doc.
expectTypeOf(createEditor).parameter(1).toEqualTypeOf<{ readonly limit?: number } | undefined>();
expectTypeOf(editor.edit((doc) => ({ title: doc.title, lines: [...doc.lines, "x"] }))).toEqualTypeOf<Doc>();
// @ts-expect-error the editor's document is read-only: change it through edit()
editor.doc = { title: "t", lines: [] };
// @ts-expect-error a change must return a document
editor.edit(() => "bread");
// @ts-expect-error limit is a number
createEditor({ title: "t", lines: [] }, { limit: "3" });

// Step 3: undo and redo say whether they moved; the counts are read-only.
expectTypeOf(editor.undo()).toEqualTypeOf<boolean>();
expectTypeOf(editor.redo()).toEqualTypeOf<boolean>();
// @ts-expect-error canUndo is read-only
editor.canUndo = true;

// Step 4: a Memento is branded: only save() makes one, a look-alike object literal does not compile.
expectTypeOf(editor.save()).toEqualTypeOf<Memento>();
expectTypeOf(memento.doc).toEqualTypeOf<Doc>();
// @ts-expect-error a memento's document cannot be replaced
memento.doc = { title: "t", lines: [] };
// @ts-expect-error { doc } has the shape but not the brand: it is not a Memento
editor.restore({ doc: { title: "Fake", lines: [] } });
