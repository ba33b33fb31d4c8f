/*
 * Alternative: a persistent list of steps. A builder is only its last step and a link to the builder
 * before it (shared, never copied); build() walks the list and folds the steps into a request, so a
 * step costs O(1) and nothing is copied until build().
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

type Step =
  | { readonly part: "method"; readonly value: Method }
  | { readonly part: "url"; readonly value: string }
  | { readonly part: "header" | "query"; readonly name: string; readonly value: string }
  | { readonly part: "body"; readonly value: string }
  | { readonly part: "timeout"; readonly value: number };

/** A cons cell: the newest step first. */
interface Chain {
  readonly step: Step;
  readonly before: Chain | null;
}

const show = (value: unknown): string =>
  typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : typeof value === "object" && value !== null ? "an object" : typeof value === "function" ? "a function" : String(value);

const refuseType = (param: string, value: unknown, wanted: string): never => {
  throw new TypeError(`${param}: expected ${wanted}, got ${show(value)}`);
};
const refuseRange = (param: string, value: unknown, rule: string): never => {
  throw new RangeError(`${param}: ${rule}, got ${show(value)}`);
};

const METHODS: ReadonlySet<unknown> = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);

function fold(chain: Chain | null): HttpRequest {
  const steps: Step[] = [];
  for (let link = chain; link !== null; link = link.before) steps.push(link.step);
  steps.reverse();
  let method: Method | undefined;
  let url: string | undefined;
  let body: string | null = null;
  let timeout = 30_000;
  const headers = new Map<string, string>();
  const query = new Map<string, string>();
  for (const step of steps) {
    switch (step.part) {
      case "method":
        method = step.value;
        break;
      case "url":
        url = step.value;
        break;
      case "header":
        headers.set(step.name, step.value);
        break;
      case "query":
        query.set(step.name, step.value);
        break;
      case "body":
        body = step.value;
        break;
      case "timeout":
        timeout = step.value;
        break;
    }
  }
  if (method === undefined || url === undefined) {
    const missing = [method === undefined ? "method" : null, url === undefined ? "url" : null].filter((p) => p !== null);
    throw new TypeError(`the request still needs: ${missing.join(" + ")}`);
  }
  if (body !== null && (method === "GET" || method === "HEAD")) throw new RangeError(`${method} takes no body (body is set)`);
  return Object.freeze({
    method,
    url,
    headers: Object.freeze(Object.fromEntries(headers)),
    query: Object.freeze(Object.fromEntries(query)),
    body,
    timeout,
  });
}

function link(chain: Chain | null): RequestBuilder<RequiredPart> {
  const then = (step: Step) => link({ step, before: chain });
  return {
    method(method) {
      if (typeof method !== "string") refuseType("method", method, "a string");
      if (!METHODS.has(method)) refuseRange("method", method, "not one of GET, HEAD, POST, PUT, PATCH, DELETE");
      return then({ part: "method", value: method });
    },
    url(url) {
      if (typeof url !== "string") refuseType("url", url, "a string");
      const parsed = URL.canParse(url) ? new URL(url) : null;
      if (parsed === null || !/^https?:$/.test(parsed.protocol)) refuseRange("url", url, "not an absolute http(s) URL");
      return then({ part: "url", value: url });
    },
    header(name, value) {
      if (typeof name !== "string") refuseType("name", name, "a string");
      if (!/^[A-Za-z0-9-]+$/.test(name)) refuseRange("name", name, "a header name is letters, digits and -");
      if (typeof value !== "string") refuseType("value", value, "a string");
      if (/[\r\n]/.test(value)) refuseRange("value", value, "a header value has no line breaks");
      return then({ part: "header", name, value });
    },
    query(name, value) {
      if (typeof name !== "string") refuseType("name", name, "a string");
      if (name === "") refuseRange("name", name, "empty");
      if (typeof value !== "string") refuseType("value", value, "a string");
      return then({ part: "query", name, value });
    },
    body(body) {
      if (typeof body !== "string") refuseType("body", body, "a string");
      return then({ part: "body", value: body });
    },
    timeout(ms) {
      if (typeof ms !== "number") refuseType("ms", ms, "a number");
      if (!(Number.isInteger(ms) && ms > 0)) refuseRange("ms", ms, "whole milliseconds, at least 1");
      return then({ part: "timeout", value: ms });
    },
    build: () => fold(chain),
  };
}

/** Step 1. An empty builder. */
export function request(): RequestBuilder {
  return link(null);
}

/** Step 4. The director's recipe: POST, url, JSON content type, the data as JSON. */
export function jsonPost(url: string, data: unknown): RequestBuilder<RequiredPart> {
  let json: unknown;
  try {
    json = JSON.stringify(data);
  } catch {
    json = undefined;
  }
  if (typeof json !== "string") refuseType("data", data, "a value JSON can write");
  return request().method("POST").url(url).header("Content-Type", "application/json").body(json as string);
}
