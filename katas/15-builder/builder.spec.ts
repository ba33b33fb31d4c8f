import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRefusal, NotImplementedError } from "../../tools/kit";
import { jsonPost, request, type HttpRequest, type Method } from "./builder";

/**
 * A builder as untyped code sees it (plain JavaScript, JSON, a cast): every step, and `build()`,
 * whatever has been set. The types of builder.ts hide `build()` until method and url are set; at run
 * time it is always there, and refuses when a part is missing (step 3).
 */
interface AnyBuilder {
  method(method: unknown): AnyBuilder;
  url(url: unknown): AnyBuilder;
  header(name: unknown, value: unknown): AnyBuilder;
  query(name: unknown, value: unknown): AnyBuilder;
  body(body: unknown): AnyBuilder;
  timeout(ms: unknown): AnyBuilder;
  build(): HttpRequest;
}
const untyped = (builder: unknown) => builder as AnyBuilder;
const start = () => untyped(request());

const METHODS: readonly Method[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
const KEYS = ["body", "headers", "method", "query", "timeout", "url"];

/** `word` in `text` as a whole word (`url` in "url is missing", not in "urls"). */
function expectNamed(text: string, word: string): void {
  expect(text, `the message should name ${word}`).toMatch(new RegExp(`(?<![\\w$])${word}(?![\\w$])`));
}

/** Calls `fn`, expects it to throw, and returns what it threw. */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return error;
  }
  return expect.unreachable("expected the call to throw, but it returned normally");
}

/**
 * Runs `fn`, which the lesson says must work: an error it throws fails the test through an
 * expectation, with that error's message (a stub's not-implemented error goes through as it is).
 */
function mustWork<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return expect.unreachable(`expected ${what} to work, but it threw ${String(error)}`);
  }
}

/** One step on a builder, as data: what the properties generate. */
type Step =
  | { readonly part: "method"; readonly method: Method }
  | { readonly part: "url"; readonly url: string }
  | { readonly part: "header"; readonly name: string; readonly value: string }
  | { readonly part: "query"; readonly name: string; readonly value: string }
  | { readonly part: "body"; readonly body: string }
  | { readonly part: "timeout"; readonly ms: number };

function apply(builder: AnyBuilder, step: Step): AnyBuilder {
  switch (step.part) {
    case "method":
      return builder.method(step.method);
    case "url":
      return builder.url(step.url);
    case "header":
      return builder.header(step.name, step.value);
    case "query":
      return builder.query(step.name, step.value);
    case "body":
      return builder.body(step.body);
    case "timeout":
      return builder.timeout(step.ms);
  }
}
const applyAll = (builder: AnyBuilder, steps: readonly Step[]) => steps.reduce(apply, builder);

// Small arbitraries: header names without "_" and query names of at most 6 characters, so that
// neither can be "__proto__" (that trap belongs to kata 06, not this one).
const url = fc.constantFrom("https://example.com", "http://localhost:8080/api", "https://api.example.com/books?lang=en");
const headerName = fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/);
const headerValue = fc.string({ maxLength: 8 }).filter((v) => !/[\r\n]/.test(v));
const queryName = fc.stringMatching(/^[a-z0-9]{1,6}$/);
const text = fc.string({ maxLength: 8 });
const ms = fc.integer({ min: 1, max: 120_000 });
/** Methods that may carry a body: with these, any mix of steps builds. */
const bodyMethod = fc.constantFrom<Method>("POST", "PUT", "PATCH", "DELETE");

/** Any valid step, with a method that allows a body, so any sequence of them builds. */
const step: fc.Arbitrary<Step> = fc.oneof(
  bodyMethod.map((method) => ({ part: "method", method }) as const),
  url.map((u) => ({ part: "url", url: u }) as const),
  fc.record({ name: headerName, value: headerValue }).map((h) => ({ part: "header", ...h }) as const),
  fc.record({ name: queryName, value: text }).map((q) => ({ part: "query", ...q }) as const),
  text.map((body) => ({ part: "body", body }) as const),
  ms.map((value) => ({ part: "timeout", ms: value }) as const),
);

