/**
 * Type-level tests: checked by `npx tsc -p .` (the self-check runs it), never run by vitest.
 */
import { expectTypeOf } from "vitest";
import {
  connect,
  LineDecoder,
  LineTooLongError,
  startServer,
  type LineClient,
  type LineHandler,
  type LineServer,
  type ServerOptions,
} from "./sockets";

// The server and the client are asynchronous: both resolve once the socket is ready.
expectTypeOf(startServer).parameter(0).toEqualTypeOf<ServerOptions>();
expectTypeOf(startServer).returns.resolves.toEqualTypeOf<LineServer>();
expectTypeOf(connect).returns.resolves.toEqualTypeOf<LineClient>();
expectTypeOf<LineClient["send"]>().returns.resolves.toBeString();
expectTypeOf<LineServer["port"]>().toBeNumber();

// close() takes an optional time limit; the options of step 5 are numbers, all optional.
expectTypeOf<LineClient["close"]>().parameters.toEqualTypeOf<[timeoutMs?: number]>();
expectTypeOf<ServerOptions["backlog"]>().toEqualTypeOf<number | undefined>();
expectTypeOf<ServerOptions["idleTimeoutMs"]>().toEqualTypeOf<number | undefined>();

// The decoder takes bytes, not text, and hands back whole lines.
expectTypeOf<LineDecoder["push"]>().parameter(0).toEqualTypeOf<Uint8Array>();
expectTypeOf<LineDecoder["push"]>().returns.toEqualTypeOf<string[]>();
expectTypeOf<LineTooLongError>().toExtend<RangeError>();
expectTypeOf<LineTooLongError["lines"]>().toEqualTypeOf<readonly string[]>();

// A handler may answer at once or later.
expectTypeOf<(line: string) => string>().toExtend<LineHandler>();
expectTypeOf<(line: string) => Promise<string>>().toExtend<LineHandler>();
expectTypeOf<(line: string) => number>().not.toExtend<LineHandler>();

// Only the handler is required; host, port and the limit have defaults.
const minimal: ServerOptions = { handle: (line) => line };
expectTypeOf(minimal).toEqualTypeOf<ServerOptions>();

// @ts-expect-error a server with nothing to answer is not a server: `handle` is required
const noHandler: ServerOptions = { port: 0 };

// @ts-expect-error a reply is a line of text, not a number
const numberReply: ServerOptions = { handle: (line: string) => line.length };

declare const server: LineServer;
// @ts-expect-error the port a server is bound to cannot be reassigned
server.port = 8888;
