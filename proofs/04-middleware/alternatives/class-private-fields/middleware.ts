/** Alternative: classes with #private fields (an Onion and one Run per call), async/await throughout. */
export type Next<R = unknown> = () => Promise<R>;
export type Middleware<C = unknown, R = unknown> = (ctx: C, next: Next<R>) => R | Promise<R>;
export type ComposedMiddleware<C = unknown, R = unknown> = (ctx: C, next?: Middleware<C, R>) => Promise<R>;

function describe(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "symbol":
      return value.toString();
    case "function":
      return "a function";
    case "object":
      return value === null ? "null" : Array.isArray(value) ? "an array" : "an object";
    default:
      return String(value);
  }
}

class Run<C, R> {
  #deepest = -1;
  readonly #layers: readonly Middleware<C, R>[];
  readonly #ctx: C;
  readonly #outer: Middleware<C, R> | undefined;

  constructor(layers: readonly Middleware<C, R>[], ctx: C, outer: Middleware<C, R> | undefined) {
    this.#layers = layers;
    this.#ctx = ctx;
    this.#outer = outer;
  }

  async step(i: number): Promise<R> {
    // Runs synchronously up to the first await: the guard is set before any other next() can start.
    if (i <= this.#deepest) throw new Error("next() called multiple times");
    this.#deepest = i;
    if (i < this.#layers.length) {
      const layer = this.#layers[i] as Middleware<C, R>;
      return await layer(this.#ctx, () => this.step(i + 1));
    }
    // The outer next is one more layer, with a next of its own (which ends the onion).
    if (i === this.#layers.length && this.#outer) return await this.#outer(this.#ctx, () => this.step(i + 1));
    return undefined as R;
  }
}

class Onion<C, R> {
  readonly #layers: readonly Middleware<C, R>[];

  constructor(middlewares: unknown) {
    if (!Array.isArray(middlewares)) throw new TypeError(`compose: expected middlewares to be an array, received ${describe(middlewares)}`);
    const layers: Middleware<C, R>[] = [];
    for (let i = 0; i < middlewares.length; i++) {
      const layer: unknown = middlewares[i];
      if (typeof layer !== "function") {
        throw new TypeError(`compose: middlewares entry ${i} is ${describe(layer)}, expected a function`);
      }
      layers.push(layer as Middleware<C, R>);
    }
    this.#layers = Object.freeze(layers);
  }

  run(ctx: C, next?: Middleware<C, R>): Promise<R> {
    return new Run(this.#layers, ctx, next).step(0);
  }
}

export function compose<C = unknown, R = unknown>(middlewares: readonly Middleware<C, R>[]): ComposedMiddleware<C, R> {
  const onion = new Onion<C, R>(middlewares);
  return (ctx, next) => onion.run(ctx, next);
}

export interface CallContext {
  readonly name: string;
  readonly args: readonly unknown[];
  readonly state: Record<string, unknown>;
}
export type ServerMiddleware = Middleware<CallContext, unknown>;
export type Core = (...args: unknown[]) => unknown;

export class Server {
  #layers: readonly ServerMiddleware[] = [];
  readonly #routes = new Map<string, Core>();

  constructor() {}

  use(middleware: ServerMiddleware): this {
    if (typeof middleware !== "function") throw new TypeError(`use: middleware is ${describe(middleware)}, expected a function`);
    this.#layers = [...this.#layers, middleware];
    return this;
  }

  handle(name: string, core: Core): this {
    Server.#checkName(name, "handle");
    if (typeof core !== "function") throw new TypeError(`handle: core is ${describe(core)}, expected a function`);
    this.#routes.set(name, core);
    return this;
  }

  async call(name: string, ...args: unknown[]): Promise<unknown> {
    Server.#checkName(name, "call");
    const core = this.#routes.get(name);
    if (core === undefined) {
      const names = [...this.#routes.keys()].map((n) => JSON.stringify(n));
      throw new RangeError(`call: unknown name ${JSON.stringify(name)} (registered: ${names.length ? names.join(" ") : "nothing"})`);
    }
    return await compose(this.#layers)({ name, args, state: {} }, async () => core(...args));
  }

  static #checkName(name: unknown, where: string): void {
    if (typeof name !== "string") throw new TypeError(`${where}: name is ${describe(name)}, expected a string`);
    if (name.length === 0) throw new RangeError(`${where}: name is "", expected a non-empty string`);
  }
}