/** A whole request, each part set once (names unique), and the steps that set it. */
const recipe = fc
  .record({
    method: fc.constantFrom(...METHODS),
    url,
    headers: fc.uniqueArray(fc.tuple(headerName, headerValue), { selector: ([name]) => name, maxLength: 3 }),
    query: fc.uniqueArray(fc.tuple(queryName, text), { selector: ([name]) => name, maxLength: 3 }),
    body: fc.option(text, { nil: null }),
    timeout: fc.option(ms, { nil: null }),
  })
  .filter((r) => r.body === null || (r.method !== "GET" && r.method !== "HEAD"))
  .map((r) => {
    const steps: Step[] = [
      { part: "method", method: r.method },
      { part: "url", url: r.url },
      ...r.headers.map(([name, value]) => ({ part: "header", name, value }) as const),
      ...r.query.map(([name, value]) => ({ part: "query", name, value }) as const),
      ...(r.body === null ? [] : [{ part: "body", body: r.body } as const]),
      ...(r.timeout === null ? [] : [{ part: "timeout", ms: r.timeout } as const]),
    ];
    const expected: HttpRequest = {
      method: r.method,
      url: r.url,
      headers: Object.fromEntries(r.headers),
      query: Object.fromEntries(r.query),
      body: r.body,
      timeout: r.timeout ?? 30_000,
    };
    return { steps, expected };
  });

describe("1. request() and its steps build a frozen request", () => {
  it("builds GET https://example.com/search with the defaults: no headers, no query, body null, timeout 30000", () => {
    const built = request().method("GET").url("https://example.com/search").build();
    expect(built).toEqual({ method: "GET", url: "https://example.com/search", headers: {}, query: {}, body: null, timeout: 30_000 });
    expect(Object.keys(built).sort()).toEqual(KEYS);
  });

  it("builds a POST with every optional part: each as given", () => {
    const built = mustWork("a POST with headers, query, body and timeout", () =>
      request()
        .method("POST")
        .url("https://api.example.com/books")
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .query("lang", "en")
        .query("draft", "")
        .body('{"title":"Dune"}')
        .timeout(5000)
        .build(),
    );
    expect(built).toEqual({
      method: "POST",
      url: "https://api.example.com/books",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      query: { lang: "en", draft: "" },
      body: '{"title":"Dune"}',
      timeout: 5000,
    });
    expect(Object.keys(built).sort()).toEqual(KEYS);
  });

  it("takes the steps in any order: url first, then method", () => {
    const built = request().url("https://example.com/search").timeout(100).method("HEAD").build();
    expect(built).toEqual({ method: "HEAD", url: "https://example.com/search", headers: {}, query: {}, body: null, timeout: 100 });
  });

  it.each(METHODS)("accepts the method %s", (method) => {
    expect(request().method(method).url("https://example.com").build().method).toBe(method);
  });

  it("keeps the url exactly as given: no slash added, its own query and case kept", () => {
    expect(request().method("GET").url("https://example.com").build().url).toBe("https://example.com");
    expect(request().method("GET").url("HTTP://Example.com/A?b=1").build().url).toBe("HTTP://Example.com/A?b=1");
  });

  it("lets the last value of a part win: a method, a header, a query parameter, a body or a timeout set twice", () => {
    const built = request()
      .method("GET")
      .method("PUT")
      .url("https://example.com/a")
      .url("https://example.com/b")
      .header("Accept", "text/html")
      .header("Accept", "application/json")
      .query("page", "1")
      .query("page", "2")
      .body("first")
      .body("second")
      .timeout(10)
      .timeout(20)
      .build();
    expect(built).toEqual({
      method: "PUT",
      url: "https://example.com/b",
      headers: { Accept: "application/json" },
      query: { page: "2" },
      body: "second",
      timeout: 20,
    });
  });

  it('keeps an empty body "" as a body (not null)', () => {
    expect(mustWork('body("")', () => request().method("POST").url("https://example.com").body("").build()).body).toBe("");
  });

  it('keeps a query parameter whose value is empty: query("draft", "") gives { draft: "" }', () => {
    expect(mustWork('query("draft", "")', () => request().method("GET").url("https://example.com").query("draft", "").build()).query).toEqual({ draft: "" });
  });

  it("returns a frozen request, and its headers and query are frozen too", () => {
    const built = request().method("GET").url("https://example.com").header("Accept", "text/html").query("q", "x").build();
    expect(Object.isFrozen(built)).toBe(true);
    expect(Object.isFrozen(built.headers)).toBe(true);
    expect(Object.isFrozen(built.query)).toBe(true);
    expect(() => {
      (built as { method: string }).method = "DELETE";
    }).toThrow(TypeError);
    expect(() => {
      (built.headers as Record<string, string>)["X-Admin"] = "1";
    }).toThrow(TypeError);
    expect(() => {
      (built.query as Record<string, string>)["page"] = "2";
    }).toThrow(TypeError);
    expect(built).toEqual({ method: "GET", url: "https://example.com", headers: { Accept: "text/html" }, query: { q: "x" }, body: null, timeout: 30_000 });
  });
});

