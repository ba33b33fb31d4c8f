/*
 * Type-level tests: checked by `npx tsc -p .` (the workbook's self-check runs it), never executed.
 * A `// @ts-expect-error` line passes when the line below it does NOT compile, and fails tsc when
 * it does: it is how a spec says "this must be a compile error".
 */
import { expectTypeOf } from "vitest";
import { createSubject, type EmitArgs, type EventName, type Subject, type Unsubscribe } from "./observer";

interface Editor {
  saved: { id: number };
  renamed: { id: number; name: string };
  closed: void;
}

const editor = createSubject<Editor>();
expectTypeOf(editor).toEqualTypeOf<Subject<Editor>>();
expectTypeOf<EventName<Editor>>().toEqualTypeOf<"saved" | "renamed" | "closed">();

// Step 1: a listener's payload type follows the event's name.
editor.on("saved", (payload) => {
  expectTypeOf(payload).toEqualTypeOf<{ id: number }>();
});
editor.on("renamed", (payload) => {
  expectTypeOf(payload.name).toEqualTypeOf<string>();
});
editor.on("closed", (payload) => {
  expectTypeOf(payload).toEqualTypeOf<void>();
});
editor.on("closed", () => {}); // a void event's listener needs no parameter
expectTypeOf(editor.on("saved", () => {})).toEqualTypeOf<Unsubscribe>();
expectTypeOf(editor.once("saved", () => {})).toEqualTypeOf<Unsubscribe>();
expectTypeOf(editor.off("saved", () => {})).toEqualTypeOf<boolean>();
expectTypeOf(editor.emit("saved", { id: 1 })).toEqualTypeOf<void>();
expectTypeOf(editor.listenerCount("closed")).toEqualTypeOf<number>();

// emit takes the payload of its event, or nothing at all for a void event.
editor.emit("saved", { id: 1 });
editor.emit("renamed", { id: 1, name: "notes.txt" });
editor.emit("closed");
expectTypeOf<EmitArgs<{ id: number }>>().toEqualTypeOf<[payload: { id: number }]>();
expectTypeOf<EmitArgs<void>>().toEqualTypeOf<[]>();

// @ts-expect-error a wrong payload: the id is a number
editor.emit("saved", { id: "1" });
// @ts-expect-error a payload missing a field
editor.emit("renamed", { id: 1 });
// @ts-expect-error the payload of another event
editor.emit("closed", { id: 1 });
// @ts-expect-error saved needs its payload
editor.emit("saved");
// @ts-expect-error closed takes no payload
editor.emit("closed", 1);
// @ts-expect-error an event the map does not have
editor.emit("opened");
// @ts-expect-error an event the map does not have
editor.on("opened", () => {});
// @ts-expect-error a listener of saved gets { id: number }, not a string
editor.on("saved", (payload: string) => void payload);
// @ts-expect-error a listener that reads a field the payload does not have
editor.on("saved", (payload) => payload.name);
// @ts-expect-error once is typed like on
editor.once("renamed", (payload: { id: string }) => void payload);
// @ts-expect-error off is typed like on
editor.off("closed", (payload: number) => void payload);
// @ts-expect-error the event names are the map's
editor.listenerCount("opened");

// Two maps, two types: a subject of one map is not a subject of another.
const other = createSubject<{ tick: number }>();
other.emit("tick", 1);
// @ts-expect-error tick's payload is a number
other.emit("tick", "1");
// @ts-expect-error saved is an event of the editor's map only
other.on("saved", () => {});
