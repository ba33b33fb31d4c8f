/**
 * The spec's own peers and tools for kata 08 (a support file: never the learner's). Bare TCP clients
 * and servers straight from node:net, so that each step tests one side of your code alone; waits
 * that end on the event they wait for, not on a sleep; and the arbitraries of the properties.
 *
 * Whatever they open is registered in `cleanups`; the spec closes it after every test.
 */
import { once } from "node:events";
import net from "node:net";
import fc from "fast-check";
import { assert } from "vitest";

/** What to close after the test, in reverse order: the spec's afterEach runs them. */
export const cleanups: Array<() => unknown> = [];

const encoder = new TextEncoder();

/** The UTF-8 bytes of `text`. */
export function bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A failed expectation (an AssertionError, as `expect` throws), to reject with. */
export function failure(message: string): Error {
  try {
    assert.fail(message);
  } catch (error) {
    return error as Error;
  }
  return new Error(message);
}

/** `promise`, or a failed expectation if it takes longer than `ms`: a guard against code that hangs, not a sleep. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(failure(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A few turns of the event loop, so that bytes already written are read by the other end. */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A promise the test resolves by hand: a handler that is "still working" until the test says so. */
export function gate<T>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

/** Waits until `check()` is true (checked on every turn of the event loop), for at most `ms`. */
export async function until(what: string, check: () => boolean, ms = 1000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw failure(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Collects the errors that escape every handler from now to the end of the test. In a real server
 * process each one is a crash: an "error" event that nobody listens to is thrown, and so is an
 * exception in a "data" handler.
 */
export function escapedErrors(): unknown[] {
  const errors: unknown[] = [];
  const record = (error: unknown): void => void errors.push(error);
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
  cleanups.push(() => {
    process.off("uncaughtException", record);
    process.off("unhandledRejection", record);
  });
  return errors;
}

/** Destroys `socket` and waits until it is really closed. */
export async function closeSocket(socket: net.Socket): Promise<void> {
  if (socket.closed) return;
  const closed = once(socket, "close");
  socket.destroy();
  await closed;
}

/** Calls `fn` and turns a synchronous throw into a rejection, so both count as "rejects". */
export function attempt<T>(fn: () => Promise<T>): Promise<T> {
  return Promise.resolve().then(fn);
}

/**
 * A tiny line splitter for the spec's own bare sockets: bytes in, lines out, a trailing \r dropped.
 * (Your LineDecoder does the same job properly, with a limit.)
 */
export function lineSplitter(): (chunk: Buffer) => string[] {
  let buffer = Buffer.alloc(0);
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    const lines: string[] = [];
    for (let nl = buffer.indexOf(0x0a); nl !== -1; nl = buffer.indexOf(0x0a)) {
      lines.push(buffer.subarray(0, nl).toString("utf8").replace(/\r$/, ""));
      buffer = buffer.subarray(nl + 1);
    }
    return lines;
  };
}

/** A bare TCP client straight from node:net, so that steps 2 and 4 test your server alone. */
export interface Peer {
  readonly socket: net.Socket;
  /** Writes text or bytes, exactly as given; resolves once they are handed to the system. */
  write(data: string | Uint8Array): Promise<void>;
  /** The next line the server sends, without its newline. Rejects if none comes within 1 s. */
  line(): Promise<string>;
  /** The next `n` lines. */
  lines(n: number): Promise<string[]>;
  /** Resolves once the connection is closed, by either side. */
  readonly closed: Promise<void>;
  isClosed(): boolean;
  /** How many lines arrived that no `line()` has taken yet. */
  waiting(): number;
  /** Resolves once a line has arrived that no `line()` has taken yet, or the connection is closed. */
  reaction(): Promise<void>;
}

/**
 * Connects a bare client. With `allowHalfOpen`, it keeps its sending side open after the server's FIN
 * (a client that does not leave); by default it closes its side too, as most clients do.
 */
export async function dial(port: number, host = "127.0.0.1", { allowHalfOpen = false } = {}): Promise<Peer> {
  // noDelay: every write leaves at once, as its own segment
  const socket = net.connect({ port, host, noDelay: true, allowHalfOpen });
  cleanups.push(() => closeSocket(socket));
  // A reset from the server must show up as "closed", not crash the spec.
  socket.on("error", () => {});
  await within(1000, `a connection to ${host}:${port}`, once(socket, "connect"));

  const ready: string[] = [];
  const received: string[] = [];
  const split = lineSplitter();
  let sleepers: Array<() => void> = [];
  const wake = (): void => {
    for (const sleeper of sleepers.splice(0)) sleeper();
  };
  const nextEvent = (): Promise<void> => new Promise<void>((resolve) => sleepers.push(resolve));
  let isClosed = false;
  socket.on("data", (chunk: Buffer) => {
    const lines = split(chunk);
    ready.push(...lines);
    received.push(...lines);
    if (lines.length > 0) wake();
  });
  const closed = new Promise<void>((resolve) =>
    socket.once("close", () => {
      isClosed = true;
      wake();
      resolve();
    }),
  );
  cleanups.push(() => void (sleepers = []));

  async function line(): Promise<string> {
    const deadline = Date.now() + 1000;
    for (;;) {
      const next = ready.shift();
      if (next !== undefined) return next;
      const sofar = `lines received so far: ${JSON.stringify(received)}`;
      if (isClosed) throw failure(`the server closed the connection instead of sending a line (${sofar})`);
      const left = deadline - Date.now();
      if (left <= 0) throw failure(`no line from the server within 1000 ms (${sofar})`);
      await within(left, `a line from the server (${sofar})`, nextEvent());
    }
  }

  return {
    socket,
    write: (data) =>
      new Promise<void>((resolve) => {
        if (!socket.writable) return resolve();
        socket.write(data, () => resolve()); // an error here (the server left) shows up as `closed`
      }),
    line,
    async lines(n) {
      const out: string[] = [];
      for (let i = 0; i < n; i++) out.push(await line());
      return out;
    },
    closed,
    isClosed: () => isClosed,
    waiting: () => ready.length,
    reaction: () => (isClosed || ready.length > 0 ? Promise.resolve() : nextEvent()),
  };
}

/** Whether anything accepts a TCP connection on `host:port` (a refusal or 1 s of silence: no). */
export async function reachable(port: number, host: string): Promise<boolean> {
  const socket = net.connect({ port, host });
  cleanups.push(() => closeSocket(socket));
  socket.on("error", () => {});
  try {
    await within(1000, `${host}:${port}`, once(socket, "connect"));
    return true;
  } catch {
    return false;
  } finally {
    await closeSocket(socket);
  }
}

/**
 * A bare TCP server straight from node:net, so that step 3 tests your client alone. `onLine` gets
 * each line it receives and the socket to answer on. Resolves with its port.
 */
export async function bareServer(
  onLine: (line: string, socket: net.Socket) => void,
  onEnd?: (socket: net.Socket) => void,
  { allowHalfOpen = false } = {},
): Promise<number> {
  const sockets = new Set<net.Socket>();
  // allowHalfOpen: the client's FIN does not close the server's side (it answers, or never leaves).
  const server = net.createServer({ allowHalfOpen }, (socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    if (onEnd) socket.on("end", () => onEnd(socket));
    const split = lineSplitter();
    socket.on("data", (chunk: Buffer) => {
      for (const line of split(chunk)) onLine(line, socket);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(async () => {
    const closing = new Promise((resolve) => server.close(resolve));
    await Promise.all([...sockets].map(closeSocket));
    await closing;
  });
  return (server.address() as net.AddressInfo).port;
}

/** A port that was free a moment ago (the system just handed it out, then it was released). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Cuts `data` at the given positions (taken modulo its length, duplicates ignored). */
export function cut(data: Uint8Array, positions: readonly number[]): Uint8Array[] {
  const at = [...new Set(positions.map((p) => (data.length === 0 ? 0 : p % (data.length + 1))))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const end of [...at, data.length]) {
    chunks.push(data.subarray(start, end));
    start = end;
  }
  return chunks;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

/**
 * Any Unicode character UTF-8 can carry (every code point but the surrogates), with 1-, 2-, 3- and
 * 4-byte characters equally likely. (fast-check's own `unit: "binary"` does the same, but takes
 * seconds to build the first time.)
 */
export const character = fc
  .oneof(
    fc.integer({ min: 0x00, max: 0x7f }),
    fc.integer({ min: 0x80, max: 0x7ff }),
    fc.integer({ min: 0x800, max: 0xffff - 0x800 }).map((cp) => (cp >= 0xd800 ? cp + 0x800 : cp)), // skip D800-DFFF
    fc.integer({ min: 0x10000, max: 0x10ffff }),
  )
  .map((cp) => String.fromCodePoint(cp));
/** Text without \r or \n, any Unicode character otherwise: one message, one line. */
export const oneLine = fc.string({ unit: character, maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ""));
/** A message for a server: one line, and not the line "exit". */
export const message = oneLine.map((s) => (s === "exit" ? "exit!" : s));