describe("2. every step returns a new builder, and a built request never changes", () => {
  const base = () => request().method("POST").url("https://example.com");
  it.each([
    ["method", (b: AnyBuilder) => b.method("PUT")],
    ["url", (b: AnyBuilder) => b.url("https://example.org")],
    ["header", (b: AnyBuilder) => b.header("Accept", "text/html")],
    ["query", (b: AnyBuilder) => b.query("page", "2")],
    ["body", (b: AnyBuilder) => b.body("hello")],
    ["timeout", (b: AnyBuilder) => b.timeout(5)],
  ] as const)("%s(...) returns a new builder and leaves the one it was called on as it was", (_, stepOn) => {
    const before = untyped(base());
    const after = stepOn(before);
    expect(after).not.toBe(before);
    expect(before.build()).toEqual({ method: "POST", url: "https://example.com", headers: {}, query: {}, body: null, timeout: 30_000 });
  });

  it("returns a new builder from request() every time", () => {
    expect(request()).not.toBe(request());
  });

  it("keeps two branches from one base apart: no header, query or body leaks from one into the other", () => {
    const api = request().url("https://api.example.com/books").header("Accept", "application/json");
    const list = api.method("GET").query("page", "2");
    const create = api.method("POST").header("Content-Type", "application/json").body('{"title":"Dune"}');
    const html = api.header("Accept", "text/html");
    expect(list).not.toBe(create);
    expect(list.build()).toEqual({
      method: "GET",
      url: "https://api.example.com/books",
      headers: { Accept: "application/json" },
      query: { page: "2" },
      body: null,
      timeout: 30_000,
    });
    expect(create.build()).toEqual({
      method: "POST",
      url: "https://api.example.com/books",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      query: {},
      body: '{"title":"Dune"}',
      timeout: 30_000,
    });
    expect(html.method("GET").build().headers).toEqual({ Accept: "text/html" });
    expect(api.method("DELETE").build()).toEqual({
      method: "DELETE",
      url: "https://api.example.com/books",
      headers: { Accept: "application/json" },
      query: {},
      body: null,
      timeout: 30_000,
    });
  });

  it("leaves a built request as it was when its builder goes on with more steps", () => {
    const builder = request().method("POST").url("https://example.com").header("Accept", "text/plain").query("a", "1");
    const built = builder.build();
    builder.header("Accept", "text/html").header("X-Trace", "1").query("a", "2").query("b", "3").body("late").timeout(1).method("PUT");
    expect(built).toEqual({ method: "POST", url: "https://example.com", headers: { Accept: "text/plain" }, query: { a: "1" }, body: null, timeout: 30_000 });
  });

  it("builds twice from one builder: equal requests, two distinct objects", () => {
    const builder = request().method("GET").url("https://example.com").header("Accept", "text/html");
    const first = builder.build();
    const second = builder.build();
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });

  it("builds the same request for any order of the same steps (property)", () => {
    fc.assert(
      fc.property(
        recipe.chain(({ steps, expected }) => fc.tuple(fc.constant(expected), fc.shuffledSubarray(steps, { minLength: steps.length }))),
        ([expected, steps]) => {
          expect(applyAll(start(), steps).build()).toEqual(expected);
        },
      ),
    );
  });

  it("builds equal but distinct, frozen requests every time build() is called (property)", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), fc.integer({ min: 2, max: 4 }), (steps, times) => {
        const builder = applyAll(start().method("POST").url("https://example.com"), steps);
        const built = Array.from({ length: times }, () => builder.build());
        for (const each of built) {
          expect(each).toEqual(built[0]);
          expect(Object.isFrozen(each)).toBe(true);
        }
        expect(new Set(built).size).toBe(times);
      }),
    );
  });

  it("leaves the shared base, and every builder along the way, unchanged by any steps taken from it (property)", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 5 }), fc.array(step, { maxLength: 6 }), fc.array(step, { maxLength: 6 }), (baseSteps, left, right) => {
        const base = applyAll(start().method("POST").url("https://example.com"), baseSteps);
        const before = base.build();
        // Walk both branches, keeping every builder along the way and what it built when it was made.
        const along: [AnyBuilder, HttpRequest][] = [];
        for (const branch of [left, right]) {
          let builder = base;
          for (const s of branch) {
            builder = apply(builder, s);
            along.push([builder, builder.build()]);
          }
        }
        expect(base.build()).toEqual(before);
        for (const [builder, built] of along) expect(builder.build()).toEqual(built);
        // A branch builds what the same steps build from scratch.
        expect(applyAll(base, left).build()).toEqual(applyAll(start().method("POST").url("https://example.com"), [...baseSteps, ...left]).build());
        expect(applyAll(base, right).build()).toEqual(applyAll(start().method("POST").url("https://example.com"), [...baseSteps, ...right]).build());
      }),
    );
  });
});

