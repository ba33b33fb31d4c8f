/*
 * The lesson's program, on your decorator.ts: `npm run play` (in this folder) or `npm run play -- 3`.
 * A reconstruction (the tutorial shows its code only as pictures): `now = log(now)`, then the
 * lesson's timing exercise, fast(11, 22) and slow(11, 22, 33), timed on a real clock.
 */
import { play } from "../../tools/kit/play";
import { logged, timed, type Clock, type Log, type LogEntry } from "./decorator";

play(({ say }) => {
  const log: Log = (entry) => say(`  log: ${describe(entry)}`);
  const clock: Clock = {
    now: () => performance.now(),
    report: ({ name, ms, ok }) => say(`  timed: ${name} took ${ms.toFixed(1)} ms (ok: ${ok})`),
  };

  // now = log(now): the closure form, wrapping by hand.
  const now = logged(function now(): void {
    say("  2015-3-25");
  }, log);
  // Stacked: logged around timed around the function.
  const fast = logged(
    timed(function fast(a: number, b: number): number {
      return a + b;
    }, clock),
    log,
  );
  const slow = logged(
    timed(function slow(a: number, b: number, c: number): number {
      pause(50);
      return a * b * c;
    }, clock),
    log,
  );

  say("now()");
  now();
  say("fast(11, 22)");
  fast(11, 22);
  say("slow(11, 22, 33)");
  slow(11, 22, 33);
  say(`names: ${now.name}, ${fast.name}, ${slow.name}; lengths: ${now.length}, ${fast.length}, ${slow.length}`);
  say("Look at: each call is logged before and after it runs, slow really takes about 50 ms, and the wrappers keep their functions' names.");
});

function describe(entry: LogEntry): string {
  const call = `${entry.name}(${entry.args.map(String).join(", ")})`;
  if (entry.phase === "call") return `call ${call}`;
  if (entry.phase === "return") return `${call} returned ${String(entry.result)}`;
  return `${call} threw ${String(entry.error)}`;
}

/** Blocks this thread for `ms` milliseconds without spinning (a synchronous sleep). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
