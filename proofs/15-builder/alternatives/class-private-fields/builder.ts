/*
 * Alternative: a class with #private fields; every step returns a new instance made by a private
 * copy constructor, and the rules live in static helpers. Messages in other words.
 */
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

const METHODS = new Set<string>(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);

function quote(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "object":
      return value === null ? "null" : "an object";
    case "function":
      return "a function";
    default:
      return String(value);
  }
}

class Builder {
  readonly #method: Method | undefined;
  readonly #url: string | undefined;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #query: Readonly<Record<string, string>>;
  readonly #body: string | null;
  readonly #timeout: number;

  // A telescoping constructor: every step passes all six parts on, one of them changed.
  constructor(
    method: Method | undefined = undefined,
    url: string | undefined = undefined,
    headers: Readonly<Record<string, string>> = Object.freeze({}),
    query: Readonly<Record<string, string>> = Object.freeze({}),
    body: string | null = null,
    timeout = 30000,
  ) {
    this.#method = method;
    this.#url = url;
    this.#headers = headers;
    this.#query = query;
    this.#body = body;
    this.#timeout = timeout;
  }

  static #text(value: unknown, param: string): string {
    if (typeof value !== "string") throw new TypeError(`bad ${param} (${quote(value)}): not a string`);
    return value;
  }

  method(method: Method): Builder {
    const m = Builder.#text(method, "method");
    if (!METHODS.has(m)) throw new RangeError(`bad method (${quote(m)}): use GET, HEAD, POST, PUT, PATCH or DELETE`);
    return new Builder(m as Method, this.#url, this.#headers, this.#query, this.#body, this.#timeout);
  }

  url(url: string): Builder {
    const u = Builder.#text(url, "url");
    let ok = false;
    try {
      ok = ["http:", "https:"].includes(new URL(u).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new RangeError(`bad url (${quote(u)}): an absolute http(s) URL is needed`);
    return new Builder(this.#method, u, this.#headers, this.#query, this.#body, this.#timeout);
  }

  header(name: string, value: string): Builder {
    const n = Builder.#text(name, "name");
    if (!/^[A-Za-z0-9-]+$/.test(n)) throw new RangeError(`bad header name (${quote(n)})`);
    const v = Builder.#text(value, "value");
    if (v.includes("\r") || v.includes("\n")) throw new RangeError(`bad header value (${quote(v)}): no line breaks`);
    const headers = Object.freeze({ ...this.#headers, [n]: v });
    return new Builder(this.#method, this.#url, headers, this.#query, this.#body, this.#timeout);
  }

  query(name: string, value: string): Builder {
    const n = Builder.#text(name, "name");
    if (n.length === 0) throw new RangeError(`bad query name (${quote(n)}): empty`);
    const query = Object.freeze({ ...this.#query, [n]: Builder.#text(value, "value") });
    return new Builder(this.#method, this.#url, this.#headers, query, this.#body, this.#timeout);
  }

  body(body: string): Builder {
    return new Builder(this.#method, this.#url, this.#headers, this.#query, Builder.#text(body, "body"), this.#timeout);
  }

  timeout(ms: number): Builder {
    if (typeof ms !== "number") throw new TypeError(`bad ms (${quote(ms)}): not a number`);
    if (!Number.isSafeInteger(ms) || ms <= 0) throw new RangeError(`bad ms (${quote(ms)}): whole milliseconds, 1 or more`);
    return new Builder(this.#method, this.#url, this.#headers, this.#query, this.#body, ms);
  }

  build(): HttpRequest {
    const method = this.#method;
    const url = this.#url;
    if (method === undefined || url === undefined) {
      const missing = [method === undefined ? "method" : "", url === undefined ? "url" : ""].filter(Boolean);
      throw new TypeError(`missing: ${missing.join(", ")}`);
    }
    if (this.#body !== null && ["GET", "HEAD"].includes(method)) {
      throw new RangeError(`${method} with a body: a ${method} request takes no body`);
    }
    return Object.freeze({ method, url, headers: this.#headers, query: this.#query, body: this.#body, timeout: this.#timeout });
  }
}

/** Step 1. An empty builder. */
export function request(): RequestBuilder {
  return new Builder();
}

/** Step 4. The recipe for a JSON POST. */
export function jsonPost(url: string, data: unknown): RequestBuilder<RequiredPart> {
  let text: string | undefined;
  try {
    text = JSON.stringify(data);
  } catch (cause) {
    throw new TypeError(`bad data (${quote(data)}): JSON cannot write it`, { cause });
  }
  if (typeof text !== "string") throw new TypeError(`bad data (${quote(data)}): JSON cannot write it`);
  return request().method("POST").url(url).header("Content-Type", "application/json").body(text);
}
