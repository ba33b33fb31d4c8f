/*
 * Alternative: copy-on-write, with no flags: every change to a list makes a new frozen array, so an emit walks the array it read at its start; who is still subscribed is asked of the current array.
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

type Sub = { readonly fn: Listener<unknown>; readonly once: boolean };

const quote = (value: unknown): string =>
  typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : typeof value === "symbol" ? String(value) : value !== null && (typeof value === "object" || typeof value === "function") ? typeof value : String(value);

function eventName(event: unknown): string {
  if (typeof event !== "string") throw new TypeError(`The event must be a string; ${quote(event)} is not.`);
  if (!event) throw new RangeError(`The event must be a non-empty string, not "".`);
  return event;
}

function listenerFn(listener: unknown): Listener<unknown> {
  if (typeof listener !== "function") throw new TypeError(`The listener must be a function; ${quote(listener)} is not.`);
  return listener as Listener<unknown>;
}

/** Step 1. A new subject with its own subscribers: `createSubject<{ saved: { id: number }; closed: void }>()`. */
export function createSubject<Events extends object>(): Subject<Events> {
  let table: Readonly<Record<string, readonly Sub[]>> = Object.create(null) as Record<string, readonly Sub[]>;

  const current = (name: string): readonly Sub[] => table[name] ?? [];
  const replace = (name: string, subs: readonly Sub[]) => {
    const next: Record<string, readonly Sub[]> = Object.assign(Object.create(null) as object, table);
    if (subs.length) next[name] = Object.freeze(subs);
    else delete next[name];
    table = next;
  };
  const drop = (name: string, sub: Sub): boolean => {
    if (!current(name).includes(sub)) return false;
    replace(name, current(name).filter((s) => s !== sub));
    return true;
  };
  const join = (event: unknown, listener: unknown, once: boolean): Unsubscribe => {
    const name = eventName(event);
    const sub: Sub = { fn: listenerFn(listener), once };
    replace(name, [...current(name), sub]);
    return () => {
      drop(name, sub);
    };
  };

  return {
    on: (event, listener) => join(event, listener, false),
    once: (event, listener) => join(event, listener, true),
    off: (event, listener) => {
      const name = eventName(event);
      const fn = listenerFn(listener);
      const sub = current(name).find((s) => s.fn === fn);
      return sub !== undefined && drop(name, sub);
    },
    emit: (event, ...args) => {
      const name = eventName(event);
      const errors = current(name).reduce<unknown[]>((failed, sub) => {
        if (!current(name).includes(sub)) return failed;
        if (sub.once) drop(name, sub);
        try {
          sub.fn.call(undefined, args[0]);
        } catch (error) {
          failed.push(error);
        }
        return failed;
      }, []);
      if (errors.length) throw new AggregateError(errors, `The listeners of ${name} failed ${errors.length} time(s).`);
    },
    listenerCount: (event) => current(eventName(event)).length,
  };
}
