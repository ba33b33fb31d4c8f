import { todo } from "../../tools/kit";

/** Step 1. The methods a request may use, written in capitals. */
export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Step 1. What `build()` returns: a request description, frozen all the way down. */
export interface HttpRequest {
  /** Required: set by `.method(...)`. */
  readonly method: Method;
  /** Required: an absolute http:// or https:// URL, exactly as given to `.url(...)`. */
  readonly url: string;
  /** One entry per `.header(name, value)`, the last value for a name winning; `{}` when none. */
  readonly headers: Readonly<Record<string, string>>;
  /** One entry per `.query(name, value)`, the last value for a name winning; `{}` when none. */
  readonly query: Readonly<Record<string, string>>;
  /** The text given to `.body(...)`; `null` when none. */
  readonly body: string | null;
  /** Milliseconds, from `.timeout(ms)`; 30000 when left out. */
  readonly timeout: number;
}

/** Step 3. The parts a request cannot do without: `build()` exists once both are set. */
export type RequiredPart = "method" | "url";

/** Step 1. The steps of a builder that has set the required parts in `Has` so far. */
export interface RequestSteps<Has extends RequiredPart> {
  /** A new builder with the method set. Refuses (step 5, naming `method`) a non-string or a string not in `Method` (`"get"`). */
  method(method: Method): RequestBuilder<Has | "method">;
  /** A new builder with the URL set. Refuses (naming `url`) a non-string or a string that is not an absolute http(s) URL. */
  url(url: string): RequestBuilder<Has | "url">;
  /** A new builder with the header `name` set to `value`. A `name` is letters, digits and `-`; a `value` has no CR or LF. */
  header(name: string, value: string): RequestBuilder<Has>;
  /** A new builder with the query parameter `name` (not empty) set to `value` (any string, `""` too). */
  query(name: string, value: string): RequestBuilder<Has>;
  /** A new builder with the body set: any string (`""` too). A body on a GET or HEAD is refused by `build()`. */
  body(body: string): RequestBuilder<Has>;
  /** A new builder with the timeout set: a whole number of milliseconds, at least 1. */
  timeout(ms: number): RequestBuilder<Has>;
}

/**
 * Step 1-3. A builder: every step returns a new one and leaves this one as it was. `build()` is in
 * the type only once both required parts are set (`Has` is `"method" | "url"`); at run time every
 * builder has it, and on a builder missing a part it throws a `TypeError` naming each missing part.
 */
export type RequestBuilder<Has extends RequiredPart = never> = RequestSteps<Has> &
  // [ ] around both sides: without them the conditional would distribute over the union in `Has`.
  ([RequiredPart] extends [Has] ? { build(): HttpRequest } : unknown);

/**
 * Step 1. An empty builder: nothing set yet, so no `build()` in its type.
 *
 * @example
 *   const search = request().method("GET").url("https://example.com/search").query("q", "builder");
 *   search.build(); // { method: "GET", url: "https://example.com/search", query: { q: "builder" }, ... }
 */
export function request(): RequestBuilder {
  return todo("request()");
}

/**
 * Step 4. A director: the recipe for a JSON POST to `url`, as a builder the caller may go on with.
 * Sets the method `"POST"`, the `url`, the header `Content-Type: application/json` and the body
 * `JSON.stringify(data)`. `data` that JSON cannot write is a `TypeError` naming `data`.
 */
export function jsonPost(url: string, data: unknown): RequestBuilder<RequiredPart> {
  return todo("jsonPost(url, data)");
}
