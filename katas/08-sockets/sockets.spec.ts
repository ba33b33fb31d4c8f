import { once } from "node:events";
import net from "node:net";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { expectRefusal, expectRejection, rejection, thrown } from "../../tools/kit";
import {
  connect,
  DEFAULT_BACKLOG,
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_MAX_LINE_BYTES,
  LineDecoder,
  LineTooLongError,
  startServer,
  type LineClient,
  type LineHandler,
  type LineServer,
  type ServerOptions,
} from "./sockets";
import {
  attempt,
  bareServer,
  bytes,
  cleanups,
  closeSocket,
  concat,
  cut,
  dial,
  escapedErrors,
  freePort,
  gate,
  message,
  oneLine,
  reachable,
  settle,
  until,
  within,
} from "./support/peers";

/*
 * Every test here uses real TCP sockets on 127.0.0.1 with ports chosen by the system (port 0).
 * Whatever a test opens (your servers and clients, the spec's own bare sockets) is registered in
 * `cleanups` and closed after the test, whether it passed or not.
 *
 * No verdict here depends on timing or on the size of the kernel's TCP buffers: where an order
 * matters, the test waits for the event that proves it (a handler called, a line received, a
 * connection closed) instead of sleeping. The time limits below only stop code that hangs; when one
 * is reached the test fails with what it was waiting for. The bare peers and the waits are in
 * support/peers.ts.
 */

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await within(1000, "the test's sockets to close", Promise.resolve().then(cleanup)).catch(() => {});
  }
});

/** Starts your server on an ephemeral loopback port (unless told otherwise); closed after the test. */
async function serve(handle: LineHandler, more: Partial<ServerOptions> = {}): Promise<LineServer> {
  const server = await startServer({ handle, ...more });
  cleanups.push(() => server.close());
  return server;
}

/** Connects your client; closed after the test. */
async function dialWithClient(port: number): Promise<LineClient> {
  const client = await connect(port);
  cleanups.push(() => client.close());
  return client;
}

/** The handler most tests use: the reply shows plainly which line was handled. */
const bracket: LineHandler = (line) => `[${line}]`;


/** What `push` returns, failing the test (not crashing it) when a push that is within the limit throws. */
function accepted<T>(push: () => T): T {
  let out: T | undefined;
  expect(() => {
    out = push();
  }, "a line within maxLineBytes must be accepted: this push threw").not.toThrow();
  return out as T;
}

