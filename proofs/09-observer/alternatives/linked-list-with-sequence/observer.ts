/*
 * Alternative: a doubly linked list per event, each node stamped with a sequence number; an emit walks from the head and stops at nodes newer than its start, and removed nodes keep their next pointer so a walk standing on one goes on.
 */
/** The names of a map's events: its string keys (`"saved" | "closed"`). */
export type EventName<Events extends object> = keyof Events & string;

/** A listener of an event whose payload is `P`. */
export type Listener<P> = (payload: P) => void;

/** What `emit` takes after the name: the payload, or nothing for a `void` event. */
export type EmitArgs<P> = [P] extends [void] ? [] : [payload: P];

/** Ends one subscription; calling it again does nothing. */
export type Unsubscribe = () => void;

/** A subject: subscribers join and leave, and every `emit` reaches each of them once, in order. */
export interface Subject<Events extends object> {
  /** Step 1. Subscribes `listener` to `event`, after every current subscriber; returns its unsubscribe. */
  on<K extends EventName<Events>>(event: K, listener: Listener<Events[K]>): Unsubscribe;
  /** Step 2. Like `on`, but the subscription ends just before its first call. */
  once<K extends EventName<Events>>(event: K, listener: Listener<Events[K]>): Unsubscribe;
  /** Step 2. Ends the oldest subscription of `listener` to `event`; true if there was one. */
  off<K extends EventName<Events>>(event: K, listener: Listener<Events[K]>): boolean;
  /** Step 1. Calls every subscriber of `event` with the payload, in subscription order (steps 3 and 4: who, and errors). */
  emit<K extends EventName<Events>>(event: K, ...payload: EmitArgs<Events[K]>): void;
  /** Step 1. How many subscriptions `event` has now. */
  listenerCount(event: EventName<Events>): number;
}

interface Node {
  readonly listener: Listener<unknown>;
  readonly once: boolean;
  readonly seq: number;
  prev: Node | undefined;
  next: Node | undefined;
  removed: boolean;
}

interface Chain {
  head: Node | undefined;
  tail: Node | undefined;
  size: number;
}

function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "symbol":
      return value.toString();
    case "function":
      return "a function";
    case "object":
      return value === null ? "null" : "an object";
    default:
      return String(value);
  }
}

/** Step 1. A new subject with its own subscribers: `createSubject<{ saved: { id: number }; closed: void }>()`. */
export function createSubject<Events extends object>(): Subject<Events> {
  const chains = new Map<string, Chain>();
  let seq = 0;

  const checkEvent = (event: unknown): string => {
    if (typeof event !== "string") throw new TypeError(`event: expected a string, received ${describeValue(event)}`);
    if (event === "") throw new RangeError(`event: expected a name, received ""`);
    return event;
  };
  const checkListener = (listener: unknown): Listener<unknown> => {
    if (typeof listener !== "function") throw new TypeError(`listener: expected a function, received ${describeValue(listener)}`);
    return listener as Listener<unknown>;
  };

  const unlink = (name: string, node: Node): boolean => {
    const chain = chains.get(name);
    if (node.removed || !chain) return false;
    node.removed = true;
    if (node.prev) node.prev.next = node.next;
    else chain.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else chain.tail = node.prev;
    // node.next stays: an emit standing on this node still finds the rest of the chain.
    node.prev = undefined;
    if (--chain.size === 0) chains.delete(name);
    return true;
  };

  const link = (event: unknown, listener: unknown, once: boolean): Unsubscribe => {
    const name = checkEvent(event);
    const fn = checkListener(listener);
    let chain = chains.get(name);
    if (!chain) chains.set(name, (chain = { head: undefined, tail: undefined, size: 0 }));
    const node: Node = { listener: fn, once, seq: seq++, prev: chain.tail, next: undefined, removed: false };
    if (chain.tail) chain.tail.next = node;
    else chain.head = node;
    chain.tail = node;
    chain.size++;
    return () => {
      unlink(name, node);
    };
  };

  return {
    on: (event, listener) => link(event, listener, false),
    once: (event, listener) => link(event, listener, true),
    off(event, listener) {
      const name = checkEvent(event);
      const fn = checkListener(listener);
      for (let node = chains.get(name)?.head; node; node = node.next) {
        if (node.listener === fn) return unlink(name, node);
      }
      return false;
    },
    emit(event, ...payload) {
      const name = checkEvent(event);
      const started = seq; // nodes numbered from here on joined during this emit
      const errors: unknown[] = [];
      for (let node = chains.get(name)?.head; node && node.seq < started; node = node.next) {
        if (node.removed) continue;
        if (node.once) unlink(name, node);
        const { listener } = node;
        try {
          listener(payload[0]);
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length > 0) throw new AggregateError(errors, `${JSON.stringify(name)}: ${errors.length} listener(s) threw`);
    },
    listenerCount(event) {
      return chains.get(checkEvent(event))?.size ?? 0;
    },
  };
}
