/*
 * An order's life, on your state.ts: `npm run play` (in this folder) or `npm run play -- 10`. The
 * tutorial only names the State pattern, so this program is the lesson's own: two orders alive at
 * once, one that goes all the way and one cancelled, then events their states do not allow, and one
 * event nobody knows (from JSON, say).
 */
import { NotImplementedError } from "../../tools/kit";
import { play } from "../../tools/kit/play";
import { allowedEvents, createOrder, type Order, type OrderEvent } from "./state";

play(({ say }) => {
  const alice = createOrder();
  const bob = createOrder();
  const orders: Record<string, Order> = { alice, bob };

  const attempt = (who: string, event: OrderEvent) => {
    const order = orders[who]!;
    const from = order.state;
    try {
      order.send(event);
      say(`${who.padEnd(5)} ${event.padEnd(7)} ${from} -> ${order.state}`);
    } catch (error) {
      if (error instanceof NotImplementedError || !(error instanceof Error)) throw error;
      say(`${who.padEnd(5)} ${event.padEnd(7)} refused, still ${order.state}: ${error.name}: ${error.message}`);
    }
  };

  attempt("alice", "pay");
  attempt("bob", "pay");
  attempt("alice", "ship");
  attempt("bob", "cancel");
  attempt("alice", "cancel"); // too late: shipped
  attempt("alice", "deliver");
  attempt("bob", "ship"); // cancelled is final
  attempt("alice", JSON.parse('"refund"') as OrderEvent); // not an event at all

  for (const [who, order] of Object.entries(orders)) {
    const allowed = allowedEvents(order.state);
    say(`${who}: ${order.state}, history [${order.history.join(", ")}], allowed now: ${allowed.join(", ") || "nothing (final)"}`);
  }
  say("Look: each order moves only along the table; a refused event names the state and the event, and changes nothing.");
});