describe("1. LineDecoder: bytes in, complete lines out (no sockets yet)", () => {
  it("returns ['你好'] for the bytes of '你好\\n' (two characters of three bytes each)", () => {
    expect(new LineDecoder().push(bytes("你好\n"))).toEqual(["你好"]);
  });

  it("returns nothing until the newline arrives: 'hel' gives [], then 'lo\\n' gives ['hello']", () => {
    const decoder = new LineDecoder();
    expect(decoder.push(bytes("hel"))).toEqual([]);
    expect(decoder.push(bytes("lo\n"))).toEqual(["hello"]);
  });

  it("returns every line of a chunk, empty ones included: 'a\\nb\\n\\nc\\n' gives ['a', 'b', '', 'c']", () => {
    expect(new LineDecoder().push(bytes("a\nb\n\nc\n"))).toEqual(["a", "b", "", "c"]);
  });

  it("keeps the start of the next line: 'one\\ntw' then 'o\\n' gives ['one'] then ['two']", () => {
    const decoder = new LineDecoder();
    expect(decoder.push(bytes("one\ntw"))).toEqual(["one"]);
    expect(decoder.push(bytes("o\n"))).toEqual(["two"]);
  });

  it("strips \\r\\n as well as \\n, even when the \\r and the \\n come in different chunks", () => {
    const decoder = new LineDecoder();
    expect(decoder.push(bytes("a\r\nb\r"))).toEqual(["a"]);
    expect(decoder.push(bytes("\n"))).toEqual(["b"]);
  });

  it("keeps a \\r that is not followed by \\n: 'a\\rb\\n' gives ['a\\rb']", () => {
    expect(new LineDecoder().push(bytes("a\rb\n"))).toEqual(["a\rb"]);
  });

  const greeting = bytes("你好，世界\n"); // 15 bytes of characters, then the newline
  it.each(Array.from({ length: greeting.length - 1 }, (_, i) => i + 1))(
    "decodes a character cut between two chunks: '你好，世界\\n' cut after byte %i",
    (at) => {
      const decoder = new LineDecoder();
      const lines = [...decoder.push(greeting.subarray(0, at)), ...decoder.push(greeting.subarray(at))];
      expect(lines).toEqual(["你好，世界"]);
    },
  );

  it("decodes an emoji fed one byte at a time: the 5 bytes of '👋\\n' give ['👋']", () => {
    const decoder = new LineDecoder();
    const lines = [...bytes("👋\n")].flatMap((byte) => decoder.push(Uint8Array.of(byte)));
    expect(lines).toEqual(["👋"]);
  });

  it("keeps a leading U+FEFF (a byte order mark) as part of the line", () => {
    expect(new LineDecoder().push(bytes("\uFEFFhi\n\uFEFF\n"))).toEqual(["\uFEFFhi", "\uFEFF"]);
  });

  it("turns invalid UTF-8 into U+FFFD instead of throwing: bytes 68 FF 69 0A give 'h\\uFFFDi'", () => {
    const decoder = new LineDecoder();
    expect(decoder.push(Uint8Array.of(0x68, 0xff, 0x69, 0x0a))).toEqual(["h\uFFFDi"]);
    expect(decoder.push(bytes("ok\n"))).toEqual(["ok"]);
  });

  it("keeps two decoders apart: what is pushed into one never shows up in the other", () => {
    const alice = new LineDecoder();
    const bob = new LineDecoder();
    expect(alice.push(bytes("hello from al"))).toEqual([]);
    expect(bob.push(bytes("hi from bob\n"))).toEqual(["hi from bob"]);
    expect(alice.push(bytes("ice\n"))).toEqual(["hello from alice"]);
  });

  it("accepts a line of exactly maxLineBytes bytes, ended by \\n, or by \\r\\n split across chunks", () => {
    const decoder = new LineDecoder({ maxLineBytes: 5 });
    expect(accepted(() => decoder.push(bytes("12345\n")))).toEqual(["12345"]);
    expect(accepted(() => decoder.push(bytes("abcde\r")))).toEqual([]);
    expect(accepted(() => decoder.push(bytes("\n")))).toEqual(["abcde"]);
  });

  it("throws a LineTooLongError as soon as a line passes maxLineBytes, without waiting for its newline", () => {
    const decoder = new LineDecoder({ maxLineBytes: 5 });
    expect(decoder.push(bytes("abc"))).toEqual([]);
    expect(() => decoder.push(bytes("def"))).toThrow(LineTooLongError);
  });

  it("throws at once for one big chunk with no newline at all (1 MiB against a limit of 100 bytes)", () => {
    const decoder = new LineDecoder({ maxLineBytes: 100 });
    expect(() => decoder.push(new Uint8Array(1024 * 1024).fill(0x61))).toThrow(LineTooLongError);
  });

  it("counts bytes, not characters: with maxLineBytes 5, '你' (3 bytes) passes and '你好' (6 bytes) does not", () => {
    expect(new LineDecoder({ maxLineBytes: 5 }).push(bytes("你\n"))).toEqual(["你"]);
    expect(() => new LineDecoder({ maxLineBytes: 5 }).push(bytes("你好\n"))).toThrow(LineTooLongError);
  });

  it("keeps the lines before the over-long one in error.lines, and refuses every push after it", () => {
    const decoder = new LineDecoder({ maxLineBytes: 5 });
    let error: unknown;
    try {
      decoder.push(bytes(`ok\nfine\n${"x".repeat(10)}`));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LineTooLongError);
    expect((error as LineTooLongError).lines).toEqual(["ok", "fine"]);
    expect((error as LineTooLongError).maxLineBytes).toBe(5);
    expect(() => decoder.push(bytes("\nshort\n"))).toThrow(LineTooLongError);
  });

  it("throws a LineTooLongError named so, whose message gives the limit, and no lines on the pushes after it", () => {
    const decoder = new LineDecoder({ maxLineBytes: 5 });
    const first = thrown(() => decoder.push(bytes("x".repeat(10))));
    expect(first).toBeInstanceOf(LineTooLongError);
    expect((first as Error).name).toBe("LineTooLongError");
    expect((first as Error).message, "the message should give the limit").toContain("5");
    const later = thrown(() => decoder.push(bytes("ok\n")));
    expect(later).toBeInstanceOf(LineTooLongError);
    expect((later as LineTooLongError).lines, "lines of a push after the error").toEqual([]);
  });

  it("ignores an empty chunk: with maxLineBytes 5, 'abcde\\r', then no bytes, then '\\n' gives ['abcde']", () => {
    const decoder = new LineDecoder({ maxLineBytes: 5 });
    expect(accepted(() => decoder.push(bytes("abcde\r")))).toEqual([]);
    expect(accepted(() => decoder.push(new Uint8Array(0)))).toEqual([]);
    expect(accepted(() => decoder.push(bytes("\n")))).toEqual(["abcde"]);
  });

  it("copies the bytes it keeps: reusing a chunk's memory after push does not change the line", () => {
    // A socket may hand out the same buffer again for the next chunk: keep a copy, not a view.
    const decoder = new LineDecoder();
    const chunk = bytes("abc");
    expect(decoder.push(chunk)).toEqual([]);
    chunk.set(bytes("XYZ"));
    expect(decoder.push(bytes("\n"))).toEqual(["abc"]);
  });

  it(`defaults to DEFAULT_MAX_LINE_BYTES (${DEFAULT_MAX_LINE_BYTES}): a line that long passes, one byte more throws`, () => {
    const longest = "a".repeat(DEFAULT_MAX_LINE_BYTES);
    expect(new LineDecoder().push(bytes(`${longest}\n`))).toEqual([longest]);
    expect(() => new LineDecoder().push(bytes(`${longest}a`))).toThrow(LineTooLongError);
  });

  it("yields exactly the lines written, for any strings without newlines and any cut of their bytes into chunks", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(oneLine, fc.boolean()), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (lines, positions) => {
          // Each line ends in \n or \r\n, as a Unix or a Windows client would send it.
          const data = bytes(lines.map(([text, crlf]) => `${text}${crlf ? "\r\n" : "\n"}`).join(""));
          const decoder = new LineDecoder();
          const out = cut(data, positions).flatMap((chunk) => decoder.push(chunk));
          expect(out).toEqual(lines.map(([text]) => text));
        },
      ),
    );
  });

  it("returns every line up to maxLineBytes and throws exactly at the first longer one, however the bytes are cut", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.string({ unit: "grapheme-ascii", maxLength: 16 }).map((s) => s.replace(/[\r\n]/g, "")), {
          maxLength: 8,
        }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (maxLineBytes, lines, positions) => {
          const firstTooLong = lines.findIndex((line) => line.length > maxLineBytes);
          const allowed = firstTooLong === -1 ? lines : lines.slice(0, firstTooLong);
          const decoder = new LineDecoder({ maxLineBytes });
          const out: string[] = [];
          let error: unknown;
          for (const chunk of cut(bytes(lines.map((line) => `${line}\n`).join("")), positions)) {
            try {
              out.push(...decoder.push(chunk));
            } catch (caught) {
              error = caught;
              if (caught instanceof LineTooLongError) out.push(...caught.lines);
              break;
            }
          }
          expect(out).toEqual(allowed);
          if (firstTooLong === -1) expect(error).toBeUndefined();
          else expect(error).toBeInstanceOf(LineTooLongError);
        },
      ),
    );
  });
});

