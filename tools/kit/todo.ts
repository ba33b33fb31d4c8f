/**
 * The workbook's one "not implemented" error. Every stub body throws it through `todo()`, so a red
 * test says plainly what is left to write, and the self-check can tell "not written yet" apart from
 * "written, but wrong".
 */
export class NotImplementedError extends Error {
  override name = "NotImplementedError";
  constructor(readonly what: string) {
    super(`Not implemented yet: ${what}. Write it in this kata's file, save, and the test reruns.`);
    markNotImplemented(what);
  }
}

/** Throw the not-implemented error for `what` (a function, method or step of the kata). */
export function todo(what: string): never {
  const error = new NotImplementedError(what);
  // Start the stack trace at the stub that called todo(), so the code frame shows the learner's file.
  Error.captureStackTrace?.(error, todo);
  throw error;
}

/*
 * Every NotImplementedError records itself here while a test runs, even when the spec catches it
 * (inside `expect(...).toThrow(RangeError)` or a fast-check property). The setup file copies the list
 * into the test's meta, which is how the self-check knows that a stub failed a test *because* it is a
 * stub, and not for some other reason.
 */
const KEY = Symbol.for("pattern-katas.notImplemented");
type Store = { [KEY]?: Set<string> };

function markNotImplemented(what: string): void {
  const store = globalThis as Store;
  (store[KEY] ??= new Set()).add(what);
}

/** What the current test reached that is not implemented yet (and forget it). For the setup file. */
export function takeNotImplemented(): string[] {
  const store = globalThis as Store;
  const seen = [...(store[KEY] ?? [])];
  store[KEY]?.clear();
  return seen;
}
