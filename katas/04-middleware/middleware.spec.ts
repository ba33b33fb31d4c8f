import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deferred, expectRefusal, expectRejection, rejection } from "../../tools/kit";
import { compose, Server, type CallContext, type Middleware, type ServerMiddleware } from "./middleware";

/**
 * A layer that writes `in <tag>` to the trace (the ctx) on the way in and `out <tag>` on the way out,
 * and hands the inner result back unchanged. `sync` makes it a plain function that returns next()'s
 * promise instead of an async function: both kinds must work.
 */
function traced(tag: string | number, sync = false): Middleware<string[]> {
  if (sync) {
    return (trace, next) => {
      trace.push(`in ${tag}`);
      return next().then((result) => {
        trace.push(`out ${tag}`);
        return result;
      });
    };
  }
  return async (trace, next) => {
    trace.push(`in ${tag}`);
    const result = await next();
    trace.push(`out ${tag}`);
    return result;
  };
}

/** Like `traced`, but writes `out <tag>` in a `finally`: it shows which layers an error passed through. */
function guarded(tag: number): Middleware<string[]> {
  return async (trace, next) => {
    trace.push(`in ${tag}`);
    try {
      return await next();
    } finally {
      trace.push(`out ${tag}`);
    }
  };
}

/** An outer `next` (the core) that writes `core` to the trace and resolves with `value`. */
function core(trace: string[], value: unknown = "core result"): () => Promise<unknown> {
  return async () => {
    trace.push("core");
    return value;
  };
}

/** The trace an onion of `n` layers tagged 0..n-1 must leave around a core: in 0..n-1, core, out n-1..0. */
function onionTrace(n: number): string[] {
  const tags = Array.from({ length: n }, (_, i) => i);
  return [...tags.map((i) => `in ${i}`), "core", ...tags.reverse().map((i) => `out ${i}`)];
}