describe("2. startServer: every line gets its reply, for many clients at once", () => {
  it("answers '你好' with its handler's reply, '服务器收到: 你好' ('server received'), as one line", async () => {
    const server = await serve((line) => `服务器收到: ${line}`);
    const peer = await dial(server.port);
    await peer.write("你好\n");
    expect(await peer.line()).toBe("服务器收到: 你好");
  });

  it("listens on an ephemeral port of 127.0.0.1 by default: port above 0, host '127.0.0.1'", async () => {
    const server = await serve(bracket);
    expect(server.host).toBe("127.0.0.1");
    expect(server.port).toBeGreaterThan(0);
    expect(await reachable(server.port, "127.0.0.1")).toBe(true);
  });

  it("binds loopback only: 127.0.0.2, another loopback address, cannot connect (0.0.0.0 would accept it)", async () => {
    const server = await serve(bracket);
    expect(await reachable(server.port, "127.0.0.2")).toBe(false);
  });

  it("gives two servers started together two different ports (a fixed port like 8888 would collide)", async () => {
    const [one, two] = await Promise.all([serve(bracket), serve(bracket)]);
    expect(one.port).not.toBe(two.port);
  });

  it("binds the port it is given", async () => {
    // A port that was free a moment ago may have been taken since by another program: then try another.
    let server: LineServer | undefined;
    let port = 0;
    for (let attempt = 0; attempt < 5 && server === undefined; attempt++) {
      port = await freePort();
      server = await serve(bracket, { port }).catch((error: unknown) => {
        if ((error as { code?: unknown }).code === "EADDRINUSE") return undefined;
        throw error;
      });
    }
    expect(server?.port).toBe(port);
    const peer = await dial(port);
    await peer.write("hi\n");
    expect(await peer.line()).toBe("[hi]");
  });

  it("answers several lines sent in one write, one reply each, in order", async () => {
    const handled: string[] = [];
    const server = await serve((line) => (handled.push(line), `[${line}]`));
    const peer = await dial(server.port);
    await peer.write("one\ntwo\nthree\n");
    expect(await peer.lines(3)).toEqual(["[one]", "[two]", "[three]"]);
    expect(handled).toEqual(["one", "two", "three"]);
  });

  it("answers a line that arrives in pieces once, when its newline arrives", async () => {
    const handled: string[] = [];
    const server = await serve((line) => (handled.push(line), `[${line}]`));
    const peer = await dial(server.port);
    await peer.write("hel");
    await settle();
    await peer.write("lo\n");
    expect(await peer.line()).toBe("[hello]");
    expect(handled).toEqual(["hello"]);
  });

  it("decodes a character cut between two writes: '你' as 2 bytes, then its last byte and the newline", async () => {
    const server = await serve(bracket);
    const peer = await dial(server.port);
    const data = bytes("你\n");
    await peer.write(data.subarray(0, 2));
    await settle();
    await peer.write(data.subarray(2));
    expect(await peer.line()).toBe("[你]");
  });

  it("accepts \\r\\n line endings, as telnet sends them", async () => {
    const server = await serve(bracket);
    const peer = await dial(server.port);
    await peer.write("hi\r\nthere\r\n");
    expect(await peer.lines(2)).toEqual(["[hi]", "[there]"]);
  });

  it("waits for an async handler, and keeps replies in order when a later line is answered first", async () => {
    const slow = gate<string>();
    const handled: string[] = [];
    const server = await serve((line) => (handled.push(line), line === "first" ? slow.promise : `fast ${line}`));
    const peer = await dial(server.port);
    await peer.write("first\nsecond\n"); // a few bytes in one write: they arrive together
    await until("the server to handle 'first'", () => handled.includes("first"));
    await settle(); // time enough for a server that answers 'second' at once to do so
    expect(peer.waiting(), "replies sent while the reply to 'first' was not ready").toBe(0);
    slow.open("slow first");
    expect(await peer.lines(2)).toEqual(["slow first", "fast second"]);
  });

  it("closes the connection on 'exit' without handling it, after answering the lines before it", async () => {
    const handled: string[] = [];
    const server = await serve((line) => (handled.push(line), `[${line}]`));
    const peer = await dial(server.port);
    await peer.write("a\nexit\nb\n");
    expect(await peer.line()).toBe("[a]");
    await within(1000, "the server to close the connection after 'exit'", peer.closed);
    expect(handled).toEqual(["a"]);
  });

  it("handles nothing a client sends after 'exit', even in a later write", async () => {
    const handled: string[] = [];
    const server = await serve((line) => (handled.push(line), `[${line}]`));
    const peer = await dial(server.port);
    await peer.write("exit\n");
    await settle(2);
    await peer.write("late\n");
    await within(1000, "the server to close the connection after 'exit'", peer.closed);
    await settle();
    expect(handled).toEqual([]);
  });

  it.each(["exit ", " exit", "EXIT", "exits"])("treats only the exact line 'exit' as the end: %j is handled like any line", async (line) => {
    const server = await serve(bracket);
    const peer = await dial(server.port);
    await peer.write(`${line}\nafter\n`);
    expect(await peer.lines(2)).toEqual([`[${line}]`, "[after]"]);
  });

  it("keeps serving the other clients after one says 'exit'", async () => {
    const server = await serve(bracket);
    const [leaving, staying] = await Promise.all([dial(server.port), dial(server.port)]);
    await leaving.write("exit\n");
    await within(1000, "the server to close the connection after 'exit'", leaving.closed);
    await staying.write("still here\n");
    expect(await staying.line()).toBe("[still here]");
    const late = await dial(server.port);
    await late.write("and me\n");
    expect(await late.line()).toBe("[and me]");
  });

  it("serves clients at the same time: one waiting on a slow reply does not hold up another", async () => {
    const slow = gate<string>();
    const handled: string[] = [];
    const server = await serve((line) => (handled.push(line), line === "slow" ? slow.promise : `[${line}]`));
    const [patient, hasty] = await Promise.all([dial(server.port), dial(server.port)]);
    await patient.write("slow\n");
    await until("the server to handle 'slow'", () => handled.includes("slow"));
    await hasty.write("quick\n");
    expect(await hasty.line()).toBe("[quick]");
    slow.open("[slow]");
    expect(await patient.line()).toBe("[slow]");
  });

  it("answers any messages, written in any chunk sizes, with one reply per message, in order", async () => {
    const server = await serve(bracket);
    await fc.assert(
      fc.asyncProperty(
        fc.array(message, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (messages, positions) => {
          const peer = await dial(server.port);
          try {
            for (const chunk of cut(bytes(messages.map((m) => `${m}\n`).join("")), positions)) {
              await peer.write(chunk);
            }
            expect(await peer.lines(messages.length)).toEqual(messages.map((m) => `[${m}]`));
          } finally {
            await closeSocket(peer.socket);
          }
        },
      ),
      { numRuns: 25 }, // each run opens a real connection: 25 runs keep this property near 100 ms
    );
  });

  it("keeps 1 to 20 concurrent clients apart: each gets exactly its own replies, in order", async () => {
    // Some replies take an extra turn of the event loop, so that the clients' replies interleave.
    const server = await serve(async (line) => {
      if (line.length % 2 === 1) await new Promise<void>((resolve) => setImmediate(resolve));
      return `[${line}]`;
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(message, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 20 }),
        async (conversations) => {
          const peers = await Promise.all(conversations.map(() => dial(server.port)));
          try {
            // Every client tags its messages with its own number, so a misrouted reply shows.
            const sent = conversations.map((messages, i) => messages.map((m) => `client ${i}: ${m}`));
            await Promise.all(peers.map((peer, i) => peer.write((sent[i] ?? []).map((m) => `${m}\n`).join(""))));
            const replies = await Promise.all(peers.map((peer, i) => peer.lines(sent[i]?.length ?? 0)));
            expect(replies).toEqual(sent.map((messages) => messages.map((m) => `[${m}]`)));
            await settle(2);
            expect(peers.map((peer) => peer.waiting())).toEqual(peers.map(() => 0));
          } finally {
            await Promise.all(peers.map((peer) => closeSocket(peer.socket)));
          }
        },
      ),
      { numRuns: 10 }, // up to 20 connections per run: 10 runs keep this property near 100 ms
    );
  });
});

