/**
 * Vitest setup file for every kata spec (learner's file or solution alike).
 *
 * 1. fast-check, configured once for the whole workbook: 100 runs per property unless FC_NUM_RUNS
 *    says otherwise, the seed from FC_SEED (and the path from FC_PATH) when given, and on failure the
 *    counterexample followed by the exact command that replays it.
 * 2. The not-implemented bookkeeping: each test's meta records which stub functions it reached, so
 *    the self-check can prove that a stub fails *because* it is not implemented.
 */
import path from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, expect } from "vitest";
import { NotImplementedError, takeNotImplemented } from "./todo";

declare module "vitest" {
  interface TaskMeta {
    /** Stub functions that threw NotImplementedError during this test. */
    notImplemented?: string[];
  }
}

const numRuns = readInt("FC_NUM_RUNS") ?? 100;
const seed = readInt("FC_SEED");
const replayPath = process.env["FC_PATH"] || undefined;

fc.configureGlobal({
  numRuns,
  ...(seed === undefined ? {} : { seed }),
  ...(replayPath === undefined ? {} : { path: replayPath }),
  reporter(out) {
    if (!out.failed) return;
    // A stub's not-implemented error is not a counterexample: show it as it is.
    if (out.errorInstance instanceof NotImplementedError) throw out.errorInstance;
    const report = fc.defaultReportMessage(out) ?? "Property failed";
    throw new Error(`${report}\n\n${replayHint(out.seed, out.counterexamplePath)}`, {
      cause: out.errorInstance,
    });
  },
});

beforeEach(() => {
  takeNotImplemented();
});

afterEach((context) => {
  const reached = takeNotImplemented();
  if (reached.length > 0) context.task.meta.notImplemented = reached;
});

function readInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** The command that reruns just this test with just this counterexample. */
function replayHint(runSeed: number, counterexamplePath: string | null): string {
  const { testPath, currentTestName } = expect.getState();
  const file = testPath ? path.relative(process.cwd(), testPath) : "";
  const kataDir = path.dirname(file).replace(/^solutions\//, "katas/");
  const env = [`FC_SEED=${runSeed}`];
  if (counterexamplePath) env.push(`FC_PATH=${counterexamplePath}`);
  const name = currentTestName ? ` -- -t ${shellQuote(escapeRegExp(currentTestName))}` : "";
  return `Replay this counterexample:\n  cd ${kataDir} && ${env.join(" ")} npm test${name}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
