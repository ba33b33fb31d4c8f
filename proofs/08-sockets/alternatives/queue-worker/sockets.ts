/**
 * Alternative: an explicit queue of lines per connection, drained by one async loop (instead of a
 * promise chain), a decoder that keeps the unfinished line as a list of copied pieces and decodes with
 * Buffer's own toString, and a client that numbers its sends and matches replies by count.
 */
import { Buffer } from "node:buffer";
import net from "node:net";
import type { AddressInfo, Socket } from "node:net";

export const DEFAULT_MAX_LINE_BYTES: number = 16 * 1024;
export const DEFAULT_BACKLOG: number = 4096;
export const DEFAULT_CLOSE_TIMEOUT_MS: number = 1000;

export class LineTooLongError extends RangeError {
  override name = "LineTooLongError";
  constructor(
    readonly maxLineBytes: number,
    readonly lines: readonly string[] = [],
  ) {
    super(`line too long: more than ${maxLineBytes} bytes before the newline`);
  }
}

export interface LineDecoderOptions {
  maxLineBytes?: number;
}

function quote(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "object":
      return value === null ? "null" : "an object";
    case "function":
      return "a function";
    case "bigint":
      return `${value}n`;
    default:
      return String(value);
  }
}

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`${name}: not a number (${quote(value)})`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name}: not a positive integer (${quote(value)})`);
  return value;
}

export class LineDecoder {
  private readonly max: number;
  private pieces: Buffer[] = [];
  private held = 0;
  private over = false;

  constructor(options: LineDecoderOptions = {}) {
    this.max = positiveInteger("maxLineBytes", options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  }

  push(chunk: Uint8Array): string[] {
    if (!(chunk instanceof Uint8Array)) throw new TypeError(`chunk: not a Uint8Array (${quote(chunk)})`);
    if (this.over) throw new LineTooLongError(this.max);
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength); // a view, copied below when kept
    const lines: string[] = [];
    let at = 0;
    for (let nl = bytes.indexOf(0x0a, at); ; nl = bytes.indexOf(0x0a, at)) {
      const piece = bytes.subarray(at, nl === -1 ? bytes.length : nl);
      const size = this.held + piece.length;
      const endsInCr = piece.length > 0 ? piece[piece.length - 1] === 0x0d : this.pieces.at(-1)?.at(-1) === 0x0d;
      const allowed = nl === -1 && endsInCr ? this.max + 1 : this.max + (endsInCr ? 1 : 0);
      if (size > allowed) {
        this.over = true;
        this.pieces = [];
        this.held = 0;
        throw new LineTooLongError(this.max, lines);
      }
      if (nl === -1) {
        if (piece.length > 0) {
          this.pieces.push(Buffer.from(piece)); // Buffer.from(buffer) copies
          this.held = size;
        }
        return lines;
      }
      const whole = Buffer.concat([...this.pieces, piece]);
      this.pieces = [];
      this.held = 0;
      const text = whole.subarray(0, whole.at(-1) === 0x0d ? whole.length - 1 : whole.length);
      // A leading U+FEFF is kept: Buffer's toString does not strip a byte order mark.
      lines.push(text.toString("utf8"));
      at = nl + 1;
    }
  }
}

export type LineHandler = (line: string) => string | Promise<string>;

export interface ServerOptions {
  host?: string;
  port?: number;
  handle: LineHandler;
  maxLineBytes?: number;
  backlog?: number;
  idleTimeoutMs?: number;
}

export interface LineServer {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

function milliseconds(name: string, value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`${name}: not a number (${quote(value)})`);
  if (Number.isNaN(value) || value < 0 || value === Infinity) throw new RangeError(`${name}: not a finite number >= 0 (${quote(value)})`);
  return value;
}

function portNumber(value: unknown, lowest: 0 | 1): number {
  if (typeof value !== "number") throw new TypeError(`port: not a number (${quote(value)})`);
  if (!Number.isInteger(value) || value < lowest || value > 65535) throw new RangeError(`port: ${quote(value)} is not in ${lowest}..65535`);
  return value;
}

type Job = { kind: "line"; line: string } | { kind: "error"; text: string } | { kind: "end" };

export async function startServer(options: ServerOptions): Promise<LineServer> {
  const { handle } = options;
  if (typeof handle !== "function") throw new TypeError(`handle: not a function (${quote(handle)})`);
  const port = portNumber(options.port ?? 0, 0);
  const maxLineBytes = positiveInteger("maxLineBytes", options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  const backlog = positiveInteger("backlog", options.backlog ?? DEFAULT_BACKLOG);
  const idleMs = milliseconds("idleTimeoutMs", options.idleTimeoutMs ?? 0);
  const host = options.host ?? "127.0.0.1";
  const live = new Set<Socket>();

  async function replyTo(line: string): Promise<string> {
    try {
      const reply: unknown = await handle(line);
      if (typeof reply === "string" && !/[\r\n]/.test(reply)) return reply;
      return "ERROR the handler's reply is not a single line";
    } catch {
      return "ERROR the handler failed on that line";
    }
  }

  function serve(socket: Socket): void {
    live.add(socket);
    socket.once("close", () => live.delete(socket));
    socket.on("error", () => socket.destroy());
    const decoder = new LineDecoder({ maxLineBytes });
    const jobs: Job[] = [];
    let running = false;
    let stopped = false;
    let goodbye = false;
    let full = false;

    const put = (text: string): void => {
      if (socket.destroyed || !socket.writable) return;
      const ok = socket.write(`${text}\n`);
      if (!ok && !full) {
        full = true;
        socket.pause();
        socket.once("drain", () => {
          full = false;
          socket.resume();
        });
      }
    };

    const stop = (job?: Job): void => {
      if (goodbye) return;
      stopped = true;
      goodbye = true;
      if (job) jobs.push(job);
      jobs.push({ kind: "end" });
      void work();
    };

    socket.on("end", () => stop());
    if (idleMs > 0) {
      socket.setTimeout(idleMs);
      socket.on("timeout", () => stop({ kind: "error", text: "ERROR the connection was idle" }));
    }

    // One loop per connection works through its jobs in order; it runs only while there are jobs.
    async function work(): Promise<void> {
      if (running) return;
      running = true;
      try {
        for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) {
          if (job.kind === "line") put(await replyTo(job.line));
          else if (job.kind === "error") put(job.text);
          else {
            socket.end();
            if (idleMs > 0 && !socket.destroyed) {
              const cut = setTimeout(() => socket.destroy(), idleMs);
              socket.once("close", () => clearTimeout(cut));
            }
          }
        }
      } finally {
        running = false;
      }
    }

    socket.on("data", (chunk: Buffer) => {
      if (stopped) return;
      let lines: readonly string[];
      let overflow = false;
      try {
        lines = decoder.push(chunk);
      } catch (error) {
        if (!(error instanceof LineTooLongError)) throw error;
        ({ lines } = error);
        overflow = true;
      }
      let exit = false;
      for (const line of lines) {
        if (line === "exit") {
          exit = true;
          break;
        }
        jobs.push({ kind: "line", line });
      }
      if (exit) stop();
      else if (overflow) stop({ kind: "error", text: "ERROR line too long" });
      else void work();
    });
  }

  const server = net.createServer({ allowHalfOpen: true }, serve);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject).listen({ host, port, backlog }, () => {
      server.removeListener("error", reject).on("error", () => {});
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  const whenClosed = new Promise<void>((resolve) => server.once("close", () => resolve()));
  let asked = false;
  return Object.freeze({
    host: address.address,
    port: address.port,
    async close(): Promise<void> {
      if (!asked) {
        asked = true;
        server.close();
        for (const socket of live) socket.destroy();
      }
      await whenClosed;
    },
  });
}

export interface LineClient {
  send(line: string): Promise<string>;
  close(timeoutMs?: number): Promise<void>;
  readonly closed: Promise<void>;
}

export async function connect(port: number, host: string = "127.0.0.1"): Promise<LineClient> {
  portNumber(port, 1);
  const socket = new net.Socket();
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.connect(port, host, () => {
      socket.removeListener("error", reject);
      resolve();
    });
  });
  socket.on("error", () => {});

  // Sends are numbered; the n-th reply line answers the n-th send.
  const pending = new Map<number, { resolve: (reply: string) => void; reject: (error: Error) => void }>();
  let sent = 0;
  let answered = 0;
  const decoder = new LineDecoder();

  socket.on("data", (chunk: Buffer) => {
    let lines: readonly string[] = [];
    try {
      lines = decoder.push(chunk);
    } catch (error) {
      lines = error instanceof LineTooLongError ? error.lines : [];
      socket.destroy();
    }
    for (const line of lines) {
      if (answered === sent) continue; // nobody asked: drop it
      const waiter = pending.get(answered);
      pending.delete(answered++);
      waiter?.resolve(line);
    }
  });

  let hangUp: NodeJS.Timeout | undefined;
  const closed = new Promise<void>((resolve) => {
    socket.once("close", () => {
      if (hangUp) clearTimeout(hangUp);
      for (const waiter of pending.values()) waiter.reject(new Error("connection closed"));
      pending.clear();
      answered = sent;
      resolve();
    });
  });

  return {
    async send(line) {
      if (typeof line !== "string") throw new TypeError(`line: not a string (${quote(line)})`);
      if (/[\r\n]/.test(line)) throw new RangeError(`line: must be one line, got ${quote(line)}`);
      if (socket.destroyed || !socket.writable) throw new Error("connection closed");
      const id = sent++;
      const reply = new Promise<string>((resolve, reject) => pending.set(id, { resolve, reject }));
      socket.write(`${line}\n`);
      return reply;
    },
    async close(timeoutMs = DEFAULT_CLOSE_TIMEOUT_MS) {
      milliseconds("timeoutMs", timeoutMs);
      if (hangUp === undefined && !socket.destroyed) {
        socket.end();
        hangUp = setTimeout(() => socket.destroy(), timeoutMs);
      }
      return closed;
    },
    closed,
  };
}
