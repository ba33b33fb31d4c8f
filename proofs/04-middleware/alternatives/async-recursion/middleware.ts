/**
 * Alternative: one async function that recurses over the index, a Set of the depths reached instead
 * of a counter, a Server written with closures over local state (its methods are arrow-function
 * fields), and other message wording within the contract.
 */
export type Next<R = unknown> = () => Promise<R>;
export type Middleware<C = unknown, R = unknown> = (ctx: C, next: Next<R>) => R | Promise<R>;
export type ComposedMiddleware<C = unknown, R = unknown> = (ctx: C, next?: Middleware<C, R>) => Promise<R>;

function repr(value: unknown): string {
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "array" : "object";
  if (typeof value === "function") return "function";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value.toString()}n`;
  return String(value);
}

export function compose<C = unknown, R = unknown>(middlewares: readonly Middleware<C, R>[]): ComposedMiddleware<C, R> {
  if (!Array.isArray(middlewares)) throw new TypeError(`Bad middlewares (${repr(middlewares)}): an array of functions is required`);
  const layers = middlewares.slice();
  const bad = layers.findIndex((layer) => typeof layer !== "function");
  if (bad !== -1) throw new TypeError(`Bad middlewares: item #${bad} (${repr(layers[bad])}) is not a function`);

  return (ctx, next) => {
    const entered = new Set<number>();
    const go = async (depth: number): Promise<R> => {
      if (entered.has(depth)) throw new Error("next() called multiple times");
      entered.add(depth);
      const layer = layers[depth];
      if (layer !== undefined) return layer(ctx, () => go(depth + 1));
      if (depth === layers.length && next !== undefined) return next(ctx, () => go(depth + 1));
      return undefined as R;
    };
    return go(0);
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
  readonly use: (middleware: ServerMiddleware) => this;
  readonly handle: (name: string, core: Core) => this;
  readonly call: (name: string, ...args: unknown[]) => Promise<unknown>;

  constructor() {
    let layers: ServerMiddleware[] = [];
    const cores = new Map<string, Core>();
    const named = (name: unknown, method: string): string => {
      if (typeof name !== "string") throw new TypeError(`Bad name for ${method} (${repr(name)}): a string is required`);
      if (name === "") throw new RangeError(`Bad name for ${method} (""): it must not be empty`);
      return name;
    };
    this.use = (middleware) => {
      if (typeof middleware !== "function") throw new TypeError(`Bad middleware (${repr(middleware)}): a function is required`);
      layers = layers.concat(middleware); // a new array: a running call keeps the one it started with
      return this;
    };
    this.handle = (name, core) => {
      named(name, "handle");
      if (typeof core !== "function") throw new TypeError(`Bad core for ${JSON.stringify(name)} (${repr(core)}): a function is required`);
      cores.set(name, core);
      return this;
    };
    this.call = async (name, ...args) => {
      named(name, "call");
      const core = cores.get(name);
      if (!core) {
        throw new RangeError(`Bad name ${JSON.stringify(name)}: no such core; known names are ${[...cores.keys()].map((n) => JSON.stringify(n)).join(", ") || "(none)"}`);
      }
      return compose(layers)({ name, args, state: {} }, async () => core(...args));
    };
  }
}
