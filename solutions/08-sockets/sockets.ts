import net from "node:net";
import type { AddressInfo, Socket } from "node:net";

/** The longest line, in UTF-8 bytes without its `\n` or `\r\n`, that a decoder accepts by default (16 KiB). */
export const DEFAULT_MAX_LINE_BYTES: number = 16 * 1024;

/**
 * Given (nothing to write here): what `LineDecoder.push` throws when a line grows past the limit.
 * `lines` holds the complete lines that came before the over-long one in the same chunk, so none is lost.
 */
export class LineTooLongError extends RangeError {
  override name = "LineTooLongError";
  constructor(
    readonly maxLineBytes: number,
    readonly lines: readonly string[] = [],
  ) {
    super(`line too long: more than ${maxLineBytes} bytes before the newline`);
  }
}

/** Options of a `LineDecoder`. */
export interface LineDecoderOptions {
  /** The longest line accepted, in UTF-8 bytes, not counting its `\n` or `\r\n`. A positive integer. */
  maxLineBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;

// One decoder for every line: each call decodes a *complete* line, so no state is carried over.
// ignoreBOM keeps a leading U+FEFF as text (by default TextDecoder silently eats it, and here every
// line is a "start"). Not `fatal`: invalid bytes become U+FFFD instead of throwing in a data handler.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * Step 1. Turns a TCP byte stream, cut into chunks anyhow, back into lines. Pure: no sockets.
 *
 * - A line ends with `\n` or `\r\n` (a lone `\r` inside a line is kept). The terminator is not returned.
 * - Bytes are UTF-8; a character may be split between two chunks. Invalid bytes become U+FFFD (never
 *   an exception), and a leading U+FEFF is kept as part of the line.
 * - A line longer than `maxLineBytes` (default `DEFAULT_MAX_LINE_BYTES`) throws a `LineTooLongError`
 *   as soon as it is known to be too long, newline or not, without keeping its bytes. After that the
 *   decoder is done: every later `push` throws a `LineTooLongError` too.
 * - A `maxLineBytes` that is not a positive integer is a `RangeError` (a `TypeError` if not a number).
 *   Bad input follows the workbook's contract (root README): the class, the parameter named, the value shown.
 */
export class LineDecoder {
  readonly #max: number;
  // The bytes of the line in progress. Bytes, not text: decoding waits for the newline, so a
  // character split between two chunks is whole again by then.
  #pending: Uint8Array[] = [];
  #size = 0;
  #failed = false;

