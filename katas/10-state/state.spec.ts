import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRefusal, NotImplementedError, thrown } from "../../tools/kit";
import { allowedEvents, createOrder, isFinal, next, TransitionError, type Order, type OrderEvent, type OrderState } from "./state";

const STATES: readonly OrderState[] = ["placed", "paid", "shipped", "delivered", "cancelled"];
const EVENTS: readonly OrderEvent[] = ["pay", "ship", "deliver", "cancel"];

/**
 * The lesson's rules, written out as code of their own (not as the table the kata asks for), so that
 * the properties compare your machine with an independent model: the happy path is a line
 * placed -> paid -> shipped -> delivered, one step at a time, and cancel ends an order that has not
 * been shipped yet.
 */
function modelNext(state: OrderState, event: OrderEvent): OrderState | undefined {
  if (event === "cancel") return state === "placed" || state === "paid" ? "cancelled" : undefined;
  const line: readonly OrderState[] = ["placed", "paid", "shipped", "delivered"];
  const step = { pay: 1, ship: 2, deliver: 3 }[event];
  return line.indexOf(state) === step - 1 ? line[step] : undefined;
}

/** A state's label, handled for every state: `never` in the default branch makes the switch exhaustive. */
function label(state: OrderState): string {
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
      return expect.unreachable(`unhandled state: ${String(unhandled)}`);
    }
  }
}

/** Calls `fn` and returns what it returns; a throw (other than a stub's) fails the test by an assertion. */
function returned<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return expect.unreachable(`expected a value, not a throw; it threw ${String(error)}`);
  }
}

/** `word` in `text` as a word of its own ("paid" in "order is paid", not in "unpaid"). */
function asWord(word: string): RegExp {
  return new RegExp(`(?<![\\w$])${word}(?![\\w$])`);
}

/** Expects `error` to be the lesson's TransitionError for `state` and `event`. */
function expectTransitionError(error: unknown, state: OrderState, event: OrderEvent): void {
  expect(error).toBeInstanceOf(TransitionError);
  expect(error).toBeInstanceOf(Error);
  const refused = error as TransitionError;
  expect(refused.name).toBe("TransitionError");
  expect(refused.state).toBe(state);
  expect(refused.event).toBe(event);
  expect(refused.message, `the message should name the state ${state}`).toMatch(asWord(state));
  expect(refused.message, `the message should name the event ${event}`).toMatch(asWord(event));
}

/** Sends every event in turn, keeping on after a refusal; returns the order. */
function sendAll(order: Order, events: readonly OrderEvent[]): Order {
  for (const event of events) {
    try {
      order.send(event);
    } catch (error) {
      if (!(error instanceof TransitionError)) throw error;
    }
  }
  return order;
}

/** A value written as in code, for a test's name: `["pay"]`, `10n`, `undefined`. */
const code = (value: unknown): string => (typeof value === "bigint" ? `${value}n` : value === undefined ? "undefined" : JSON.stringify(value));
/** Each value beside its name, for `it.each`. */
const named = (values: readonly unknown[]): [string, unknown][] => values.map((value) => [code(value), value]);

const event = fc.constantFrom(...EVENTS);
const state = fc.constantFrom(...STATES);
const events = fc.array(event, { maxLength: 12 });

