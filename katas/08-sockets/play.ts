/*
 * The tutorial's server and client, on your sockets.ts: `npm run play` (in this folder) or
 * `npm run play -- 8`. With no argument, both in one process: the client sends two lines and `exit`.
 *   npm run play -- 8 server [port]   your server on 127.0.0.1 until Ctrl-C (port 0: the system picks)
 *   npm run play -- 8 client <port>   your client: type a line, see the reply; `exit` ends it
 */
import { createInterface } from "node:readline";
import { play } from "../../tools/kit/play";
import { connect, startServer } from "./sockets";

type Say = (...lines: unknown[]) => void;

/** The tutorial's operator typed every reply; here a function answers, and the server prints the line. */
const handler = (say: Say) => (line: string): string => {
  say(`server: the client sent ${JSON.stringify(line)}`);
  const length = [...line].length;
  return `received ${JSON.stringify(line)}, ${length} character${length === 1 ? "" : "s"}`;
};

/** What `promise` resolves with, or `fallback` if that takes longer than `ms` (so a reply that never comes ends the demo). */
async function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(resolve, ms, fallback)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function demo(say: Say): Promise<void> {
  const server = await startServer({ handle: handler(say) });
  try {
    say(`server: listening on ${server.host}:${server.port}`);
    const client = await connect(server.port);
    try {
      for (const line of ["你好", "how are you?"]) {
        say(`client: sends ${JSON.stringify(line)}`);
        say(`client: the reply: ${await within(client.send(line), 2000, "(none within 2 s)")}`);
      }
      say(`client: sends "exit"`);
      void client.send("exit").catch(() => {}); // no reply comes: the server ends the connection instead
      const gone = await within(client.closed.then(() => true), 2000, false);
      say(gone ? "client: the server hung up" : "client: the server did not hang up within 2 s of exit");
    } finally {
      await client.close(0);
    }
  } finally {
    await server.close();
  }
  say("Look at: one reply per line, in order, 你好 whole (2 characters, not broken bytes), and no reply to exit, only a hang-up.");
}

async function serve(say: Say, port: number): Promise<void> {
  const server = await startServer({ port, handle: handler(say) });
  const kata = process.env["INIT_CWD"] === process.cwd() ? "" : "8 "; // typed in this folder, or at the root
  say(
    `server: listening on ${server.host}:${server.port}`,
    `In another terminal: npm run play -- ${kata}client ${server.port}   (Ctrl-C here stops the server)`,
  );
  await new Promise((resolve) => process.once("SIGINT", resolve));
  await server.close();
  say("", "server: closed");
}

async function chat(say: Say, port: number): Promise<void> {
  const client = await connect(port).catch((error: unknown) => {
    if (!(error instanceof Error && (error as NodeJS.ErrnoException).code === "ECONNREFUSED")) throw error;
    say(`client: nothing listens on 127.0.0.1:${port}. Start the server first: npm run play -- 8 server`);
    process.exitCode = 1;
  });
  if (!client) return;
  say(`client: connected to 127.0.0.1:${port}. Type a line and Enter; exit (or end of input) ends it.`);
  const input = createInterface({ input: process.stdin, output: process.stdout, prompt: "you> " });
  let atPrompt = false;
  const ask = (): void => {
    if (process.stdin.isTTY) input.prompt(); // piped input gets no prompts
    atPrompt = Boolean(process.stdin.isTTY);
  };
  let serverGone = false;
  void client.closed.then(() => {
    serverGone = true; // after `exit`, or the server stopped (Ctrl-C there): end the chat, even at the prompt
    input.close();
  });
  ask();
  for await (const line of input) {
    atPrompt = false;
    try {
      say(`the reply: ${await client.send(line)}`);
    } catch {
      serverGone = true; // a send rejects once the connection is closed: no reply to `exit`
      break;
    }
    ask();
  }
  const byServer = serverGone;
  input.close();
  await client.close();
  if (atPrompt) say("");
  say(byServer ? "client: the server hung up" : "client: end of input, connection closed");
}

play(async ({ say, args }) => {
  const [mode, port] = args;
  if (mode === undefined) return demo(say);
  if (mode === "server") return serve(say, Number(port ?? 0));
  if (mode === "client" && port !== undefined) return chat(say, Number(port));
  say("Usage: npm run play -- 8 [server [port] | client <port>]   (in this folder: npm run play -- ...)");
  process.exitCode = 1;
});
