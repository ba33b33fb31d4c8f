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

interface Subscription {
  readonly listener: Listener<unknown>;
  readonly once: boolean;
  /** False from the moment it ends: an emit that copied the list before skips it. */
  active: boolean;
}

/** Step 1. A new subject with its own subscribers: `createSubject<{ saved: { id: number }; closed: void }>()`. */
export function createSubject<Events extends object>(): Subject<Events> {
  // One list per event, in subscription order, made at its first subscription.
  const lists = new Map<string, Subscription[]>();

  function subscribe(event: unknown, listener: unknown, once: boolean): Unsubscribe {
    const name = checkEvent(event);
    const fn = checkListener(listener);
    const subscription: Subscription = { listener: fn, once, active: true };
    const list = lists.get(name);
    if (list) list.push(subscription);
    else lists.set(name, [subscription]);
    // Ends this subscription and no other, even when the same function is subscribed twice.
    return () => end(name, subscription);
  }

  function end(name: string, subscription: Subscription): void {
    if (!subscription.active) return; // ended already: a second call changes nothing
    subscription.active = false;
    // Leaving releases the listener: nothing here holds it any more. An active subscription is
    // always in its event's list.
    const list = lists.get(name)!;
    list.splice(list.indexOf(subscription), 1);
  }

  return {
    on: (event, listener) => subscribe(event, listener, false),
    once: (event, listener) => subscribe(event, listener, true),
    off(event, listener) {
      const name = checkEvent(event);
      checkListener(listener);
      const found = lists.get(name)?.find((s) => s.listener === listener);
      if (!found) return false;
      end(name, found);
      return true;
    },
    emit(event, ...payload) {
      const name = checkEvent(event);
      const list = lists.get(name);
      if (!list) return;
      // A copy: who joins during this emit waits for the next one.
      const snapshot = [...list];
      const errors: unknown[] = [];
      for (const subscription of snapshot) {
        if (!subscription.active) continue; // left during this emit, before its turn
        if (subscription.once) end(name, subscription); // before the call: a nested emit must not call it again
        const { listener } = subscription;
        try {
          listener(payload[0]);
        } catch (error) {
          errors.push(error); // the others still run, and this listener stays
        }
      }
      if (errors.length > 0) {
        throw new AggregateError(errors, `${errors.length} listener(s) of ${JSON.stringify(name)} threw`);
      }
    },
    listenerCount(event) {
      return lists.get(checkEvent(event))?.length ?? 0;
    },
  };
}

function checkEvent(event: unknown): string {
  if (typeof event !== "string") throw new TypeError(`event must be a string, got ${show(event)}`);
  if (event === "") throw new RangeError(`event must not be empty, got ""`);
  return event;
}

function checkListener(listener: unknown): Listener<unknown> {
  if (typeof listener !== "function") throw new TypeError(`listener must be a function, got ${show(listener)}`);
  return listener as Listener<unknown>;
}

/** A refused value as JavaScript writes it: strings quoted, bigints with their n. */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  // Objects and functions in words: String() of a function would print its source.
  if (typeof value === "function" || (typeof value === "object" && value !== null)) return `a ${typeof value}`;
  return String(value); // numbers, null, undefined, booleans, Symbol(x)
}