describe("1. the transition table: next(state, event), allowedEvents(state), isFinal(state)", () => {
  it.each([
    ["placed", "pay", "paid"],
    ["placed", "cancel", "cancelled"],
    ["paid", "ship", "shipped"],
    ["paid", "cancel", "cancelled"],
    ["shipped", "deliver", "delivered"],
  ] as const)("next(%j, %j) is %j", (from, by, to) => {
    expect(next(from, by)).toBe(to);
  });

  it.each([
    ["placed", "ship"],
    ["placed", "deliver"],
    ["paid", "pay"],
    ["paid", "deliver"],
    ["shipped", "pay"],
    ["shipped", "ship"],
    ["shipped", "cancel"],
    ["delivered", "cancel"],
    ["delivered", "deliver"],
    ["cancelled", "pay"],
    ["cancelled", "cancel"],
  ] as const)("next(%j, %j) is undefined: the table does not allow it (no throw)", (from, by) => {
    expect(returned(() => next(from, by))).toBeUndefined();
  });

  it.each([
    ["placed", ["pay", "cancel"]],
    ["paid", ["ship", "cancel"]],
    ["shipped", ["deliver"]],
    ["delivered", []],
    ["cancelled", []],
  ] as const)("allowedEvents(%j) is %j, in the order pay, ship, deliver, cancel", (from, allowed) => {
    expect(allowedEvents(from)).toEqual(allowed);
  });

  it("allowedEvents gives a new array on every call: changing one changes nothing", () => {
    const first = allowedEvents("placed");
    expect(allowedEvents("placed")).not.toBe(first);
    first.push("deliver");
    first.reverse();
    expect(allowedEvents("placed")).toEqual(["pay", "cancel"]);
  });

  it.each([
    ["placed", false],
    ["paid", false],
    ["shipped", false],
    ["delivered", true],
    ["cancelled", true],
  ] as const)("isFinal(%j) is %j", (from, final) => {
    expect(isFinal(from)).toBe(final);
  });

  it("covers every state in an exhaustive switch (state.test-d.ts checks that a forgotten one does not compile)", () => {
    expect(STATES.map((s) => `${s}: ${label(s)} (${allowedEvents(s).join(", ") || "final"})`)).toEqual([
      "placed: waiting for payment (pay, cancel)",
      "paid: waiting to ship (ship, cancel)",
      "shipped: on its way (deliver)",
      "delivered: done (final)",
      "cancelled: cancelled (final)",
    ]);
  });
});

describe("2. createOrder(): state, send(event), history", () => {
  it('starts "placed", with an empty history', () => {
    const order = createOrder();
    expect(order.state).toBe("placed");
    expect(order.history).toEqual([]);
  });

  it("goes placed -> paid -> shipped -> delivered, one send at a time", () => {
    const order = createOrder();
    order.send("pay");
    expect(order.state).toBe("paid");
    order.send("ship");
    expect(order.state).toBe("shipped");
    order.send("deliver");
    expect(order.state).toBe("delivered");
    expect(order.history).toEqual(["pay", "ship", "deliver"]);
  });

  it("send returns the very same order, so calls chain", () => {
    const order = createOrder();
    expect(order.send("pay")).toBe(order);
    expect(order.send("ship").send("deliver")).toBe(order);
    expect(order.state).toBe("delivered");
  });

  it("can be cancelled when placed, and when paid", () => {
    expect(createOrder().send("cancel").state).toBe("cancelled");
    const paid = createOrder().send("pay").send("cancel");
    expect(paid.state).toBe("cancelled");
    expect(paid.history).toEqual(["pay", "cancel"]);
  });

  it("gives the history as a new array on every read: changing it changes nothing in the order", () => {
    const order = createOrder().send("pay");
    const seen = order.history;
    expect(order.history).not.toBe(seen);
    seen.push("cancel");
    seen.length = 0;
    expect(order.history).toEqual(["pay"]);
    expect(order.state).toBe("paid");
  });

  it("keeps two orders apart: one paid and shipped, the other cancelled, both alive at once", () => {
    const first = createOrder();
    const second = createOrder();
    expect(second).not.toBe(first);
    first.send("pay");
    second.send("cancel");
    first.send("ship");
    expect(first.state).toBe("shipped");
    expect(first.history).toEqual(["pay", "ship"]);
    expect(second.state).toBe("cancelled");
    expect(second.history).toEqual(["cancel"]);
    expect(createOrder().state).toBe("placed");
  });
});

