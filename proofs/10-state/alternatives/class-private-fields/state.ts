/*
 * Alternative: an Order class with ECMAScript private fields (#state, #history), the table as a Map of
 * Maps, validation through Sets, and other message wording within the contract.
 */
export type OrderState = "placed" | "paid" | "shipped" | "delivered" | "cancelled";
export type OrderEvent = "pay" | "ship" | "deliver" | "cancel";
export type Transitions = { readonly [S in OrderState]: { readonly [E in OrderEvent]?: OrderState } };

const TABLE: Transitions = {
  placed: { pay: "paid", cancel: "cancelled" },
  paid: { ship: "shipped", cancel: "cancelled" },
  shipped: { deliver: "delivered" },
  delivered: {},
  cancelled: {},
};
const ROWS = new Map(Object.entries(TABLE).map(([from, row]) => [from, new Map(Object.entries(row))])) as Map<OrderState, Map<OrderEvent, OrderState>>;
const ALL_EVENTS = new Set<string>(["pay", "ship", "deliver", "cancel"]);

function literal(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || typeof value !== "object") return String(value);
  return Array.isArray(value) ? "an array" : "an object";
}

function rowOf(state: unknown): Map<OrderEvent, OrderState> {
  if (typeof state !== "string") throw new TypeError(`expected state to be a string but got ${literal(state)}`);
  const row = ROWS.get(state as OrderState);
  if (!row) throw new RangeError(`unknown state ${literal(state)}`);
  return row;
}

function eventOf(event: unknown): OrderEvent {
  if (typeof event !== "string") throw new TypeError(`expected event to be a string but got ${literal(event)}`);
  if (!ALL_EVENTS.has(event)) throw new RangeError(`unknown event ${literal(event)}`);
  return event as OrderEvent;
}

export function next(state: OrderState, event: OrderEvent): OrderState | undefined {
  const row = rowOf(state);
  return row.get(eventOf(event));
}

export function allowedEvents(state: OrderState): OrderEvent[] {
  const row = rowOf(state);
  return (["pay", "ship", "deliver", "cancel"] as const).filter((e) => row.has(e));
}

export function isFinal(state: OrderState): boolean {
  return rowOf(state).size === 0;
}

export class TransitionError extends Error {
  override readonly name = "TransitionError";
  readonly state: OrderState;
  readonly event: OrderEvent;

  constructor(state: OrderState, event: OrderEvent) {
    super(`the event ${event} is not allowed while the order is ${state}`);
    this.state = state;
    this.event = event;
  }
}

export interface Order {
  readonly state: OrderState;
  readonly history: OrderEvent[];
  send(event: OrderEvent): Order;
}

class OrderMachine implements Order {
  #state: OrderState = "placed";
  readonly #history: OrderEvent[] = [];

  get state(): OrderState {
    return this.#state;
  }

  get history(): OrderEvent[] {
    return this.#history.slice();
  }

  send(event: OrderEvent): this {
    const to = next(this.#state, event);
    if (!to) throw new TransitionError(this.#state, event);
    this.#state = to;
    this.#history.push(event);
    return this;
  }
}

export function createOrder(): Order {
  return new OrderMachine();
}
