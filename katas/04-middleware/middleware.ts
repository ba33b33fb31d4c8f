import { todo } from "../../tools/kit";

/** Runs the rest of the onion (every layer further in, then the outer `next`) and resolves with its result. */
export type Next<R = unknown> = () => Promise<R>;

/**
 * One layer of the onion: gets the shared context and `next`. Code before `await next()` runs on the
 * way in, code after it on the way out. May be sync or async; what it returns is the layer's result.
 */
export type Middleware<C = unknown, R = unknown> = (ctx: C, next: Next<R>) => R | Promise<R>;

/**
 * The whole onion as one function, and itself a middleware: runs every layer around `next` (when
 * given) and always returns a promise. The outer `next` is called like one more layer, as
 * koa-compose 4.1 does: `next(ctx, nextOfItsOwn)`, where `nextOfItsOwn()` resolves to `undefined`. So
 * another onion can be the outer `next`. Without an outer `next`, the innermost layer's `next()`
 * resolves to `undefined`: keep the default `R = unknown` then, or let the innermost layer answer
 * without calling `next`.
 */
export type ComposedMiddleware<C = unknown, R = unknown> = (ctx: C, next?: Middleware<C, R>) => Promise<R>;

/**
 * Steps 1-4, 6-8. Composes `middlewares` into one onion, the first one outermost.
 *
 * Checks its input now (a `TypeError` for anything but an array of functions, naming `middlewares`
 * and the index of the first bad entry), copies the array, and returns a function that can be called
 * any number of times, even while an earlier call is still running. Calling `next()` twice in one layer
 * rejects with an `Error` whose message says `next() called multiple times`.
 *
 * @example
 *   const log: string[] = [];
 *   const run = compose<string[]>([
 *     async (ctx, next) => { ctx.push("in"); await next(); ctx.push("out"); },
 *   ]);
 *   await run(log, async () => { log.push("core"); }); // log: ["in", "core", "out"]
 */
export function compose<C = unknown, R = unknown>(middlewares: readonly Middleware<C, R>[]): ComposedMiddleware<C, R> {
  return todo("compose(middlewares)");
}

/** Step 5. What every layer of one `server.call(name, ...args)` shares: a fresh object per call. */
export interface CallContext {
  /** The name the core was registered under with `handle`. */
  readonly name: string;
  /** The arguments given to `call`, passed on to the core. */
  readonly args: readonly unknown[];
  /** Scratch space for the layers of this one call; empty when the call starts. */
  readonly state: Record<string, unknown>;
}

/** Step 5. A middleware of a `Server`. */
export type ServerMiddleware = Middleware<CallContext, unknown>;

/** Step 5. A core function of a `Server`: gets the arguments of `call`; may be sync or async. */
export type Core = (...args: unknown[]) => unknown;

/**
 * Step 5. The tutorial's `Server`: middleware wrapped around named core functions.
 *
 * `use` and `handle` are plain calls (TypeScript cannot decorate a function declaration the way
 * Python's `@server.add_middleware` does); both check their input at once and return the server.
 *
 * @example
 *   const server = new Server()
 *     .use(async (ctx, next) => { console.log("The first one"); return next(); })
 *     .handle("core_func", () => "done");
 *   await server.call("core_func"); // "done"
 */
export class Server {
  /** Creates a server with no middleware and no core functions. */
  constructor() {
    todo("new Server()");
  }

  /** Adds a layer inside every layer added before it. A `TypeError` if `middleware` is not a function; nothing is added. */
  use(middleware: ServerMiddleware): this {
    return todo("server.use(middleware)");
  }

  /**
   * Registers `core` under `name`, replacing the core registered under that name before, if any. A
   * `TypeError` if `name` is not a string or `core` not a function, a `RangeError` if `name` is empty;
   * the server then keeps what it had.
   */
  handle(name: string, core: Core): this {
    return todo("server.handle(name, core)");
  }

  /**
   * Runs the core registered as `name` with `args`, wrapped in every middleware, with a fresh
   * `CallContext`. Rejects with a `RangeError` listing the known names when `name` is unknown (a
   * `TypeError` when it is not a string).
   */
  call(name: string, ...args: unknown[]): Promise<unknown> {
    return todo("server.call(name, ...args)");
  }
}
