// @ts-check
/**
 * What the maintainers' scripts (mutate, soak, bench, prove) share: their options, parsed by
 * node:util's parseArgs, with whole-number options checked and every mistake reported as a KataError
 * (clear message, exit 2); and how a script runs its main function and turns its end into an exit code.
 */
import process from "node:process";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { KataError } from "./katas.mjs";

/**
 * @param {string[]} argv
 * @param {{ script: string, flags?: string[], numbers?: string[], lists?: string[] }} spec
 *   flags: --name without a value; numbers: --name N (a whole number); lists: --name a,b (repeatable)
 * @returns {{ flags: Record<string, boolean>, numbers: Record<string, number>, lists: Record<string, string[]>, positionals: string[] }}
 */
export function parseScriptArgs(argv, { script, flags = [], numbers = [], lists = [] }) {
  /** @type {Record<string, { type: "boolean" | "string", multiple?: boolean }>} */
  const options = {};
  for (const name of flags) options[name] = { type: "boolean" };
  for (const name of numbers) options[name] = { type: "string" };
  for (const name of lists) options[name] = { type: "string", multiple: true };
  /** @type {ReturnType<typeof parseArgs>} */
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's message goes on about positionals after "--"; its first sentence says what is wrong.
    const first = /** @type {Error} */ (error).message.split(/\.\s/)[0] ?? "bad arguments";
    throw new KataError(`${first}: see the top of ${script}`);
  }
  const values = /** @type {Record<string, unknown>} */ (parsed.values);
  /** @type {ReturnType<typeof parseScriptArgs>} */
  const result = { flags: {}, numbers: {}, lists: {}, positionals: parsed.positionals };
  for (const name of flags) result.flags[name] = values[name] === true;
  for (const name of numbers) {
    const raw = values[name];
    if (raw === undefined) continue;
    if (typeof raw !== "string" || !/^\d+$/.test(raw)) throw new KataError(`--${name} needs a whole number, got ${JSON.stringify(raw)}`);
    result.numbers[name] = Number(raw);
  }
  for (const name of lists) {
    const raw = values[name];
    result.lists[name] = Array.isArray(raw) ? raw.flatMap((v) => String(v).split(",")).filter(Boolean) : [];
  }
  return result;
}

/**
 * Runs `main` when the module is the script node was started with, not when a test imports it.
 * The exit code is what `main` resolves with; a KataError (the caller's mistake) is one line,
 * `name: message`, with its own exit code; anything else is a bug, printed whole, stack and all.
 * @param {string} importMetaUrl  the script's import.meta.url
 * @param {string} name           the script's name, the prefix of its error line
 * @param {() => Promise<number | void>} main
 * @param {{ crashCode?: number }} [options]  crashCode: the exit code of an error that is not a KataError
 */
export function runScript(importMetaUrl, name, main, { crashCode = 2 } = {}) {
  if (!process.argv[1] || importMetaUrl !== pathToFileURL(process.argv[1]).href) return;
  main().then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (error) => {
      if (error instanceof KataError) {
        console.error(`${name}: ${error.message}`);
        process.exitCode = error.exitCode;
      } else {
        console.error(error);
        process.exitCode = crashCode;
      }
    },
  );
}
