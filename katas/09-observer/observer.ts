import { todo } from "../../tools/kit";

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

/** Step 1. A new subject with its own subscribers: `createSubject<{ saved: { id: number }; closed: void }>()`. */
export function createSubject<Events extends object>(): Subject<Events> {
  return todo("createSubject()");
}
