/**
 * Small helpers that several specs need, written once: what a call throws, what a promise rejects
 * with, and a promise the test settles by hand (to force an order instead of hoping for one).
 */
import { assert, show } from "./contract";
import { NotImplementedError } from "./todo";

/**
 * The error `fn` throws. A call that returns fails the test; a stub's not-implemented error goes
 * on to the report as it is (the kata is "not implemented yet", not "wrong").
 */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return error;
  }
  return assert.fail("expected the call to throw, but it returned normally");
}

/**
 * The error `promise` rejects with. A promise that resolves fails the test; a stub's
 * not-implemented error goes on to the report as it is.
 */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return error;
  }
  // show() writes a primitive as code; an object may have no toString at all (Object.create(null)).
  const shown = show(value) ?? (typeof value === "function" ? "a function" : "an object");
  return assert.fail(`expected the promise to reject, but it resolved with ${shown}`);
}

/** A promise with its `resolve` and `reject` in hand: the test decides when it settles. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