describe("1. compose(middlewares) runs the layers as an onion", () => {
  it("runs in 1, in 2, core, out 2, out 1 for two layers around an outer next", async () => {
    const trace: string[] = [];
    await compose([traced(1), traced(2)])(trace, core(trace));
    expect(trace).toEqual(["in 1", "in 2", "core", "out 2", "out 1"]);
  });

  it("gives every layer the very same ctx object", async () => {
    const ctx = { seen: [] as object[] };
    const see: Middleware<typeof ctx> = (c, next) => {
      c.seen.push(c);
      return next();
    };
    await compose([see, see, see])(ctx);
    expect(ctx.seen).toHaveLength(3);
    for (const c of ctx.seen) expect(c).toBe(ctx);
  });

  it("calls the outer next once, after the last layer", async () => {
    const trace: string[] = [];
    const outer = vi.fn(core(trace));
    await compose([traced("a"), traced("b")])(trace, outer);
    expect(outer).toHaveBeenCalledTimes(1);
    expect(trace.indexOf("core")).toBe(2);
  });

  it("calls the outer next like one more layer: with the same ctx, and a next of its own that resolves undefined", async () => {
    const ctx = { trace: [] as string[] };
    const seen: Array<{ ctx: unknown; next: unknown; after: unknown; returned: unknown }> = [];
    const outer: Middleware<typeof ctx> = async (c, next) => {
      const returned = next();
      const after = await returned;
      seen.push({ ctx: c, next, after, returned });
      return "outer done";
    };
    await expect(compose<typeof ctx>([(_, next) => next()])(ctx, outer)).resolves.toBe("outer done");
    expect(seen).toHaveLength(1);
    expect(seen[0]?.ctx).toBe(ctx);
    expect(typeof seen[0]?.next).toBe("function");
    expect(seen[0]?.returned).toBeInstanceOf(Promise);
    expect(seen[0]?.after).toBeUndefined();
  });

  it("takes another onion as the outer next: compose([a])(ctx, compose([b])) runs a around b, on the same ctx", async () => {
    const trace: string[] = [];
    const inner = compose([traced("b")]);
    await expect(compose([traced("a")])(trace, inner)).resolves.toBeUndefined();
    expect(trace).toEqual(["in a", "in b", "out b", "out a"]);
  });

  it("refuses a second call of the next handed to the outer next, like any next() called twice", async () => {
    const calls: unknown[] = [];
    const outer: Middleware<null> = async (_, next) => {
      await next();
      try {
        await next();
      } catch (error) {
        calls.push(error);
      }
      return "outer";
    };
    await expect(compose<null>([])(null, outer)).resolves.toBe("outer");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeInstanceOf(Error);
    expect((calls[0] as Error).message).toContain("next() called multiple times");
  });

  it("returns a promise even when the outer next is synchronous: compose([])({}, () => 0) resolves with 0", async () => {
    const result = compose<object, number>([])({}, () => 0);
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe(0);
  });

  it("hands a layer a next() that returns a promise even when the outer next is synchronous", async () => {
    const plusOne: Middleware<null, number> = (_, next) => {
      const inner = next();
      expect(inner).toBeInstanceOf(Promise);
      return inner.then((value) => value + 1);
    };
    await expect(compose([plusOne])(null, () => 41)).resolves.toBe(42);
  });

  it("turns a throw of a synchronous outer next into a rejection with that very error", async () => {
    const boom = new Error("sync outer next failed");
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = compose<null>([(_, next) => next()])(null, () => {
        throw boom;
      });
    }).not.toThrow();
    expect(await rejection(result ?? Promise.resolve())).toBe(boom);
  });

  it("runs sync middleware too: plain functions that return next()'s promise, mixed with async ones", async () => {
    const trace: string[] = [];
    await compose([traced(1, true), traced(2), traced(3, true)])(trace, core(trace));
    expect(trace).toEqual(["in 1", "in 2", "in 3", "core", "out 3", "out 2", "out 1"]);
  });

  it("always returns a promise, even when a sync layer answers at once", async () => {
    const answered = compose<unknown, number>([() => 7])(null);
    expect(answered).toBeInstanceOf(Promise);
    await expect(answered).resolves.toBe(7);
  });

  it("runs just the outer next when there are no layers, and resolves undefined without one", async () => {
    const trace: string[] = [];
    const empty = compose<string[]>([]);
    await expect(empty(trace, core(trace, 5))).resolves.toBe(5);
    expect(trace).toEqual(["core"]);
    const nothing = empty(trace);
    expect(nothing).toBeInstanceOf(Promise);
    await expect(nothing).resolves.toBeUndefined();
  });

  it("can be called again: each call runs every layer once more", async () => {
    const run = compose([traced(1), traced(2)]);
    for (let round = 0; round < 3; round++) {
      const trace: string[] = [];
      await expect(run(trace, core(trace, round))).resolves.toBe(round);
      expect(trace).toEqual(["in 1", "in 2", "core", "out 2", "out 1"]);
    }
  });

  it("keeps two calls of the same onion apart while both wait inside a layer, finishing in the other order", async () => {
    // Each call waits in its first layer, before next(), until the spec lets it go: B first, then A.
    type Ctx = { trace: string[]; gate: Promise<void> };
    const wait: Middleware<Ctx> = async (ctx, next) => {
      ctx.trace.push("in wait");
      await ctx.gate;
      const result = await next();
      ctx.trace.push("out wait");
      return result;
    };
    const mark: Middleware<Ctx> = async (ctx, next) => {
      ctx.trace.push("in mark");
      const result = await next();
      ctx.trace.push("out mark");
      return result;
    };
    const run = compose([wait, mark]);
    const gateA = deferred();
    const gateB = deferred();
    const a: Ctx = { trace: [], gate: gateA.promise };
    const b: Ctx = { trace: [], gate: gateB.promise };
    const callA = run(a, async () => (a.trace.push("core"), "A"));
    const callB = run(b, async () => (b.trace.push("core"), "B"));
    const whole = ["in wait", "in mark", "core", "out mark", "out wait"];
    gateB.resolve();
    await expect(callB).resolves.toBe("B");
    expect(b.trace).toEqual(whole);
    expect(a.trace).toEqual(["in wait"]);
    gateA.resolve();
    await expect(callA).resolves.toBe("A");
    expect(a.trace).toEqual(whole);
  });

  it("keeps two calls of the same onion apart, even while one of them is still running", async () => {
    const run = compose([traced(1), traced(2)]);
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: string[] = [];
    const fast: string[] = [];
    const slowCall = run(slow, async () => {
      await gate;
      slow.push("core");
      return "slow";
    });
    await expect(run(fast, core(fast, "fast"))).resolves.toBe("fast");
    expect(fast).toEqual(["in 1", "in 2", "core", "out 2", "out 1"]);
    expect(slow).toEqual(["in 1", "in 2"]);
    release();
    await expect(slowCall).resolves.toBe("slow");
    expect(slow).toEqual(["in 1", "in 2", "core", "out 2", "out 1"]);
  });

  it("leaves the trace in 0..N-1, core, out N-1..0 for any number of layers (0 to 30), sync or async", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 30 }), async (syncFlags) => {
        const trace: string[] = [];
        await compose(syncFlags.map((sync, i) => traced(i, sync)))(trace, core(trace));
        expect(trace).toEqual(onionTrace(syncFlags.length));
      }),
    );
  });
});

