/**
 * The workbook's one bad-input contract, and the helpers every spec checks it with.
 *
 * A function of the workbook that refuses an argument throws (or, when it returns a promise, rejects
 * with) an error that:
 *
 *   1. is a `TypeError` when the value has the wrong type (a string where a number belongs, `null`,
 *      an object that is not a function), and a `RangeError` when the type is right but the value is
 *      not allowed (`NaN`, a negative count, a port above 65535);
 *   2. names the parameter as a whole word, spelt as in the signature (`minutes`, `start`; an
 *      option by its own name, `attempts`); for an element of a list, the message also gives its
 *      index as a number (`middlewares[1]`, `at index 1`: any wording);
 *   3. shows the refused value when it is a primitive, written the way `show()` below writes it:
 *      numbers as JavaScript prints them (`-3`, `NaN`, `-Infinity`; `-0` as `-0` or `0`), strings in double quotes as
 *      `JSON.stringify` writes them (`"10"`), bigints with their `n` (`10n`), and `null`,
 *      `undefined`, `true`, `false`, `Symbol(x)` as such. Objects, arrays and functions may be
 *      described in any words.
 *
 * Nothing else about the message is checked: its wording, its order and its punctuation are the
 * learner's. A lesson that wants more (another error class, a word the caller needs) says so.
 */
import { NotImplementedError } from "./todo";

/**
 * A failed expectation, named as vitest's own (`AssertionError`), so that reports and the proof
 * count it as one. Written here rather than imported: stubs import the kit, and loading vitest for
 * them (in `npm run play`, say) would cost a second for nothing.
 */
class AssertionError extends Error {
  override name = "AssertionError";
}

export const assert: { fail(message: string): never } = {
  fail(message: string): never {
    const error = new AssertionError(message);
    Error.captureStackTrace?.(error, assert.fail);
    throw error;
  },
};

/** What a spec expects of a refusal. */
export interface Refusal {
  /** `TypeError` for a value of the wrong type, `RangeError` for a value of the right type out of range. */
  readonly error: ErrorClass;
  /** The parameter the message must name, as a whole word. */
  readonly param: string;
  /** The refused value: shown in the message when it is a primitive. Leave it out to skip that check. */
  readonly value?: unknown;
  /** For an element of a list: the index the message must give. */
  readonly index?: number;
}

type ErrorClass = new (...args: never[]) => Error;

/** A primitive written the way the contract shows it; `undefined` for objects, arrays and functions. */
export function show(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "boolean":
    case "undefined":
      return String(value);
    case "symbol":
      return value.toString();
    default:
      return value === null ? "null" : undefined;
  }
}

/**
 * Calls `fn`, expects it to throw an error that keeps the contract for `refusal`, and returns that
 * error. A stub's not-implemented error is thrown on as it is, so the test fails for that reason.
 */
export function expectRefusal(fn: () => unknown, refusal: Refusal): Error {
  let returned: unknown;
  try {
    returned = fn();
  } catch (error) {
    return checkRefusal(error, refusal, "threw");
  }
  if (isThenable(returned)) {
    // Swallow the rejection: the spec wanted a synchronous throw, and says so.
    returned.then(undefined, () => undefined);
    assert.fail(`${expectation(refusal)}, synchronously; it returned a promise instead (reject at once, before any await)`);
  }
  return assert.fail(`${expectation(refusal)}; it returned ${describe(returned)} instead`);
}

/**
 * Awaits `run()` (or the promise given), expects it to reject with an error that keeps the contract
 * for `refusal`, and resolves with that error. A synchronous throw counts as a rejection: the
 * contract does not say which of the two an async function uses, unless the lesson does.
 */
export async function expectRejection(run: Promise<unknown> | (() => unknown), refusal: Refusal): Promise<Error> {
  let value: unknown;
  try {
    value = await (typeof run === "function" ? run() : run);
  } catch (error) {
    return checkRefusal(error, refusal, "rejected with");
  }
  return assert.fail(`${expectation(refusal)}; it resolved with ${describe(value)} instead`);
}

function checkRefusal(error: unknown, refusal: Refusal, verb: string): Error {
  if (error instanceof NotImplementedError) throw error;
  const wanted = expectation(refusal);
  if (!(error instanceof Error)) assert.fail(`${wanted}; it ${verb} ${describe(error)}, which is not an Error`);
  const got = `${error.name}: ${error.message}`;
  if (!(error instanceof refusal.error)) {
    assert.fail(`${wanted}; it ${verb} ${got}${classHint(error, refusal.error)}`);
  }
  if (!namesWord(error.message, refusal.param)) {
    assert.fail(`${wanted}; the message does not name \`${refusal.param}\`: ${got}`);
  }
  if (refusal.index !== undefined && !showsNumber(error.message, String(refusal.index))) {
    assert.fail(`${wanted}; the message does not give the index ${refusal.index}: ${got}`);
  }
  const shown = "value" in refusal ? show(refusal.value) : undefined;
  // -0 may be shown either way: `${-0}` writes 0, Node's console writes -0.
  const negativeZero = Object.is(refusal.value, -0) && showsValue(error.message, "0");
  if (shown !== undefined && !negativeZero && !showsValue(error.message, shown)) {
    assert.fail(`${wanted}; the message does not show the value as ${shown}: ${got}`);
  }
  return error;
}

function expectation(refusal: Refusal): string {
  const shown = "value" in refusal ? show(refusal.value) : undefined;
  const parts = [`naming \`${refusal.param}\``];
  if (refusal.index !== undefined) parts.push(`giving the index ${refusal.index}`);
  if (shown !== undefined) parts.push(`showing ${shown}`);
  return `expected a ${refusal.error.name} ${parts.join(", ")}`;
}

function classHint(error: Error, wanted: ErrorClass): string {
  if (wanted === TypeError && error instanceof RangeError) return " (a value of the wrong type is a TypeError)";
  if (wanted === RangeError && error instanceof TypeError) return " (a value of the right type but out of range is a RangeError)";
  return "";
}

/** `word` in `text`, not as part of a longer name (`minutes` in "minutes must", not in "minutesLeft"). */
function namesWord(text: string, word: string): boolean {
  return new RegExp(`(?<![\\w$])${escape(word)}(?![\\w$])`).test(text);
}

/** A number in `text`, not as part of a longer one (`1` in "index 1.", not in "10" or "1.5"). */
function showsNumber(text: string, digits: string): boolean {
  return new RegExp(`(?<![\\w.-])${escape(digits)}(?![\\w]|\\.\\d)`).test(text);
}

function showsValue(text: string, shown: string): boolean {
  // A quoted string is found as it is; anything else must stand alone ("-3" is not in "-30").
  if (shown.startsWith('"')) return text.includes(shown);
  return new RegExp(`(?<![\\w.$-])${escape(shown)}(?![\\w$]|\\.\\d)`).test(text);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";
}

function describe(value: unknown): string {
  const shown = show(value);
  if (shown !== undefined) return shown;
  if (typeof value === "function") return `a function`;
  if (Array.isArray(value)) return `an array`;
  return `an object`;
}
