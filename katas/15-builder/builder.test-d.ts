/*
 * Type-level tests: checked by `npx tsc -p .` (the workbook's self-check runs it), never executed.
 * A `// @ts-expect-error` line passes when the line below it does NOT compile, and fails tsc when
 * it does: it is how a spec says "this must be a compile error".
 */
import { expectTypeOf } from "vitest";
import { jsonPost, request, type HttpRequest, type Method, type RequestBuilder, type RequiredPart } from "./builder";

const URL_ = "https://example.com";

// Step 1: request() starts with nothing set; the state lives in the type parameter.
expectTypeOf(request()).toEqualTypeOf<RequestBuilder<never>>();
expectTypeOf(request().method("GET")).toEqualTypeOf<RequestBuilder<"method">>();
expectTypeOf(request().url(URL_)).toEqualTypeOf<RequestBuilder<"url">>();
expectTypeOf<RequiredPart>().toEqualTypeOf<"method" | "url">();
expectTypeOf<Method>().toEqualTypeOf<"GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE">();

// Optional parts leave the state as it was.
expectTypeOf(request().method("GET").header("Accept", "text/html").query("q", "x").timeout(5)).toEqualTypeOf<RequestBuilder<"method">>();

// Step 3: build() exists only once method and url are both set, in either order.
expectTypeOf(request().method("GET").url(URL_).build()).toEqualTypeOf<HttpRequest>();
expectTypeOf(request().url(URL_).method("GET").build()).toEqualTypeOf<HttpRequest>();
expectTypeOf(request().url(URL_).method("GET")).toEqualTypeOf<RequestBuilder<RequiredPart>>();
expectTypeOf(request().url(URL_).body("x").method("POST").timeout(1).build()).toEqualTypeOf<HttpRequest>();
expectTypeOf(request().method("GET").url(URL_)).toHaveProperty("build");
expectTypeOf(request()).not.toHaveProperty("build");
expectTypeOf(request().method("GET")).not.toHaveProperty("build");
expectTypeOf(request().url(URL_)).not.toHaveProperty("build");

// @ts-expect-error nothing set yet: no build()
request().build();
// @ts-expect-error url missing
request().method("GET").build();
// @ts-expect-error method missing
request().url(URL_).build();
// @ts-expect-error optional parts do not make up for a missing url
request().method("POST").header("Accept", "text/html").query("q", "x").body("b").timeout(5).build();

// A branch keeps the state of its base, and the base keeps its own.
const base = request().url(URL_).header("Accept", "application/json");
const list = base.method("GET");
expectTypeOf(list.build()).toEqualTypeOf<HttpRequest>();
// @ts-expect-error the base itself still has no method
base.build();

// The steps take what they say.
// @ts-expect-error methods are written in capitals
request().method("get");
// @ts-expect-error not a method
request().method("FETCH");
// @ts-expect-error a timeout is a number of milliseconds
request().timeout("5000");
// @ts-expect-error a header value is a string
request().header("X-Count", 1);
// @ts-expect-error a body is a string: jsonPost writes objects
request().body({ title: "Dune" });

// The built request is read-only, all the way down.
declare const built: HttpRequest;
expectTypeOf(built.method).toEqualTypeOf<Method>();
expectTypeOf(built.body).toEqualTypeOf<string | null>();
expectTypeOf(built.timeout).toEqualTypeOf<number>();
// @ts-expect-error readonly
built.method = "POST";
// @ts-expect-error its headers are read-only too
built.headers["X-Admin"] = "1";
// @ts-expect-error and its query
built.query["page"] = "2";

// Step 4: the director returns a complete builder, ready to build or to go on with.
expectTypeOf(jsonPost(URL_, { title: "Dune" })).toEqualTypeOf<RequestBuilder<RequiredPart>>();
expectTypeOf(jsonPost(URL_, [1, 2]).timeout(100).build()).toEqualTypeOf<HttpRequest>();