describe("2. the innermost value travels back out, and a layer may replace it", () => {
  it("resolves with the core's value when every layer returns next()'s result", async () => {
    const trace: string[] = [];
    await expect(compose([traced(1), traced(2)])(trace, core(trace, 42))).resolves.toBe(42);
  });

  it("resolves with the very object the core returns, not a copy", async () => {
    const trace: string[] = [];
    const answer = { rows: [1, 2, 3] };
    await expect(compose([traced(1), traced(2, true)])(trace, core(trace, answer))).resolves.toBe(answer);
  });

  it("lets a layer replace the result on the way out: doubling a core's 21 gives 42", async () => {
    const double: Middleware<null, number> = async (_, next) => (await next()) * 2;
    await expect(compose([double])(null, async () => 21)).resolves.toBe(42);
  });

  it("replaces in onion order: the inner layer first, then the outer one (21 + 1, then * 2 = 44)", async () => {
    const double: Middleware<null, number> = async (_, next) => (await next()) * 2;
    const plusOne: Middleware<null, number> = async (_, next) => (await next()) + 1;
    await expect(compose([double, plusOne])(null, async () => 21)).resolves.toBe(44);
    await expect(compose([plusOne, double])(null, async () => 21)).resolves.toBe(43);
  });

  it("resolves with what the innermost layer returns when there is no outer next", async () => {
    const trace: string[] = [];
    const answer: Middleware<string[]> = () => "from the innermost layer";
    await expect(compose([traced(1), answer])(trace)).resolves.toBe("from the innermost layer");
    expect(trace).toEqual(["in 1", "out 1"]);
  });

  it("composes result-changing layers like functions: f1(f2(...fN(core))), for any functions", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.func(fc.integer()), fc.boolean()), { maxLength: 30 }),
        fc.integer(),
        async (layers, coreValue) => {
          const middlewares = layers.map(([f, sync]): Middleware<null, number> =>
            sync ? (_, next) => next().then((v) => f(v)) : async (_, next) => f(await next()),
          );
          const expected = layers.reduceRight((acc, [f]) => f(acc), coreValue);
          await expect(compose(middlewares)(null, async () => coreValue)).resolves.toBe(expected);
        },
      ),
    );
  });
});

describe("3. a layer that does not call next short-circuits", () => {
  it("stops at a layer that answers without next: inner layers and the core never run, outer ones finish", async () => {
    const trace: string[] = [];
    const stop: Middleware<string[]> = async (t) => {
      t.push("stop");
      return "cached";
    };
    await expect(compose([traced(1), stop, traced(3)])(trace, core(trace))).resolves.toBe("cached");
    expect(trace).toEqual(["in 1", "stop", "out 1"]);
  });

  it("short-circuits from a sync layer too, and never calls the outer next", async () => {
    const outer = vi.fn(async () => "core");
    await expect(compose<null>([() => "sync answer"])(null, outer)).resolves.toBe("sync answer");
    expect(outer).not.toHaveBeenCalled();
  });

  it("runs only the layers outside the one that stops, at any depth, and resolves with its answer", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }).chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: n - 1 }))),
        fc.boolean(),
        async ([n, stopAt], sync) => {
          const trace: string[] = [];
          const layers = Array.from({ length: n }, (_, i): Middleware<string[]> => {
            if (i !== stopAt) return traced(i);
            return sync
              ? (t) => (t.push(`in ${i}`), `stopped at ${i}`)
              : async (t) => (t.push(`in ${i}`), `stopped at ${i}`);
          });
          await expect(compose(layers)(trace, core(trace))).resolves.toBe(`stopped at ${stopAt}`);
          const outside = onionTrace(stopAt);
          expect(trace).toEqual([...outside.slice(0, stopAt), `in ${stopAt}`, ...outside.slice(stopAt + 1)]);
        },
      ),
    );
  });
});

