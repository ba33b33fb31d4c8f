/*
 * Type-level tests: checked by `npx tsc -p .` (the workbook's self-check runs it), never executed.
 * A `// @ts-expect-error` line passes when the line below it does NOT compile, and fails tsc when
 * it does: it is how a spec says "this must be a compile error".
 */
import { expectTypeOf } from "vitest";
import { allowedEvents, createOrder, next, TransitionError, type Order, type OrderEvent, type OrderState, type Transitions } from "./state";

// The states and the events are closed unions of string literals, not `string`.
expectTypeOf<OrderState>().toEqualTypeOf<"placed" | "paid" | "shipped" | "delivered" | "cancelled">();
expectTypeOf<OrderEvent>().toEqualTypeOf<"pay" | "ship" | "deliver" | "cancel">();
expectTypeOf(next("placed", "pay")).toEqualTypeOf<OrderState | undefined>();
expectTypeOf(allowedEvents("paid")).toEqualTypeOf<OrderEvent[]>();
expectTypeOf(createOrder()).toEqualTypeOf<Order>();
expectTypeOf(createOrder().state).toEqualTypeOf<OrderState>();
expectTypeOf(createOrder().send("pay")).toEqualTypeOf<Order>();
expectTypeOf(new TransitionError("paid", "pay")).toExtend<Error>();
expectTypeOf(new TransitionError("paid", "pay").state).toEqualTypeOf<OrderState>();

// @ts-expect-error "refund" is not an event
createOrder().send("refund");
// @ts-expect-error events are case-sensitive
next("placed", "Pay");
// @ts-expect-error "lost" is not a state
allowedEvents("lost");
// @ts-expect-error a plain string could be anything: narrow it to an OrderEvent first
createOrder().send("pay" as string);
// @ts-expect-error the state is read-only: only send() moves an order
createOrder().state = "delivered";

// A switch that handles every state type-checks with `never` in its default branch ...
export function label(state: OrderState): string {
  switch (state) {
    case "placed":
      return "waiting for payment";
    case "paid":
      return "waiting to ship";
    case "shipped":
      return "on its way";
    case "delivered":
      return "done";
    case "cancelled":
      return "cancelled";
    default: {
      const unhandled: never = state;
      return unhandled;
    }
  }
}

// ... and one that forgets a state does not: `state` is still "cancelled" there, not `never`.
export function forgetful(state: OrderState): string {
  switch (state) {
    case "placed":
    case "paid":
    case "shipped":
    case "delivered":
      return "open or done";
    default: {
      // @ts-expect-error "cancelled" is not assignable to never: the switch forgot a state
      const unhandled: never = state;
      return unhandled;
    }
  }
}

// A table must have a row for every state ...
// @ts-expect-error property 'cancelled' is missing: a table that forgets a state does not compile
export const missingRow: Transitions = { placed: {}, paid: {}, shipped: {}, delivered: {} };
// ... and may only lead to states that exist.
// @ts-expect-error "refunded" is not a state
export const unknownTarget: Transitions = { placed: { cancel: "refunded" }, paid: {}, shipped: {}, delivered: {}, cancelled: {} };
