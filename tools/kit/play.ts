/**
 * The harness of every kata's `play.ts`: the tutorial's program, run on the learner's code.
 *
 *   import { play } from "../../tools/kit/play";
 *   import { studyTime } from "./counter";
 *
 *   play(async ({ say, args }) => {
 *     const add = studyTime();
 *     say(`add(2) -> ${add(2)}`);
 *   });
 *
 * On a stub, the program stops at the first function not written yet and says so in one line. Any
 * other error is shown with where it was thrown in the kata's files, not as a whole stack. While the
 * program runs, a heartbeat tells `npm run play` that the event loop still turns (an endless loop in
 * the learner's code stops it, and play says so).
 */
import { NotImplementedError } from "./todo";

export interface PlayContext {
  /** Prints one line (or several). */
  readonly say: (...lines: unknown[]) => void;
  /** The arguments after the kata: `npm run play -- 8 client 4000` gives ["client", "4000"]. */
  readonly args: readonly string[];
}

export function play(main: (context: PlayContext) => unknown): void {
  const beat = typeof process.send === "function" ? setInterval(() => process.send?.("beat"), 250) : undefined;
  beat?.unref();
  const say = (...lines: unknown[]) => {
    for (const line of lines) process.stdout.write(`${String(line)}\n`);
  };
  // An error in a callback of the learner's (a socket's "data", a timer) never reaches the promise
  // below: it is reported the same way, in a line or two, and ends the program.
  const crash = (error: unknown) => {
    if (beat) clearInterval(beat);
    process.stderr.write(`${describe(error)}\n`);
    process.exit(1);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  Promise.resolve()
    .then(() => main({ say, args: process.argv.slice(2) }))
    .then(
      () => {
        if (beat) clearInterval(beat);
      },
      (error: unknown) => {
        if (beat) clearInterval(beat);
        process.exitCode = 1;
        process.stderr.write(`${describe(error)}\n`);
      },
    );
}

function describe(error: unknown): string {
  if (error instanceof NotImplementedError) {
    return `Not written yet: ${error.what}. Write it in this kata's file, then run \`npm run play\` again.`;
  }
  if (!(error instanceof Error)) return `Your code threw ${String(error)}, which is not an Error.`;
  const where = (error.stack ?? "")
    .split("\n")
    .map((line) => /((?:katas|solutions)\/[^/\s]+\/[^\s:()]+):(\d+):(\d+)/.exec(line))
    .find((m) => m && !m[1]?.endsWith("/play.ts"));
  return `${error.name}: ${error.message}${where ? `\n    at ${where[1]}:${where[2]}:${where[3]}` : ""}`;
}