describe("4. errors reach the caller, a layer may catch them, and next() twice is refused", () => {
  it("rejects with the very error the core throws, after the layers' finally blocks ran", async () => {
    const trace: string[] = [];
    const boom = new Error("core failed");
    const error = await rejection(
      compose([guarded(1), guarded(2)])(trace, async () => {
        throw boom;
      }),
    );
    expect(error).toBe(boom);
    expect(trace).toEqual(["in 1", "in 2", "out 2", "out 1"]);
  });

  it("turns a sync throw in a layer into a rejected promise, not a throw from the call", async () => {
    const boom = new TypeError("sync layer failed");
    const thrower: Middleware<null> = () => {
      throw boom;
    };
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = compose([thrower])(null);
    }).not.toThrow();
    expect(result).toBeInstanceOf(Promise);
    expect(await rejection(result ?? Promise.resolve())).toBe(boom);
  });

  it("skips the code after await next() in outer layers when an inner layer rejects", async () => {
    const trace: string[] = [];
    const inner = new RangeError("inner rejected");
    const reject: Middleware<string[]> = async () => Promise.reject(inner);
    expect(await rejection(compose([traced(1), traced(2), reject])(trace, core(trace)))).toBe(inner);
    expect(trace).toEqual(["in 1", "in 2"]);
  });

  it.each([
    ["a string", "plain string"],
    ["a plain object", { code: 503 }],
    ["undefined", undefined],
  ])("passes a thrown value that is not an Error (%s) to the caller as it is, from a sync or an async layer", async (_, value) => {
    const syncThrow: Middleware<null> = () => {
      throw value;
    };
    const asyncThrow: Middleware<null> = async () => {
      throw value;
    };
    expect(await rejection(compose([syncThrow])(null))).toBe(value);
    const pass: Middleware<null> = async (_, next) => next();
    expect(await rejection(compose([pass, asyncThrow])(null))).toBe(value);
  });

  it("lets an outer layer catch an error around await next() and recover with its own result", async () => {
    const trace: string[] = [];
    const recover: Middleware<string[]> = async (t, next) => {
      try {
        return await next();
      } catch (error) {
        t.push(`caught ${(error as Error).message}`);
        return "fallback";
      }
    };
    const failingCore = async (): Promise<unknown> => {
      throw new Error("database down");
    };
    await expect(compose([traced(1), recover, traced(3)])(trace, failingCore)).resolves.toBe("fallback");
    expect(trace).toEqual(["in 1", "in 3", "caught database down", "out 1"]);
  });

  it("rejects with 'next() called multiple times' when a layer calls next() twice, running the inner layers once", async () => {
    const trace: string[] = [];
    const twice: Middleware<string[]> = async (_, next) => {
      await next();
      return next();
    };
    const error = await rejection(compose([twice, traced(2)])(trace, core(trace)));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/next\(\) called multiple times/);
    expect(trace).toEqual(["in 2", "core", "out 2"]);
  });

  it("refuses the second next() even when both calls start before either one finishes", async () => {
    const trace: string[] = [];
    const both: Middleware<string[]> = async (_, next) => Promise.all([next(), next()]);
    await expect(compose([both, traced(2)])(trace, core(trace))).rejects.toThrow(/next\(\) called multiple times/);
    expect(trace.filter((entry) => entry === "core")).toHaveLength(1);
  });

  it("lets the error from a second next() be caught by the layer that made it", async () => {
    const trace: string[] = [];
    const careful: Middleware<string[]> = async (t, next) => {
      const first = await next();
      try {
        await next();
      } catch (error) {
        t.push((error as Error).message);
      }
      return first;
    };
    await expect(compose([careful])(trace, core(trace, "once"))).resolves.toBe("once");
    expect(trace).toHaveLength(2);
    expect(trace[0]).toBe("core");
    expect(trace[1]).toMatch(/next\(\) called multiple times/);
  });

  it("passes an error thrown at any depth to the caller unchanged, running nothing inside that layer", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }).chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: n - 1 }))),
        fc.boolean(),
        async ([n, throwAt], sync) => {
          const trace: string[] = [];
          const boom = new Error(`boom at ${throwAt}`);
          const layers = Array.from({ length: n }, (_, i): Middleware<string[]> => {
            if (i !== throwAt) return guarded(i);
            return sync
              ? (t) => {
                  t.push(`in ${i}`);
                  throw boom;
                }
              : async (t) => {
                  t.push(`in ${i}`);
                  throw boom;
                };
          });
          expect(await rejection(compose(layers)(trace, core(trace)))).toBe(boom);
          const outside = onionTrace(throwAt);
          expect(trace).toEqual([...outside.slice(0, throwAt), `in ${throwAt}`, ...outside.slice(throwAt + 1)]);
        },
      ),
    );
  });
});

