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
  if (!Array.isArray(middlewares)) {
    throw new TypeError(`middlewares must be an array of functions, got ${show(middlewares)}`);
  }
  // A copy, taken now: whatever the caller later does to their array, this onion stays as composed.
  const layers = [...middlewares];
  // A for loop over the copy, not forEach on the input: forEach skips the holes of a sparse array.
  for (let i = 0; i < layers.length; i++) {
    if (typeof layers[i] !== "function") {
      throw new TypeError(`middlewares[${i}] must be a function, got ${show(layers[i])}`);
    }
  }

  return (ctx, next) => {
    // Per call, not per compose: the same onion may run many times, even several at once.
    let reached = -1;

    // dispatch(i) runs layer i with a `next` that closes over i: the onion is a chain of closures.
    // In JavaScript the parameter `i` is a fresh binding per call, so no default-argument trick.
    const dispatch = (i: number): Promise<R> => {
      // Layer i-1 calling next() a second time asks for layer i again: refuse instead of rerunning it.
      if (i <= reached) return Promise.reject(new Error("next() called multiple times"));
      reached = i;
      // Past the last layer, the outer `next` is one more layer, called the same way (koa-compose
      // does this too, which is why an onion can be the outer `next` of another); past it, the end.
      const layer = i < layers.length ? layers[i] : i === layers.length ? next : undefined;
      if (!layer) return Promise.resolve(undefined as R);
      try {
        // Promise.resolve: a sync layer (or a sync outer `next`) still gives a promise.
        return Promise.resolve(layer(ctx, () => dispatch(i + 1)));
      } catch (error) {
        // A sync layer that throws still gives the caller a rejected promise, never a throw.
        return Promise.reject(error);
      }
    };
    return dispatch(0);
  };
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
  readonly #middlewares: ServerMiddleware[] = [];
  readonly #cores = new Map<string, Core>();

  /** Creates a server with no middleware and no core functions. */
  constructor() {}

  /** Adds a layer inside every layer added before it. A `TypeError` if `middleware` is not a function; nothing is added. */
  use(middleware: ServerMiddleware): this {
    if (typeof middleware !== "function") {
      throw new TypeError(`server.use: middleware must be a function, got ${show(middleware)}`);
    }
    this.#middlewares.push(middleware);
    return this;
  }

  /**
   * Registers `core` under `name`, replacing the core registered under that name before, if any. A
   * `TypeError` if `name` is not a string or `core` not a function, a `RangeError` if `name` is empty;
   * the server then keeps what it had.
   */
  handle(name: string, core: Core): this {
    checkName(name, "server.handle");
    if (typeof core !== "function") {
      throw new TypeError(`server.handle(${show(name)}): core must be a function, got ${show(core)}`);
    }
    this.#cores.set(name, core);
    return this;
  }

  /**
   * Runs the core registered as `name` with `args`, wrapped in every middleware, with a fresh
   * `CallContext`. Rejects with a `RangeError` listing the known names when `name` is unknown (a
   * `TypeError` when it is not a string).
   */
  call(name: string, ...args: unknown[]): Promise<unknown> {
    try {
      checkName(name, "server.call");
    } catch (error) {
      return Promise.reject(error);
    }
    // A Map, not a plain object: "toString" or "__proto__" are names like any other, never inherited.
    const core = this.#cores.get(name);
    if (!core) {
      const known = [...this.#cores.keys()].map(show).join(", ") || "none yet";
      return Promise.reject(new RangeError(`server.call: name ${show(name)} is not registered; known: ${known}`));
    }
    // Composed per call, from the layers registered right now (the tutorial, too, rebuilds its chain
    // on every call); compose copies them, so a `use` during this call waits for the next one.
    const onion = compose(this.#middlewares);
    const ctx: CallContext = { name, args, state: {} };
    // The core is the outer `next` (it ignores the ctx and next it is handed); `async` turns a sync
    // throw of the core into a rejection too.
    return onion(ctx, async () => core(...args));
  }
}

/** A name must be a string (else a TypeError) and not empty (else a RangeError): the workbook's contract. */
function checkName(name: unknown, where: string): void {
  if (typeof name !== "string") throw new TypeError(`${where}: name must be a string, got ${show(name)}`);
  if (name === "") throw new RangeError(`${where}: name must not be empty, got ""`);
}

/** A value as it reads in an error message: strings quoted, everything else as String() shows it. */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  try {
    return String(value); // Symbol(x) too: String() converts a symbol, a template literal throws
  } catch {
    return Object.prototype.toString.call(value); // Object.create(null) has no toString
  }
}
