/**
 * Alternative: the tutorial's way, a chain wrapped from the inside out with reduceRight (built afresh
 * for every call), .then() instead of async/await, and a Server whose state is an array of routes.
 */
export type Next<R = unknown> = () => Promise<R>;
export type Middleware<C = unknown, R = unknown> = (ctx: C, next: Next<R>) => R | Promise<R>;
export type ComposedMiddleware<C = unknown, R = unknown> = (ctx: C, next?: Middleware<C, R>) => Promise<R>;

const shown = (value: unknown): string => {
  if (typeof value === "string") return `"${value.replace(/["\\]/g, "\\$&")}"`;
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return String(value);
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return String(value);
  return typeof value === "function" ? "[function]" : "[object]";
};

export function compose<C = unknown, R = unknown>(middlewares: readonly Middleware<C, R>[]): ComposedMiddleware<C, R> {
  if (!Array.isArray(middlewares)) throw new TypeError(`middlewares: want an array, have ${shown(middlewares)}`);
  const layers: Middleware<C, R>[] = Array.from(middlewares as unknown[], (layer, index) => {
    if (typeof layer !== "function") throw new TypeError(`middlewares[${index}]: want a function, have ${shown(layer)}`);
    return layer as Middleware<C, R>;
  });

  return (ctx, outer) => {
    // The innermost next: the outer one, called like a layer (its own next ends the onion), or nothing.
    const nothing: Next<R> = () => Promise.resolve(undefined as R);
    const all = outer ? [...layers, outer] : layers;
    // Wrap from the inside out, like the tutorial's loop over reversed(middlewares).
    const entry = all.reduceRight<Next<R>>((inner, layer) => {
      let called = false;
      const once: Next<R> = () => {
        if (called) return Promise.reject(new Error("next() called multiple times"));
        called = true;
        return inner();
      };
      return () => {
        try {
          return Promise.resolve(layer(ctx, once));
        } catch (error) {
          return Promise.reject(error);
        }
      };
    }, nothing);
    try {
      return Promise.resolve(entry());
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

export interface CallContext {
  readonly name: string;
  readonly args: readonly unknown[];
  readonly state: Record<string, unknown>;
}
export type ServerMiddleware = Middleware<CallContext, unknown>;
export type Core = (...args: unknown[]) => unknown;

export class Server {
  private readonly layers: ServerMiddleware[] = [];
  private readonly routes: Array<{ name: string; core: Core }> = [];

  constructor() {}

  use(middleware: ServerMiddleware): this {
    if (typeof middleware !== "function") throw new TypeError(`Server#use(middleware): want a function, have ${shown(middleware)}`);
    this.layers.push(middleware);
    return this;
  }

  handle(name: string, core: Core): this {
    if (typeof name !== "string") throw new TypeError(`Server#handle(name): want a string, have ${shown(name)}`);
    if (!name) throw new RangeError(`Server#handle(name): want a non-empty string, have ""`);
    if (typeof core !== "function") throw new TypeError(`Server#handle(core): want a function, have ${shown(core)}`);
    const route = this.routes.find((r) => r.name === name);
    if (route) route.core = core;
    else this.routes.push({ name, core });
    return this;
  }

  call(name: string, ...args: unknown[]): Promise<unknown> {
    if (typeof name !== "string") return Promise.reject(new TypeError(`Server#call(name): want a string, have ${shown(name)}`));
    const route = this.routes.find((r) => r.name === name);
    if (!route) {
      const known = this.routes.map((r) => shown(r.name)).join(", ");
      return Promise.reject(new RangeError(`Server#call(name): nothing registered as ${shown(name)} (known: ${known || "none"})`));
    }
    const { core } = route;
    const onion = compose<CallContext, unknown>(this.layers.slice());
    return onion({ name, args, state: {} }, () => new Promise((resolve) => resolve(core(...args))));
  }
}
