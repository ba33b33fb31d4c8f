// @ts-check
/**
 * A kata's result, summed up from vitest's test modules and tsc's diagnostics: its status, counts,
 * first failure (name, message, where, with a code frame) and logs. Pure functions of what vitest
 * and tsc reported.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * @typedef {object} Failure
 * @property {string} name        the test's full name, "describe > test"
 * @property {string} message     the error's message (for a property: counterexample, seed, replay)
 * @property {string} [errorName] "AssertionError", "NotImplementedError", ...
 * @property {string} [diff]      expected/received, as vitest prints it
 * @property {string} [cause]     the error underneath (for a property: the assertion that failed)
 * @property {{ file: string, line: number, column: number }} [location]  root-relative
 * @property {"test" | "types"} [kind]  "types": a type error found by tsc, not a failing test
 */

/**
 * @typedef {object} KataResult
 * @property {string} slug
 * @property {number} number
 * @property {string} title
 * @property {"green" | "red" | "todo" | "broken" | "hung" | "empty"} status
 *   green: every test passes; todo: nothing passes yet and the failures are the stub's
 *   not-implemented errors; red: some tests fail; broken: the spec could not even load (a syntax
 *   error in the learner's file, say); hung: the run was stopped by the watchdog (an infinite loop, a
 *   promise that never settles), `error` says why; empty: no tests found
 * @property {number} passed
 * @property {number} failed
 * @property {number} skipped
 * @property {number} total
 * @property {Failure} [firstFailure]  the first failing test, in the order of the spec
 * @property {string} [error]          why the spec could not load (status "broken")
 * @property {string[]} [logs]         what the tests and the learner's code printed (console.log ...)
 * @property {import("./types.mjs").TypeDiagnostic[]} [typeErrors]  tsc's errors in the kata's files:
 *   any of them makes the kata red
 * @property {boolean} [typesPending]  the type check of this run has not reported yet
 */

/**
 * Adds tsc's errors to the results of their katas: a kata with a type error is red, its first type
 * error the first failure when no test fails.
 * @param {Map<string, KataResult>} results
 * @param {import("../core/katas.mjs").Kata[]} katas
 * @param {import("./types.mjs").TypeDiagnostic[]} found
 * @param {string} root
 */
export function applyTypes(results, katas, found, root) {
  for (const kata of katas) {
    const result = results.get(kata.slug);
    if (!result) continue;
    const prefix = `${path.relative(root, kata.dir).split(path.sep).join("/")}/`;
    const mine = found.filter((d) => d.file.startsWith(prefix));
    delete result.typesPending;
    if (mine.length === 0) {
      delete result.typeErrors;
      continue;
    }
    result.typeErrors = mine;
    if (result.status !== "broken" && result.status !== "empty") result.status = "red";
    if (!result.firstFailure) {
      const first = /** @type {import("./types.mjs").TypeDiagnostic} */ (mine[0]);
      result.firstFailure = {
        kind: "types",
        name: `Type error${mine.length === 1 ? "" : `s (${mine.length})`} in this kata's files (tsc)`,
        message: `${first.code}: ${first.message}`,
        location: { file: first.file, line: first.line, column: first.column },
      };
    }
  }
}

/** @param {import("../core/katas.mjs").Kata} kata @returns {KataResult} */
export function emptyResult(kata) {
  return { slug: kata.slug, number: kata.number, title: kata.meta.title, status: "empty", passed: 0, failed: 0, skipped: 0, total: 0 };
}

/**
 * Every kata's result of one run: the spec files that ran to their end, what the tests printed, and
 * the files the watchdog stopped.
 * @param {{ katas: import("../core/katas.mjs").Kata[], modules: import("vitest/node").TestModule[], logs: import("vitest").UserConsoleLog[], hangs: Map<string, { message: string, test?: string }>, root: string, fileOf: (taskId: string) => { filepath: string } | undefined, stopped?: (file: string) => { passed: number, total: number } | undefined }} run
 *   stopped: how far a spec file the watchdog stopped had come (its tests, those that passed)
 * @returns {Map<string, KataResult>}
 */
export function summarize({ katas, modules, logs, hangs, root, fileOf, stopped = () => undefined }) {
  const dirs = new Map(katas.map((k) => [k.dir + path.sep, k]));
  /** @param {string | undefined} file */
  const kataOf = (file) => (file ? [...dirs].find(([d]) => file.startsWith(d))?.[1] : undefined) ?? (katas.length === 1 ? katas[0] : undefined);
  /** @type {Map<string, KataResult>} */
  const results = new Map(katas.map((k) => [k.slug, emptyResult(k)]));
  const resultOf = (/** @type {string | undefined} */ file) => {
    const kata = kataOf(file);
    return kata && results.get(kata.slug);
  };
  for (const log of logs) {
    const result = resultOf(log.taskId ? fileOf(log.taskId)?.filepath : undefined);
    if (result) (result.logs ??= []).push(...log.content.replace(/\n$/, "").split("\n"));
  }
  /** @type {Set<string>} katas with a failure that is not a stub's not-implemented error */
  const realFailures = new Set();
  for (const module of modules) {
    const kata = [...dirs].find(([d]) => module.moduleId.startsWith(d))?.[1];
    if (kata && !addModule(/** @type {KataResult} */ (results.get(kata.slug)), module, root)) realFailures.add(kata.slug);
  }
  for (const result of results.values()) result.status = statusOf(result, !realFailures.has(result.slug));
  for (const [file, event] of hangs) {
    const result = resultOf(file);
    if (!result) continue;
    result.status = "hung";
    // The tests of the stopped file still count: the one that hung (and those after it) as failed.
    const far = stopped(file);
    if (far) {
      result.total += far.total;
      result.passed += far.passed;
      result.failed += far.total - far.passed;
    }
    result.error = `Stopped: ${event.message}`;
    result.firstFailure = { name: event.test || path.relative(root, file), message: `Stopped: ${event.message}`, errorName: "Stopped" };
  }
  return results;
}

