/*
 * Alternative: a class with #private fields behind createSubject, one Set per event (a Set keeps insertion order), and a snapshot array per emit.
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

class Entry {
  constructor(
    readonly listener: Listener<unknown>,
    readonly once: boolean,
  ) {}
}

class ObserverSubject<Events extends object> implements Subject<Events> {
  readonly #sets = new Map<string, Set<Entry>>();

  on<K extends EventName<Events>>(event: K, listener: Listener<Events[K]>): Unsubscribe {
    return this.#add(event, listener, false);
  }

  once<K extends EventName<Events>>(event: K, listener: Listener<Events[K]>): Unsubscribe {
    return this.#add(event, listener, true);
  }

  off<K extends EventName<Events>>(event: K, listener: Listener<Events[K]>): boolean {
    ObserverSubject.#event(event);
    ObserverSubject.#listener(listener);
    for (const entry of this.#sets.get(event) ?? []) {
      if (entry.listener === listener) return this.#remove(event, entry);
    }
    return false;
  }

  emit<K extends EventName<Events>>(event: K, ...payload: EmitArgs<Events[K]>): void {
    ObserverSubject.#event(event);
    const set = this.#sets.get(event);
    if (!set) return;
    const failures: unknown[] = [];
    for (const entry of [...set]) {
      if (!this.#sets.get(event)?.has(entry)) continue; // left during this emit
      if (entry.once) this.#remove(event, entry);
      const call = entry.listener;
      try {
        call(payload[0]);
      } catch (failure) {
        failures.push(failure);
      }
    }
    if (failures.length) throw new AggregateError(failures, `emit ${JSON.stringify(event)}: ${failures.length} failed`);
  }

  listenerCount(event: EventName<Events>): number {
    ObserverSubject.#event(event);
    return this.#sets.get(event)?.size ?? 0;
  }

  #add(event: unknown, listener: unknown, once: boolean): Unsubscribe {
    ObserverSubject.#event(event);
    ObserverSubject.#listener(listener);
    const entry = new Entry(listener, once);
    let set = this.#sets.get(event);
    if (!set) this.#sets.set(event, (set = new Set()));
    set.add(entry);
    return () => {
      this.#remove(event, entry);
    };
  }

  #remove(event: string, entry: Entry): boolean {
    const set = this.#sets.get(event);
    if (!set?.delete(entry)) return false;
    if (set.size === 0) this.#sets.delete(event);
    return true;
  }

  static #event(event: unknown): asserts event is string {
    if (typeof event !== "string") {
      throw new TypeError(`bad event (${typeof event === "symbol" ? event.toString() : typeof event === "bigint" ? `${event}n` : String(event)}): a string is needed`);
    }
    if (event.length === 0) throw new RangeError(`bad event (""): a name is needed`);
  }

  static #listener(listener: unknown): asserts listener is Listener<unknown> {
    if (typeof listener !== "function") {
      const shown = typeof listener === "string" ? JSON.stringify(listener) : listener !== null && typeof listener === "object" ? "an object" : String(listener);
      throw new TypeError(`bad listener (${shown}): a function is needed`);
    }
  }
}

/** Step 1. A new subject with its own subscribers: `createSubject<{ saved: { id: number }; closed: void }>()`. */
export function createSubject<Events extends object>(): Subject<Events> {
  return new ObserverSubject<Events>();
}
