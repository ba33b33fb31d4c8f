/*
 * Alternative: no table at all: next() is an exhaustive switch over the state (never in the default),
 * and the order is a pure reducer over an immutable snapshot held in a closure.
 */
export type OrderState = "placed" | "paid" | "shipped" | "delivered" | "cancelled";
export type OrderEvent = "pay" | "ship" | "deliver" | "cancel";
export type Transitions = { readonly [S in OrderState]: { readonly [E in OrderEvent]?: OrderState } };

const STATES = ["placed", "paid", "shipped", "delivered", "cancelled"] as const;
const EVENTS = ["pay", "ship", "deliver", "cancel"] as const;

function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "object":
      return value === null ? "null" : "an object";
    default:
      return String(value);
  }
}

function assertOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string") throw new TypeError(`${name} should be a string, not ${describeValue(value)}`);
  if (!(allowed as readonly string[]).includes(value)) throw new RangeError(`${name} ${describeValue(value)} is not one of ${allowed.join("/")}`);
  return value as T;
}

function step(state: OrderState, event: OrderEvent): OrderState | undefined {
  switch (state) {
    case "placed":
      return event === "pay" ? "paid" : event === "cancel" ? "cancelled" : undefined;
    case "paid":
      return event === "ship" ? "shipped" : event === "cancel" ? "cancelled" : undefined;
    case "shipped":
      return event === "deliver" ? "delivered" : undefined;
    case "delivered":
    case "cancelled":
      return undefined;
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

export function next(state: OrderState, event: OrderEvent): OrderState | undefined {
  return step(assertOneOf("state", state, STATES), assertOneOf("event", event, EVENTS));
}

export function allowedEvents(state: OrderState): OrderEvent[] {
  const from = assertOneOf("state", state, STATES);
  return EVENTS.filter((event) => step(from, event) !== undefined);
}

export function isFinal(state: OrderState): boolean {
  const from = assertOneOf("state", state, STATES);
  return from === "delivered" || from === "cancelled";
}

export class TransitionError extends Error {
  override readonly name = "TransitionError";
  readonly state: OrderState;
  readonly event: OrderEvent;
  constructor(state: OrderState, event: OrderEvent) {
    super(`event ${event} not allowed in state ${state}`);
    this.state = state;
    this.event = event;
  }
}

export interface Order {
  readonly state: OrderState;
  readonly history: OrderEvent[];
  send(event: OrderEvent): Order;
}

interface Snapshot {
  readonly state: OrderState;
  readonly history: readonly OrderEvent[];
}

function reduce(snapshot: Snapshot, event: OrderEvent): Snapshot {
  const to = next(snapshot.state, event);
  if (to === undefined) throw new TransitionError(snapshot.state, event);
  return { state: to, history: [...snapshot.history, event] };
}

export function createOrder(): Order {
  let snapshot: Snapshot = { state: "placed", history: [] };
  const order: Order = {
    get state() {
      return snapshot.state;
    },
    get history() {
      return snapshot.history.slice();
    },
    send(event) {
      snapshot = reduce(snapshot, event);
      return order;
    },
  };
  return order;
}
