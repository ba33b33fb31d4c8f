/*
 * A chat room on your mediator.ts, behind kata 08's line protocol: `npm run play` (in this folder) or
 * `npm run play -- 12`. The tutorial only names the mediator pattern, so this program is the lesson's
 * own. Each TCP connection is one participant: its first line is its name, then every line is a
 * broadcast, and `@name text` a direct message. The server holds one room; connections never hold
 * each other.
 *   npm run play -- 12                        a demo: three clients chat through the server, then leave
 *   npm run play -- 12 server [port]          the server on 127.0.0.1 until Ctrl-C (port 0: the system picks)
 *   npm run play -- 12 client <port> [name]   one participant: type a line to broadcast, @name text to whisper
 */
import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";
import { createInterface } from "node:readline";
import { NotImplementedError } from "../../tools/kit";
import { play } from "../../tools/kit/play";
import { createRoom, type Message, type Room } from "./mediator";

type Say = (...lines: unknown[]) => void;

/** A message as one line of the protocol. */
function format(message: Message): string {
  switch (message.type) {
    case "broadcast":
      return `${message.from}: ${message.text}`;
    case "direct":
      return `${message.from} (to you): ${message.text}`;
    case "joined":
    case "left":
      return `* ${message.name} ${message.type}`;
  }
}

/** The room behind a TCP server: one connection, one participant. */
async function startChat(room: Room, port: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {}); // a peer that vanishes has simply left (below, on close)
    const write = (line: string): void => {
      if (socket.writable) socket.write(`${line}\n`);
    };
    let name = "";
    let leave: (() => void) | undefined;
    createInterface({ input: socket, crlfDelay: Infinity }).on("line", (line) => {
      try {
        if (leave === undefined) {
          name = line.trim();
          // The room is the only thing this connection holds: the others reach it through deliver.
          leave = room.join(name, (message) => write(format(message)));
          write(`* welcome, ${name}; here: ${room.members().join(", ")}`);
          return;
        }
        const whisper = /^@(\S+) ?(.*)$/s.exec(line);
        if (whisper) room.send(name, whisper[1]!, whisper[2]!);
        else room.broadcast(name, line);
      } catch (error) {
        if (error instanceof NotImplementedError || !(error instanceof Error)) throw error;
        write(`* refused: ${error.message}`);
        if (leave === undefined) write("* your name?");
      }
    });
    socket.on("close", () => {
      sockets.delete(socket);
      leave?.();
    });
    write("* your name?");
  });
  server.listen({ host: "127.0.0.1", port });
  await once(server, "listening");
  const address = server.address();
  return {
    port: typeof address === "object" && address !== null ? address.port : port,
    async close() {
      const closed = once(server, "close");
      server.close();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** A scripted participant for the demo: what it reads comes one line at a time, in order. */
async function participant(port: number) {
  const socket = connect({ host: "127.0.0.1", port });
  socket.on("error", () => {});
  await once(socket, "connect");
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  const input = createInterface({ input: socket, crlfDelay: Infinity });
  input.on("line", (line) => (waiting.length > 0 ? waiting.shift()!(line) : lines.push(line)));
  input.on("close", () => {
    ended = true;
    for (const resolve of waiting.splice(0)) resolve(undefined);
  });
  return {
    /** The next line the server sent, or a note if none comes within 2 s (so a broken room ends the demo). */
    async read(): Promise<string> {
      if (lines.length > 0) return lines.shift()!;
      if (ended) return "(the server hung up)";
      let timer: NodeJS.Timeout | undefined;
      const line = await new Promise<string | undefined>((resolve) => {
        waiting.push(resolve);
        timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(resolve), 1);
          resolve("(nothing within 2 s)");
        }, 2000);
      });
      clearTimeout(timer);
      return line ?? "(the server hung up)";
    },
    write(line: string): void {
      socket.write(`${line}\n`);
    },
    async hangUp(): Promise<void> {
      const closed = once(socket, "close");
      socket.end();
      await closed;
    },
  };
}

async function demo(say: Say): Promise<void> {
  const room = createRoom(); // first: on the stub, this is where the demo stops
  const chat = await startChat(room, 0);
  say(`server: listening on 127.0.0.1:${chat.port}, one room`);
  const people = new Map<string, Awaited<ReturnType<typeof participant>>>();
  try {
    const reads = async (who: string, count = 1) => {
      for (let i = 0; i < count; i++) say(`${who.padEnd(4)} reads  ${await people.get(who)!.read()}`);
    };
    const sends = (who: string, line: string) => {
      say(`${who.padEnd(4)} sends  ${line}`);
      people.get(who)!.write(line);
    };
    for (const name of ["ann", "bob", "cy"]) {
      people.set(name, await participant(chat.port));
      await reads(name);
      sends(name, name);
      await reads(name);
      for (const other of people.keys()) if (other !== name) await reads(other); // "* bob joined"
    }
    sends("ann", "hello, everyone");
    await reads("bob");
    await reads("cy");
    sends("bob", "@cy are you coming tonight?");
    await reads("cy");
    sends("cy", "@dee hi");
    await reads("cy");
    say("bob  hangs up");
    await people.get("bob")!.hangUp();
    people.delete("bob");
    await reads("ann"); // the next line Ann reads: not bob's whisper to cy
    await reads("cy");
    sends("cy", "@bob still there?");
    await reads("cy");
  } finally {
    for (const person of people.values()) await person.hangUp();
    await chat.close();
  }
  say("Look at: ann never reads her own broadcast (her next line is * bob left), the whisper reaches cy alone, and once bob has left the room refuses him as a to.");
}

async function serve(say: Say, port: number): Promise<void> {
  const chat = await startChat(createRoom(), port);
  const kata = process.env["INIT_CWD"] === process.cwd() ? "" : "12 "; // typed in this folder, or at the root
  say(
    `server: listening on 127.0.0.1:${chat.port}, one room`,
    `In two other terminals: npm run play -- ${kata}client ${chat.port} ann   (and bob; Ctrl-C here stops the server)`,
  );
  await new Promise((resolve) => process.once("SIGINT", resolve));
  await chat.close();
  say("", "server: closed");
}

async function client(say: Say, port: number, name: string | undefined): Promise<void> {
  const socket = connect({ host: "127.0.0.1", port });
  const connected = await new Promise<boolean>((resolve) => {
    socket.once("connect", () => resolve(true));
    socket.once("error", () => resolve(false));
  });
  if (!connected) {
    say(`client: nothing listens on 127.0.0.1:${port}. Start the server first: npm run play -- 12 server`);
    process.exitCode = 1;
    return;
  }
  socket.on("error", () => {});
  say(`client: connected to 127.0.0.1:${port}. A line is a broadcast, @name text a direct message; end of input (Ctrl-D) leaves.`);
  if (name !== undefined) socket.write(`${name}\n`);
  createInterface({ input: socket, crlfDelay: Infinity }).on("line", (line) => say(line));
  const input = createInterface({ input: process.stdin });
  input.on("line", (line) => socket.write(`${line}\n`));
  input.on("close", () => socket.end());
  socket.on("close", () => input.close()); // the server stopped: end the client too
  await once(socket, "close");
  say("client: left the room");
}

play(async ({ say, args }) => {
  const [mode, port, name] = args;
  if (mode === undefined) return demo(say);
  if (mode === "server") return serve(say, Number(port ?? 0));
  if (mode === "client" && port !== undefined) return client(say, Number(port), name);
  say("Usage: npm run play -- 12 [server [port] | client <port> [name]]   (in this folder: npm run play -- ...)");
  process.exitCode = 1;
});
