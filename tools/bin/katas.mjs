#!/usr/bin/env node
// @ts-check
/**
 * The workbook's command line. `npm start`, `npm test` and the other npm scripts all land here.
 * Run `node tools/bin/katas.mjs help` for the commands.
 */
import module from "node:module";
import process from "node:process";
import { KataError, kataOfDirectory, levenshtein, listKatas, resolveKata } from "../lib/katas.mjs";
import { ROOT } from "../lib/projects.mjs";

// Node 22.1+ keeps compiled code of vitest and friends on disk between runs (a no-op on Node 20).
/** @type {{ enableCompileCache?: () => unknown }} */ (module).enableCompileCache?.();

const USAGE = `Usage: npm run katas -- <command> [kata] [options]

Learners:
  start              the guided mode: the first kata not green yet, rerun on every save (\`npm start\`)
  list, progress     every kata with passed/total and a progress bar   (--json: machine-readable)
  test <kata>        run one kata's spec against your file   (-t <pattern> to pick tests)
  watch <kata>       the same, rerun on every save
  hint <kata> [n]    the next hint, or hint n
  compare <kata>     your file beside the reference solution, as a diff   (--yes: even if not green)
  reset <kata>       back to the original stub; your files go to .katas/backups/ first   (--yes)
  ui                 vitest's UI over your katas, in a browser

Maintainers:
  check              the workbook's self-check (what \`npm test\` runs at the root)
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
  start: [],
  list: ["json"],
  progress: ["json"],
  hint: [],
  compare: ["yes"],
  reset: ["yes"],
  ui: [],
  help: [],
});

/** @param {string[]} argv */
async function main(argv) {
  const [command = "help", ...rest] = argv;
  if (command === "--help" || command === "-h") {
    console.log(USAGE);
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
  const here = () => kataOfDirectory(process.env["INIT_CWD"] ?? process.cwd())?.slug ?? "";
  /** @param {number} max */
  const atMost = (max) => {
    if (positional.length > max) throw new KataError(`too many arguments for "${command}": ${positional.slice(max).join(" ")}\n\n${USAGE}`);
  };
  switch (command) {
    case "npm-test":
    case "npm-watch": {
      // npm runs every script from the root; INIT_CWD is where the learner typed the command.
      const here = kataOfDirectory(process.env["INIT_CWD"] ?? process.cwd());
      const watch = command === "npm-watch";
      if (!here && positional.length === 0) {
        if (watch) throw new KataError(`name a kata, or run it inside one: cd katas/01-closure-counter && npm run watch\n\n${USAGE}`);
        const given = Object.keys(flags);
        if (given.length > 0) {
          throw new KataError(`the self-check takes no options (got ${given.map((f) => `-${f.length > 1 ? "-" : ""}${f}`).join(" ")}); name a kata to pick its tests: npm test -- 1 -t "<pattern>"`);
        }
        const { runCheck } = await import("../lib/check.mjs");
        return runCheck({ root: ROOT });
      }
      const kata = resolveKata(positional[0] ?? here?.slug ?? "", listKatas());
      return runOne(kata, { watch, target: here?.target ?? "learner", flags });
    }
    case "check": {
      if (positional.length > 0) throw new KataError(`check takes no kata: it checks the whole workbook (got "${positional.join(" ")}").\n\n${USAGE}`);
      const { runCheck } = await import("../lib/check.mjs");
      return runCheck({ root: ROOT });
    }
    case "test":
    case "watch": {
      const kata = resolveKata(positional[0] ?? kataOfDirectory(process.env["INIT_CWD"] ?? process.cwd())?.slug ?? "", listKatas());
      return runOne(kata, { watch: command === "watch", target: flags.solution ? "solution" : "learner", flags });
    }
    case "stubs:lock": {
      const { writeLock, LOCK_FILE } = await import("../lib/stubs.mjs");
      const lock = writeLock(ROOT);
      console.log(`Recorded ${Object.keys(lock.files).length} stub files in ${LOCK_FILE}.`);
      return 0;
    }
    case "start": {
      atMost(0);
      const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env["CI"] === undefined;
      if (interactive) {
        const { runGuided } = await import("../lib/guided.mjs");
        return runGuided({ root: ROOT });
      }
      // No terminal (a pipe, CI): the status, once, and never wait for input.
      const { collectProgress, formatStatus } = await import("../lib/progress.mjs");
      const { wantsColor } = await import("../lib/screen.mjs");
      const results = await collectProgress(listKatas(), { root: ROOT });
      console.log(formatStatus(results, { root: ROOT, color: wantsColor(process.stdout) }));
      return 0;
    }
    case "list":
    case "progress": {
      atMost(0);
      const { collectProgress, formatList, formatSummary, progressJson } = await import("../lib/progress.mjs");
      const { wantsColor } = await import("../lib/screen.mjs");
      const results = await collectProgress(listKatas(), { root: ROOT });
      if (flags.json) {
        console.log(JSON.stringify(progressJson(results, { root: ROOT }), null, 2));
      } else {
        const color = wantsColor(process.stdout);
        const next = results.find((r) => r.status !== "green");
        console.log([formatList(results, { color, ...(next ? { current: next.slug } : {}) }), "", formatSummary(results, { color })].join("\n"));
      }
      return 0;
    }
    case "hint": {
      atMost(2);
      const kata = resolveKata(positional[0] ?? here(), listKatas());
      const raw = positional[1];
      if (raw !== undefined && !/^\d+$/.test(raw)) throw new KataError(`the hint number must be a whole number, got "${raw}"`);
      const { takeHint } = await import("../lib/hint.mjs");
      const { paint, wantsColor, wrap } = await import("../lib/screen.mjs");
      const c = paint(wantsColor(process.stdout));
      const hint = takeHint(kata, { root: ROOT, ...(raw !== undefined ? { n: Number(raw) } : {}) });
      console.log(`${c.yellow(c.bold(`Hint ${hint.n}/${hint.of}`))} for ${kata.slug}:\n\n${wrap(hint.text, 96)}\n`);
      console.log(
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
      const kata = resolveKata(positional[0] ?? here(), listKatas());
      const { compareKata } = await import("../lib/compare.mjs");
      const { confirm, wantsColor } = await import("../lib/screen.mjs");
      if (!flags.yes) {
        const { collectProgress } = await import("../lib/progress.mjs");
        const [result] = await collectProgress([kata], { root: ROOT });
        if (result && result.status !== "green") {
          const question = `${kata.slug} is not green yet (${result.passed}/${result.total} tests pass). Show the reference solution anyway?`;
          if (!process.stdin.isTTY) throw new KataError(`${question.replace(/ Show.*$/, "")} Add --yes to see the reference solution anyway: npm run compare -- ${kata.number} --yes`);
          if (!(await confirm(question))) {
            console.log("Not shown. Keep going: `npm start`, or `npm run hint`.");
            return 0;
          }
        }
      }
      console.log(compareKata(kata, { root: ROOT, color: wantsColor(process.stdout) }));
      return 0;
    }
    case "reset": {
      atMost(1);
      const kata = resolveKata(positional[0] ?? here(), listKatas());
      const { resetKata } = await import("../lib/reset.mjs");
      if (!flags.yes) {
        const question = `Reset ${kata.slug} to the original stub? Your files are copied to .katas/backups/ first.`;
        if (!process.stdin.isTTY) throw new KataError(`reset overwrites your files in katas/${kata.slug}/ (after a backup): add --yes to confirm: npm run reset -- ${kata.number} --yes`);
        const { confirm } = await import("../lib/screen.mjs");
        if (!(await confirm(question))) {
          console.log("Nothing changed.");
          return 0;
        }
      }
      const { backup, restored } = resetKata(kata, { root: ROOT });
      if (restored.length === 0) {
        console.log(`${kata.slug} is already the untouched stub: nothing to reset.`);
      } else {
        console.log(`Your files are backed up in ${backup}/`);
        console.log(`Restored the original stub: ${restored.join(", ")}`);
      }
      return 0;
    }
    case "ui": {
      atMost(0);
      const { runUi } = await import("../lib/ui.mjs");
      return runUi({ root: ROOT });
    }
    case "help":
      console.log(USAGE);
      return 0;
    default:
      throw new KataError(`unknown command "${command}".\n\n${USAGE}`);
  }
}

/**
 * @param {import("../lib/katas.mjs").Kata} kata
 * @param {{ watch: boolean, target: "learner" | "solution", flags: Record<string, string | boolean> }} options
 */
async function runOne(kata, { watch, target, flags }) {
  const { runKata } = await import("../lib/run.mjs");
  const pattern = typeof flags.t === "string" ? flags.t : typeof flags.testNamePattern === "string" ? flags.testNamePattern : undefined;
  return runKata(kata, { watch, target, ...(pattern ? { testNamePattern: pattern } : {}) });
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof KataError) {
      console.error(`katas: ${error.message}`);
      process.exitCode = error.exitCode;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
