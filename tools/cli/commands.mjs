// @ts-check
/**
 * The command table: every command of `npm run katas`, its arguments, its options and what it does.
 * cli.mjs generates the usage text from it, parses each command's options with it, and dispatches
 * to its `run`. A new command or option is one entry here and nothing else.
 */
import { KataError, kataOfDirectory, listKatas, resolveKata } from "../core/katas.mjs";
import { confirmed, kataFrom, npmScript, onKata, runOne } from "./helpers.mjs";

/**
 * @typedef {object} Option
 * @property {"boolean" | "string"} type
 * @property {string} [short]        one letter: `-y` for `--yes`
 * @property {string} [value]        how the usage names a string option's value
 * @property {string} describe
 *
 * @typedef {object} Context
 * @property {string[]} positional
 * @property {Record<string, string | boolean | undefined>} flags
 * @property {import("./cli.mjs").CliIO} io
 * @property {(text: string) => void} say
 * @property {() => string} usage
 *
 * @typedef {object} Command
 * @property {string} name
 * @property {string} [shown]          how the usage names it, when not `name` (the npm scripts)
 * @property {"learners" | "maintainers" | "internal"} group   internal: run by an npm script, listed under its name
 * @property {string} args             the positional arguments, as the usage shows them
 * @property {string} summary
 * @property {number} [maxArgs]        more positional arguments than this are an error (default: no limit)
 * @property {Record<string, Option>} [options]
 * @property {(ctx: Context) => Promise<number>} run
 */

/** @type {Record<string, Option>} */
const PATTERN = { testNamePattern: { type: "string", short: "t", value: "<pattern>", describe: "only the tests whose name matches" } };
const SOLUTION = { type: /** @type {const} */ ("boolean"), describe: "against the reference solution instead of your file" };
const JSON_OPTION = { json: { type: /** @type {const} */ ("boolean"), describe: "machine-readable, on stdout" } };

/**
 * Commands that differ only in their name and summary: one entry each, in the order given; `run`
 * is told the name typed.
 * @param {Record<string, string>} summaries  name -> summary
 * @param {Omit<Command, "name" | "summary" | "run"> & { run: (ctx: Context, name: string) => Promise<number> }} shared
 * @returns {Command[]}
 */
function variants(summaries, { run, ...shared }) {
  return Object.entries(summaries).map(([name, summary]) => ({ name, summary, ...shared, run: (ctx) => run(ctx, name) }));
}

