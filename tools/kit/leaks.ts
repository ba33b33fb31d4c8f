/**
 * The leak guard of every kata spec (wired into setup.ts): a test that ends with a server still
 * listening, a socket still open, a worker thread still running or a real timer still pending fails,
 * with a message that names what was left behind. The guard then closes what it can (servers,
 * sockets, workers), so the next tests start clean and the run's process can exit.
 *
 * How: before each test, a snapshot of what keeps the event loop alive (process.getActiveResourcesInfo
 * counts, and the handle objects behind them); after each test (after the spec's own afterEach hooks,
 * which run first), what is new. Closing is asynchronous (server.close(), worker.terminate() finish a
 * moment later), so the guard waits up to SETTLE_MS for the counts to come back before it calls
 * anything a leak. Only resources that live until someone closes them are counted; requests in flight
 * (DNS, fs, writes) are not.
 *
 * Two kinds are tracked one by one instead, with where they were started:
 * - timers: vitest's own timers come and go among the active resources while a test runs, so counts
 *   would miss a leaked one now and then. setTimeout/setInterval (global, and node:timers) are
 *   wrapped to record each timer the test's code starts; one still pending and ref'd at the end is a
 *   leak, and is cleared. Vitest keeps its own copies of the timer functions, so it is not counted.
 * - worker threads, which do not show among the active resources at all: node:worker_threads'
 *   Worker is replaced by a subclass that records each instance until its "exit" event (or until it
 *   is unref'd: then it no longer keeps the process alive, like an unref'd timer).
 *
 * Fake timers: a test that ends with vitest's fake timers still installed and timers pending on them
 * fails too (vi.getTimerCount()); a spec that restores real timers in its afterEach is not concerned.
 *
 * KATAS_LEAK_CHECK=0 turns the guard off (for a maintainer chasing something else).
 */
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import workerThreads from "node:worker_threads";
import { afterEach, beforeEach, vi } from "vitest";
import { env } from "../core/config.mjs";
import { activeHandles as nodeActiveHandles, timerDone } from "../core/internals.mjs";
import { origin, trackTimers, trackWorkers, type TrackedTimer } from "./tracking";

export { busyWorker } from "./tracking";

/**
 * How long closes get to finish after a test before what is left counts as a leak. Only what is on
 * its way out is waited for (see settling()): a leak nobody started to close is reported at once.
 */
export const SETTLE_MS = 500;

/** The resource types that stay until closed, and how to say them to a learner. */
const DURABLE: Record<string, { one: string; many: string; fix: string }> = {
  TCPServerWrap: { one: "a server still listening", many: "servers still listening", fix: "close it: `server.close()`, and wait for its callback" },
  PipeServerWrap: { one: "a server still listening on a pipe", many: "pipe servers still listening", fix: "close it: `server.close()`" },
  TCPSocketWrap: { one: "a TCP socket still open", many: "TCP sockets still open", fix: "end or destroy it: `socket.end()` / `socket.destroy()`" },
  UDPWrap: { one: "a UDP socket still open", many: "UDP sockets still open", fix: "close it: `socket.close()`" },
  ProcessWrap: { one: "a child process still running", many: "child processes still running", fix: "wait for it to exit, or `child.kill()`" },
  FileHandle: { one: "a file handle still open", many: "file handles still open", fix: "close it: `await handle.close()`" },
};

type Counts = Map<string, number>;
type Handle = object;

const enabled = env.leakCheck();
const workers = trackWorkers();
const timers = trackTimers();

let baseline: { counts: Counts; handles: Set<Handle>; workers: Set<workerThreads.Worker>; timers: Set<TrackedTimer> } | undefined;

if (enabled) {
  beforeEach(() => {
    pruneTimers();
    baseline = { counts: resourceCounts(), handles: new Set(activeHandles()), workers: new Set(workers.keys()), timers: new Set(timers) };
  });

  afterEach(async () => {
    const before = baseline;
    baseline = undefined;
    if (!before) return;
    const lines = [...fakeTimerLeaks(), ...(await realLeaks(before))];
    if (lines.length === 0) return;
    const error = new Error(
      `This test left resources running after it ended:\n${lines.map((l) => `  - ${l}`).join("\n")}\n` +
        "Code that starts something must also stop it (in a `finally`, or when its work is done). " +
        "Servers, sockets and workers were closed by the workbook so the next tests can run.",
    );
    error.name = "LeakError";
    error.stack = `${error.name}: ${error.message}`; // no frames: they would point here, not at the learner's code
    throw error;
  });
}

/** Fake timers still pending when the test ends with fake timers installed. */
function fakeTimerLeaks(): string[] {
  if (!vi.isFakeTimers()) return [];
  const pending = vi.getTimerCount();
  if (pending === 0) return [];
  vi.clearAllTimers();
  return [
    `${pending} fake timer${pending === 1 ? "" : "s"} still pending (scheduled under vi.useFakeTimers() and never run or cleared): ` +
      "clear the timers your code no longer needs",
  ];
}

