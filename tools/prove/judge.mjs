// @ts-check
/**
 * What counts as a spec catching a mistake: a failed expectation (vitest's AssertionError, the kit's,
 * an `expect(...).rejects` that failed, a property whose assertion failed), the leak guard, or the
 * test timeout. A test that fails only because the mistaken code threw something else did not catch
 * it: the spec has to say what is wrong. Shared by the judge (prove.mjs) and the prover (child.mjs),
 * which stops a mistake's run at its first catch.
 */

/**
 * @param {{ name: string, message: string, cause?: string | undefined, expectation?: boolean | undefined }} error
 * @returns {"assertion" | "leak guard" | "timeout" | undefined}
 */
export function catchKind(error) {
  if (error.name === "AssertionError" || error.cause === "AssertionError" || error.expectation) return "assertion";
  if (error.name === "LeakError") return "leak guard";
  if (/Test timed out in \d+ms/.test(error.message)) return "timeout";
  if (/^Property failed/.test(error.message) && /AssertionError/.test(error.message)) return "assertion";
  return undefined;
}

/**
 * The fields of a vitest test error the judge reads.
 * @param {any} e
 */
export function judgedError(e) {
  return {
    name: String(e.name ?? "Error"),
    message: String(e.message ?? ""),
    // expect(p).rejects / .resolves fail with a plain Error thrown from vitest's own wrapper.
    ...(/__VITEST_(?:REJECTS|RESOLVES)__/.test(String(e.stack ?? "")) ? { expectation: true } : {}),
    ...(e.cause && typeof e.cause === "object" ? { cause: String(e.cause.name ?? "") } : {}),
  };
}