describe("5. Server: use(mw), handle(name, core) and call(name, ...args)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prints "The first one", "The second one", "The last one", then resolves with "The Core Function" (the tutorial)', async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const server = new Server();
    for (const line of ["The first one", "The second one", "The last one"]) {
      server.use(async (_, next) => {
        console.log(line);
        return next();
      });
    }
    server.handle("core_func", () => "The Core Function");
    console.log(await server.call("core_func"));
    expect(log.mock.calls).toEqual([["The first one"], ["The second one"], ["The last one"], ["The Core Function"]]);
  });

  it("replaces the core when a name is registered again (the tutorial's setdefault kept the first)", async () => {
    const server = new Server().handle("core_func", () => "first").handle("core_func", () => "second");
    await expect(server.call("core_func")).resolves.toBe("second");
  });

  it("returns the server from use and handle, so registrations chain", async () => {
    const server = new Server();
    const mw: ServerMiddleware = (_, next) => next();
    expect(server.use(mw)).toBe(server);
    expect(server.handle("ping", () => "pong")).toBe(server);
    await expect(server.call("ping")).resolves.toBe("pong");
  });

  it("passes call's arguments to the core, and shows the name and arguments on the context", async () => {
    const seen: CallContext[] = [];
    const server = new Server()
      .use((ctx, next) => {
        seen.push(ctx);
        return next();
      })
      .handle("add", (a, b) => (a as number) + (b as number));
    await expect(server.call("add", 2, 10)).resolves.toBe(12);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.name).toBe("add");
    expect(seen[0]?.args).toEqual([2, 10]);
  });

  it("hands the core the very objects given to call, and resolves with the very object the core returns", async () => {
    const input = { id: 7 };
    const output = { user: "ada" };
    const received: unknown[][] = [];
    const server = new Server()
      .use((_, next) => next())
      .handle("lookup", (...args) => (received.push(args), output));
    await expect(server.call("lookup", input, "extra")).resolves.toBe(output);
    expect(received).toHaveLength(1);
    expect(received[0]?.[0]).toBe(input);
    expect(received[0]?.[1]).toBe("extra");
  });

  it("keeps two calls in flight apart: each gets its own context and arguments, finishing in the other order", async () => {
    const gates = new Map([
      ["a", deferred()],
      ["b", deferred()],
    ]);
    const contexts: CallContext[] = [];
    const server = new Server()
      .use(async (ctx, next) => {
        contexts.push(ctx);
        ctx.state["who"] = ctx.args[0];
        await gates.get(ctx.args[0] as string)?.promise; // wait here, before next(), until released
        const result = await next();
        return `${String(ctx.state["who"])}:${String(result)}`;
      })
      .handle("echo", (who) => `core ${String(who)}`);
    const callA = server.call("echo", "a");
    const callB = server.call("echo", "b");
    gates.get("b")?.resolve();
    await expect(callB).resolves.toBe("b:core b");
    gates.get("a")?.resolve();
    await expect(callA).resolves.toBe("a:core a");
    expect(contexts).toHaveLength(2);
    expect(contexts[0]).not.toBe(contexts[1]);
    expect(contexts[0]?.state).not.toBe(contexts[1]?.state);
    expect(contexts.map((ctx) => ctx.args)).toEqual([["a"], ["b"]]);
  });

  it("gives every call a fresh context: state starts empty, and two calls never share it", async () => {
    const contexts: CallContext[] = [];
    const server = new Server()
      .use(async (ctx, next) => {
        contexts.push(ctx);
        expect(ctx.state).toEqual({});
        ctx.state["visits"] = 1;
        return next();
      })
      .handle("core_func", async () => "ok");
    await server.call("core_func");
    await server.call("core_func");
    expect(contexts).toHaveLength(2);
    expect(contexts[0]).not.toBe(contexts[1]);
    expect(contexts[0]?.state).not.toBe(contexts[1]?.state);
  });

  it("wraps every core in the same middleware, outermost first", async () => {
    const trace: string[] = [];
    const server = new Server()
      .use(async (ctx, next) => {
        trace.push(`auth ${ctx.name}`);
        return next();
      })
      .use(async (ctx, next) => {
        trace.push(`log ${ctx.name}`);
        return next();
      })
      .handle("users", () => "users")
      .handle("orders", async () => "orders");
    await expect(server.call("users")).resolves.toBe("users");
    await expect(server.call("orders")).resolves.toBe("orders");
    expect(trace).toEqual(["auth users", "log users", "auth orders", "log orders"]);
  });

  it("applies a layer added with use() to the calls after it", async () => {
    const trace: string[] = [];
    const server = new Server().handle("core_func", () => {
      trace.push("core");
      return "done";
    });
    await server.call("core_func");
    server.use(async (_, next) => {
      trace.push("late layer");
      return next();
    });
    await server.call("core_func");
    expect(trace).toEqual(["core", "late layer", "core"]);
  });

  it("rejects with the core's error, sync or async; a layer can catch it and answer instead", async () => {
    const sync = new Error("sync core failed");
    const asyncError = new RangeError("async core failed");
    const server = new Server()
      .handle("sync", () => {
        throw sync;
      })
      .handle("async", async () => Promise.reject(asyncError));
    expect(await rejection(server.call("sync"))).toBe(sync);
    expect(await rejection(server.call("async"))).toBe(asyncError);

    server.use(async (_, next) => {
      try {
        return await next();
      } catch {
        return "recovered";
      }
    });
    await expect(server.call("sync")).resolves.toBe("recovered");
  });

  it('refuses an unknown name with a RangeError naming `name`, showing it, and listing the known names in quotes', async () => {
    const server = new Server().handle("core_func", () => 1).handle("other", () => 2);
    const error = await expectRejection(() => server.call("missing"), { error: RangeError, param: "name", value: "missing" });
    expect(error.message).toContain('"core_func"');
    expect(error.message).toContain('"other"');
  });

  it("refuses any name on a server with no core yet with a RangeError naming `name` and showing it", async () => {
    await expectRejection(() => new Server().call("core_func"), { error: RangeError, param: "name", value: "core_func" });
  });

  it.each(["toString", "constructor", "__proto__", "hasOwnProperty"])(
    'treats "%s" like any other name: unknown until registered, then served like the rest',
    async (name) => {
      const server = new Server();
      await expectRejection(() => server.call(name), { error: RangeError, param: "name", value: name });
      server.handle(name, () => `core ${name}`);
      await expect(server.call(name)).resolves.toBe(`core ${name}`);
      await expectRejection(() => new Server().call(name), { error: RangeError, param: "name", value: name });
    },
  );

  it("keeps two servers apart: a layer or core of one never shows up in the other", async () => {
    const trace: string[] = [];
    const a = new Server()
      .use(async (_, next) => {
        trace.push("a's layer");
        return next();
      })
      .handle("only_a", () => "a");
    const b = new Server().handle("core_func", () => "b");
    await expect(b.call("core_func")).resolves.toBe("b");
    expect(trace).toEqual([]);
    await expectRejection(() => b.call("only_a"), { error: RangeError, param: "name", value: "only_a" });
    await expect(a.call("only_a")).resolves.toBe("a");
    expect(trace).toEqual(["a's layer"]);
  });
});

