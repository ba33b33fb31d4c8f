/**
 * Type-level tests: checked by `npx tsc -p .` (the self-check runs it), never run by vitest.
 * They pin what the types promise a user of the onion; a failing line here is a compile error.
 */
import { expectTypeOf } from "vitest";
import { compose, Server, type CallContext, type ComposedMiddleware, type Middleware, type Next } from "./middleware";

// A layer sees the onion's context and a `next` that resolves with the onion's result type.
expectTypeOf<Parameters<Middleware<string[], number>>>().toEqualTypeOf<[ctx: string[], next: Next<number>]>();

// compose keeps both types, and the composed function always returns a promise of the result.
const double: Middleware<{ n: number }, number> = async (_, next) => (await next()) * 2;
const run = compose([double]);
expectTypeOf(run).toEqualTypeOf<ComposedMiddleware<{ n: number }, number>>();
expectTypeOf(run({ n: 1 }, async () => 21)).toEqualTypeOf<Promise<number>>();

// The outer next is called like one more layer (koa-compose 4.1): a composed onion is itself a
// middleware, so it can be a layer or the outer next of another, and a sync outer next is fine.
const asLayer: Middleware<{ n: number }, number> = run;
compose([asLayer, double]);
expectTypeOf(run({ n: 1 }, compose([double]))).toEqualTypeOf<Promise<number>>();
expectTypeOf(run({ n: 1 }, () => 21)).toEqualTypeOf<Promise<number>>();
run({ n: 1 }, (ctx, next) => {
  expectTypeOf(ctx).toEqualTypeOf<{ n: number }>();
  expectTypeOf(next).toEqualTypeOf<Next<number>>();
  return next();
});

// @ts-expect-error: a number is not a middleware
compose([42]);

// @ts-expect-error: the outer next must resolve with the onion's result type
run({ n: 1 }, async () => "21");

// @ts-expect-error: the context must be the one the layers expect
run({ m: 1 });

// Server: use and handle chain; call resolves with unknown (the core could be anything).
const server = new Server()
  .use((ctx, next) => {
    expectTypeOf(ctx).toEqualTypeOf<CallContext>();
    // @ts-expect-error: the name of a call is read-only
    ctx.name = "other";
    ctx.state["seen"] = true; // the state is the layers' own scratch space
    return next();
  })
  .handle("add", (a, b) => Number(a) + Number(b));
expectTypeOf(server).toEqualTypeOf<Server>();
expectTypeOf(server.call("add", 2, 10)).toEqualTypeOf<Promise<unknown>>();

// @ts-expect-error: handle needs a core function
server.handle("broken");
