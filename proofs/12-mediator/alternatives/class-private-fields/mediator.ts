// Alternative: a class with private fields (#members, #queue); createRoom() makes one.

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

type Stay = { readonly name: string; readonly deliver: Deliver; present: boolean };

class ChatRoom implements Room {
  readonly #members = new Map<string, Stay>();
  readonly #queue: [Message, Stay[]][] = [];
  #busy = false;

  join(name: string, deliver: Deliver): Leave {
    if (typeof name !== "string") throw new TypeError(`join: name should be a string, not ${describe(name)}`);
    if (!/\S/.test(name)) throw new RangeError(`join: name ${describe(name)} is blank`);
    if (typeof deliver !== "function") throw new TypeError(`join: deliver should be a function, not ${describe(deliver)}`);
    if (this.#members.has(name)) throw new RangeError(`join: the name ${describe(name)} is taken`);
    const stay: Stay = { name, deliver, present: true };
    const others = [...this.#members.values()];
    this.#members.set(name, stay);
    this.#post({ type: "joined", name }, others);
    return () => {
      if (!stay.present) return;
      stay.present = false;
      this.#members.delete(name);
      this.#post({ type: "left", name }, [...this.#members.values()]);
    };
  }

  broadcast(from: string, text: string): void {
    const sender = this.#member(from, "from");
    this.#text(text);
    this.#post({ type: "broadcast", from, text }, [...this.#members.values()].filter((stay) => stay !== sender));
  }

  send(from: string, to: string, text: string): void {
    const sender = this.#member(from, "from");
    const recipient = this.#member(to, "to");
    if (recipient === sender) throw new RangeError(`send: to ${describe(to)} is the sender`);
    this.#text(text);
    this.#post({ type: "direct", from, text }, [recipient]);
  }

  members(): string[] {
    return Array.from(this.#members.keys());
  }

  #member(name: unknown, param: "from" | "to"): Stay {
    if (typeof name !== "string") throw new TypeError(`${param} should be a string, not ${describe(name)}`);
    const stay = this.#members.get(name);
    if (!stay) throw new RangeError(`${param} ${describe(name)} is not in the room`);
    return stay;
  }

  #text(text: unknown): void {
    if (typeof text !== "string") throw new TypeError(`text should be a string, not ${describe(text)}`);
  }

  #post(message: Message, to: Stay[]): void {
    this.#queue.push([message, to]);
    if (this.#busy) return;
    this.#busy = true;
    try {
      while (this.#queue.length > 0) {
        const [next, recipients] = this.#queue.shift()!;
        for (const stay of recipients) if (stay.present) stay.deliver(next);
      }
    } finally {
      this.#busy = false;
    }
  }
}

/** Step 1. A new, empty room with its own participants. */
export function createRoom(): Room {
  return new ChatRoom();
}

function describe(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "object":
      return value === null ? "null" : "an object";
    case "function":
      return "a function";
    default:
      return String(value);
  }
}
