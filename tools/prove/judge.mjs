// @ts-check
/**
 * What counts as a spec catching a mistake: a failed expectation (vitest's AssertionError, the kit's,
 * an `expect(...).rejects` that failed, a property whose assertion failed), the leak guard, or the
 * test timeout. A test that fails only because the mistaken code threw something else did not catch
 * it: the spec has to say what is wrong. The verdicts on a candidate's outcome are here too; the
 * prover (child.mjs) uses `catchKind` to stop a mistake's run at its first catch.
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

/** @typedef {import("./prove.mjs").Outcome} Outcome */

/**
 * How a mistake turned the spec red, if it did in a way that counts: a failing assertion (vitest's
 * AssertionError, directly or under a property's counterexample), the leak guard, a test timeout or
 * the hang guard. A load error or an error that no assertion caught does not count.
 * @param {Outcome} outcome
 * @returns {{ caught: boolean, how: string }}
 */
export function judgeMistake(outcome) {
  if (outcome.hung) return { caught: true, how: `hang guard (${outcome.hung.kind})` };
  if (outcome.moduleErrors?.length) return { caught: false, how: `the spec did not load: ${firstLine(outcome.moduleErrors[0] ?? "")}` };
  const failed = outcome.failed ?? [];
  if (failed.length === 0) return { caught: false, how: `SURVIVED: all ${outcome.passed ?? 0} tests pass` };
  const kinds = new Set();
  for (const test of failed) {
    for (const error of test.errors) {
      const kind = catchKind(error);
      if (kind) kinds.add(kind);
    }
  }
  const count = `${failed.length} test${failed.length === 1 ? "" : "s"} fail`;
  if (kinds.size > 0) return { caught: true, how: `${count} (${[...kinds].join(", ")})` };
  const names = [...new Set(failed.flatMap((t) => t.errors.map((e) => e.name)))].join(", ");
  return { caught: false, how: `${count}, but only by errors no assertion caught (${names}): make an expectation fail instead` };
}

/** @param {Outcome} outcome @returns {{ green: boolean, how: string }} */
export function judgeAlternative(outcome) {
  if (outcome.hung) return { green: false, how: `stopped by the hang guard: ${outcome.hung.message}` };
  if (outcome.moduleErrors?.length) return { green: false, how: `the spec did not load: ${firstLine(outcome.moduleErrors[0] ?? "")}` };
  if (outcome.unhandled?.length) return { green: false, how: `unhandled error: ${firstLine(outcome.unhandled[0] ?? "")}` };
  const failed = outcome.failed ?? [];
  if (failed.length > 0) {
    const first = failed[0];
    return { green: false, how: `${failed.length} failing, first "${first?.name}": ${firstLine(first?.errors[0]?.message ?? "")}` };
  }
  return { green: true, how: `all ${outcome.passed ?? 0} tests pass` };
}

/** @param {string} text */
function firstLine(text) {
  return text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
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
