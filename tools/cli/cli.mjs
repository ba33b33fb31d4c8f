// @ts-check
/**
 * The workbook's command line, as a function: `run(argv, io)` parses the arguments, does the work and
 * resolves with the exit code (0 done, 1 failed, 2 bad input). tools/bin/katas.mjs calls it with the
 * process's own streams; the tooling's tests call it in-process with their own. Commands that hand
 * the terminal to vitest (`test`, `watch`, `ui`, and `start` on a terminal) write to the process's
 * streams whatever `io` says; every other command writes only to `io`.
 */
import process from "node:process";
import { KataError, kataOfDirectory, levenshtein, listKatas, resolveKata } from "../core/katas.mjs";
import { ROOT } from "../core/paths.mjs";

/**
 * @typedef {object} CliIO
 * @property {string} root                      the workbook
 * @property {string} cwd                       where the command was typed (npm's INIT_CWD)
 * @property {NodeJS.ReadableStream & { isTTY?: boolean }} stdin
 * @property {NodeJS.WritableStream & { isTTY?: boolean }} stdout
 * @property {NodeJS.WritableStream & { isTTY?: boolean }} stderr
 * @property {NodeJS.ProcessEnv} env
 */

/** @returns {CliIO} the process's own: what `node tools/bin/katas.mjs` uses */
export function processIO() {
  return {
    root: ROOT,
    cwd: process.env["INIT_CWD"] ?? process.cwd(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  };
}

/**
 * Runs one command. Never throws: bad input is reported on io.stderr with exit code 2.
 * @param {string[]} argv  the arguments after `katas.mjs`
 * @param {Partial<CliIO>} [io]
 * @returns {Promise<number>}
 */
export async function run(argv, io = {}) {
  const full = { ...processIO(), ...io };
  try {
    return await main(argv, full);
  } catch (error) {
    if (error instanceof KataError) {
      full.stderr.write(`katas: ${error.message}\n`);
      return error.exitCode;
    }
    full.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

const USAGE = `Usage: npm run katas -- <command> [kata] [options]

Learners:
  start              the guided mode: the first kata not green yet, rerun on every save (\`npm start\`)
  list, progress     every kata with passed/total and a progress bar   (--json: machine-readable)
  test <kata>        run one kata's spec against your file   (-t <pattern> to pick tests)
  watch <kata>       the same, rerun on every save
  hint <kata> [n]    the next hint, or hint n
  compare <kata>     your file beside the reference solution, as a diff   (--yes: even if not green)
  reset <kata>       back to the original stub; your files go to .katas/backups/ first   (--yes)
  play <kata> [args] run the kata's play.ts: the tutorial's program, on your code   (--solution)
  ui                 vitest's UI over your katas, in a browser

Maintainers:
  check [kata]       the workbook's self-check (what \`npm test\` runs at the root); with a kata:
                     that kata's structure, spec on both targets, types and proof (npm run prove)
  new <name>         scaffold the next kata: katas/NN-<name>/, solutions/NN-<name>/, proofs/NN-<name>/
  stubs:lock         record the current stubs as the untouched ones
  help               this text

A kata is named by number (3, 03), slug (03-decorator), name (decorator) or unique prefix (deco).
Inside a kata folder the kata can be left out: cd katas/01-closure-counter && npm run hint
Through npm, put options after --: npm run reset -- 3 --yes`;

/** Options each command accepts (anything else is an error). */
const COMMAND_FLAGS = /** @type {Record<string, string[]>} */ ({
  "npm-test": ["t", "testNamePattern"],
  "npm-watch": ["t", "testNamePattern"],
  test: ["t", "testNamePattern", "solution"],
  watch: ["t", "testNamePattern", "solution"],
  check: [],
  "stubs:lock": [],
  new: [],
  start: [],
  list: ["json"],
  progress: ["json"],
  hint: [],
  compare: ["yes"],
  reset: ["yes"],
  ui: [],
  play: ["solution"],
  help: [],
});

/**
 * @param {string[]} argv
 * @param {CliIO} io
 */
async function main(argv, io) {
  const { root, stdin, stdout } = io;
  /** @param {string} text */
  const say = (text) => void stdout.write(`${text}\n`);
  const [command = "help", ...rest] = argv;
  if (command === "--help" || command === "-h") {
    say(USAGE);
    return 0;
  }
  const allowed = COMMAND_FLAGS[command];
  if (!allowed) {
    const known = Object.keys(COMMAND_FLAGS).filter((name) => !name.startsWith("npm-"));
    const closest = known.map((name) => ({ name, d: levenshtein(command, name) })).sort((a, b) => a.d - b.d)[0];
    const suggestion = closest && closest.d <= 2 ? ` Did you mean "${closest.name}"?` : "";
    throw new KataError(`unknown command "${command}".${suggestion}\n\n${USAGE}`);
  }
  const { positional, flags } = parseArgs(rest);
  for (const flag of Object.keys(flags)) {
    if (!allowed.includes(flag)) {
      throw new KataError(`"${command}" takes no option --${flag}${allowed.length ? ` (it takes ${allowed.map((f) => (f.length === 1 ? `-${f}` : `--${f}`)).join(", ")})` : ""}.\n\n${USAGE}`);
    }
  }
  const here = () => kataOfDirectory(io.cwd, root)?.slug ?? "";
  /** @param {number} max */
  const atMost = (max) => {
    if (positional.length > max) throw new KataError(`too many arguments for "${command}": ${positional.slice(max).join(" ")}\n\n${USAGE}`);
  };
  switch (command) {
    case "npm-test":
    case "npm-watch": {
      // npm runs every script from the root; INIT_CWD is where the learner typed the command.
      const here = kataOfDirectory(io.cwd, root);
      const watch = command === "npm-watch";
      if (!here && positional.length === 0) {
        if (watch) throw new KataError(`name a kata, or run it inside one: cd katas/01-closure-counter && npm run watch\n\n${USAGE}`);
        const given = Object.keys(flags);
        if (given.length > 0) {
          throw new KataError(`the self-check takes no options (got ${given.map((f) => `-${f.length > 1 ? "-" : ""}${f}`).join(" ")}); name a kata to pick its tests: npm test -- 1 -t "<pattern>"`);
        }
        const { runCheck } = await import("../check/check.mjs");
        return runCheck({ root, out: say });
      }
      const kata = resolveKata(positional[0] ?? here?.slug ?? "", listKatas(root));
      return runOne(kata, { root, watch, target: here?.target ?? "learner", flags });
    }
    case "check": {
      atMost(1);
      const { runCheck } = await import("../check/check.mjs");
      if (positional.length === 0) return runCheck({ root, out: say });
      const kata = resolveKata(positional[0] ?? "", listKatas(root));
      const { proveSection } = await import("../prove/prove.mjs");
      return runCheck({ root, out: say, only: kata, prove: () => proveSection(root, kata) });
    }
    case "test":
    case "watch": {
      const kata = resolveKata(positional[0] ?? kataOfDirectory(io.cwd, root)?.slug ?? "", listKatas(root));
      return runOne(kata, { root, watch: command === "watch", target: flags.solution ? "solution" : "learner", flags });
    }
    case "new": {
      atMost(1);
      if (!positional[0]) throw new KataError(`name the new kata: npm run katas -- new observer\n\n${USAGE}`);
      const { scaffoldKata } = await import("../commands/scaffold.mjs");
      const made = scaffoldKata(root, positional[0]);
      say(`Made ${made.slug}:\n${made.files.map((f) => `  ${f}`).join("\n")}\nand recorded its stub in tools/stubs.lock.json.`);
      say(`Next: write the lesson, stub, spec and solution, then the proof, and check it: npm run katas -- check ${made.slug.slice(0, 2)}`);
      return 0;
    }
    case "stubs:lock": {
      const { writeLock, LOCK_FILE } = await import("../core/stubs.mjs");
      const lock = writeLock(root);
      say(`Recorded ${Object.keys(lock.files).length} stub files in ${LOCK_FILE}.`);
      return 0;
    }
    case "start": {
      atMost(0);
      const interactive = Boolean(stdin.isTTY && stdout.isTTY) && io.env["CI"] === undefined;
      if (interactive) {
        const { runGuided } = await import("../guide/guided.mjs");
        return runGuided({ root });
      }
      // No terminal (a pipe, CI): the status, once, and never wait for input.
      const { collectProgress, formatStatus } = await import("../commands/progress.mjs");
      const { wantsColor } = await import("../terminal/screen.mjs");
      const results = await collectProgress(listKatas(root), { root });
      say(formatStatus(results, { root, color: wantsColor(stdout, io.env) }));
      return 0;
    }
    case "list":
    case "progress": {
      atMost(0);
      const { collectProgress, formatList, formatSummary, progressJson } = await import("../commands/progress.mjs");
      const { wantsColor } = await import("../terminal/screen.mjs");
      const results = await collectProgress(listKatas(root), { root });
      if (flags.json) {
        say(JSON.stringify(progressJson(results, { root }), null, 2));
      } else {
        const color = wantsColor(stdout, io.env);
        const next = results.find((r) => r.status !== "green");
        say([formatList(results, { color, ...(next ? { current: next.slug } : {}) }), "", formatSummary(results, { color })].join("\n"));
      }
      return 0;
    }
    case "hint": {
      atMost(2);
      const kata = resolveKata(positional[0] ?? here(), listKatas(root));
      const raw = positional[1];
      if (raw !== undefined && !/^\d+$/.test(raw)) throw new KataError(`the hint number must be a whole number, got "${raw}"`);
      const { takeHint } = await import("../commands/hint.mjs");
      const { inlineMarkdown, paint, wantsColor, wrap } = await import("../terminal/screen.mjs");
      const c = paint(wantsColor(stdout, io.env));
      const hint = takeHint(kata, { root, ...(raw !== undefined ? { n: Number(raw) } : {}) });
      say(`${c.yellow(c.bold(`Hint ${hint.n}/${hint.of}`))} for ${kata.slug}:\n\n${wrap(inlineMarkdown(hint.text, c), Math.min(96, ((/** @type {{ columns?: number }} */ (stdout)).columns ?? 100) - 2))}\n`);
      say(
        c.dim(
          hint.last
            ? `That was the last hint. \`npm run compare -- ${kata.number}\` shows the reference solution.`
            : `\`npm run hint -- ${kata.number}\` gives the next one.`,
        ),
      );
      return 0;
    }
    case "compare": {
      atMost(1);
      const kata = resolveKata(positional[0] ?? here(), listKatas(root));
      const { compareKata } = await import("../commands/compare.mjs");
      const { confirm, wantsColor } = await import("../terminal/screen.mjs");
      if (!flags.yes) {
        const { collectProgress } = await import("../commands/progress.mjs");
        const [result] = await collectProgress([kata], { root });
        if (result && result.status !== "green") {
          const question = `${kata.slug} is not green yet (${result.passed}/${result.total} tests pass). Show the reference solution anyway?`;
          if (!stdin.isTTY) throw new KataError(`${question.replace(/ Show.*$/, "")} Add --yes to see the reference solution anyway: npm run compare -- ${kata.number} --yes`);
          if (!(await confirm(question, { input: stdin, output: stdout }))) {
            say("Not shown. Keep going: `npm start`, or `npm run hint`.");
            return 0;
          }
        }
      }
      say(compareKata(kata, { root, color: wantsColor(stdout, io.env) }));
      return 0;
    }
    case "reset": {
      atMost(1);
      const kata = resolveKata(positional[0] ?? here(), listKatas(root));
      const { resetKata } = await import("../commands/reset.mjs");
      if (!flags.yes) {
        const question = `Reset ${kata.slug} to the original stub? Your files are copied to .katas/backups/ first.`;
        if (!stdin.isTTY) throw new KataError(`reset overwrites your files in katas/${kata.slug}/ (after a backup): add --yes to confirm: npm run reset -- ${kata.number} --yes`);
        const { confirm } = await import("../terminal/screen.mjs");
        if (!(await confirm(question, { input: stdin, output: stdout }))) {
          say("Nothing changed.");
          return 0;
        }
      }
      const { backup, restored } = resetKata(kata, { root });
      if (restored.length === 0) {
        say(`${kata.slug} is already the untouched stub: nothing to reset.`);
      } else {
        say(`Your files are backed up in ${backup}/`);
        say(`Restored the original stub: ${restored.join(", ")}`);
      }
      return 0;
    }
    case "play": {
      // Inside a kata folder every word is the program's; at the root the first one names the kata.
      const inside = kataOfDirectory(io.cwd, root);
      const kata = resolveKata(inside?.slug ?? positional[0] ?? "", listKatas(root));
      const args = inside ? positional : positional.slice(1);
      const { runPlay } = await import("../play/run.mjs");
      const { code } = await runPlay(kata, { root, args, target: flags.solution ? "solution" : "learner" });
      return code;
    }
    case "ui": {
      atMost(0);
      const { runUi } = await import("../runner/ui.mjs");
      return runUi({ root });
    }
    case "help":
      say(USAGE);
      return 0;
    default:
      throw new KataError(`unknown command "${command}".\n\n${USAGE}`);
  }
}

/**
 * @param {import("../core/katas.mjs").Kata} kata
 * @param {{ root: string, watch: boolean, target: "learner" | "solution", flags: Record<string, string | boolean> }} options
 */
async function runOne(kata, { root, watch, target, flags }) {
  const { runKata } = await import("../runner/run.mjs");
  const pattern = typeof flags.t === "string" ? flags.t : typeof flags.testNamePattern === "string" ? flags.testNamePattern : undefined;
  return runKata(kata, { root, watch, target, ...(pattern ? { testNamePattern: pattern } : {}) });
}

/**
 * @param {string[]} args
 * @returns {{ positional: string[], flags: Record<string, string | boolean> }}
 */
function parseArgs(args) {
  /** @type {string[]} */
  const positional = [];
  /** @type {Record<string, string | boolean>} */
  const flags = {};
  const withValue = new Set(["t", "testNamePattern"]);
  const known = new Set(["t", "testNamePattern", "solution", "yes", "y", "json"]);
  for (let i = 0; i < args.length; i++) {
    const arg = /** @type {string} */ (args[i]);
    const m = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(arg);
    if (!m) {
      positional.push(arg);
      continue;
    }
    const name = /** @type {string} */ (m[1]);
    if (!known.has(name)) throw new KataError(`unknown option "${arg}".\n\n${USAGE}`);
    if (withValue.has(name)) {
      const value = m[2] ?? args[++i];
      if (value === undefined) throw new KataError(`option "${arg}" needs a value`);
      flags[name] = value;
    } else {
      flags[name === "y" ? "yes" : name] = true;
    }
  }
  return { positional, flags };
}