describe("6. compose copies its input: the given array is never changed, and later changes do not leak in", () => {
  it("leaves the given array exactly as it was, before and after running", async () => {
    const layers = [traced(1), traced(2), traced(3)];
    const before = [...layers];
    const run = compose(layers);
    expect(layers).toEqual(before);
    const trace: string[] = [];
    await run(trace, core(trace));
    expect(layers).toHaveLength(3);
    layers.forEach((layer, i) => expect(layer).toBe(before[i]));
  });

  it("composes a frozen array (it never writes to it)", async () => {
    const trace: string[] = [];
    await compose(Object.freeze([traced(1), traced(2)]))(trace, core(trace));
    expect(trace).toEqual(["in 1", "in 2", "core", "out 2", "out 1"]);
  });

  it("does not run a layer pushed to the array after composing", async () => {
    const layers = [traced(1)];
    const run = compose(layers);
    layers.push(traced("late"));
    const trace: string[] = [];
    await run(trace, core(trace));
    expect(trace).toEqual(["in 1", "core", "out 1"]);
  });

  it("does not let a layer added with use() join a call that is already running", async () => {
    const trace: string[] = [];
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = new Server()
      .use(async (_, next) => {
        trace.push("first");
        await gate;
        return next();
      })
      .handle("core_func", () => trace.push("core"));
    const running = server.call("core_func");
    server.use(async (_, next) => {
      trace.push("added while running");
      return next();
    });
    release();
    await running;
    expect(trace).toEqual(["first", "core"]);
  });

  it("runs the onion as composed whatever is done to the array afterwards", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom("push", "reverse", "empty", "replace", "sort"),
        async (n, vandalise) => {
          const layers = Array.from({ length: n }, (_, i) => traced(i));
          const run = compose(layers);
          if (vandalise === "push") layers.push(traced("late"));
          else if (vandalise === "reverse") layers.reverse();
          else if (vandalise === "empty") layers.length = 0;
          else if (vandalise === "replace") layers.fill(traced("replaced"));
          else layers.sort(() => -1);
          const trace: string[] = [];
          await run(trace, core(trace));
          expect(trace).toEqual(onionTrace(n));
        },
      ),
    );
  });
});