  /** Creates a decoder with nothing buffered. */
  constructor(options: LineDecoderOptions = {}) {
    this.#max = checkLimit(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * Feeds the next chunk of bytes; returns the lines it completed, oldest first (often none).
   * A chunk that is not a `Uint8Array` (a `Buffer` is one) is a `TypeError`, and changes nothing buffered.
   */
  push(chunk: Uint8Array): string[] {
    if (!(chunk instanceof Uint8Array)) throw new TypeError(`chunk must be a Uint8Array, got ${shown(chunk)}`);
    if (this.#failed) throw new LineTooLongError(this.#max);
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      // 0x0A never occurs inside a multibyte UTF-8 character, so cutting the bytes there is safe.
      const newline = chunk.indexOf(LF, start);
      const piece = chunk.subarray(start, newline === -1 ? chunk.length : newline);
      // Check before keeping anything: an endless line must cost at most maxLineBytes of memory.
      const size = this.#size + piece.length;
      const last = piece.length > 0 ? piece[piece.length - 1] : this.#pending.at(-1)?.at(-1);
      // A trailing \r may be the first half of \r\n, so it does not count against the limit (yet).
      if (size > this.#max + (last === CR ? 1 : 0)) {
        this.#failed = true;
        this.#pending = [];
        this.#size = 0;
        throw new LineTooLongError(this.#max, lines);
      }
      if (piece.length > 0) {
        // A copy: whoever owns `chunk` may reuse its memory once push returns.
        this.#pending.push(newline === -1 ? piece.slice() : piece);
        this.#size = size;
      }
      if (newline === -1) return lines;
      lines.push(this.#takeLine());
      start = newline + 1;
    }
  }

  #takeLine(): string {
    const bytes = new Uint8Array(this.#size);
    let offset = 0;
    for (const part of this.#pending) {
      bytes.set(part, offset);
      offset += part.length;
    }
    this.#pending = [];
    this.#size = 0;
    const end = bytes.at(-1) === CR ? bytes.length - 1 : bytes.length;
    return utf8.decode(bytes.subarray(0, end));
  }
}

/** Step 2. Answers one line. Returns the reply line, or a promise of it. */
export type LineHandler = (line: string) => string | Promise<string>;

/**
 * The listen backlog a server asks for by default: how many connections the kernel may hold, fully
 * opened, until the server accepts them. Node's own default is 511; a burst of more clients than that
 * makes the kernel drop their first SYN, and each of them waits a second before trying again. The
 * kernel caps it at `net.core.somaxconn` (4096 on current Linux).
 */
export const DEFAULT_BACKLOG: number = 4096;

/** How long `LineClient.close()` waits by default for the server to close its side (1 s). */
export const DEFAULT_CLOSE_TIMEOUT_MS: number = 1000;

/** Options of `startServer`. */
export interface ServerOptions {
  /** The interface to bind. Default `"127.0.0.1"`: loopback only, unreachable from other machines. */
  host?: string;
  /** The port to bind, an integer in 0..65535. Default `0`: the system picks a free one. */
  port?: number;
  /** Called with every line a client sends; what it returns is sent back to that client as one line. */
  handle: LineHandler;
  /** The longest line a client may send, as for `LineDecoder`. Default `DEFAULT_MAX_LINE_BYTES`. */
  maxLineBytes?: number;
  /** The listen backlog, a positive integer. Default `DEFAULT_BACKLOG`. */
  backlog?: number;
  /**
   * Ends a connection on which nothing was received or sent for this many milliseconds, with an
   * `ERROR …` line first; and cuts off a client that has not left this long after the server ended
   * its connection (after `exit`, an over-long line or the idle error), even if it goes on sending.
   * A finite number >= 0; default `0`: never (a silent client may stay).
   */
  idleTimeoutMs?: number;
}

/** Step 2. A running server. */
export interface LineServer {
  /** The address it is bound to, e.g. `"127.0.0.1"`. */
  readonly host: string;
  /** The port it is bound to: the real one, also when it was started with port 0. */
  readonly port: number;
  /** Stops accepting, ends every open connection, and resolves once all of it is closed. */
  close(): Promise<void>;
}

/**
 * Steps 2, 4, 5 and 6. Starts a TCP line server and resolves once it listens.
 *
 * - Every line a client sends gets `handle(line)`'s reply (sync or async) back as one line ending in
 *   `\n`, in the order the lines came, independently for each client, with many clients at once.
 * - The line `exit` is not handled: the server answers the lines before it, then ends that connection.
 * - A client that closes its sending side (half-close) still gets the reply to every line it sent
 *   before; then the server ends the connection. Bytes after the last newline are not a line: dropped.
 * - Errors are answered with one line starting with `ERROR ` (e.g. `ERROR line too long`):
 *   - a line longer than `maxLineBytes`: the error line, then that connection is ended;
 *   - a handler that throws or rejects, or whose reply is not one line (it contains `\n` or `\r`):
 *     the error line, and the connection goes on;
 *   - with `idleTimeoutMs`, a connection idle that long: the error line, then it is ended.
 * - A client that vanishes (mid-line, or with a reset) or sends invalid UTF-8 never crashes the server.
 * - Bad options reject before anything is bound: a `port` that is not an integer in 0..65535, a bad
 *   `maxLineBytes`, `backlog` or `idleTimeoutMs` is a `RangeError` (a `TypeError` if not a number); a
 *   missing `handle` is a `TypeError`. A port that is taken rejects with the system's own error
 *   (`code` `"EADDRINUSE"`).
 */
export async function startServer(options: ServerOptions): Promise<LineServer> {
  const {
    host = "127.0.0.1",
    port = 0,
    handle,
    maxLineBytes = DEFAULT_MAX_LINE_BYTES,
    backlog = DEFAULT_BACKLOG,
    idleTimeoutMs = 0,
  } = options;
  // Everything is checked before listen(): a bad call must not leave a half-started server behind.
  if (typeof handle !== "function") throw new TypeError(`handle must be a function, got ${shown(handle)}`);
  checkPort(port, 0);
  checkLimit(maxLineBytes);
  checkPositiveInteger(backlog, "backlog");
  checkDuration(idleTimeoutMs, "idleTimeoutMs");

  const sockets = new Set<Socket>();

  async function answer(line: string): Promise<string> {
    try {
      const reply = await handle(line);
      // A newline inside a reply would turn one reply into two and shift every later one.
      if (typeof reply !== "string" || /[\r\n]/.test(reply)) return "ERROR the reply is not one line";
      return reply;
    } catch {
      // The handler's message may hold internals: the client only learns that it failed.
      return "ERROR the handler failed";
    }
  }

  function serve(socket: Socket): void {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // A client that resets the connection makes the socket emit "error" (ECONNRESET, EPIPE). An
    // "error" event with no listener is thrown, and would take the whole server down with it.
    socket.on("error", () => socket.destroy());
    socket.setNoDelay(true);

    const decoder = new LineDecoder({ maxLineBytes });
    // Handlers may be async and finish in any order; chaining every reply on the previous one keeps
    // the replies in the order of the lines. One chain per connection: clients never wait for each other.
    let replies = Promise.resolve();
    let finished = false;
    let ended = false;
    let draining = false;

    const send = (line: string): void => {
      if (!socket.writable) return; // the client left while its reply was being computed
      // Backpressure: a client that sends without reading must not grow our write buffer forever.
      // One "drain" listener at a time, however many writes were refused meanwhile.
      if (!socket.write(`${line}\n`) && !draining) {
        draining = true;
        socket.pause();
        socket.once("drain", () => {
          draining = false;
          socket.resume();
        });
      }
    };
    // end(), not destroy(): the replies already written still reach the client, and our FIN tells
    // it we are done. Destroying with its bytes still unread would send a reset, which can wipe
    // out the error line before the client reads it.
    const finish = (): void => {
      if (ended) return;
      ended = true;
      replies = replies.then(() => {
        socket.end();
        // We said goodbye; with an idle timeout, a client that still has not left after that long is
        // cut off. A timer of our own: the socket's timeout counts the bytes such a client may still
        // send (we read and drop them), so a client that goes on sending would never be "idle".
        if (idleTimeoutMs > 0 && !socket.destroyed) {
          const timer = setTimeout(() => socket.destroy(), idleTimeoutMs);
          socket.once("close", () => clearTimeout(timer));
        }
      });
    };

    socket.on("data", (chunk: Buffer) => {
      if (finished) return; // after "exit" or an over-long line: read and drop until the client leaves
      let lines: readonly string[];
      let tooLong: LineTooLongError | undefined;
      try {
        lines = decoder.push(chunk);
      } catch (error) {
        if (!(error instanceof LineTooLongError)) throw error;
        lines = error.lines;
        tooLong = error;
      }
      for (const line of lines) {
        if (line === "exit") {
          finished = true;
          break;
        }
        replies = replies.then(() => answer(line)).then(send);
      }
      if (tooLong && !finished) {
        finished = true;
        replies = replies.then(() => send(`ERROR ${tooLong.message}`));
      }
      if (finished) finish();
    });

    // The client closed its sending side (its FIN): nothing more will come, but it may still read.
    // The server runs with allowHalfOpen, so the socket stays writable: answer every line already
    // received, then end our side too. An unfinished last line is not a line, and is dropped.
    socket.on("end", () => {
      finished = true;
      finish();
    });

    if (idleTimeoutMs > 0) {
      // "timeout" fires when nothing was read or written for idleTimeoutMs; it does not close anything.
      socket.setTimeout(idleTimeoutMs);
      socket.on("timeout", () => {
        if (ended) return; // the goodbye timer above takes it from here
        finished = true;
        replies = replies.then(() => send("ERROR idle for too long"));
        finish();
      });
    }
  }

  const server = net.createServer({ allowHalfOpen: true }, serve);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host, port, backlog }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Errors of the listening socket after startup (e.g. too many open files on accept) must not
  // crash the process either; the server keeps listening.
  server.on("error", () => {});

  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    host: address.address,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // server.close() only stops accepting; its callback waits for every open connection to close.
        // So close them: destroy(), not end(), because a client that never reads or never hangs up
        // could otherwise hold close() open forever.
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/** Step 3. A connection to a line server. */
export interface LineClient {
  /**
   * Sends `line` (without its newline) and resolves with the reply line. Several sends may be in flight:
   * replies come back in order, each to the send it answers. Rejects with an `Error` whose message
   * contains "closed" if the connection closes first (or is closed already); a line containing `\n`
   * or `\r` is a `RangeError` and a non-string a `TypeError` (nothing is sent).
   */
  send(line: string): Promise<string>;
  /**
   * Ends the connection gracefully: sends our FIN at once (no send is accepted after it), lets the
   * replies to sends already made arrive while the server still answers, and resolves once the
   * connection is closed (`closed` has resolved by then). If the server has not closed its side
   * within `timeoutMs` (a finite number >= 0, default `DEFAULT_CLOSE_TIMEOUT_MS`), the connection is
   * destroyed; sends still waiting then reject.
   */
  close(timeoutMs?: number): Promise<void>;
  /** Resolves once the connection is closed, by either side. Never rejects. */
  readonly closed: Promise<void>;
}

/**
 * Step 3. Connects to a line server on `host:port` and resolves once connected. Rejects with the
 * system's own error if nothing listens there (`code` `"ECONNREFUSED"`); a `port` that is not an integer
 * in 1..65535 is a `RangeError` (a `TypeError` if not a number).
 */
export async function connect(port: number, host: string = "127.0.0.1"): Promise<LineClient> {
  checkPort(port, 1);
  const socket = net.connect({ port, host });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.off("error", reject);
      resolve();
    });
  });
  socket.setNoDelay(true);
  // Errors end in "close", which rejects whatever is still waiting: nothing more to do here.
  socket.on("error", () => {});