describe("3. connect: a client whose send() resolves with the reply", () => {
  it("sends '你好' and resolves with the server's reply line, '服务器收到: 你好'", async () => {
    const port = await bareServer((line, socket) => socket.write(`服务器收到: ${line}\n`));
    const client = await dialWithClient(port);
    expect(await client.send("你好")).toBe("服务器收到: 你好");
  });

  it("resolves sends in flight in order, each with its own reply, even when the replies come in one chunk", async () => {
    const seen: string[] = [];
    const port = await bareServer((line, socket) => {
      seen.push(line);
      // Answer only once all three lines are in, with all three replies in a single write.
      if (seen.length === 3) socket.write(seen.map((l) => `reply to ${l}\n`).join(""));
    });
    const client = await dialWithClient(port);
    const replies = await within(1000, "the three replies", Promise.all([client.send("a"), client.send("b"), client.send("c")]));
    expect(replies).toEqual(["reply to a", "reply to b", "reply to c"]);
    expect(seen).toEqual(["a", "b", "c"]);
  });

  it("reads a reply that arrives in pieces, cut inside a character", async () => {
    const port = await bareServer((_line, socket) => {
      const reply = bytes("世界\n");
      socket.write(reply.subarray(0, 4));
      void settle().then(() => socket.write(reply.subarray(4))); // let the client read the first piece alone
    });
    const client = await dialWithClient(port);
    expect(await within(1000, "the reply", client.send("你好"))).toBe("世界");
  });

  it("rejects a pending send, with a message saying 'closed', when the server ends the connection; `closed` resolves", async () => {
    // Like the tutorial's server: on "exit" it hangs up without a reply.
    const port = await bareServer((line, socket) => (line === "exit" ? socket.end() : socket.write(`${line}\n`)));
    const client = await dialWithClient(port);
    expect(await client.send("hi")).toBe("hi");
    await expect(within(1000, "send('exit') to settle", client.send("exit"))).rejects.toThrow(/closed/);
    await within(1000, "`closed` to resolve", client.closed);
  });

  it("close() ends the connection: the server sees it end, and close() resolves", async () => {
    let ended = false;
    const port = await bareServer(
      (line, socket) => socket.write(`${line}\n`),
      () => (ended = true),
    );
    const client = await connect(port);
    cleanups.push(() => client.close());
    expect(await client.send("bye")).toBe("bye");
    await within(1000, "close() to resolve", client.close());
    await until("the server to see the connection end", () => ended);
    await within(1000, "`closed` to resolve", client.closed);
  });

  it("close() resolves only once the connection is closed: `closed` has resolved by then", async () => {
    const port = await bareServer((line, socket) => socket.write(`${line}\n`));
    const client = await dialWithClient(port);
    let isClosed = false;
    void client.closed.then(() => (isClosed = true));
    expect(await client.send("bye")).toBe("bye");
    await within(1000, "close() to resolve", client.close());
    expect(isClosed, "`closed` resolved before close() did").toBe(true);
  });

  it("keeps two clients apart: replies cut into pieces and interleaved reach each its own client", async () => {
    // The server answers each client in two pieces, and sends the second pieces only once both
    // clients have had their first one: the pieces of the two replies arrive interleaved.
    const waiting: Array<{ socket: net.Socket; reply: Uint8Array }> = [];
    const port = await bareServer((line, socket) => {
      const reply = bytes(`reply to ${line} · 你好\n`);
      socket.write(reply.subarray(0, 10));
      waiting.push({ socket, reply });
      if (waiting.length === 2) {
        void settle().then(() => {
          for (const { socket: to, reply: rest } of waiting) to.write(rest.subarray(10));
        });
      }
    });
    const [alice, bob] = await Promise.all([dialWithClient(port), dialWithClient(port)]);
    const replies = await within(1000, "both replies", Promise.all([alice.send("alice"), bob.send("bob")]));
    expect(replies).toEqual(["reply to alice · 你好", "reply to bob · 你好"]);
  });

  it("rejects sends after close(), with a message saying 'closed'", async () => {
    const port = await bareServer((line, socket) => socket.write(`${line}\n`));
    const client = await dialWithClient(port);
    await within(1000, "close() to resolve", client.close());
    await expect(within(1000, "send() to settle", client.send("anyone?"))).rejects.toThrow(/closed/);
  });

  it("ignores a line no send is waiting for (a server that says one line too many), and goes on", async () => {
    const escaped = escapedErrors();
    const port = await bareServer((line, socket) => socket.write(line === "hi" ? "hi\nand more\n" : `${line}\n`));
    const client = await dialWithClient(port);
    expect(await client.send("hi")).toBe("hi");
    await settle();
    expect(escaped.map(String), "errors that escaped your client (each would crash the process)").toEqual([]);
    expect(await within(1000, "the reply", client.send("again"))).toBe("again");
  });

  it("survives a server that resets the connection: the pending send rejects saying 'closed', nothing crashes", async () => {
    const escaped = escapedErrors();
    const port = await bareServer((line, socket) => (line === "reset" ? socket.resetAndDestroy() : socket.write(`${line}\n`)));
    const client = await dialWithClient(port);
    expect(await client.send("hi")).toBe("hi");
    await expect(within(1000, "send('reset') to settle", client.send("reset"))).rejects.toThrow(/closed/);
    await within(1000, "`closed` to resolve", client.closed);
    await settle();
    expect(escaped.map(String), "errors that escaped your client (each would crash the process)").toEqual([]);
  });

  it(`hangs up on a server whose reply is longer than DEFAULT_MAX_LINE_BYTES: the replies before it arrive, the rest reject`, async () => {
    const escaped = escapedErrors();
    const huge = "x".repeat(DEFAULT_MAX_LINE_BYTES + 1);
    const port = await bareServer((line, socket) => socket.write(line === "a" ? `[a]\n${huge}\n` : ""));
    const client = await dialWithClient(port);
    const [first, second] = [client.send("a"), client.send("b")];
    await expect(within(1000, "the first reply", first)).resolves.toBe("[a]");
    await expect(within(1000, "the second send to settle", second)).rejects.toThrow(/closed/);
    await within(1000, "`closed` to resolve", client.closed);
    expect(escaped.map(String), "errors that escaped your client (each would crash the process)").toEqual([]);
  });

  it("talks to your own startServer: a short conversation, then 'exit'", async () => {
    const server = await serve((line) => `服务器收到: ${line}`);
    const client = await dialWithClient(server.port);
    expect(await client.send("你好")).toBe("服务器收到: 你好");
    expect(await client.send("hello")).toBe("服务器收到: hello");
    await expect(within(1000, "send('exit') to settle", client.send("exit"))).rejects.toThrow(/closed/);
    await within(1000, "`closed` to resolve", client.closed);
  });

  it("resolves every send with its own reply, for any messages sent all at once", async () => {
    const port = await bareServer((line, socket) => socket.write(`echo ${line}\n`));
    await fc.assert(
      fc.asyncProperty(fc.array(oneLine, { minLength: 1, maxLength: 10 }), async (messages) => {
        const client = await connect(port);
        try {
          const replies = await within(1000, "the replies", Promise.all(messages.map((m) => client.send(m))));
          expect(replies).toEqual(messages.map((m) => `echo ${m}`));
        } finally {
          await within(1000, "close() to resolve", client.close());
        }
      }),
      { numRuns: 25 }, // each run opens a real connection: 25 runs keep this property near 100 ms
    );
  });
});