describe("3. build() checks the whole request (builder.test-d.ts checks that the types hide it until it can work)", () => {
  it("refuses to build without a url, with a TypeError naming url and not method (a builder whose types hide build(), called anyway)", () => {
    const error = expectRefusal(() => untyped(request().method("GET")).build(), { error: TypeError, param: "url" });
    expect(error.message, "method is set: the message should not name it as missing").not.toMatch(/(?<![\w$])method(?![\w$])/);
  });

  it("refuses to build without a method, with a TypeError naming method and not url", () => {
    const error = expectRefusal(() => untyped(request().url("https://example.com").header("Accept", "text/html")).build(), { error: TypeError, param: "method" });
    expect(error.message, "url is set: the message should not name it as missing").not.toMatch(/(?<![\w$])url(?![\w$])/);
  });

  it("refuses to build an empty builder, with a TypeError naming both method and url", () => {
    const error = expectRefusal(() => untyped(request()).build(), { error: TypeError, param: "method" });
    expectNamed(error.message, "url");
  });

  it("leaves a builder usable after a failed build: add the missing part, and it builds", () => {
    const noUrl = request().method("GET").query("q", "x");
    expect(caught(() => untyped(noUrl).build())).toBeInstanceOf(TypeError);
    expect(noUrl.url("https://example.com").build()).toEqual({ method: "GET", url: "https://example.com", headers: {}, query: { q: "x" }, body: null, timeout: 30_000 });
  });

  it.each(["GET", "HEAD"] as const)("refuses to build a %s with a body, with a RangeError naming body and the method", (method) => {
    const error = expectRefusal(() => request().method(method).url("https://example.com").body("hello").build(), { error: RangeError, param: "body" });
    expectNamed(error.message, method);
  });

  it('refuses a GET with an empty body "" too: an empty body is still a body', () => {
    expectRefusal(() => request().method("GET").url("https://example.com").body("").build(), { error: RangeError, param: "body" });
  });

  it.each(["POST", "PUT", "PATCH", "DELETE"] as const)("builds a %s with a body", (method) => {
    expect(request().method(method).url("https://example.com").body("hello").build().body).toBe("hello");
  });

  it("checks the body against the method at build, not at the step: body first, then GET, then POST builds", () => {
    const built = mustWork('body("hello").method("GET")...method("POST").build()', () =>
      request().body("hello").method("GET").url("https://example.com").method("POST").build(),
    );
    expect(built.method).toBe("POST");
    expect(built.body).toBe("hello");
  });

  it("lets one base with a body branch into a POST that builds and a GET that is refused at build", () => {
    const base = request().url("https://example.com").body("hello");
    const get = mustWork('method("GET") on a builder with a body (the rule waits for build())', () => base.method("GET"));
    expect(base.method("POST").build().body).toBe("hello");
    expectRefusal(() => get.build(), { error: RangeError, param: "body" });
  });
});

