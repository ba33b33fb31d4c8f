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

const METHODS: readonly string[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
const HEADER_NAME = /^[A-Za-z0-9-]+$/;
const DEFAULT_TIMEOUT = 30_000;

/** A refused value as the contract shows it: strings quoted, other primitives as written, objects in words. */
function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "an array" : "an object";
  return String(value);
}

function mustBeString(value: unknown, param: string): asserts value is string {
  if (typeof value !== "string") throw new TypeError(`${param} must be a string, got ${shown(value)}`);
}

function isHttpUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === "http:" || protocol === "https:";
}

/** Everything a builder knows. Never changed: each step makes a new one. */
interface Parts {
  readonly method: Method | undefined;
  readonly url: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: string | null;
  readonly timeout: number;
}

const EMPTY: Parts = Object.freeze({
  method: undefined,
  url: undefined,
  headers: Object.freeze({}),
  query: Object.freeze({}),
  body: null,
  timeout: DEFAULT_TIMEOUT,
});

/** At run time every builder has every method; the types hide `build()` until it can succeed. */
type AnyBuilder = RequestSteps<RequiredPart> & { build(): HttpRequest };

function builder(parts: Parts): AnyBuilder {
  // A new Parts for a new builder: this one's parts are never written to, so branches never leak.
  const next = (change: Partial<Parts>): AnyBuilder => builder({ ...parts, ...change });
  return Object.freeze({
    method(method: Method) {
      mustBeString(method, "method");
      if (!METHODS.includes(method)) throw new RangeError(`method must be one of ${METHODS.join(", ")}, got ${shown(method)}`);
      return next({ method });
    },
    url(url: string) {
      mustBeString(url, "url");
      if (!isHttpUrl(url)) throw new RangeError(`url must be an absolute http:// or https:// URL, got ${shown(url)}`);
      return next({ url });
    },
    header(name: string, value: string) {
      mustBeString(name, "name");
      if (!HEADER_NAME.test(name)) throw new RangeError(`header name must be letters, digits and -, got ${shown(name)}`);
      mustBeString(value, "value");
      // A CR or LF would end the header early and start another one: header injection.
      if (/[\r\n]/.test(value)) throw new RangeError(`header value must not contain a line break, got ${shown(value)}`);
      return next({ headers: Object.freeze({ ...parts.headers, [name]: value }) });
    },
    query(name: string, value: string) {
      mustBeString(name, "name");
      if (name === "") throw new RangeError(`query name must not be empty, got ${shown(name)}`);
      mustBeString(value, "value");
      return next({ query: Object.freeze({ ...parts.query, [name]: value }) });
    },
    body(body: string) {
      mustBeString(body, "body");
      return next({ body });
    },
    timeout(ms: number) {
      if (typeof ms !== "number") throw new TypeError(`ms must be a number, got ${shown(ms)}`);
      if (!Number.isInteger(ms) || ms < 1) throw new RangeError(`ms must be a whole number of milliseconds >= 1, got ${shown(ms)}`);
      return next({ timeout: ms });
    },
    build(): HttpRequest {
      const { method, url, headers, query, body, timeout } = parts;
      // Rules about the whole wait for build(): the steps may come in any order.
      const missing: RequiredPart[] = [];
      if (method === undefined) missing.push("method");
      if (url === undefined) missing.push("url");
      if (method === undefined || url === undefined) {
        throw new TypeError(`cannot build the request: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} missing`);
      }
      if (body !== null && (method === "GET" || method === "HEAD")) {
        throw new RangeError(`a ${method} request cannot have a body: drop body(...) or use another method`);
      }
      // headers and query are frozen and never changed, so the request can share them; the request
      // itself is a new frozen object on every build().
      return Object.freeze({ method, url, headers, query, body, timeout });
    },
  });
}

/**
 * Step 1. An empty builder: nothing set yet, so no `build()` in its type.
 *
 * @example
 *   const search = request().method("GET").url("https://example.com/search").query("q", "builder");
 *   search.build(); // { method: "GET", url: "https://example.com/search", query: { q: "builder" }, ... }
 */
export function request(): RequestBuilder {
  return builder(EMPTY);
}

/**
 * Step 4. A director: the recipe for a JSON POST to `url`, as a builder the caller may go on with.
 * Sets the method `"POST"`, the `url`, the header `Content-Type: application/json` and the body
 * `JSON.stringify(data)`. `data` that JSON cannot write is a `TypeError` naming `data`.
 */
export function jsonPost(url: string, data: unknown): RequestBuilder<RequiredPart> {
  let text: string | undefined;
  try {
    text = JSON.stringify(data);
  } catch {
    // A cycle or a bigint: JSON.stringify's own TypeError does not name `data`.
    throw new TypeError(`data must be something JSON can write, got ${shown(data)}`);
  }
  // undefined, a function or a symbol: JSON.stringify returns undefined rather than a string.
  if (text === undefined) throw new TypeError(`data must be something JSON can write, got ${shown(data)}`);
  return request().method("POST").url(url).header("Content-Type", "application/json").body(text);
}