describe("4. robustness: one bad client never hurts the server or the others", () => {
  it("answers an over-long line with an ERROR line, then ends only that client's connection", async () => {
    const handled: string[] = [];
    const server = await serve((line) => (handled.push(line), `[${line}]`), { maxLineBytes: 16 });
    const [rude, polite] = await Promise.all([dial(server.port), dial(server.port)]);
    await rude.write(`${"x".repeat(40)}\n`);
    expect(await rude.line()).toMatch(/^ERROR /);
    await within(1000, "the server to end the rude client's connection", rude.closed);
    await polite.write("still here\n");
    expect(await polite.line()).toBe("[still here]");
    expect(handled).toEqual(["still here"]);
  });

  it("answers the lines before an over-long one in the same write, then the ERROR line", async () => {
    const server = await serve(bracket, { maxLineBytes: 16 });
    const peer = await dial(server.port);
    await peer.write(`ok\n${"y".repeat(40)}\nnever\n`);
    const [first, second] = await peer.lines(2);
    expect(first).toBe("[ok]");
    expect(second).toMatch(/^ERROR /);
    await within(1000, "the server to end the connection", peer.closed);
  });

  it("cuts off a client streaming a line that never ends: the ERROR line comes though no newline was ever sent", async () => {
    const handled: string[] = [];
    const server = await serve((line) => (handled.push(line), `[${line}]`), { maxLineBytes: 1024 });
    const peer = await dial(server.port);
    const chunk = new Uint8Array(16 * 1024).fill(0x7a); // "zzz…", no newline anywhere
    // The client streams until the server reacts (a line, or the connection closed), at most 4 MiB.
    // After each chunk it lets the event loop turn, so that the server gets to read; whether the
    // kernel takes a chunk at once or makes the write wait does not matter, as the reaction ends the wait.
    const reacted = peer.reaction();
    for (let written = 0; written < 4 * 1024 * 1024 && !peer.isClosed() && peer.waiting() === 0; written += chunk.length) {
      await Promise.race([peer.write(chunk), reacted]);
      await settle(1);
    }
    expect(await peer.line()).toMatch(/^ERROR /);
    await within(1000, "the server to end the connection", peer.closed);
    expect(handled, "lines handled").toEqual([]);
  });

  it("survives a client that vanishes mid-line: the half line is never handled, and others carry on", async () => {
    const escaped = escapedErrors();
    const handled: string[] = [];
    const server = await serve((line) => (handled.push(line), `[${line}]`));
    const [leaving, staying] = await Promise.all([dial(server.port), dial(server.port)]);
    await leaving.write("half a li");
    await settle();
    leaving.socket.destroy();
    await settle();
    await staying.write("next\n");
    expect(await staying.line()).toBe("[next]");
    expect(handled).toEqual(["next"]);
    expect(escaped.map(String), "errors that escaped your server (each would crash it)").toEqual([]);
  });

  it("survives a client that resets its connection (ECONNRESET) while its reply is being computed", async () => {
    const escaped = escapedErrors();
    const slow = gate<string>();
    const handled: string[] = [];
    const server = await serve((line) => (handled.push(line), line === "slow" ? slow.promise : `[${line}]`));
    const [rude, staying] = await Promise.all([dial(server.port), dial(server.port)]);
    await rude.write("slow\nmore\n");
    await until("the server to handle 'slow'", () => handled.includes("slow"));
    rude.socket.resetAndDestroy();
    await settle();
    slow.open("too late"); // the server now answers a client that is gone
    await settle();
    await staying.write("next\n");
    expect(await staying.line()).toBe("[next]");
    const late = await dial(server.port);
    await late.write("and me\n");
    expect(await late.line()).toBe("[and me]");
    expect(escaped.map(String), "errors that escaped your server (each would crash it)").toEqual([]);
  });

  it("replaces invalid UTF-8 with U+FFFD, and keeps serving that client and the others", async () => {
    const escaped = escapedErrors();
    const server = await serve(bracket);
    const [odd, other] = await Promise.all([dial(server.port), dial(server.port)]);
    await odd.write(concat([Uint8Array.of(0xff, 0xfe, 0x0a), bytes("ok\n")]));
    await settle();
    expect(escaped.map(String), "errors that escaped your server (each would crash it)").toEqual([]);
    expect(await odd.lines(2)).toEqual(["[\uFFFD\uFFFD]", "[ok]"]);
    await other.write("fine\n");
    expect(await other.line()).toBe("[fine]");
    expect(escaped.map(String), "errors that escaped your server (each would crash it)").toEqual([]);
  });

  it("answers an async handler that throws or rejects with an ERROR line, and goes on with that connection", async () => {
    const escaped = escapedErrors();
    const server = await serve(async (line) => {
      if (line === "boom") throw new Error("the handler broke");
      if (line === "later") return Promise.reject(new Error("the handler broke later"));
      return `[${line}]`;
    });
    const peer = await dial(server.port);
    await peer.write("boom\nfine\nlater\nfine again\n");
    const replies = await peer.lines(4);
    expect(replies[0]).toMatch(/^ERROR /);
    expect(replies[1]).toBe("[fine]");
    expect(replies[2]).toMatch(/^ERROR /);
    expect(replies[3]).toBe("[fine again]");
    await settle();
    await peer.write("still open?\n");
    expect(await peer.line()).toBe("[still open?]");
    expect(escaped.map(String), "errors that escaped your server (each would crash it)").toEqual([]);
  });

  it("answers a sync handler that throws with an ERROR line, and goes on with that connection", async () => {
    const escaped = escapedErrors();
    const server = await serve((line) => {
      if (line === "boom") throw new Error("the handler broke");
      return `[${line}]`;
    });
    const peer = await dial(server.port);
    await peer.write("boom\nok\n");
    const [error, ok] = await peer.lines(2);
    expect(error).toMatch(/^ERROR /);
    expect(ok).toBe("[ok]");
    expect(escaped.map(String), "errors that escaped your server (each would crash it)").toEqual([]);
  });

  it("answers a reply that is not one line (it contains a newline) with an ERROR line, so later replies stay in step", async () => {
    const server = await serve((line) => (line === "two" ? "first\nsecond" : `[${line}]`));
    const peer = await dial(server.port);
    await peer.write("two\nnext\n");
    const [error, next] = await peer.lines(2);
    expect(error).toMatch(/^ERROR /);
    expect(next).toBe("[next]");
  });

  it("answers a reply that is not a string (a handler returning undefined) with an ERROR line", async () => {
    const server = await serve((line) => (line === "nothing" ? (undefined as unknown as string) : `[${line}]`));
    const peer = await dial(server.port);
    await peer.write("nothing\nnext\n");
    const [error, next] = await peer.lines(2);
    expect(error).toMatch(/^ERROR /);
    expect(next).toBe("[next]");
  });

  it("close() stops accepting, ends every open connection, and resolves", async () => {
    const server = await serve(bracket);
    const [talking, idle] = await Promise.all([dial(server.port), dial(server.port)]);
    await talking.write("hi\n");
    expect(await talking.line()).toBe("[hi]");
    await within(1000, "close() to resolve", server.close());
    await within(1000, "the open connections to end", Promise.all([talking.closed, idle.closed]));
    expect(await reachable(server.port, "127.0.0.1")).toBe(false);
  });

  it("close() of one server leaves another server and its connections alone", async () => {
    const [closing, staying] = await Promise.all([serve(bracket), serve((line) => `<${line}>`)]);
    const [gone, kept] = await Promise.all([dial(closing.port), dial(staying.port)]);
    await within(1000, "close() to resolve", closing.close());
    await within(1000, "the closed server's connection to end", gone.closed);
    expect(kept.isClosed(), "the other server's connection is still open").toBe(false);
    await kept.write("still here\n");
    expect(await kept.line()).toBe("<still here>");
    expect(await reachable(staying.port, "127.0.0.1")).toBe(true);
  });

  it("close() resolves even while a handler is still working on a reply", async () => {
    const escaped = escapedErrors();
    const slow = gate<string>();
    const handled: string[] = [];
    const server = await serve((line) => (handled.push(line), slow.promise));
    const peer = await dial(server.port);
    await peer.write("slow\n");
    await until("the server to handle 'slow'", () => handled.includes("slow"));
    await within(1000, "close() to resolve", server.close());
    await within(1000, "the connection to end", peer.closed);
    slow.open("too late"); // nobody is left to answer: this must not crash anything
    await settle();
    expect(escaped.map(String), "errors that escaped your server (each would crash it)").toEqual([]);
  });
});