/**
 * Adds a spec file's results to its kata's. Returns whether every failure was a stub's
 * not-implemented error.
 * @param {KataResult} result
 * @param {import("vitest/node").TestModule} module
 * @param {string} root
 */
export function addModule(result, module, root) {
  let notImplementedOnly = true;
  for (const test of module.children.allTests()) {
    const r = test.result();
    result.total++;
    if (r.state === "passed") result.passed++;
    else if (r.state === "failed") {
      result.failed++;
      const error = r.errors[0];
      if (!(test.meta().notImplemented?.length) && error?.name !== "NotImplementedError") notImplementedOnly = false;
      if (!result.firstFailure && error) result.firstFailure = toFailure(test.fullName, error, root);
    } else result.skipped++;
  }
  const moduleErrors = module.errors();
  if (moduleErrors.length > 0) {
    const error = /** @type {import("vitest").TestError} */ (moduleErrors[0]);
    result.error = [error.name && !error.message.startsWith(error.name) ? `${error.name}: ${error.message}` : error.message, locationText(error, root)]
      .filter(Boolean)
      .join("\n");
    result.firstFailure ??= toFailure(path.relative(root, module.moduleId), error, root);
  }
  return notImplementedOnly;
}

/** @param {KataResult} result @param {boolean} notImplementedOnly @returns {KataResult["status"]} */
export function statusOf(result, notImplementedOnly) {
  if (result.error) return "broken";
  if (result.total === 0) return "empty";
  if (result.failed === 0) return result.passed > 0 ? "green" : "empty";
  if (result.passed === 0 && notImplementedOnly) return "todo";
  return "red";
}

/**
 * @param {string} name
 * @param {import("vitest").TestError} error
 * @param {string} root
 * @returns {Failure}
 */
function toFailure(name, error, root) {
  /** @type {Failure} */
  const failure = { name, message: String(error.message ?? error) };
  if (error.name) failure.errorName = error.name;
  if (typeof error.diff === "string" && error.diff.trim() !== "") failure.diff = error.diff;
  const cause = error.cause;
  if (cause && typeof cause === "object" && typeof cause.message === "string" && cause.message !== "") {
    failure.cause = cause.name && cause.name !== "Error" && cause.name !== "AssertionError" ? `${cause.name}: ${cause.message}` : cause.message;
  }
  const frame = pickFrame(error, root);
  if (frame) failure.location = frame;
  return failure;
}

/**
 * The first stack frame inside the workbook's katas (the learner's file or the spec), root-relative.
 * @param {import("vitest").TestError} error
 * @param {string} root
 */
function pickFrame(error, root) {
  for (const frame of error.stacks ?? []) {
    const file = path.relative(root, frame.file);
    if (!file.startsWith("..") && !path.isAbsolute(file) && /^(katas|solutions)[\\/]/.test(file)) {
      return { file: file.split(path.sep).join("/"), line: frame.line, column: frame.column };
    }
  }
  return undefined;
}

/** @param {import("vitest").TestError} error @param {string} root */
function locationText(error, root) {
  const frame = pickFrame(error, root);
  return frame ? `at ${frame.file}:${frame.line}:${frame.column}` : "";
}

/**
 * A few lines of source around `line` (1-based), numbered, the line itself marked.
 * @param {string} root
 * @param {{ file: string, line: number, column: number }} location
 * @param {number} [around]
 */
export function codeFrame(root, location, around = 2) {
  let lines;
  try {
    lines = readFileSync(path.join(root, location.file), "utf8").split("\n");
  } catch {
    return "";
  }
  const from = Math.max(1, location.line - around);
  const to = Math.min(lines.length, location.line + around);
  const width = String(to).length;
  /** @type {string[]} */
  const out = [];
  for (let n = from; n <= to; n++) {
    const mark = n === location.line ? ">" : " ";
    out.push(`${mark} ${String(n).padStart(width)} | ${lines[n - 1] ?? ""}`);
    if (n === location.line && location.column > 0) out.push(`  ${" ".repeat(width)} | ${" ".repeat(location.column - 1)}^`);
  }
  return out.join("\n");
}
