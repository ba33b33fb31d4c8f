// @ts-check
/**
 * The workbook's command line, as a function: `run(argv, io)` parses the arguments, does the work and
 * resolves with the exit code (0 done, 1 failed, 2 bad input). tools/bin/katas.mjs calls it with the
 * process's own streams; the tooling's tests call it in-process with their own. Commands that hand
 * the terminal to vitest (`test`, `watch`, `ui`, and `start` on a terminal) write to the process's
 * streams whatever `io` says; every other command writes only to `io`.
 */
import process from "node:process";
import { parseArgs } from "node:util";
import { KataError, levenshtein } from "../core/katas.mjs";
import { ROOT } from "../core/paths.mjs";
import { COMMANDS } from "./commands.mjs";

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

/**
 * The usage text, generated from the command table: every command with its arguments, and every
 * option of every command.
 * @returns {string}
 */
export function usage() {
  /** @param {import("./commands.mjs").Option} o @param {string} name */
  const flag = (o, name) => `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.value ?? "<value>"}` : ""}`;
  /** @param {"learners" | "maintainers" | "internal"} group */
  const section = (group) =>
    COMMANDS.filter((c) => c.group === group).flatMap((c) => [
      `  ${`${c.shown ?? c.name} ${c.args}`.trimEnd().padEnd(19)}${c.summary}`,
      ...Object.entries(c.options ?? {}).map(([name, o]) => `  ${"".padEnd(19)}  ${flag(o, name)}: ${o.describe}`),
    ]);
  return [
    "Usage: npm run katas -- <command> [kata] [options]",
    "",
    "Learners:",
    ...section("learners"),
    "",
    "Maintainers:",
    ...section("maintainers"),
    "",
    "npm scripts (in a kata folder, or naming the kata):",
    ...section("internal"),
    "",
    "A kata is named by number (3, 03), slug (03-decorator), name (decorator) or unique prefix (deco).",
    "Inside a kata folder the kata can be left out: cd katas/01-closure-counter && npm run hint",
    "Through npm, put options after --: npm run reset -- 3 --yes",
  ].join("\n");
}

/** Every option any command takes, by long name and by short letter: to tell a misplaced option from an unknown one. */
function everyOption() {
  /** @type {Map<string, string>} */
  const names = new Map();
  for (const c of COMMANDS) {
    for (const [name, o] of Object.entries(c.options ?? {})) {
      names.set(name, name);
      if (o.short) names.set(o.short, name);
    }
  }
  return names;
}

/**
 * Parses one command's arguments with node:util's parseArgs (strict), after naming, in the
 * workbook's words, an option that no command takes or that this command does not.
 * @param {import("./commands.mjs").Command} command @param {string[]} args
 */
export function parseCommandArgs(command, args) {
  const own = command.options ?? {};
  const known = everyOption();
  for (const arg of args) {
    if (arg === "--") break;
    const m = /^--?([A-Za-z][\w-]*)(?:=.*)?$/.exec(arg);
    if (!m) continue;
    const name = known.get(/** @type {string} */ (m[1]));
    if (name === undefined) throw new KataError(`unknown option "${arg}".\n\n${usage()}`);
    if (!(name in own)) {
      const takes = Object.entries(own).map(([n, o]) => (o.short ? `-${o.short}, --${n}` : `--${n}`));
      throw new KataError(`"${command.name}" takes no option --${name}${takes.length ? ` (it takes ${takes.join(", ")})` : ""}.\n\n${usage()}`);
    }
  }
  /** @type {NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>} */
  const options = Object.fromEntries(Object.entries(own).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]));
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    if (command.maxArgs !== undefined && positionals.length > command.maxArgs) {
      throw new KataError(`too many arguments for "${command.name}": ${positionals.slice(command.maxArgs).join(" ")}\n\n${usage()}`);
    }
    return { positional: positionals, flags: /** @type {Record<string, string | boolean | undefined>} */ (values) };
  } catch (error) {
    if (error instanceof KataError) throw error;
    const code = /** @type {{ code?: string }} */ (error).code;
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const missing = Object.entries(own).find(([n, o]) => o.type === "string" && args.some((a) => a === `--${n}` || a === `-${o.short}`));
      throw new KataError(`option "${missing ? (missing[1].short ? `-${missing[1].short}` : `--${missing[0]}`) : args.at(-1)}" needs a value`);
    }
    throw new KataError(`${/** @type {Error} */ (error).message}\n\n${usage()}`);
  }
}

/**
 * @param {string[]} argv
 * @param {CliIO} io
 */
async function main(argv, io) {
  /** @param {string} text */
  const say = (text) => void io.stdout.write(`${text}\n`);
  const [name = "help", ...rest] = argv;
  if (name === "--help" || name === "-h") {
    say(usage());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const listed = COMMANDS.filter((c) => c.group !== "internal").map((c) => c.name);
    const closest = listed.map((n) => ({ n, d: levenshtein(name, n) })).sort((a, b) => a.d - b.d)[0];
    const suggestion = closest && closest.d <= 2 ? ` Did you mean "${closest.n}"?` : "";
    throw new KataError(`unknown command "${name}".${suggestion}\n\n${usage()}`);
  }
  return command.run({ ...parseCommandArgs(command, rest), io, say, usage });
}
