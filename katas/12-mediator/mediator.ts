import { todo } from "../../tools/kit";

/** What a participant's `deliver` receives: a message from another participant, or a notice from the room. */
export type Message =
  | { readonly type: "broadcast"; readonly from: string; readonly text: string }
  | { readonly type: "direct"; readonly from: string; readonly text: string }
  | { readonly type: "joined"; readonly name: string }
  | { readonly type: "left"; readonly name: string };

/** How the room reaches a participant: it calls this with each message meant for them. */
export type Deliver = (message: Message) => void;

/** Ends one participant's stay in the room; calling it again does nothing. */
export type Leave = () => void;

/** A room: the one object its participants hold. They never hold each other. */
export interface Room {
  /** Step 1. Adds `name` to the room, tells everyone already here, and returns how to leave (step 3). */
  join(name: string, deliver: Deliver): Leave;
  /** Step 1. Sends `text` from `from` to every other participant in the room, in join order. */
  broadcast(from: string, text: string): void;
  /** Step 2. Sends `text` from `from` to `to` only. */
  send(from: string, to: string, text: string): void;
  /** Step 1. The names in the room now, in join order (a copy). */
  members(): string[];
}

/** Step 1. A new, empty room with its own participants. */
export function createRoom(): Room {
  return todo("createRoom()");
}