describe("3. an event the state does not allow is refused with a TransitionError, and changes nothing", () => {
  it('refuses "ship" on a placed order, naming both: the order stays placed', () => {
    const order = createOrder();
    const error = thrown(() => order.send("ship"));
    expectTransitionError(error, "placed", "ship");
    expect(order.state).toBe("placed");
    expect(order.history).toEqual([]);
  });

  it('refuses "cancel" on a shipped order: too late, it stays shipped with its history', () => {
    const order = createOrder().send("pay").send("ship");
    expectTransitionError(
      thrown(() => order.send("cancel")),
      "shipped",
      "cancel",
    );
    expect(order.state).toBe("shipped");
    expect(order.history).toEqual(["pay", "ship"]);
  });

  it('refuses "pay" twice: a paid order is not paid again', () => {
    const order = createOrder().send("pay");
    expectTransitionError(
      thrown(() => order.send("pay")),
      "paid",
      "pay",
    );
    expect(order.history).toEqual(["pay"]);
  });

  it("refuses every event on a delivered order and on a cancelled one", () => {
    const delivered = createOrder().send("pay").send("ship").send("deliver");
    const cancelled = createOrder().send("cancel");
    for (const by of EVENTS) {
      expectTransitionError(
        thrown(() => delivered.send(by)),
        "delivered",
        by,
      );
      expectTransitionError(
        thrown(() => cancelled.send(by)),
        "cancelled",
        by,
      );
    }
    expect(delivered.state).toBe("delivered");
    expect(cancelled.history).toEqual(["cancel"]);
  });

  it("throws at once (no promise) and goes on working after a refusal", () => {
    const order = createOrder();
    expect(() => order.send("deliver")).toThrow(TransitionError);
    expect(order.send("pay").state).toBe("paid");
  });

  it("refuses in one order without touching another alive at the same time", () => {
    const placed = createOrder();
    const paid = createOrder().send("pay");
    expectTransitionError(
      thrown(() => placed.send("ship")),
      "placed",
      "ship",
    );
    expect(paid.send("ship").state).toBe("shipped");
    expect(placed.state).toBe("placed");
  });

  it("is an Error you can make yourself: new TransitionError(state, event)", () => {
    const error = new TransitionError("delivered", "cancel");
    expectTransitionError(error, "delivered", "cancel");
  });
});

describe("4. the laws, for any sequence of events", () => {
  it("follows the model: after every send, the state is the model's and a refusal comes exactly where the model allows nothing", () => {
    fc.assert(
      fc.property(events, (sequence) => {
        // One line per send, "event: outcome -> state", compared at once: the first wrong line shows.
        const order = createOrder();
        const seen: string[] = [];
        const wanted: string[] = [];
        let at: OrderState = "placed";
        for (const by of sequence) {
          const to = modelNext(at, by);
          wanted.push(`${by}: ${to === undefined ? `TransitionError(${at}, ${by})` : "same order"} -> ${to ?? at}`);
          if (to !== undefined) at = to;
          let outcome: string;
          try {
            outcome = order.send(by) === order ? "same order" : "another object";
          } catch (error) {
            if (error instanceof NotImplementedError) throw error;
            outcome = error instanceof TransitionError ? `TransitionError(${error.state}, ${error.event})` : `threw ${String(error)}`;
          }
          seen.push(`${by}: ${outcome} -> ${order.state}`);
        }
        expect(seen).toEqual(wanted);
      }),
    );
  });

  it("keeps as history exactly the accepted events, in order", () => {
    fc.assert(
      fc.property(events, (sequence) => {
        const accepted: OrderEvent[] = [];
        let at: OrderState = "placed";
        for (const by of sequence) {
          const to = modelNext(at, by);
          if (to !== undefined) {
            accepted.push(by);
            at = to;
          }
        }
        expect(sendAll(createOrder(), sequence).history).toEqual(accepted);
      }),
    );
  });

  it("leaves state and history unchanged on a refused event", () => {
    fc.assert(
      fc.property(events, event, (before, by) => {
        const order = sendAll(createOrder(), before);
        const [stateBefore, historyBefore] = [order.state, order.history];
        let refused = false;
        try {
          order.send(by);
        } catch (error) {
          if (!(error instanceof TransitionError)) throw error;
          refused = true;
        }
        if (refused) {
          expect(order.state).toBe(stateBefore);
          expect(order.history).toEqual(historyBefore);
        } else {
          expect(order.history).toEqual([...historyBefore, by]);
        }
      }),
    );
  });

  it("treats delivered and cancelled as final: once there, every further event is refused", () => {
    // Any start, then a finish that ends every order: from placed or paid it cancels, from shipped it delivers.
    const finish = fc.constantFrom<OrderEvent[]>(["cancel", "deliver"], ["pay", "ship", "deliver", "cancel"]);
    fc.assert(
      fc.property(events, finish, fc.array(event, { minLength: 1, maxLength: 8 }), (before, end, after) => {
        const order = sendAll(createOrder(), [...before, ...end]);
        const [final, history] = [order.state, order.history];
        expect(["delivered", "cancelled"]).toContain(final);
        expect(isFinal(final)).toBe(true);
        const outcomes = after.map((by) => (thrown(() => order.send(by)) instanceof TransitionError ? "refused" : "not refused"));
        expect(outcomes).toEqual(after.map(() => "refused"));
        expect(order.state).toBe(final);
        expect(order.history).toEqual(history);
      }),
    );
  });

  it("agrees with next(): next(state, event) is the model's answer, for every state and event", () => {
    fc.assert(
      fc.property(state, event, (from, by) => {
        expect(returned(() => next(from, by))).toBe(modelNext(from, by));
        expect(allowedEvents(from).includes(by)).toBe(modelNext(from, by) !== undefined);
      }),
    );
  });

  it("keeps orders independent: two orders fed interleaved events end as each would alone", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), event), { maxLength: 16 }), (steps) => {
        const [a, b] = [createOrder(), createOrder()];
        for (const [first, by] of steps) sendAll(first ? a : b, [by]);
        const aloneA = sendAll(createOrder(), steps.filter(([first]) => first).map(([, by]) => by));
        const aloneB = sendAll(createOrder(), steps.filter(([first]) => !first).map(([, by]) => by));
        expect([a.state, a.history]).toEqual([aloneA.state, aloneA.history]);
        expect([b.state, b.history]).toEqual([aloneB.state, aloneB.history]);
      }),
    );
  });
});

