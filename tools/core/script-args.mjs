// @ts-check
/**
 * Options of the maintainers' scripts (mutate, soak, bench), parsed by node:util's parseArgs, with
 * whole-number options checked and every mistake reported as a KataError (clear message, exit 2).
 */
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
