// Alternative: one queue of single deliveries (stay, message), addressed when sent; a Set of the stays still present.

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

interface Stay {
  readonly name: string;
  readonly deliver: Deliver;
}

/** Step 1. A new, empty room with its own participants. */
export function createRoom(): Room {
  let order: Stay[] = []; // the stays present, in join order
  const present = new Set<Stay>();
  const pending: { stay: Stay; message: Message }[] = [];
  let draining = false;

  const find = (name: string) => order.find((stay) => stay.name === name);

  function address(message: Message, stays: Stay[]): void {
    const frozen = Object.freeze(message);
    for (const stay of stays) pending.push({ stay, message: frozen });
    if (draining) return;
    draining = true;
    try {
      let next;
      while ((next = pending.shift())) if (present.has(next.stay)) next.stay.deliver(next.message);
    } finally {
      draining = false;
    }
  }

  function member(value: unknown, param: string): Stay {
    if (typeof value !== "string") throw new TypeError(`bad ${param} (${quote(value)}): a name is a string`);
    const stay = find(value);
    if (stay === undefined) throw new RangeError(`bad ${param} (${quote(value)}): nobody of that name is in the room`);
    return stay;
  }

  function text(value: unknown): string {
    if (typeof value !== "string") throw new TypeError(`bad text (${quote(value)}): a text is a string`);
    return value;
  }

  return {
    join(name, deliver) {
      if (typeof name !== "string") throw new TypeError(`bad name (${quote(name)}): a name is a string`);
      if (name.trim().length === 0) throw new RangeError(`bad name (${quote(name)}): a name is not blank`);
      if (typeof deliver !== "function") throw new TypeError(`bad deliver (${quote(deliver)}): it must be a function`);
      if (find(name)) throw new RangeError(`bad name (${quote(name)}): someone of that name is here already`);
      const stay: Stay = { name, deliver };
      const others = order;
      order = [...order, stay];
      present.add(stay);
      address({ type: "joined", name }, others);
      return () => {
        if (!present.delete(stay)) return;
        order = order.filter((other) => other !== stay);
        address({ type: "left", name }, order);
      };
    },
    broadcast(from, words) {
      const sender = member(from, "from");
      address({ type: "broadcast", from, text: text(words) }, order.filter((stay) => stay !== sender));
    },
    send(from, to, words) {
      // Another order of checks than broadcast's: the text, then the recipient, then the sender.
      const message = text(words);
      const recipient = member(to, "to");
      const sender = member(from, "from");
      if (recipient === sender) throw new RangeError(`bad to (${quote(to)}): nobody sends to themselves`);
      address({ type: "direct", from, text: message }, [recipient]);
    },
    members: () => order.map((stay) => stay.name),
  };
}

function quote(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "object" && value !== null) return "an object";
  if (typeof value === "function") return "a function";
  return String(value);
}