/** What is still running after SETTLE_MS that was not before the test; closes what it can. */
async function realLeaks(before: NonNullable<typeof baseline>): Promise<string[]> {
  const deadline = Date.now() + SETTLE_MS;
  let grown = growth(before.counts);
  let liveWorkers = newWorkers(before.workers);
  let liveTimers = newTimers(before.timers);
  // Wait only while something is on its way out; a pending timer or a server nobody closed will not
  // go by itself, and waiting for it would only cost every leaking test half a second.
  while ((grown.size > 0 || liveWorkers.length > 0) && Date.now() < deadline && settling(before, grown, liveWorkers)) {
    await sleep(5);
    grown = growth(before.counts);
    liveWorkers = newWorkers(before.workers);
  }
  liveTimers = newTimers(before.timers);
  const lines: string[] = [];
  if (grown.size > 0) {
    const fresh = activeHandles().filter((h) => !before.handles.has(h));
    for (const [type, extra] of grown) {
      const words = DURABLE[type];
      if (!words) continue;
      const details = describeHandles(type, fresh);
      lines.push(`${extra === 1 ? words.one : `${extra} ${words.many}`}${details ? ` (${details})` : ""}: ${words.fix}`);
    }
    closeHandles(fresh);
  }
  for (const [worker, origin] of liveWorkers) {
    lines.push(
      `a worker thread still running (threadId ${worker.threadId}${origin ? `, started at ${origin}` : ""}): ` +
        "let it finish and exit, or stop it with `await worker.terminate()`",
    );
    worker.terminate().catch(() => undefined);
    workers.delete(worker);
  }
  if (liveTimers.length > 0) {
    const [first] = liveTimers as [TrackedTimer];
    const where = origin(first.stack.stack ?? "");
    const what = `${first.kind}(…, ${first.ms})${where ? ` started at ${where}` : ""}`;
    lines.push(
      `${liveTimers.length === 1 ? "a timer still pending" : `${liveTimers.length} timers still pending`} (${what}${liveTimers.length > 1 ? ", and others" : ""}): ` +
        "clear it when it is no longer needed: `clearTimeout(id)` / `clearInterval(id)`",
    );
    for (const t of liveTimers) {
      clearTimeout(t.timer);
      timers.delete(t);
    }
  }
  // Let the closes finish, so that the next test's snapshot does not count them as its own.
  const closing = Date.now() + SETTLE_MS;
  while (lines.length > 0 && growth(before.counts).size > 0 && Date.now() < closing) await sleep(5);
  return lines;
}

/**
 * Whether what the test left may still go by itself: a worker thread (it may be exiting after its
 * last message), a server whose close() was called, a socket ended or destroyed, or a resource whose
 * object cannot be inspected. A listening server or an open socket nobody closed does not count.
 */
function settling(before: NonNullable<typeof baseline>, grown: Counts, liveWorkers: [workerThreads.Worker, string][]): boolean {
  if (liveWorkers.length > 0) return true;
  const fresh = activeHandles().filter((h) => !before.handles.has(h));
  if (fresh.length === 0) return grown.size > 0;
  if ([...grown.keys()].some((type) => !INSPECTABLE.has(type))) return true;
  return fresh.some(isClosing);
}

const INSPECTABLE = new Set(["TCPServerWrap", "PipeServerWrap", "TCPSocketWrap"]);

function isClosing(handle: Handle): boolean {
  if (handle instanceof net.Server) return !handle.listening;
  if (handle instanceof net.Socket) return handle.destroyed || handle.writableEnded || handle.readableEnded || handle.connecting;
  return true;
}

/** Timers started since `before` that are still pending and keep the process alive. */
function newTimers(before: Set<TrackedTimer>): TrackedTimer[] {
  pruneTimers();
  return [...timers].filter((t) => !before.has(t) && t.timer.hasRef());
}

/** Forgets the timers that have fired (setTimeout) or were cleared. */
function pruneTimers(): void {
  for (const t of timers) if (timerDone(t.timer)) timers.delete(t);
}

function resourceCounts(): Counts {
  const counts: Counts = new Map();
  for (const type of process.getActiveResourcesInfo()) {
    if (type in DURABLE) counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

/** Durable resource types with more instances now than in `before`, and how many more. */
function growth(before: Counts): Counts {
  const grown: Counts = new Map();
  for (const [type, count] of resourceCounts()) {
    const extra = count - (before.get(type) ?? 0);
    if (extra > 0) grown.set(type, extra);
  }
  return grown;
}

function newWorkers(before: Set<workerThreads.Worker>): [workerThreads.Worker, string][] {
  return [...workers].filter(([worker]) => !before.has(worker));
}

/** The handle objects behind the active resources (servers, sockets...), where Node still offers them. */
function activeHandles(): Handle[] {
  return nodeActiveHandles();
}

function describeHandles(type: string, handles: Handle[]): string {
  const parts: string[] = [];
  for (const handle of handles) {
    if ((type === "TCPServerWrap" || type === "PipeServerWrap") && handle instanceof net.Server) {
      const address = handle.address();
      parts.push(typeof address === "string" ? address : address ? `${formatHost(address.address)}:${address.port}` : "not bound");
    } else if (type === "TCPSocketWrap" && handle instanceof net.Socket) {
      if (handle.remotePort !== undefined) parts.push(`to ${formatHost(handle.remoteAddress ?? "?")}:${handle.remotePort}`);
    }
  }
  return parts.length > 0 ? `${type === "TCPSocketWrap" ? "" : "listening on "}${parts.slice(0, 3).join(", ")}${parts.length > 3 ? ", ..." : ""}` : "";
}

function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

function closeHandles(handles: Handle[]): void {
  for (const handle of handles) {
    try {
      if (handle instanceof net.Server) {
        handle.close();
        (handle as net.Server & { closeAllConnections?: () => void }).closeAllConnections?.();
      } else if (handle instanceof net.Socket) {
        handle.destroy();
      }
    } catch {
      // best effort: the leak is reported either way
    }
  }
}
