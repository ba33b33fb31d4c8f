/*
 * Alternative: clone then set, the classic Java-style builder made immutable from the outside. Inside,
 * a builder's (TypeScript-private) fields are plain mutable ones, but a step never changes `this`: it clones the builder
 * (fresh Maps for headers and query) and sets the part on the clone. build() copies the Maps into
 * new frozen objects every time.
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

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return String(value) + "n";
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return String(value);
  return typeof value === "function" ? "a function" : "an object";
}

function needString(value: unknown, param: string): string {
  if (typeof value === "string") return value;
  throw new TypeError(`expected ${param} to be a string, but got ${describe(value)}`);
}

class MutableRequestBuilder {
  private method_: Method | undefined = undefined;
  private url_: string | undefined = undefined;
  private headers_ = new Map<string, string>();
  private query_ = new Map<string, string>();
  private body_: string | null = null;
  private timeout_ = 30_000;

  private clone(): MutableRequestBuilder {
    const copy = new MutableRequestBuilder();
    copy.method_ = this.method_;
    copy.url_ = this.url_;
    copy.headers_ = new Map(this.headers_);
    copy.query_ = new Map(this.query_);
    copy.body_ = this.body_;
    copy.timeout_ = this.timeout_;
    return copy;
  }

  method(method: Method): MutableRequestBuilder {
    needString(method, "method");
    switch (method) {
      case "GET":
      case "HEAD":
      case "POST":
      case "PUT":
      case "PATCH":
      case "DELETE":
        break;
      default:
        throw new RangeError(`expected method to be GET, HEAD, POST, PUT, PATCH or DELETE, but got ${describe(method)}`);
    }
    const next = this.clone();
    next.method_ = method;
    return next;
  }

  url(url: string): MutableRequestBuilder {
    needString(url, "url");
    let protocol = "";
    try {
      protocol = new URL(url).protocol;
    } catch {
      // not a URL at all: protocol stays ""
    }
    if (protocol !== "http:" && protocol !== "https:") throw new RangeError(`expected url to be an absolute http or https URL, but got ${describe(url)}`);
    const next = this.clone();
    next.url_ = url;
    return next;
  }

  header(name: string, value: string): MutableRequestBuilder {
    needString(name, "name");
    if (!/^[-A-Za-z0-9]+$/.test(name)) throw new RangeError(`expected name to be a header name, but got ${describe(name)}`);
    needString(value, "value");
    if (/[\n\r]/.test(value)) throw new RangeError(`expected value to be on one line, but got ${describe(value)}`);
    const next = this.clone();
    next.headers_.set(name, value);
    return next;
  }

  query(name: string, value: string): MutableRequestBuilder {
    if (needString(name, "name") === "") throw new RangeError(`expected name to be non-empty, but got ${describe(name)}`);
    needString(value, "value");
    const next = this.clone();
    next.query_.set(name, value);
    return next;
  }

  body(body: string): MutableRequestBuilder {
    const next = this.clone();
    next.body_ = needString(body, "body");
    return next;
  }

  timeout(ms: number): MutableRequestBuilder {
    if (typeof ms !== "number") throw new TypeError(`expected ms to be a number, but got ${describe(ms)}`);
    if (ms % 1 !== 0 || !(ms >= 1) || ms === Infinity) throw new RangeError(`expected ms to be a whole number >= 1, but got ${describe(ms)}`);
    const next = this.clone();
    next.timeout_ = ms;
    return next;
  }

  build(): HttpRequest {
    const missing: string[] = [];
    if (this.method_ === undefined) missing.push("method");
    if (this.url_ === undefined) missing.push("url");
    if (this.method_ === undefined || this.url_ === undefined) throw new TypeError(`cannot build yet; set ${missing.join(" and ")} first`);
    if (this.body_ !== null && (this.method_ === "GET" || this.method_ === "HEAD")) {
      throw new RangeError(`a body is not allowed on ${this.method_}`);
    }
    return Object.freeze({
      method: this.method_,
      url: this.url_,
      headers: Object.freeze(Object.fromEntries(this.headers_)),
      query: Object.freeze(Object.fromEntries(this.query_)),
      body: this.body_,
      timeout: this.timeout_,
    });
  }
}

/** Step 1. An empty builder. */
export function request(): RequestBuilder {
  return new MutableRequestBuilder();
}

/** Step 4. A JSON POST to url. */
export function jsonPost(url: string, data: unknown): RequestBuilder<RequiredPart> {
  let body: string | undefined;
  try {
    body = JSON.stringify(data);
  } catch {
    throw new TypeError(`expected data to be JSON-serialisable, but got ${describe(data)}`);
  }
  if (body === undefined) throw new TypeError(`expected data to be JSON-serialisable, but got ${describe(data)}`);
  return request().url(url).method("POST").header("Content-Type", "application/json").body(body);
}
