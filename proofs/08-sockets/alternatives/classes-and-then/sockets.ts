/**
 * Alternative: classes with #private fields for the server, each connection and the client, promise
 * chains with .then() instead of async/await, and a decoder that copies every byte into one buffer
 * of fixed size (the limit, plus one byte for a \r) as it scans.
 */
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

const asShown = (value: unknown): string =>
  typeof value === "string" ? JSON.stringify(value) : typeof value === "object" && value !== null ? Object.prototype.toString.call(value) : String(value);

function requireLimit(value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`expected maxLineBytes to be a number, received ${asShown(value)}`);
  if (!(Number.isSafeInteger(value) && value >= 1)) throw new RangeError(`expected maxLineBytes to be a positive integer, received ${asShown(value)}`);
  return value;
}

export class LineDecoder {
  static readonly #utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
  readonly #max: number;
  #buffer: Uint8Array | undefined; // allocated on first use: max + 1 bytes
  #length = 0;
  #dead = false;

  constructor(options: LineDecoderOptions = {}) {
    this.#max = requireLimit(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  }

  push(chunk: Uint8Array): string[] {
    if (!(chunk instanceof Uint8Array)) throw new TypeError(`expected chunk to be a Uint8Array, received ${asShown(chunk)}`);
    if (this.#dead) throw new LineTooLongError(this.#max, []);
    const out: string[] = [];
    const buffer = (this.#buffer ??= new Uint8Array(this.#max + 1));
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (byte === 0x0a) {
        const end = this.#length > 0 && buffer[this.#length - 1] === 0x0d ? this.#length - 1 : this.#length;
        out.push(LineDecoder.#utf8.decode(buffer.subarray(0, end)));
        this.#length = 0;
        continue;
      }
      // Room for max bytes, and one more only if the line so far could end in \r\n.
      if (this.#length === this.#max + 1 || (this.#length === this.#max && byte !== 0x0d)) {
        this.#dead = true;
        this.#length = 0;
        this.#buffer = undefined;
        throw new LineTooLongError(this.#max, out);
      }
      buffer[this.#length++] = byte;
    }
    return out;
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

function requireCount(name: string, value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`expected ${name} to be a number, received ${asShown(value)}`);
  if (!(Number.isSafeInteger(value) && value >= 1)) throw new RangeError(`expected ${name} to be a positive integer, received ${asShown(value)}`);
  return value;
}

function requireMs(name: string, value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`expected ${name} to be a number, received ${asShown(value)}`);
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`expected ${name} to be a finite number >= 0, received ${asShown(value)}`);
  return value;
}

function requirePort(value: unknown, lowest: number): number {
  if (typeof value !== "number") throw new TypeError(`expected port to be a number, received ${asShown(value)}`);
  if (!Number.isInteger(value) || value < lowest || value > 65535) {
    throw new RangeError(`expected port to be an integer from ${lowest} to 65535, received ${asShown(value)}`);
  }
  return value;
}

class Connection {
  readonly #socket: Socket;
  readonly #handle: LineHandler;
  readonly #decoder: LineDecoder;
  readonly #idleMs: number;
  #tail: Promise<unknown> = Promise.resolve();
  #over = false;
  #ending = false;
  #blocked = false;

  constructor(socket: Socket, handle: LineHandler, maxLineBytes: number, idleMs: number) {
    this.#socket = socket;
    this.#handle = handle;
    this.#idleMs = idleMs;
    this.#decoder = new LineDecoder({ maxLineBytes });
    socket.on("error", () => socket.destroy());
    socket.on("data", (chunk: Buffer) => this.#receive(chunk));
    socket.on("end", () => {
      this.#over = true;
      this.#end();
    });
    if (idleMs > 0) {
      socket.setTimeout(idleMs);
      socket.on("timeout", () => {
        if (this.#ending) return;
        this.#over = true;
        this.#tail = this.#tail.then(() => this.#write("ERROR no activity"));
        this.#end();
      });
    }
  }

  #end(): void {
    if (this.#ending) return;
    this.#ending = true;
    this.#tail = this.#tail.then(() => {
      this.#socket.end();
      if (this.#idleMs > 0 && !this.#socket.destroyed) {
        const timer = setTimeout(() => this.#socket.destroy(), this.#idleMs);
        this.#socket.once("close", () => clearTimeout(timer));
      }
    });
  }

  #receive(chunk: Buffer): void {
    if (this.#over) return;
    let lines: readonly string[];
    let tooLong = false;
    try {
      lines = this.#decoder.push(chunk);
    } catch (error) {
      if (!(error instanceof LineTooLongError)) throw error;
      lines = error.lines;
      tooLong = true;
    }
    for (const line of lines) {
      if (line === "exit") {
        this.#over = true;
        break;
      }
      this.#tail = this.#tail.then(() => this.#answer(line)).then((reply) => this.#write(reply));
    }
    if (tooLong && !this.#over) {
      this.#over = true;
      this.#tail = this.#tail.then(() => this.#write("ERROR that line is too long"));
    }
    if (this.#over) this.#end();
  }

  #answer(line: string): Promise<string> {
    return new Promise<string>((resolve) => resolve(this.#handle(line))).then(
      (reply) => (typeof reply === "string" && !/[\n\r]/.test(reply) ? reply : "ERROR reply must be one line of text"),
      () => "ERROR the handler threw",
    );
  }

  #write(line: string): void {
    if (!this.#socket.writable) return;
    if (this.#socket.write(`${line}\n`) || this.#blocked) return;
    this.#blocked = true;
    this.#socket.pause();
    this.#socket.once("drain", () => {
      this.#blocked = false;
      this.#socket.resume();
    });
  }
}

class Server implements LineServer {
  readonly #server: net.Server;
  readonly #sockets: Set<Socket>;
  #closing: Promise<void> | undefined;
  readonly host: string;
  readonly port: number;

  constructor(server: net.Server, sockets: Set<Socket>) {
    this.#server = server;
    this.#sockets = sockets;
    const { address, port } = server.address() as AddressInfo;
    this.host = address;
    this.port = port;
  }

  close(): Promise<void> {
    if (this.#closing === undefined) {
      this.#closing = new Promise<void>((resolve) => this.#server.close(() => resolve()));
      for (const socket of this.#sockets) socket.destroy();
    }
    return this.#closing;
  }
}

export function startServer(options: ServerOptions): Promise<LineServer> {
  try {
    if (typeof options.handle !== "function") throw new TypeError(`expected handle to be a function, received ${asShown(options.handle)}`);
    requirePort(options.port ?? 0, 0);
    requireLimit(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    requireCount("backlog", options.backlog ?? DEFAULT_BACKLOG);
    requireMs("idleTimeoutMs", options.idleTimeoutMs ?? 0);
  } catch (error) {
    return Promise.reject(error);
  }
  const { handle, host = "127.0.0.1", port = 0, maxLineBytes = DEFAULT_MAX_LINE_BYTES, backlog = DEFAULT_BACKLOG, idleTimeoutMs = 0 } = options;
  const sockets = new Set<Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    new Connection(socket, handle, maxLineBytes, idleTimeoutMs);
  });
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, backlog, () => {
      server.off("error", reject);
      server.on("error", () => {});
      resolve();
    });
  }).then(() => new Server(server, sockets));
}

export interface LineClient {
  send(line: string): Promise<string>;
  close(timeoutMs?: number): Promise<void>;
  readonly closed: Promise<void>;
}

class Client implements LineClient {
  readonly #socket: Socket;
  readonly #waiting: Array<[(reply: string) => void, (error: Error) => void]> = [];
  readonly #decoder = new LineDecoder();
  #deadline: NodeJS.Timeout | undefined;
  readonly closed: Promise<void>;

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on("error", () => {});
    socket.on("data", (chunk: Buffer) => this.#receive(chunk));
    this.closed = new Promise<void>((resolve) =>
      socket.once("close", () => {
        clearTimeout(this.#deadline);
        const error = new Error("closed before a reply arrived");
        for (const [, reject] of this.#waiting.splice(0)) reject(error);
        resolve();
      }),
    );
  }

  #receive(chunk: Buffer): void {
    let lines: readonly string[] = [];
    try {
      lines = this.#decoder.push(chunk);
    } catch (error) {
      if (error instanceof LineTooLongError) lines = error.lines;
      this.#socket.destroy();
    }
    for (const line of lines) this.#waiting.shift()?.[0](line);
  }

  send(line: string): Promise<string> {
    if (typeof line !== "string") return Promise.reject(new TypeError(`expected line to be a string, received ${asShown(line)}`));
    if (/[\n\r]/.test(line)) return Promise.reject(new RangeError(`expected line to hold no \\n or \\r, received ${asShown(line)}`));
    if (!this.#socket.writable) return Promise.reject(new Error("the connection is closed"));
    return new Promise<string>((resolve, reject) => {
      this.#waiting.push([resolve, reject]);
      this.#socket.write(`${line}\n`);
    });
  }

  close(timeoutMs: number = DEFAULT_CLOSE_TIMEOUT_MS): Promise<void> {
    try {
      requireMs("timeoutMs", timeoutMs);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#deadline === undefined && !this.#socket.closed) {
      this.#socket.end();
      this.#deadline = setTimeout(() => this.#socket.destroy(), timeoutMs);
    }
    return this.closed;
  }
}

export function connect(port: number, host: string = "127.0.0.1"): Promise<LineClient> {
  try {
    requirePort(port, 1);
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise<LineClient>((resolve, reject) => {
    const socket = net.createConnection(port, host);
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.off("error", reject);
      resolve(new Client(socket));
    });
  });
}
