/**
 * Alternative: closures everywhere (the decoder's state lives in its constructor's scope, the server
 * and the client are plain objects of closures), async/await, one growing Buffer per unfinished line.
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

function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "object" && value !== null) return "an object";
  if (typeof value === "function") return "a function";
  return String(value);
}

function limitOf(value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`bad maxLineBytes (${describeValue(value)}): expected a number`);
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`bad maxLineBytes (${describeValue(value)}): expected a whole number above 0`);
  return value;
}

export class LineDecoder {
  readonly push: (chunk: Uint8Array) => string[];

  constructor(options: LineDecoderOptions = {}) {
    const max = limitOf(options.maxLineBytes === undefined ? DEFAULT_MAX_LINE_BYTES : options.maxLineBytes);
    const text = new TextDecoder("utf-8", { ignoreBOM: true });
    let pending: Buffer = Buffer.alloc(0);
    let broken = false;

    const fail = (lines: string[]): never => {
      broken = true;
      pending = Buffer.alloc(0);
      throw new LineTooLongError(max, lines);
    };

    this.push = (chunk: Uint8Array): string[] => {
      if (!(chunk instanceof Uint8Array)) throw new TypeError(`bad chunk (${describeValue(chunk)}): expected a Uint8Array`);
      if (broken) throw new LineTooLongError(max);
      const lines: string[] = [];
      let from = 0;
      while (from <= chunk.length) {
        const nl = chunk.indexOf(10, from);
        const end = nl < 0 ? chunk.length : nl;
        const total = pending.length + (end - from);
        if (nl < 0) {
          // No newline yet: a final \r may still be half of \r\n, so it gets one byte of grace.
          const lastByte = end > from ? chunk[end - 1] : pending[pending.length - 1];
          if (total > max + (lastByte === 13 ? 1 : 0)) fail(lines);
          if (end > from) pending = Buffer.concat([pending, chunk.subarray(from, end)]); // concat copies
          return lines;
        }
        let line = Buffer.concat([pending, chunk.subarray(from, end)]);
        if (line.length > 0 && line[line.length - 1] === 13) line = line.subarray(0, line.length - 1);
        if (line.length > max) fail(lines);
        lines.push(text.decode(line));
        pending = Buffer.alloc(0);
        from = nl + 1;
      }
      return lines;
    };
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

function millisecondsOf(name: string, value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`bad ${name} (${describeValue(value)}): expected a number of milliseconds`);
  if (!(value >= 0 && value < Infinity)) throw new RangeError(`bad ${name} (${describeValue(value)}): expected a finite number >= 0`);
  return value;
}

function portOf(value: unknown, lowest: number): number {
  if (typeof value !== "number") throw new TypeError(`bad port (${describeValue(value)}): expected a number`);
  if (!Number.isInteger(value) || value < lowest || value > 65535) {
    throw new RangeError(`bad port (${describeValue(value)}): expected a whole number from ${lowest} to 65535`);
  }
  return value;
}

export async function startServer(options: ServerOptions): Promise<LineServer> {
  const handle = options.handle;
  if (typeof handle !== "function") throw new TypeError(`bad handle (${describeValue(handle)}): expected a function`);
  const port = portOf(options.port === undefined ? 0 : options.port, 0);
  const maxLineBytes = limitOf(options.maxLineBytes === undefined ? DEFAULT_MAX_LINE_BYTES : options.maxLineBytes);
  const backlog = options.backlog === undefined ? DEFAULT_BACKLOG : options.backlog;
  if (typeof backlog !== "number") throw new TypeError(`bad backlog (${describeValue(backlog)}): expected a number`);
  if (!Number.isInteger(backlog) || backlog < 1) throw new RangeError(`bad backlog (${describeValue(backlog)}): expected a whole number above 0`);
  const idle = millisecondsOf("idleTimeoutMs", options.idleTimeoutMs === undefined ? 0 : options.idleTimeoutMs);
  const host = options.host === undefined ? "127.0.0.1" : options.host;
  const open = new Set<Socket>();

  const reply = async (line: string): Promise<string> => {
    let answer: unknown;
    try {
      answer = await handle(line);
    } catch {
      return "ERROR handler failed";
    }
    return typeof answer === "string" && !answer.includes("\n") && !answer.includes("\r") ? answer : "ERROR bad reply";
  };

  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.on("error", () => socket.destroy());
    const decoder = new LineDecoder({ maxLineBytes });
    let chain: Promise<void> = Promise.resolve();
    let done = false;
    let saidBye = false;
    let waitingForDrain = false;
    const write = (text: string): void => {
      if (!socket.writable) return;
      if (!socket.write(text + "\n") && !waitingForDrain) {
        waitingForDrain = true;
        socket.pause();
        socket.once("drain", () => {
          waitingForDrain = false;
          socket.resume();
        });
      }
    };
    const later = (step: () => Promise<void> | void): void => {
      chain = chain.then(step);
    };
    const bye = (): void => {
      if (saidBye) return;
      saidBye = true;
      later(() => {
        socket.end();
        if (idle > 0) {
          const giveUp = setTimeout(() => socket.destroy(), idle);
          socket.once("close", () => clearTimeout(giveUp));
        }
      });
    };
    socket.on("end", () => {
      done = true;
      bye();
    });
    if (idle > 0) {
      socket.setTimeout(idle);
      socket.on("timeout", () => {
        if (saidBye) return;
        done = true;
        later(() => write("ERROR idle timeout"));
        bye();
      });
    }

    socket.on("data", (chunk: Buffer) => {
      if (done) return;
      let lines: readonly string[];
      let overflow = false;
      try {
        lines = decoder.push(chunk);
      } catch (error) {
        if (!(error instanceof LineTooLongError)) throw error;
        lines = error.lines;
        overflow = true;
      }
      for (const line of lines) {
        if (line === "exit") {
          done = true;
          break;
        }
        later(async () => write(await reply(line)));
      }
      if (overflow && !done) {
        done = true;
        later(() => write("ERROR line too long"));
      }
      if (done) bye();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once("error", onError);
    server.listen({ host, port, backlog }, () => {
      server.removeListener("error", onError);
      resolve();
    });
  });
  server.on("error", () => {});

  const bound = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    host: bound.address,
    port: bound.port,
    close: () => {
      if (!closing) {
        closing = new Promise<void>((resolve) => server.close(() => resolve()));
        open.forEach((socket) => socket.destroy());
      }
      return closing;
    },
  };
}

export interface LineClient {
  send(line: string): Promise<string>;
  close(timeoutMs?: number): Promise<void>;
  readonly closed: Promise<void>;
}

export async function connect(port: number, host: string = "127.0.0.1"): Promise<LineClient> {
  portOf(port, 1);
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = net.connect({ port, host });
    s.once("error", reject);
    s.once("connect", () => {
      s.removeListener("error", reject);
      resolve(s);
    });
  });
  socket.on("error", () => {});
  const queue: Array<{ ok: (reply: string) => void; fail: (error: Error) => void }> = [];
  const decoder = new LineDecoder();
  socket.on("data", (chunk: Buffer) => {
    let lines: readonly string[] = [];
    try {
      lines = decoder.push(chunk);
    } catch (error) {
      if (error instanceof LineTooLongError) lines = error.lines;
      socket.destroy();
    }
    for (const line of lines) {
      const next = queue.shift();
      if (next) next.ok(line);
    }
  });
  let deadline: NodeJS.Timeout | undefined;
  const closed = new Promise<void>((resolve) => {
    socket.once("close", () => {
      clearTimeout(deadline);
      while (queue.length > 0) queue.shift()?.fail(new Error("the connection closed"));
      resolve();
    });
  });

  return {
    async send(line: string): Promise<string> {
      if (typeof line !== "string") throw new TypeError(`bad line (${describeValue(line)}): expected a string`);
      if (line.includes("\n") || line.includes("\r")) throw new RangeError(`bad line (${describeValue(line)}): no newline or carriage return allowed`);
      if (!socket.writable) throw new Error("the connection is closed");
      return new Promise<string>((ok, fail) => {
        queue.push({ ok, fail });
        socket.write(line + "\n");
      });
    },
    async close(timeoutMs: number = DEFAULT_CLOSE_TIMEOUT_MS): Promise<void> {
      millisecondsOf("timeoutMs", timeoutMs);
      if (!socket.closed && deadline === undefined) {
        socket.end();
        deadline = setTimeout(() => socket.destroy(), timeoutMs);
      }
      await closed;
    },
    closed,
  };
}
