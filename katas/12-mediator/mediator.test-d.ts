/*
 * Type-level tests: checked by `npx tsc -p .` (the workbook's self-check runs it), never executed.
 * A `// @ts-expect-error` line passes when the line below it does NOT compile, and fails tsc when
 * it does: it is how a spec says "this must be a compile error".
 */
import { expectTypeOf } from "vitest";
import { createRoom, type Deliver, type Leave, type Message, type Room } from "./mediator";

const room = createRoom();
expectTypeOf(room).toEqualTypeOf<Room>();
expectTypeOf(room.join("Ann", () => {})).toEqualTypeOf<Leave>();
expectTypeOf<Leave>().toEqualTypeOf<() => void>();
expectTypeOf(room.members()).toEqualTypeOf<string[]>();
expectTypeOf(room.broadcast("Ann", "hi")).toBeVoid();
expectTypeOf(room.send("Ann", "Bob", "hi")).toBeVoid();
expectTypeOf<Deliver>().parameters.toEqualTypeOf<[message: Message]>();

// Step 1: a deliver gets a Message, a union that its `type` narrows: only messages have a text.
const describe: Deliver = (message) => {
  expectTypeOf(message.type).toEqualTypeOf<"broadcast" | "direct" | "joined" | "left">();
  // @ts-expect-error a notice has no text: narrow on message.type first
  void message.text;
  switch (message.type) {
    case "broadcast":
    case "direct":
      expectTypeOf(message.from).toBeString();
      expectTypeOf(message.text).toBeString();
      // @ts-expect-error a message has a sender, not a name
      void message.name;
      break;
    case "joined":
    case "left":
      expectTypeOf(message.name).toBeString();
      break;
    default: {
      // Every kind of message is handled: a fifth kind added to Message would be a compile error here.
      const unhandled: never = message;
      void unhandled;
    }
  }
};
room.join("Bob", describe);

// A message is read-only: what one participant receives, it cannot rewrite for the others.
declare const received: Extract<Message, { type: "broadcast" }>;
// @ts-expect-error from is readonly
received.from = "Mallory";

// @ts-expect-error a participant needs a deliver to be reached by
room.join("Cy");
// @ts-expect-error a deliver takes a Message, not a string
room.join("Cy", (text: string) => void text);
// @ts-expect-error a broadcast has a sender and a text
room.broadcast("hello, everyone");
// @ts-expect-error a direct message names whom it is for
room.send("Ann", "hi");
// @ts-expect-error names are strings
room.send("Ann", 2, "hi");
// @ts-expect-error "whisper" is not a kind of message
const whisper: Message = { type: "whisper", from: "Ann", text: "psst" };
void whisper;