describe("7. bad input follows the workbook's contract, and fails at once", () => {
  const authenticate: Middleware = async (_, next) => next();
  /** Values that are not functions; each label says how the value is written. */
  const notFunctions: Array<[string, unknown]> = [
    ["42", 42],
    ['"next"', "next"],
    ["null", null],
    ["undefined", undefined],
    ["true", true],
    ["10n", 10n],
    ['Symbol("mw")', Symbol("mw")],
    ["{}", {}],
    ["[]", []],
    ["Object.create(null)", Object.create(null)],
  ];
  /** Values that are not strings, for a name. */
  const notStrings: Array<[string, unknown]> = [
    ["42", 42],
    ["null", null],
    ["undefined", undefined],
    ["false", false],
    ['Symbol("name")', Symbol("name")],
    ["{}", {}],
    ['["core_func"]', ["core_func"]],
  ];

  const notArrays: Array<[string, unknown]> = [
    ["undefined", undefined],
    ["null", null],
    ["42", 42],
    ['"mw"', "mw"],
    ["true", true],
    ["10n", 10n],
    ['Symbol("mw")', Symbol("mw")],
    ["a middleware function", authenticate],
    ["{ length: 0 }", { length: 0 }],
    ["a Set of middleware (iterable, but not an array)", new Set([authenticate])],
    ["Object.create(null) (String() cannot convert it)", Object.create(null)],
  ];

  it.each(notArrays)("compose(%s) throws a TypeError naming `middlewares` (and showing a primitive) at once", (_, bad) => {
    expectRefusal(() => compose(bad as readonly Middleware[]), { error: TypeError, param: "middlewares", value: bad });
  });

  it.each(notFunctions)("compose([authenticate, %s]) throws a TypeError naming `middlewares` and index 1, before anything runs", (_, bad) => {
    const ran = vi.fn(authenticate);
    expectRefusal(() => compose([ran, bad as Middleware]), { error: TypeError, param: "middlewares", index: 1, value: bad });
    expect(ran).not.toHaveBeenCalled();
  });

  it("compose([authenticate, <hole>, authenticate]) refuses the hole of a sparse array as index 1 (undefined)", () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [authenticate, , authenticate] as unknown as readonly Middleware[];
    expectRefusal(() => compose(sparse), { error: TypeError, param: "middlewares", index: 1, value: undefined });
  });

  it("gives the index of the non-function wherever it sits in the array", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10 }),
        fc.nat({ max: 10 }),
        fc.constantFrom(...notFunctions.map(([, value]) => value)),
        (before, after, bad) => {
          const layers = [...Array.from({ length: before }, () => traced("ok")), bad, ...Array.from({ length: after }, () => traced("ok"))];
          expectRefusal(() => compose(layers as Middleware<string[]>[]), { error: TypeError, param: "middlewares", index: before, value: bad });
        },
      ),
    );
  });

  /** A server with one good layer and one core; `check()` proves it still has exactly those. */
  function goodServer(): { server: Server; check: () => Promise<void> } {
    const trace: string[] = [];
    const server = new Server()
      .use(async (_, next) => {
        trace.push("good layer");
        return next();
      })
      .handle("core_func", () => "done");
    const check = async (): Promise<void> => {
      // (async () => ...)() turns a throw from call() itself into a rejection that expect() reports.
      await expect((async () => server.call("core_func"))()).resolves.toBe("done");
      expect(trace).toEqual(["good layer"]);
    };
    return { server, check };
  }

  it.each(notFunctions)("server.use(%s) throws a TypeError naming `middleware` at once, and the server keeps its layers", async (_, bad) => {
    const { server, check } = goodServer();
    expectRefusal(() => server.use(bad as ServerMiddleware), { error: TypeError, param: "middleware", value: bad });
    await check();
  });

  it.each(notFunctions)('server.handle("core_func", %s) throws a TypeError naming `core` at once, and the old core stays', async (_, bad) => {
    const { server, check } = goodServer();
    expectRefusal(() => server.handle("core_func", bad as () => unknown), { error: TypeError, param: "core", value: bad });
    await check();
  });

  it.each(notFunctions)('server.handle("broken", %s) registers nothing', async (_, bad) => {
    const { server, check } = goodServer();
    expectRefusal(() => server.handle("broken", bad as () => unknown), { error: TypeError, param: "core", value: bad });
    await expectRejection(() => server.call("broken"), { error: RangeError, param: "name", value: "broken" });
    await check();
  });

  it.each(notStrings)("server.handle(%s, core) throws a TypeError naming `name` at once, and the server keeps what it had", async (_, bad) => {
    const { server, check } = goodServer();
    expectRefusal(() => server.handle(bad as string, () => "core"), { error: TypeError, param: "name", value: bad });
    await check();
  });

  it('server.handle("", core) throws a RangeError naming `name` and showing "" (a string, but empty)', async () => {
    const { server, check } = goodServer();
    expectRefusal(() => server.handle("", () => "core"), { error: RangeError, param: "name", value: "" });
    await check();
  });

  it.each(notStrings)("server.call(%s) refuses with a TypeError naming `name`", async (_, bad) => {
    const { server, check } = goodServer();
    await expectRejection(() => server.call(bad as string), { error: TypeError, param: "name", value: bad });
    await check();
  });
});

/*
 * The cases of koa-compose 4.1.0's own test suite (test/test.js), paraphrased: where the lesson says
 * this compose behaves like koa-compose, koa-compose's tests hold against it. Its timers (`wait(1)`)
 * are replaced by awaited promises, so nothing depends on the clock.
 */
