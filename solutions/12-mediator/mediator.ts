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

/** One stay in the room: a name that leaves and joins again is a new one. */
interface Member {
  readonly name: string;
  readonly deliver: Deliver;
  /** False from the moment it leaves: a message still on its way skips it. */
  present: boolean;
}

/** Step 1. A new, empty room with its own participants. */
export function createRoom(): Room {
  // Name -> the member of that name here now. A Map keeps join order (members()), and a name that
  // leaves and comes back goes to the end.
  const here = new Map<string, Member>();
  // Messages waiting for the one that is being delivered: one queue for the whole room, so that
  // everyone receives everything in the order it was sent.
  const queue: { message: Message; to: readonly Member[] }[] = [];
  let delivering = false;

  /** Queues `message` for `to` (fixed now: who joins later does not get it), then delivers, unless a delivery further up the stack will. */
  function post(message: Message, to: readonly Member[]): void {
    queue.push({ message: Object.freeze(message), to });
    if (delivering) return; // a deliver() is running: this waits its turn (step 4)
    delivering = true;
    try {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        for (const member of next.to) if (member.present) member.deliver(next.message);
      }
    } finally {
      delivering = false;
    }
  }

  /** The member called `from`, or a RangeError: a stranger, or someone who left, cannot send. */
  function sender(from: unknown): Member {
    const member = here.get(checkString(from, "from"));
    if (member === undefined) throw new RangeError(`from must be someone in the room, got ${show(from)}`);
    return member;
  }

  return {
    join(name, deliver) {
      checkName(name);
      if (typeof deliver !== "function") throw new TypeError(`deliver must be a function, got ${show(deliver)}`);
      if (here.has(name)) throw new RangeError(`name is taken: ${show(name)} is already in the room`);
      const others = [...here.values()];
      const me: Member = { name, deliver, present: true };
      here.set(name, me);
      post({ type: "joined", name }, others);
      // Closes over this stay, not the name: after a rejoin, an old leave() leaves the new one alone.
      return () => {
        if (!me.present) return;
        me.present = false;
        here.delete(name); // leaving releases the participant: the room holds its deliver no more
        post({ type: "left", name }, [...here.values()]);
      };
    },
    broadcast(from, text) {
      const me = sender(from);
      checkString(text, "text");
      post({ type: "broadcast", from: me.name, text }, [...here.values()].filter((member) => member !== me));
    },
    send(from, to, text) {
      const me = sender(from);
      const them = here.get(checkString(to, "to"));
      if (them === undefined) throw new RangeError(`to must be someone in the room, got ${show(to)}`);
      if (them === me) throw new RangeError(`to must be someone else: ${show(to)} is the sender`);
      checkString(text, "text");
      post({ type: "direct", from: me.name, text }, [them]);
    },
    members: () => [...here.keys()],
  };
}

function checkString(value: unknown, param: string): string {
  if (typeof value !== "string") throw new TypeError(`${param} must be a string, got ${show(value)}`);
  return value;
}

function checkName(name: unknown): asserts name is string {
  if (checkString(name, "name").trim() === "") throw new RangeError(`name must not be blank, got ${show(name)}`);
}

/** A refused value as JavaScript writes it: strings quoted, bigints with their n, objects in words. */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function" || (typeof value === "object" && value !== null)) return `a ${typeof value}`;
  return String(value);
}