describe("4. jsonPost(url, data): a director, the recipe for a JSON POST", () => {
  it('builds a POST to url with the header Content-Type: application/json and the body JSON.stringify(data)', () => {
    expect(jsonPost("https://api.example.com/books", { title: "Dune", year: 1965 }).build()).toEqual({
      method: "POST",
      url: "https://api.example.com/books",
      headers: { "Content-Type": "application/json" },
      query: {},
      body: '{"title":"Dune","year":1965}',
      timeout: 30_000,
    });
  });

  it.each([
    ["null", null, "null"],
    ["a string", "hi", '"hi"'],
    ["an array", [1, 2], "[1,2]"],
    ["0", 0, "0"],
  ] as const)("writes %s as JSON: the body is JSON.stringify(data)", (_, data, body) => {
    expect(jsonPost("https://example.com", data).build().body).toBe(body);
  });

  it("returns a builder the caller goes on with: a timeout, a query, another header, its own Content-Type", () => {
    const built = jsonPost("https://example.com/books", [])
      .timeout(2000)
      .query("dry", "1")
      .header("Accept", "application/json")
      .header("Content-Type", "application/json; charset=utf-8")
      .build();
    expect(built).toEqual({
      method: "POST",
      url: "https://example.com/books",
      headers: { "Content-Type": "application/json; charset=utf-8", Accept: "application/json" },
      query: { dry: "1" },
      body: "[]",
      timeout: 2000,
    });
  });

  it("gives a new builder on every call: two recipes share nothing", () => {
    const a = jsonPost("https://example.com/a", { n: 1 });
    const b = jsonPost("https://example.com/b", { n: 2 });
    expect(a).not.toBe(b);
    a.header("X-Trace", "1");
    expect(a.build().headers).toEqual({ "Content-Type": "application/json" });
    expect(b.build()).toEqual({ method: "POST", url: "https://example.com/b", headers: { "Content-Type": "application/json" }, query: {}, body: '{"n":2}', timeout: 30_000 });
  });

  it("writes data when it is called: changing the object afterwards changes no request", () => {
    const book = { title: "Dune" };
    const builder = jsonPost("https://example.com", book);
    book.title = "Emma";
    expect(builder.build().body).toBe('{"title":"Dune"}');
  });

  it("refuses a url that is not an absolute http(s) URL, as the url step does: a RangeError naming url", () => {
    expectRefusal(() => jsonPost("example.com/books", {}), { error: RangeError, param: "url", value: "example.com/books" });
  });

  const cycle: Record<string, unknown> = {};
  cycle["self"] = cycle;
  it.each([
    ["undefined", undefined],
    ["a function", () => 1],
    ["a symbol", Symbol("x")],
    ["a bigint", 10n],
    ["an object that contains itself", cycle],
  ] as const)("refuses data JSON cannot write, %s, with a TypeError naming data", (_, data) => {
    expectRefusal(() => jsonPost("https://example.com", data), { error: TypeError, param: "data", value: data });
  });
});