  // The server answers in order, so the oldest waiting send owns the next reply: a FIFO queue.
  const waiting: Array<{ resolve: (reply: string) => void; reject: (error: Error) => void }> = [];
  const decoder = new LineDecoder();
  socket.on("data", (chunk: Buffer) => {
    let lines: readonly string[];
    try {
      lines = decoder.push(chunk);
    } catch (error) {
      lines = error instanceof LineTooLongError ? error.lines : [];
      socket.destroy();
    }
    for (const line of lines) waiting.shift()?.resolve(line);
  });
  let timer: NodeJS.Timeout | undefined;
  const closed = new Promise<void>((resolve) => {
    socket.once("close", () => {
      clearTimeout(timer);
      for (const { reject } of waiting.splice(0)) reject(new Error("connection closed before the reply came"));
      resolve();
    });
  });

  return {
    send(line) {
      if (typeof line !== "string") return Promise.reject(new TypeError(`line must be a string, got ${shown(line)}`));
      if (/[\r\n]/.test(line)) return Promise.reject(new RangeError(`line must not contain \\n or \\r, got ${shown(line)}`));
      if (!socket.writable) return Promise.reject(new Error("connection closed"));
      return new Promise<string>((resolve, reject) => {
        waiting.push({ resolve, reject });
        socket.write(`${line}\n`);
      });
    },
    close(timeoutMs = DEFAULT_CLOSE_TIMEOUT_MS) {
      try {
        checkDuration(timeoutMs, "timeoutMs");
      } catch (error) {
        return Promise.reject(error);
      }
      if (!socket.closed && timer === undefined) {
        // end() sends our FIN; the server answers what it has, closes its side in turn, and "close"
        // fires. A server that never closes its side (the tutorial's, waiting at input()) would keep
        // us waiting for ever: after timeoutMs, destroy.
        socket.end();
        timer = setTimeout(() => socket.destroy(), timeoutMs);
      }
      return closed;
    },
    closed,
  };
}

function checkPort(port: unknown, min: number): void {
  if (typeof port !== "number") throw new TypeError(`port must be a number, got ${shown(port)}`);
  if (!Number.isInteger(port) || port < min || port > 65535) {
    throw new RangeError(`port must be an integer in ${min}..65535, got ${port}`);
  }
}

function checkLimit(maxLineBytes: unknown): number {
  return checkPositiveInteger(maxLineBytes, "maxLineBytes");
}

function checkPositiveInteger(value: unknown, name: string): number {
  if (typeof value !== "number") throw new TypeError(`${name} must be a number, got ${shown(value)}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function checkDuration(value: unknown, name: string): number {
  if (typeof value !== "number") throw new TypeError(`${name} must be a number, got ${shown(value)}`);
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number of milliseconds >= 0, got ${value}`);
  return value;
}

/** A refused value as the workbook's contract shows it: strings quoted, other primitives as JavaScript writes them. */
function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return String(value);
  return typeof value === "function" ? "a function" : Array.isArray(value) ? "an array" : "an object";
}
