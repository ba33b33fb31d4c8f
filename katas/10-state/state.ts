import { todo } from "../../tools/kit";

/** The states an order goes through: a union of string literals, so a `switch` over it can be exhaustive. */
export type OrderState = "placed" | "paid" | "shipped" | "delivered" | "cancelled";

/** The events that move an order from one state to the next. */
export type OrderEvent = "pay" | "ship" | "deliver" | "cancel";

/** The shape of a transition table: for each state, the events it allows and the state each leads to. */
export type Transitions = { readonly [S in OrderState]: { readonly [E in OrderEvent]?: OrderState } };

// Write your table here, typed `Transitions` (the lesson's step 1 says what it holds).

/** Step 1. The state `event` leads to from `state`, or `undefined` when the table does not allow it. */
export function next(state: OrderState, event: OrderEvent): OrderState | undefined {
  return todo("next(state, event)");
}

/** Step 1. The events `state` allows, in the order pay, ship, deliver, cancel (a new array each call). */
export function allowedEvents(state: OrderState): OrderEvent[] {
  return todo("allowedEvents(state)");
}

/** Step 1. Whether no event leaves `state`: true for delivered and cancelled. */
export function isFinal(state: OrderState): boolean {
  return todo("isFinal(state)");
}

/** Step 3. The refusal of an event the current state does not allow; its message names both. */
export class TransitionError extends Error {
  override readonly name = "TransitionError";
  /** The state the order was in, and stays in. */
  readonly state: OrderState;
  /** The event it refused. */
  readonly event: OrderEvent;

  constructor(state: OrderState, event: OrderEvent) {
    super(todo("new TransitionError(state, event)"));
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
  return todo("createOrder()");
}