/** Resolves after `ms` of real time: only where the lesson itself speaks of time (the idle timeout). */
function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

describe("5. real peers: half-closing clients, idle clients, floods, bursts, servers that never hang up", () => {
  it.each([
    ["an async handler", async (line: string) => `[${line}]`],
    ["a sync handler", (line: string) => `[${line}]`],
  ] as const)("answers every line a client sent before half-closing (nc -N, shutdown(SHUT_WR)), with %s, then ends", async (_kind, reply) => {
    const first = gate<void>();
    const handled: string[] = [];
    const server = await serve(async (line) => {
      handled.push(line);
      if (line === "a") await first.promise; // held back until the server has seen the client's FIN
      return reply(line);
    });
    const peer = await dial(server.port);
    await peer.write("a\nb\nc\n");
    peer.socket.end(); // our FIN: "nothing more from me"; we still read
    await until("the server to handle 'a'", () => handled.includes("a"));
    await settle(); // the FIN arrived with the lines; the server reads it meanwhile
    first.open();
    expect(await peer.lines(3)).toEqual(["[a]", "[b]", "[c]"]);
    await within(1000, "the server to end the connection once every reply is out", peer.closed);
  });

  it("answers the lines before 'exit' for a client that half-closes right after it", async () => {
    const server = await serve(async (line) => {
      await settle(1);
      return `[${line}]`;
    });
    const peer = await dial(server.port);
    await peer.write("a\nexit\n");
    peer.socket.end();
    expect(await peer.line()).toBe("[a]");
    await within(1000, "the server to end the connection", peer.closed);
  });

  it("drops an unfinished last line at the client's FIN: not handled, no reply; the lines before it are answered", async () => {
    const handled: string[] = [];
    const server = await serve((line) => (handled.push(line), `[${line}]`));
    const peer = await dial(server.port);
    await peer.write("a\nno newline");
    peer.socket.end();
    expect(await peer.line()).toBe("[a]");
    await within(1000, "the server to end the connection", peer.closed);
    expect(peer.waiting(), "lines after the reply to 'a'").toBe(0);
    expect(handled).toEqual(["a"]);
  });

  it("hands a lone \\r inside a line to the handler as it is ('a\\rb'), and refuses it in a reply (ERROR)", async () => {
    const server = await serve((line) => (line === "echo\rraw" ? line : JSON.stringify(line)));
    const peer = await dial(server.port);
    await peer.write("a\rb\necho\rraw\n");
    const [seen, refused] = await peer.lines(2);
    expect(seen).toBe(JSON.stringify("a\rb"));
    expect(refused).toMatch(/^ERROR /);
  });

  it("client: resolves a reply with a lone \\r inside as it is ('x\\ry')", async () => {
    const port = await bareServer((_line, socket) => socket.write("x\ry\n"));
    const client = await dialWithClient(port);
    expect(await within(1000, "the reply", client.send("hi"))).toBe("x\ry");
  });

  it("client: close() lets the replies to sends already made arrive, when the server answers after our FIN", async () => {
    // A server that answers only once the client has said it is done (its FIN), then hangs up.
    const received: string[] = [];
    const port = await bareServer(
      (line) => void received.push(line),
      (socket) => socket.end(received.map((line) => `reply to ${line}\n`).join("")),
      { allowHalfOpen: true },
    );
    const client = await dialWithClient(port);
    const replies = [client.send("a"), client.send("b")];
    await until("the server to receive both lines", () => received.length === 2);
    await within(1000, "close() to resolve", client.close());
    await expect(Promise.all(replies)).resolves.toEqual(["reply to a", "reply to b"]);
  });

  it("client: refuses a send made after close() was called, saying 'closed', even before the connection is closed", async () => {
    const port = await bareServer((line, socket) => socket.write(`${line}\n`), undefined, { allowHalfOpen: true });
    const client = await dialWithClient(port);
    const closing = client.close(100);
    await expect(within(1000, "send() to settle", client.send("too late"))).rejects.toThrow(/closed/);
    await within(1000, "close() to resolve", closing);
  });

  it("client: close(50) settles within its time limit against a server that never closes its side; the pending send rejects", async () => {
    // The tutorial's server, waiting at input() for its operator: it reads, never answers, never hangs up.
    const port = await bareServer(() => {}, undefined, { allowHalfOpen: true });
    const client = await dialWithClient(port);
    const pending = client.send("hello?");
    await within(1000, "close(50) to resolve", client.close(50));
    await expect(within(1000, "the pending send to settle", pending)).rejects.toThrow(/closed/);
    await within(1000, "`closed` to resolve", client.closed);
  });

  it(`client: close() settles within DEFAULT_CLOSE_TIMEOUT_MS (${DEFAULT_CLOSE_TIMEOUT_MS} ms) against a server that never closes its side`, async () => {
    const port = await bareServer(() => {}, undefined, { allowHalfOpen: true });
    const client = await dialWithClient(port);
    await within(DEFAULT_CLOSE_TIMEOUT_MS + 1000, "close() to resolve", client.close());
  }, DEFAULT_CLOSE_TIMEOUT_MS + 3000);

  it("with idleTimeoutMs, ends a connection that says nothing: an ERROR line, then the server hangs up", async () => {
    const server = await serve(bracket, { idleTimeoutMs: 100 });
    const silent = await dial(server.port);
    expect(await silent.line()).toMatch(/^ERROR /);
    await within(1000, "the server to end the idle connection", silent.closed);
  });

  it("with idleTimeoutMs, counts from the last activity: a client that keeps talking stays past 400 ms", async () => {
    const server = await serve(bracket, { idleTimeoutMs: 400 });
    const peer = await dial(server.port);
    // Line after line, each sent once the reply to the one before has come: never a pause near the
    // 400 ms, however busy the machine, though more than 600 ms pass in all.
    const started = Date.now();
    for (let i = 0; i < 100_000 && Date.now() - started < 600; i++) {
      await peer.write(`line ${i}\n`);
      expect(await peer.line()).toBe(`[line ${i}]`);
    }
    expect(peer.isClosed()).toBe(false);
  });

  it("with idleTimeoutMs, cuts off a client that does not leave within that time after the server ended the connection", async () => {
    const server = await serve(bracket, { idleTimeoutMs: 500, maxLineBytes: 16 });
    const stubborn = await dial(server.port, "127.0.0.1", { allowHalfOpen: true }); // never closes its side
    await stubborn.write(`${"x".repeat(40)}\n`);
    expect(await stubborn.line()).toMatch(/^ERROR /);
    // It goes on sending, without a pause (the server reads and drops it): a gap of one turn of the
    // event loop between two writes, never near the 500 ms the server waits, however busy the machine
    // (a sleep between writes would let a slow machine's gap pass for idleness). Once the server has
    // closed the socket, a write gets a reset back, so this client learns it was cut off.
    const deadline = Date.now() + 1500;
    for (let i = 0; i < 1_000_000 && !stubborn.isClosed() && Date.now() < deadline; i++) {
      await stubborn.write("more\n");
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    expect(stubborn.isClosed(), "the connection was cut off within 1.5 s while the client kept sending").toBe(true);
  });

  it("keeps idle connections open when idleTimeoutMs is left out (the default is never)", async () => {
    const server = await serve(bracket);
    const quiet = await dial(server.port);
    await sleep(150);
    await quiet.write("still there?\n");
    expect(await quiet.line()).toBe("[still there?]");
  });

  it("under a flood of replies the client does not read, waits for 'drain' with one listener (no MaxListenersExceededWarning) and loses no reply", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    cleanups.push(() => process.off("warning", onWarning));
    const lines = 128;
    const big = "y".repeat(256 * 1024); // 128 replies of 256 KiB: 32 MiB, more than the kernel buffers hold
    let handled = 0;
    const server = await serve(() => (handled++, big));
    const socket = net.connect({ port: server.port, host: "127.0.0.1" });
    cleanups.push(() => closeSocket(socket));
    socket.on("error", () => {});
    await within(1000, "the connection", once(socket, "connect"));
    socket.pause(); // read nothing for now
    socket.write("x\n".repeat(lines));
    // Wait until every line is handled, or until the server stops handling while the client is not
    // reading (it may: that is backpressure too).
    await until("the server to handle every line", () => handled === lines).catch(() => {});
    await settle();
    let bytes = 0;
    let newlines = 0;
    const all = new Promise<void>((resolve) => {
      socket.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) newlines++;
        if (newlines === lines) resolve();
      });
    });
    socket.resume();
    await within(1500, "every reply", all);
    expect(bytes).toBe(lines * (big.length + 1));
    expect(warnings.filter((w) => w.startsWith("MaxListenersExceededWarning"))).toEqual([]);
  }, 4000);

  it.each([
    ["backlog left out: DEFAULT_BACKLOG", undefined, DEFAULT_BACKLOG],
    ["backlog: 1000", 1000, 1000],
  ] as const)("asks listen() for the backlog (%s), so that a burst of clients is not dropped by the kernel", async (_name, backlog, wanted) => {
    const listen = vi.spyOn(net.Server.prototype, "listen");
    cleanups.push(() => listen.mockRestore());
    await serve(bracket, backlog === undefined ? {} : { backlog });
    // listen({ host, port, backlog }, ...) or listen(port, host, backlog, ...)
    const asked = listen.mock.calls.map((args: unknown[]) => {
      const [first] = args;
      if (typeof first === "object" && first !== null) return (first as { backlog?: unknown }).backlog;
      return args.slice(1).find((arg) => typeof arg === "number");
    });
    expect(asked).toEqual([wanted]);
  });

});

