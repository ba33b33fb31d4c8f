/*
 * Alternative: class per state, the lesson's first Python version in TypeScript: each state is an
 * object that answers an event with the next state or with nothing; next() asks the state object.
 */
export type OrderState = "placed" | "paid" | "shipped" | "delivered" | "cancelled";
export type OrderEvent = "pay" | "ship" | "deliver" | "cancel";
export type Transitions = { readonly [S in OrderState]: { readonly [E in OrderEvent]?: OrderState } };

abstract class StateObject {
  abstract readonly name: OrderState;
  /** The next state for `event`, or undefined when this state refuses it. */
  handle(_event: OrderEvent): OrderState | undefined {
    return undefined;
  }
}

class Placed extends StateObject {
  readonly name = "placed";
  override handle(event: OrderEvent) {
    return event === "pay" ? "paid" : event === "cancel" ? "cancelled" : undefined;
  }
}
class Paid extends StateObject {
  readonly name = "paid";
  override handle(event: OrderEvent) {
    return event === "ship" ? "shipped" : event === "cancel" ? "cancelled" : undefined;
  }
}
class Shipped extends StateObject {
  readonly name = "shipped";
  override handle(event: OrderEvent) {
    return event === "deliver" ? "delivered" : undefined;
  }
}
class Delivered extends StateObject {
  readonly name = "delivered";
}
class Cancelled extends StateObject {
  readonly name = "cancelled";
}

const OBJECTS = new Map<string, StateObject>([new Placed(), new Paid(), new Shipped(), new Delivered(), new Cancelled()].map((s) => [s.name, s]));
const EVENTS: readonly OrderEvent[] = ["pay", "ship", "deliver", "cancel"];

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : typeof v === "bigint" ? `${v}n` : typeof v === "object" && v !== null ? "an object" : String(v));

function stateObject(state: unknown): StateObject {
  if (typeof state !== "string") throw new TypeError(`bad state (${show(state)}): not a string`);
  const found = OBJECTS.get(state);
  if (found === undefined) throw new RangeError(`bad state (${show(state)}): no such state`);
  return found;
}

function checkedEvent(event: unknown): OrderEvent {
  if (typeof event !== "string") throw new TypeError(`bad event (${show(event)}): not a string`);
  if (!EVENTS.includes(event as OrderEvent)) throw new RangeError(`bad event (${show(event)}): no such event`);
  return event as OrderEvent;
}

export function next(state: OrderState, event: OrderEvent): OrderState | undefined {
  const object = stateObject(state);
  return object.handle(checkedEvent(event));
}

export function allowedEvents(state: OrderState): OrderEvent[] {
  const object = stateObject(state);
  return EVENTS.filter((e) => object.handle(e) !== undefined);
}

export function isFinal(state: OrderState): boolean {
  return allowedEvents(state).length === 0;
}

export class TransitionError extends Error {
  override readonly name = "TransitionError";
  constructor(
    readonly state: OrderState,
    readonly event: OrderEvent,
  ) {
    super(`${state} order: ${event} refused`);
  }
}

export interface Order {
  readonly state: OrderState;
  readonly history: OrderEvent[];
  send(event: OrderEvent): Order;
}

export function createOrder(): Order {
  let current: StateObject = stateObject("placed");
  let history: readonly OrderEvent[] = [];
  const order: Order = {
    get state() {
      return current.name;
    },
    get history() {
      return [...history];
    },
    send(event) {
      const to = next(current.name, event);
      if (to === undefined) throw new TransitionError(current.name, event);
      current = stateObject(to);
      history = [...history, event];
      return order;
    },
  };
  return order;
}