describe("5. bad input at each step is refused by the workbook's contract, and the builder stays as it was", () => {
  const good = () => untyped(request().method("POST").url("https://example.com"));

  describe("method(method)", () => {
    it.each([42, null, undefined, true])("refuses %s with a TypeError naming method", (value) => {
      expectRefusal(() => good().method(value), { error: TypeError, param: "method", value });
    });
    it.each(["get", "FETCH", "", " GET", "Post"])('refuses "%s" with a RangeError naming method (methods are written in capitals)', (value) => {
      expectRefusal(() => good().method(value), { error: RangeError, param: "method", value });
    });
    it("refuses any string that is not one of the six methods (property)", () => {
      fc.assert(
        fc.property(
          fc.string({ maxLength: 8 }).filter((s) => !(METHODS as readonly string[]).includes(s)),
          (value) => {
            expectRefusal(() => good().method(value), { error: RangeError, param: "method", value });
          },
        ),
      );
    });
  });

  describe("url(url)", () => {
    it.each([42, null, undefined, { href: "https://example.com" }])("refuses %s with a TypeError naming url", (value) => {
      expectRefusal(() => good().url(value), { error: TypeError, param: "url", value });
    });
    it.each(["", "example.com/search", "/search", "ftp://example.com/file", "mailto:a@example.com", "https://exa mple.com"])(
      'refuses "%s" with a RangeError naming url: not an absolute http:// or https:// URL',
      (value) => {
        expectRefusal(() => good().url(value), { error: RangeError, param: "url", value });
      },
    );
  });

  describe("header(name, value)", () => {
    it.each([42, null, undefined])("refuses the name %s with a TypeError naming name", (value) => {
      expectRefusal(() => good().header(value, "x"), { error: TypeError, param: "name", value });
    });
    it.each(["", "Content Type", "X:Y", "Accept\n", "X_Trace"])('refuses the name "%s" with a RangeError naming name: only letters, digits and -', (value) => {
      expectRefusal(() => good().header(value, "x"), { error: RangeError, param: "name", value });
    });
    it.each([42, null, undefined])("refuses the value %s with a TypeError naming value", (value) => {
      expectRefusal(() => good().header("Accept", value), { error: TypeError, param: "value", value });
    });
    it.each(["text/html\r\nX-Admin: 1", "a\nb", "a\rb"])("refuses the value %j with a RangeError naming value: no line breaks", (value) => {
      expectRefusal(() => good().header("Accept", value), { error: RangeError, param: "value", value });
    });
  });

  describe("query(name, value)", () => {
    it.each([42, null])("refuses the name %s with a TypeError naming name", (value) => {
      expectRefusal(() => good().query(value, "x"), { error: TypeError, param: "name", value });
    });
    it('refuses the empty name "" with a RangeError naming name', () => {
      expectRefusal(() => good().query("", "x"), { error: RangeError, param: "name", value: "" });
    });
    it.each([42, null, undefined])("refuses the value %s with a TypeError naming value", (value) => {
      expectRefusal(() => good().query("page", value), { error: TypeError, param: "value", value });
    });
  });

  describe("body(body)", () => {
    it.each([42, null, undefined, { title: "Dune" }])("refuses %s with a TypeError naming body (jsonPost writes objects)", (value) => {
      expectRefusal(() => good().body(value), { error: TypeError, param: "body", value });
    });
  });

  describe("timeout(ms)", () => {
    it.each(["5000", null, undefined, 10n])("refuses %s with a TypeError naming ms", (value) => {
      expectRefusal(() => good().timeout(value), { error: TypeError, param: "ms", value });
    });
    it.each([0, -1, 1.5, NaN, Infinity, -Infinity])("refuses %s with a RangeError naming ms: a whole number of milliseconds, at least 1", (value) => {
      expectRefusal(() => good().timeout(value), { error: RangeError, param: "ms", value });
    });
  });

  it("leaves the builder as it was after a refused step: it builds what it built before", () => {
    const builder = good().header("Accept", "text/html").query("q", "x").body("b").timeout(50);
    const before = builder.build();
    const refusals = [
      () => builder.method("get"),
      () => builder.url("nowhere"),
      () => builder.header("Bad Name", "x"),
      () => builder.header("Accept", "a\nb"),
      () => builder.query("", "x"),
      () => builder.body(42),
      () => builder.timeout(0),
    ];
    for (const refused of refusals) expect(caught(refused)).toBeInstanceOf(Error);
    expect(builder.build()).toEqual(before);
  });
});
