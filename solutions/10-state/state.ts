/** The states an order goes through: a union of string literals, so a `switch` over it can be exhaustive. */
export type OrderState = "placed" | "paid" | "shipped" | "delivered" | "cancelled";

/** The events that move an order from one state to the next. */
export type OrderEvent = "pay" | "ship" | "deliver" | "cancel";

/** The shape of a transition table: for each state, the events it allows and the state each leads to. */
export type Transitions = { readonly [S in OrderState]: { readonly [E in OrderEvent]?: OrderState } };

// The whole machine is this table: adding a state or an event is a change of data, not of code.
// The mapped type above makes a forgotten state a compile error here.
const TRANSITIONS: Transitions = {
  placed: { pay: "paid", cancel: "cancelled" },
  paid: { ship: "shipped", cancel: "cancelled" },
  shipped: { deliver: "delivered" },
  delivered: {},
  cancelled: {},
};

const EVENTS: readonly OrderEvent[] = ["pay", "ship", "deliver", "cancel"];

/** Shows a refused value the way the workbook's contract asks (strings in double quotes). */
const shown = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : String(value));

function checkState(state: unknown): OrderState {
  if (typeof state !== "string") throw new TypeError(`state must be a string, got ${typeof state === "object" && state !== null ? "an object" : shown(state)}`);
  // Object.hasOwn, not `in`: "toString" is on every object's prototype, and is no state.
  if (!Object.hasOwn(TRANSITIONS, state)) throw new RangeError(`state must be one of ${Object.keys(TRANSITIONS).join(", ")}, got ${shown(state)}`);
  return state as OrderState;
}

function checkEvent(event: unknown): OrderEvent {
  if (typeof event !== "string") throw new TypeError(`event must be a string, got ${typeof event === "object" && event !== null ? "an object" : shown(event)}`);
  if (!(EVENTS as readonly string[]).includes(event)) throw new RangeError(`event must be one of ${EVENTS.join(", ")}, got ${shown(event)}`);
  return event as OrderEvent;
}

/** Step 1. The state `event` leads to from `state`, or `undefined` when the table does not allow it. */
export function next(state: OrderState, event: OrderEvent): OrderState | undefined {
  const row = TRANSITIONS[checkState(state)];
  return row[checkEvent(event)];
}

/** Step 1. The events `state` allows, in the order pay, ship, deliver, cancel (a new array each call). */
export function allowedEvents(state: OrderState): OrderEvent[] {
  const row = TRANSITIONS[checkState(state)];
  return EVENTS.filter((event) => row[event] !== undefined);
}

/** Step 1. Whether no event leaves `state`: true for delivered and cancelled. */
export function isFinal(state: OrderState): boolean {
  return allowedEvents(state).length === 0;
}

/** Step 3. The refusal of an event the current state does not allow; its message names both. */
export class TransitionError extends Error {
  override readonly name = "TransitionError";
  /** The state the order was in, and stays in. */
  readonly state: OrderState;
  /** The event it refused. */
  readonly event: OrderEvent;

  constructor(state: OrderState, event: OrderEvent) {
    super(`cannot ${event} an order that is ${state}`);
    this.state = state;
    this.event = event;
  }
}

/** Step 2. One order's life: where it is, what it went through, and the one way to move it on. */
export interface Order {
  /** The current state: "placed" for a new order. */
  readonly state: OrderState;
  /** The events accepted so far, oldest first: a new array on every read. */
  readonly history: OrderEvent[];
  /** Moves the order on by `event` and returns the same order; refuses what the state does not allow. */
  send(event: OrderEvent): Order;
}

/** Step 2. A new order, in state "placed" with an empty history, sharing nothing with any other order. */
export function createOrder(): Order {
  // Each order keeps its own state and history in this closure.
  let state: OrderState = "placed";
  const history: OrderEvent[] = [];
  const order: Order = {
    get state() {
      return state;
    },
    get history() {
      return [...history]; // a copy: a caller's push changes nothing here
    },
    send(event) {
      const to = next(state, event); // bad input is refused here, before anything changes
      if (to === undefined) throw new TransitionError(state, event);
      state = to;
      history.push(event);
      return order;
    },
  };
  return order;
}