describe("8. koa-compose 4.1's own cases hold", () => {
  /** Lets other promise jobs run, like koa's wait(1), without a timer. */
  const tick = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) await Promise.resolve();
  };
  /** Three layers that push 1, 2, 3 on the way in and 4, 5, 6 on the way out, awaiting around next(). */
  function oneToSix(): Middleware<{ arr: number[] }>[] {
    return [
      [1, 6],
      [2, 5],
      [3, 4],
    ].map(([inward, outward]) => async (ctx, next) => {
      ctx.arr.push(inward as number);
      await tick();
      await next();
      await tick();
      ctx.arr.push(outward as number);
    });
  }

  it("runs three awaiting layers in the order 1 to 6", async () => {
    const ctx = { arr: [] as number[] };
    await compose(oneToSix())(ctx);
    expect(ctx.arr).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("can be called twice, each call with its own context", async () => {
    const run = compose(oneToSix());
    const first = { arr: [] as number[] };
    const second = { arr: [] as number[] };
    await expect(run(first)).resolves.toBeUndefined();
    await expect(run(second)).resolves.toBeUndefined();
    expect(first.arr).toEqual([1, 2, 3, 4, 5, 6]);
    expect(second.arr).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("accepts only an array", () => {
    expectRefusal(() => compose(undefined as unknown as readonly Middleware[]), { error: TypeError, param: "middlewares", value: undefined });
  });

  it("hands out next functions that return promises, even to layers that neither await nor return them", async () => {
    const returned: unknown[] = [];
    const layers = Array.from({ length: 5 }, (): Middleware => (_, next) => {
      returned.push(next());
    });
    await compose(layers)({});
    expect(returned).toHaveLength(5);
    for (const value of returned) expect(value).toBeInstanceOf(Promise);
  });

  it("works with no middleware at all", async () => {
    await expect(compose([])({})).resolves.toBeUndefined();
  });

  it("accepts only functions as middleware", () => {
    expectRefusal(() => compose([{} as Middleware]), { error: TypeError, param: "middlewares", index: 0 });
  });

  it("runs the code after await next() at the end of the stack", async () => {
    let called = false;
    await compose([
      async (_, next) => {
        await next();
        called = true;
      },
    ])({});
    expect(called).toBe(true);
  });

  it("rejects when a layer throws", async () => {
    const boom = new Error("layer failed");
    const layer: Middleware = () => {
      throw boom;
    };
    expect(await rejection(compose([layer])({}))).toBe(boom);
  });

  it("resolves when a layer awaits next without calling it", async () => {
    const inner = vi.fn(async (): Promise<unknown> => "inner");
    await expect(
      compose<unknown, unknown>([
        async (_, next) => {
          await next; // a function, not a call: nothing inside runs
        },
        inner,
      ])({}),
    ).resolves.toBeUndefined();
    expect(inner).not.toHaveBeenCalled();
  });

  it("keeps the context: every layer sees the same object, also after next()", async () => {
    const ctx = {};
    const seen: unknown[] = [];
    const keep: Middleware<object> = async (c, next) => {
      await next();
      seen.push(c);
    };
    await compose([keep, keep, keep])(ctx);
    expect(seen).toHaveLength(3);
    for (const c of seen) expect(c).toBe(ctx);
  });

  it("lets a layer catch downstream errors: 1, 6, 4, 2, 3", async () => {
    const arr: number[] = [];
    await compose<unknown, unknown>([
      async (_, next) => {
        arr.push(1);
        try {
          arr.push(6);
          await next();
          arr.push(7);
        } catch {
          arr.push(2);
        }
        arr.push(3);
      },
      async () => {
        arr.push(4);
        throw new Error("downstream");
      },
    ])({});
    expect(arr).toEqual([1, 6, 4, 2, 3]);
  });

  it("composes with an outer next, and calls it", async () => {
    let called = false;
    await compose([])({}, async () => {
      called = true;
    });
    expect(called).toBe(true);
  });

  it("rejects when a plain (non-async) layer throws", async () => {
    const boom = new TypeError("plain layer failed");
    expect(
      await rejection(
        compose([
          function plain(): never {
            throw boom;
          },
        ])({}),
      ),
    ).toBe(boom);
  });

  it("composes with other compositions: an onion as a layer runs its own layers in place, 1, 2, 3", async () => {
    const called: number[] = [];
    const step =
      (n: number): Middleware =>
      (_, next) => {
        called.push(n);
        return next();
      };
    await compose([compose([step(1), step(2)]), step(3)])({});
    expect(called).toEqual([1, 2, 3]);
  });

  it("rejects when next() is called multiple times", async () => {
    const error = await rejection(
      compose([
        async (_, next) => {
          await next();
          await next();
        },
      ])({}),
    );
    expect((error as Error).message).toContain("multiple times");
  });

  it("returns the last return value: the outer next gives 0, the inner layer 2, the outer layer 1", async () => {
    const seen: number[] = [];
    const outerLayer: Middleware<object, number> = async (_, next) => {
      seen.push(await next());
      return 1;
    };
    const innerLayer: Middleware<object, number> = async (_, next) => {
      seen.push(await next());
      return 2;
    };
    await expect(compose([outerLayer, innerLayer])({}, () => 0)).resolves.toBe(1);
    expect(seen).toEqual([0, 2]);
  });

  it("does not affect the original middleware array", () => {
    const only: Middleware = (_, next) => next();
    const middleware = [only];
    compose(middleware);
    expect(middleware).toHaveLength(1);
    expect(middleware[0]).toBe(only);
  });

  it("does not get stuck on the passed-in next: it gets the ctx and a next to call", async () => {
    const ctx = { middleware: 0, next: 0 };
    await compose<typeof ctx>([
      (c, next) => {
        c.middleware++;
        return next();
      },
    ])(ctx, (c, next) => {
      c.next++;
      return next();
    });
    expect(ctx).toEqual({ middleware: 1, next: 1 });
  });
});