describe("5. bad input from untyped callers (e.g. JSON) is refused by the workbook's contract, and changes nothing", () => {
  describe("send(event): not a string is a TypeError, a string that is no event a RangeError", () => {
    it.each(named([42, null, undefined, true, 10n, ["pay"], { event: "pay" }]))("send(%s) is a TypeError naming event", (_, value) => {
      const order = createOrder().send("pay");
      expectRefusal(() => order.send(value as unknown as OrderEvent), { error: TypeError, param: "event", value });
      expect(order.state).toBe("paid");
      expect(order.history).toEqual(["pay"]);
    });

    it.each(["refund", "Pay", "SHIP", " pay", "", "paid", "toString", "__proto__", "constructor"])("send(%j) is a RangeError naming event and showing it", (value) => {
      const order = createOrder().send("pay");
      expectRefusal(() => order.send(value as unknown as OrderEvent), { error: RangeError, param: "event", value });
      expect(order.state).toBe("paid");
      expect(order.history).toEqual(["pay"]);
    });

    it('refuses an unknown event as bad input even in a final state: send("refund") on a delivered order is a RangeError', () => {
      const order = createOrder().send("pay").send("ship").send("deliver");
      expectRefusal(() => order.send("refund" as OrderEvent), { error: RangeError, param: "event", value: "refund" });
      expect(order.history).toEqual(["pay", "ship", "deliver"]);
    });
  });

  describe("next(state, event), allowedEvents(state), isFinal(state): the same contract for state and event", () => {
    it.each(named([42, null, undefined, { state: "paid" }]))("next(%s, \"pay\") is a TypeError naming state", (_, value) => {
      expectRefusal(() => next(value as unknown as OrderState, "pay"), { error: TypeError, param: "state", value });
    });

    it.each(["lost", "Placed", "", "toString", "__proto__"])("next(%j, \"pay\") is a RangeError naming state and showing it", (value) => {
      expectRefusal(() => next(value as unknown as OrderState, "pay"), { error: RangeError, param: "state", value });
    });

    it.each([7, null, undefined])("next(\"placed\", %s) is a TypeError naming event", (value) => {
      expectRefusal(() => next("placed", value as unknown as OrderEvent), { error: TypeError, param: "event", value });
    });

    it.each(["refund", "hasOwnProperty", ""])("next(\"placed\", %j) is a RangeError naming event and showing it", (value) => {
      expectRefusal(() => next("placed", value as unknown as OrderEvent), { error: RangeError, param: "event", value });
    });

    it.each([0, null])("allowedEvents(%s) is a TypeError naming state", (value) => {
      expectRefusal(() => allowedEvents(value as unknown as OrderState), { error: TypeError, param: "state", value });
    });

    it.each(["lost", "valueOf"])("allowedEvents(%j) is a RangeError naming state and showing it", (value) => {
      expectRefusal(() => allowedEvents(value as unknown as OrderState), { error: RangeError, param: "state", value });
    });

    it.each([false, undefined])("isFinal(%s) is a TypeError naming state", (value) => {
      expectRefusal(() => isFinal(value as unknown as OrderState), { error: TypeError, param: "state", value });
    });

    it.each(["done", "toString"])("isFinal(%j) is a RangeError naming state and showing it", (value) => {
      expectRefusal(() => isFinal(value as unknown as OrderState), { error: RangeError, param: "state", value });
    });
  });
});
