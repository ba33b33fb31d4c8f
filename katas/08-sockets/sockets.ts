import { todo } from "../../tools/kit";

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
  /** Creates a decoder with nothing buffered. */
  constructor(options: LineDecoderOptions = {}) {
    todo("new LineDecoder(options)");
  }

  /**
   * Feeds the next chunk of bytes; returns the lines it completed, oldest first (often none).
   * A chunk that is not a `Uint8Array` (a `Buffer` is one) is a `TypeError`, and changes nothing buffered.
   */
  push(chunk: Uint8Array): string[] {
    return todo("LineDecoder.push(chunk)");
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
  return todo("startServer(options)");
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
  return todo("connect(port, host)");
}
