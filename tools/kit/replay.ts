import path from "node:path";

/**
 * The shell command that reruns one test of a kata with one fast-check counterexample:
 *   cd katas/01-closure-counter && FC_SEED=42 FC_PATH=3:1 npm test -- -t '1\. studyTime returns …'
 */
export function replayCommand(options: {
  /** The workbook's root (where vitest runs). */
  cwd: string;
  /** Where the learner typed the command (npm's INIT_CWD): no `cd` when that is the kata folder. */
  here?: string | undefined;
  testPath: string | undefined;
  /** vitest's current test name: describe and test names joined by " > " */
  testName: string | undefined;
  seed: number;
  path: string | null;
}): string {
  const file = options.testPath ? path.relative(options.cwd, options.testPath) : "";
  // The spec runs from katas/ against either target; the learner replays in the kata folder.
  const kataDir = path.dirname(file).split(path.sep).join("/").replace(/^solutions\//, "katas/");
  const env = [`FC_SEED=${options.seed}`];
  if (options.path) env.push(`FC_PATH=${options.path}`);
  // vitest matches -t against the describe and test names joined by spaces.
  const fullName = options.testName?.split(" > ").join(" ");
  const filter = fullName ? ` -- -t ${shellQuote(escapeRegExp(fullName))}` : "";
  const target = kataDir && kataDir !== "." ? path.resolve(options.cwd, kataDir) : "";
  const from = options.here ? path.resolve(options.here) : options.cwd;
  const hop = target ? path.relative(from, target).split(path.sep).join("/") : "";
  const cd = hop && hop !== "." ? `cd ${hop} && ` : "";
  return `${cd}${env.join(" ")} npm test${filter}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
