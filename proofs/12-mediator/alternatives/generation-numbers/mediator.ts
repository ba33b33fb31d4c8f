// Alternative: stays told apart by generation numbers, not by object identity; a plain object made with Object.create(null).

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
  // name -> the generation of its stay now and how to reach it; no prototype, so "__proto__" is a key.
  const here: Record<string, { generation: number; deliver: Deliver; joinedAt: number }> = Object.create(null);
  let generations = 0;
  let joins = 0;
  const waiting: { message: Message; to: [name: string, generation: number][] }[] = [];
  let running = false;

  const inRoom = (name: string) => Object.keys(here).includes(name);
  // Object.keys puts integer-like keys first: sort by the moment of joining instead.
  const names = () => Object.keys(here).sort((a, b) => here[a]!.joinedAt - here[b]!.joinedAt);
  const addresses = (except?: string) => names().filter((name) => name !== except).map((name): [string, number] => [name, here[name]!.generation]);

  function dispatch(message: Message, to: [string, number][]): void {
    waiting.push({ message, to });
    if (running) return;
    running = true;
    try {
      for (let item = waiting.shift(); item; item = waiting.shift()) {
        for (const [name, generation] of item.to) {
          const stay = inRoom(name) ? here[name] : undefined;
          if (stay?.generation === generation) stay.deliver(item.message);
        }
      }
    } finally {
      running = false;
    }
  }

  function must(value: unknown, param: string, present: boolean): string {
    if (typeof value !== "string") throw new TypeError(`${param} is ${show(value)}, not a string`);
    if (present && !inRoom(value)) throw new RangeError(`${param} is ${show(value)}, who is not in this room`);
    return value;
  }

  return {
    join(name, deliver) {
      must(name, "name", false);
      if (name.trim() === "") throw new RangeError(`name is ${show(name)}, which is blank`);
      if (typeof deliver !== "function") throw new TypeError(`deliver is ${show(deliver)}, not a function`);
      if (inRoom(name)) throw new RangeError(`name is ${show(name)}, who is in this room already`);
      const generation = ++generations;
      const others = addresses();
      here[name] = { generation, deliver, joinedAt: ++joins };
      dispatch({ type: "joined", name }, others);
      return () => {
        if (!inRoom(name) || here[name]!.generation !== generation) return;
        delete here[name];
        dispatch({ type: "left", name }, addresses());
      };
    },
    broadcast(from, text) {
      must(from, "from", true);
      must(text, "text", false);
      dispatch({ type: "broadcast", from, text }, addresses(from));
    },
    send(from, to, text) {
      must(from, "from", true);
      must(to, "to", true);
      if (to === from) throw new RangeError(`to is ${show(to)}, the sender itself`);
      must(text, "text", false);
      dispatch({ type: "direct", from, text }, [[to, here[to]!.generation]]);
    },
    members: names,
  };
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value !== null && (typeof value === "object" || typeof value === "function")) return `a ${typeof value}`;
  return String(value);
}