/** @type {Command[]} */
export const COMMANDS = [
  {
    name: "start",
    group: "learners",
    args: "",
    summary: "the guided mode: the first kata not green yet, rerun on every save (`npm start`)",
    maxArgs: 0,
    async run({ io, say }) {
      if (io.stdin.isTTY && io.stdout.isTTY && io.env["CI"] === undefined) {
        const { runGuided } = await import("../guide/guided.mjs");
        return runGuided({ root: io.root });
      }
      // No terminal (a pipe, CI): the status, once, and never wait for input.
      const { collectProgress, formatStatus } = await import("../commands/progress.mjs");
      const { wantsColor } = await import("../terminal/screen.mjs");
      const results = await collectProgress(listKatas(io.root), { root: io.root });
      say(formatStatus(results, { root: io.root, color: wantsColor(io.stdout, io.env) }));
      return 0;
    },
  },
  ...variants({ list: "every kata with passed/total and a progress bar", progress: "the same as list" }, {
    group: "learners",
    args: "",
    maxArgs: 0,
    options: JSON_OPTION,
    async run({ io, flags, say }) {
      const { collectProgress, formatList, formatSummary, progressJson } = await import("../commands/progress.mjs");
      const { wantsColor } = await import("../terminal/screen.mjs");
      const results = await collectProgress(listKatas(io.root), { root: io.root });
      if (flags["json"]) {
        say(JSON.stringify(progressJson(results, { root: io.root }), null, 2));
        return 0;
      }
      const color = wantsColor(io.stdout, io.env);
      const next = results.find((r) => r.status !== "green");
      say([formatList(results, { color, ...(next ? { current: next.slug } : {}) }), "", formatSummary(results, { color })].join("\n"));
      return 0;
    },
  }),
  ...variants({ test: "run one kata's spec against your file", watch: "the same, rerun on every save" }, {
    group: "learners",
    args: "<kata>",
    maxArgs: 1,
    options: { ...PATTERN, solution: SOLUTION },
    run: (ctx, name) => runOne(kataFrom(ctx), ctx, { watch: name === "watch", target: ctx.flags["solution"] ? "solution" : "learner" }),
  }),
  onKata("hint", {
    args: "<kata> [n]",
    summary: "the next hint, or hint n",
    maxArgs: 2,
    async run(kata, { io, positional, say }) {
      const raw = positional[1];
      if (raw !== undefined && !/^\d+$/.test(raw)) throw new KataError(`the hint number must be a whole number, got "${raw}"`);
      const { takeHint } = await import("../commands/hint.mjs");
      const { inlineMarkdown, paint, wantsColor, wrap } = await import("../terminal/screen.mjs");
      const c = paint(wantsColor(io.stdout, io.env));
      const hint = takeHint(kata, { root: io.root, ...(raw !== undefined ? { n: Number(raw) } : {}) });
      const width = Math.min(96, (/** @type {{ columns?: number }} */ (io.stdout).columns ?? 100) - 2);
      say(`${c.yellow(c.bold(`Hint ${hint.n}/${hint.of}`))} for ${kata.slug}:\n\n${wrap(inlineMarkdown(hint.text, c), width)}\n`);
      say(c.dim(hint.last ? `That was the last hint. \`npm run compare -- ${kata.number}\` shows the reference solution.` : `\`npm run hint -- ${kata.number}\` gives the next one.`));
      return 0;
    },
  }),
  onKata("compare", {
    summary: "your file beside the reference solution, as a diff",
    options: { yes: { type: "boolean", short: "y", describe: "even if the kata is not green yet" } },
    async run(kata, ctx) {
      const { io, flags, say } = ctx;
      const { compareKata } = await import("../commands/compare.mjs");
      const { wantsColor } = await import("../terminal/screen.mjs");
      const { collectProgress } = await import("../commands/progress.mjs");
      const [result] = flags["yes"] ? [] : await collectProgress([kata], { root: io.root });
      if (result && result.status !== "green") {
        const state = `${kata.slug} is not green yet (${result.passed}/${result.total} tests pass).`;
        const refusal = `${state} Add --yes to see the reference solution anyway: npm run compare -- ${kata.number} --yes`;
        if (!(await confirmed(ctx, `${state} Show the reference solution anyway?`, refusal))) {
          say("Not shown. Keep going: `npm start`, or `npm run hint`.");
          return 0;
        }
      }
      say(compareKata(kata, { root: io.root, color: wantsColor(io.stdout, io.env) }));
      return 0;
    },
  }),
  onKata("reset", {
    summary: "back to the original stub; your files go to .katas/backups/ first",
    options: { yes: { type: "boolean", short: "y", describe: "without asking" } },
    async run(kata, ctx) {
      const { io, say } = ctx;
      const { resetKata } = await import("../commands/reset.mjs");
      const question = `Reset ${kata.slug} to the original stub? Your files are copied to .katas/backups/ first.`;
      const refusal = `reset overwrites your files in katas/${kata.slug}/ (after a backup): add --yes to confirm: npm run reset -- ${kata.number} --yes`;
      if (!(await confirmed(ctx, question, refusal))) {
        say("Nothing changed.");
        return 0;
      }
      const { backup, restored } = resetKata(kata, { root: io.root });
      if (restored.length === 0) {
        say(`${kata.slug} is already the untouched stub: nothing to reset.`);
      } else {
        say(`Your files are backed up in ${backup}/`);
        say(`Restored the original stub: ${restored.join(", ")}`);
      }
      return 0;
    },
  }),
  {
    name: "play",
    group: "learners",
    args: "<kata> [args]",
    summary: "run the kata's play.ts: the tutorial's program, on your code",
    options: { solution: SOLUTION },
    async run({ io, positional, flags }) {
      // Inside a kata folder every word is the program's; at the root the first one names the kata.
      const inside = kataOfDirectory(io.cwd, io.root);
      const kata = resolveKata(inside?.slug ?? positional[0] ?? "", listKatas(io.root));
      const { runPlay } = await import("../play/run.mjs");
      const { code } = await runPlay(kata, { root: io.root, args: inside ? positional : positional.slice(1), target: flags["solution"] ? "solution" : "learner" });
      return code;
    },
  },
  {
    name: "ui",
    group: "learners",
    args: "",
    summary: "vitest's UI over your katas, in a browser",
    maxArgs: 0,
    async run({ io }) {
      const { runUi } = await import("../runner/ui.mjs");
      return runUi({ root: io.root });
    },
  },
  {
    name: "check",
    group: "maintainers",
    args: "[kata]",
    summary: "the self-check (`npm test` at the root); with a kata: that kata only, and its proof",
    maxArgs: 1,
    async run({ io, positional, say }) {
      const { runCheck } = await import("../check/check.mjs");
      if (positional.length === 0) return runCheck({ root: io.root, out: say });
      const kata = resolveKata(positional[0] ?? "", listKatas(io.root));
      const { proveSection } = await import("../prove/prove.mjs");
      return runCheck({ root: io.root, out: say, only: kata, prove: () => proveSection(io.root, kata) });
    },
  },
  {
    name: "new",
    group: "maintainers",
    args: "<name>",
    summary: "scaffold the next kata: katas/NN-<name>/, solutions/NN-<name>/, proofs/NN-<name>/",
    maxArgs: 1,
    async run({ io, positional, say, usage }) {
      if (!positional[0]) throw new KataError(`name the new kata: npm run katas -- new observer\n\n${usage()}`);
      const { scaffoldKata } = await import("../commands/scaffold.mjs");
      const made = scaffoldKata(io.root, positional[0]);
      say(`Made ${made.slug}:\n${made.files.map((f) => `  ${f}`).join("\n")}\nand recorded its stub in tools/stubs.lock.json.`);
      say(`Next: write the lesson, stub, spec and solution, then the proof, and check it: npm run katas -- check ${made.slug.slice(0, 2)}`);
      return 0;
    },
  },
  {
    name: "stubs:lock",
    group: "maintainers",
    args: "",
    summary: "record the current stubs as the untouched ones",
    maxArgs: 0,
    async run({ io, say }) {
      const { writeLock, LOCK_FILE } = await import("../core/stubs.mjs");
      const lock = writeLock(io.root);
      say(`Recorded ${Object.keys(lock.files).length} stub files in ${LOCK_FILE}.`);
      return 0;
    },
  },
  {
    name: "help",
    group: "maintainers",
    args: "",
    summary: "this text",
    maxArgs: 0,
    async run({ say, usage }) {
      say(usage());
      return 0;
    },
  },
  {
    name: "npm-test",
    shown: "npm test",
    group: "internal",
    args: "",
    summary: "the kata's spec (at the root: the self-check)",
    maxArgs: 1,
    options: PATTERN,
    run: npmScript(false),
  },
  {
    name: "npm-watch",
    shown: "npm run watch",
    group: "internal",
    args: "",
    summary: "the kata's spec, rerun on every save",
    maxArgs: 1,
    options: PATTERN,
    run: npmScript(true),
  },
];