describe("6. bad input is refused before anything is bound (the workbook's contract)", () => {
  // The contract (see the root README): a TypeError for a value of the wrong type, a RangeError for
  // a value of the right type that is not allowed; the message names the parameter and shows the value.
  for (const port of [-1, 65536, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`rejects startServer({ port: ${port} }) with a RangeError naming port and showing ${port}`, async () => {
      await expectRejection(() => serve(bracket, { port }), { error: RangeError, param: "port", value: port });
    });
  }

  for (const port of ["8888", true] as unknown[]) {
    it(`rejects startServer({ port: ${JSON.stringify(port)} }) with a TypeError naming port (a port is a number)`, async () => {
      await expectRejection(() => serve(bracket, { port: port as number }), { error: TypeError, param: "port", value: port });
    });
  }

  it("rejects startServer on a port that is taken with the system's error (code EADDRINUSE), instead of crashing", async () => {
    const escaped = escapedErrors();
    const taken = await bareServer(() => {});
    const error = await within(1000, "startServer to settle", rejection(attempt(() => serve(bracket, { port: taken }))));
    expect(error, "the system's error, as listen() gives it").toMatchObject({ code: "EADDRINUSE" });
    expect(escaped.map(String), "errors that escaped your server (each would crash it)").toEqual([]);
  });

  it("rejects a missing handler with a TypeError naming handle", async () => {
    await expectRejection(() => serve(undefined as unknown as LineHandler), { error: TypeError, param: "handle", value: undefined });
  });

  it('rejects a handler that is not a function ("echo") with a TypeError naming handle', async () => {
    await expectRejection(() => serve("echo" as unknown as LineHandler), { error: TypeError, param: "handle", value: "echo" });
  });

  it("checks the options before binding: a missing handler on a port that is taken is a TypeError, not EADDRINUSE", async () => {
    const taken = await bareServer(() => {});
    await expectRejection(() => serve(undefined as unknown as LineHandler, { port: taken }), { error: TypeError, param: "handle" });
  });

  it("checks the options before binding: a bad maxLineBytes on a port that is taken is a RangeError, not EADDRINUSE", async () => {
    const taken = await bareServer(() => {});
    await expectRejection(() => serve(bracket, { port: taken, maxLineBytes: 0 }), { error: RangeError, param: "maxLineBytes", value: 0 });
  });

  for (const maxLineBytes of [0, -1, 2.5, Number.NaN]) {
    it(`rejects startServer({ maxLineBytes: ${maxLineBytes} }) with a RangeError naming maxLineBytes and showing ${maxLineBytes}`, async () => {
      await expectRejection(() => serve(bracket, { maxLineBytes }), { error: RangeError, param: "maxLineBytes", value: maxLineBytes });
    });

    it(`refuses new LineDecoder({ maxLineBytes: ${maxLineBytes} }) with a RangeError naming maxLineBytes and showing ${maxLineBytes}`, () => {
      expectRefusal(() => new LineDecoder({ maxLineBytes }), { error: RangeError, param: "maxLineBytes", value: maxLineBytes });
    });
  }

  for (const backlog of [0, -1, 1.5, Number.NaN]) {
    it(`rejects startServer({ backlog: ${backlog} }) with a RangeError naming backlog and showing ${backlog}`, async () => {
      await expectRejection(() => serve(bracket, { backlog }), { error: RangeError, param: "backlog", value: backlog });
    });
  }

  it('rejects startServer({ backlog: "511" }) with a TypeError naming backlog', async () => {
    const backlog = "511" as unknown as number;
    await expectRejection(() => serve(bracket, { backlog }), { error: TypeError, param: "backlog", value: "511" });
  });

  for (const idleTimeoutMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`rejects startServer({ idleTimeoutMs: ${idleTimeoutMs} }) with a RangeError naming idleTimeoutMs and showing ${idleTimeoutMs}`, async () => {
      await expectRejection(() => serve(bracket, { idleTimeoutMs }), { error: RangeError, param: "idleTimeoutMs", value: idleTimeoutMs });
    });
  }

  it('rejects startServer({ idleTimeoutMs: "100" }) with a TypeError naming idleTimeoutMs', async () => {
    const idleTimeoutMs = "100" as unknown as number;
    await expectRejection(() => serve(bracket, { idleTimeoutMs }), { error: TypeError, param: "idleTimeoutMs", value: "100" });
  });

  for (const timeoutMs of [-1, Number.NaN, Number.POSITIVE_INFINITY, "50"] as unknown[]) {
    const error = typeof timeoutMs === "number" ? RangeError : TypeError;
    it(`rejects client.close(${typeof timeoutMs === "string" ? JSON.stringify(timeoutMs) : String(timeoutMs)}) with a ${error.name} naming timeoutMs, and the connection stays usable`, async () => {
      const port = await bareServer((line, socket) => socket.write(`${line}\n`));
      const client = await dialWithClient(port);
      await expectRejection(() => client.close(timeoutMs as number), { error, param: "timeoutMs", value: timeoutMs });
      expect(await within(1000, "the reply", client.send("still open"))).toBe("still open");
    });
  }

  it('rejects startServer({ maxLineBytes: "10" }) with a TypeError naming maxLineBytes', async () => {
    const maxLineBytes = "10" as unknown as number;
    await expectRejection(() => serve(bracket, { maxLineBytes }), { error: TypeError, param: "maxLineBytes", value: "10" });
  });

  it('refuses new LineDecoder({ maxLineBytes: "10" }) with a TypeError naming maxLineBytes', () => {
    const maxLineBytes = "10" as unknown as number;
    expectRefusal(() => new LineDecoder({ maxLineBytes }), { error: TypeError, param: "maxLineBytes", value: "10" });
  });

  it('refuses push("hello\\n"), text rather than bytes, with a TypeError naming chunk', () => {
    const chunk = "hello\n" as unknown as Uint8Array;
    expectRefusal(() => new LineDecoder().push(chunk), { error: TypeError, param: "chunk", value: "hello\n" });
  });

  it("refuses push([104, 105, 10]), an array of numbers rather than bytes, with a TypeError naming chunk", () => {
    const chunk = [104, 105, 10] as unknown as Uint8Array;
    expectRefusal(() => new LineDecoder().push(chunk), { error: TypeError, param: "chunk" });
  });

  it("refuses a bad chunk without losing what was buffered: 'ab', a bad chunk, then 'c\\n' gives ['abc']", () => {
    const decoder = new LineDecoder();
    expect(decoder.push(bytes("ab"))).toEqual([]);
    expectRefusal(() => decoder.push("x\n" as unknown as Uint8Array), { error: TypeError, param: "chunk", value: "x\n" });
    expect(decoder.push(bytes("c\n"))).toEqual(["abc"]);
  });

  for (const port of [0, -1, 65536, 1.5, Number.NaN]) {
    it(`rejects connect(${port}) with a RangeError naming port and showing ${port}`, async () => {
      await expectRejection(() => dialWithClient(port), { error: RangeError, param: "port", value: port });
    });
  }

  it('rejects connect("8888") with a TypeError naming port', async () => {
    await expectRejection(() => dialWithClient("8888" as unknown as number), { error: TypeError, param: "port", value: "8888" });
  });

  it("accepts connect(65535), the highest port: no RangeError (only the system's error if nothing listens)", async () => {
    const result = await within(1000, "connect(65535) to settle", attempt(() => dialWithClient(65535)).then(
      () => undefined,
      (error: unknown) => error,
    ));
    // Connected (something listens there), or refused by the system: either way, not a RangeError.
    if (result !== undefined) expect(result, "the system's error").toMatchObject({ code: "ECONNREFUSED" });
  });

  it("rejects connect() to a port where nothing listens with the system's error (code ECONNREFUSED)", async () => {
    // The spec's own server holds the port on 127.0.0.1, so nothing can listen on it at 127.0.0.2.
    const port = await bareServer(() => {});
    const error = await within(1000, "connect() to settle", rejection(attempt(() => connect(port, "127.0.0.2"))));
    expect(error, "the system's error, as connect() gives it").toMatchObject({ code: "ECONNREFUSED" });
  });

  it("rejects send(42) with a TypeError naming line, and sends nothing", async () => {
    const seen: string[] = [];
    const port = await bareServer((line, socket) => (seen.push(line), socket.write(`${line}\n`)));
    const client = await dialWithClient(port);
    await expectRejection(() => client.send(42 as unknown as string), { error: TypeError, param: "line", value: 42 });
    expect(await client.send("one line")).toBe("one line");
    expect(seen).toEqual(["one line"]);
  });

  for (const line of ["two\nlines", "cr\rinside", "trailing\n"]) {
    it(`rejects send(${JSON.stringify(line)}) with a RangeError naming line, sends nothing, and the connection stays usable`, async () => {
      const seen: string[] = [];
      const port = await bareServer((got, socket) => (seen.push(got), socket.write(`${got}\n`)));
      const client = await dialWithClient(port);
      await expectRejection(() => client.send(line), { error: RangeError, param: "line", value: line });
      expect(await client.send("one line")).toBe("one line");
      expect(seen).toEqual(["one line"]);
    });
  }
});
