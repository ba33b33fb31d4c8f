/**
 * Load test for kata 08's reference server and client (not a timed test: a script you run by hand).
 *
 *   npx tsx tools/soak/sockets-load.ts [clients=200] [messages=50]
 *
 * Starts solutions/08-sockets' server on 127.0.0.1 with an ephemeral port (loopback only, nothing
 * leaves the machine), connects `clients` clients at once, and has each exchange `messages` lines:
 * half of them one at a time, the other half all in flight together. Every message is unique and
 * names its client, so a reply that went to the wrong client or in the wrong order is caught.
 * Prints what it measured; exits 1 if anything was lost or misrouted, or if it took longer than the
 * time limit (then it stops by itself), 0 otherwise.
 */
import { connect, startServer, type LineClient } from "../../solutions/08-sockets/sockets";

const CLIENTS = positiveInt(process.argv[2], 200);
const MESSAGES = positiveInt(process.argv[3], 50);
const TIME_LIMIT_MS = 60_000;

function positiveInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 10_000) {
    throw new RangeError(`expected an integer in 1..10000, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** The line client `c` sends as its message `m`: unique, multibyte on purpose. */
function messageOf(c: number, m: number): string {
  return `client ${c} · message ${m} · 你好，世界 👋`;
}

async function main(): Promise<number> {
  let handled = 0;
  const server = await startServer({
    host: "127.0.0.1",
    port: 0,
    async handle(line) {
      handled++;
      // Every third reply takes an extra turn of the event loop, so that replies interleave.
      if (handled % 3 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      return `ack ${line}`;
    },
  });

  const counts = { ok: 0, lost: 0, misrouted: 0 };
  const problems: string[] = [];
  const note = (text: string): void => void (problems.length < 10 && problems.push(text));
  const latencies: number[] = [];
  const clients: LineClient[] = [];

  const timer = setTimeout(() => {
    console.error(`FAILED: still running after ${TIME_LIMIT_MS / 1000} s, stopping`);
    process.exit(1);
  }, TIME_LIMIT_MS);
  timer.unref();

  async function exchange(client: LineClient, c: number, m: number): Promise<void> {
    const sent = messageOf(c, m);
    const started = performance.now();
    try {
      const reply = await client.send(sent);
      latencies.push(performance.now() - started);
      if (reply === `ack ${sent}`) counts.ok++;
      else {
        counts.misrouted++;
        note(`client ${c} message ${m}: got ${JSON.stringify(reply)}`);
      }
    } catch (error) {
      counts.lost++;
      note(`client ${c} message ${m}: ${String(error)}`);
    }
  }

  const started = performance.now();
  try {
    const connected = await Promise.all(Array.from({ length: CLIENTS }, () => connect(server.port)));
    clients.push(...connected);
    const connectedAt = performance.now();
    await Promise.all(
      clients.map(async (client, c) => {
        const half = Math.floor(MESSAGES / 2);
        for (let m = 0; m < half; m++) await exchange(client, c, m); // one at a time
        await Promise.all(Array.from({ length: MESSAGES - half }, (_, k) => exchange(client, c, half + k))); // all in flight
      }),
    );
    const finished = performance.now();

    const expected = CLIENTS * MESSAGES;
    latencies.sort((a, b) => a - b);
    const pct = (p: number): string => (latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0).toFixed(2);
    console.log(`sockets load test: ${CLIENTS} concurrent clients x ${MESSAGES} messages on 127.0.0.1:${server.port}`);
    console.log(`  connect all clients   ${(connectedAt - started).toFixed(0)} ms`);
    console.log(`  exchange all messages ${(finished - connectedAt).toFixed(0)} ms (${Math.round(expected / ((finished - connectedAt) / 1000))} messages/s)`);
    console.log(`  reply latency         p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${pct(1)} ms`);
    console.log(`  sent ${expected}, handled ${handled}, replies ok ${counts.ok}, lost ${counts.lost}, misrouted ${counts.misrouted}`);
    for (const problem of problems) console.log(`  ! ${problem}`);

    const good = counts.ok === expected && handled === expected && counts.lost === 0 && counts.misrouted === 0;
    console.log(good ? "OK: nothing lost, nothing misrouted" : "FAILED: messages lost or misrouted");
    return good ? 0 : 1;
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
    clearTimeout(timer);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("FAILED:", error);
    process.exit(1);
  },
);
