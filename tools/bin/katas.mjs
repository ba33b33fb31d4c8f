#!/usr/bin/env node
// @ts-check
/**
 * The workbook's command line. `npm start`, `npm test` and the other npm scripts all land here.
 * Run `node tools/bin/katas.mjs help` for the commands.
 */
import process from "node:process";
import { KataError, kataOfDirectory, listKatas, resolveKata } from "../lib/katas.mjs";
import { ROOT } from "../lib/projects.mjs";

const USAGE = `Usage: npm run katas -- <command> [kata] [options]

  check              the workbook's self-check (what \`npm test\` runs at the root)
  test <kata>        run one kata's spec against your file   (-t <pattern> to pick tests)
  watch <kata>       the same, rerun on every save
  stubs:lock         record the current stubs as the untouched ones (maintainers)
  help               this text

A kata is named by number (3, 03), slug (03-decorator), name (decorator) or unique prefix (deco).`;

/** @param {string[]} argv */
async function main(argv) {
  const [command = "help", ...rest] = argv;
  const { positional, flags } = parseArgs(rest);
  switch (command) {
    case "npm-test":
    case "npm-watch": {
      // npm runs every script from the root; INIT_CWD is where the learner typed the command.
      const here = kataOfDirectory(process.env["INIT_CWD"] ?? process.cwd());
      const watch = command === "npm-watch";
      if (!here && positional.length === 0) {
        if (watch) throw new KataError(`name a kata, or run it inside one: cd katas/01-closure-counter && npm run watch\n\n${USAGE}`);
        const { runCheck } = await import("../lib/check.mjs");
        return runCheck({ root: ROOT });
      }
      const kata = resolveKata(positional[0] ?? here?.slug ?? "", listKatas());
      return runOne(kata, { watch, target: here?.target ?? "learner", flags });
    }
    case "check": {
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
    case "help":
    case "--help":
    case "-h":
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
  const known = new Set(["t", "testNamePattern", "solution", "yes", "json"]);
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
      flags[name] = true;
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
