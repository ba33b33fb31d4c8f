// @ts-check
/**
 * The vitest projects of the workbook, shared by `vitest.config.ts` (editors, `npx vitest`) and by the
 * workbook's CLI, which passes them inline to skip loading a config file on the hot path.
 *
 *   learner   every kata spec against the file next to it in katas/ (the learner's work, or the stub)
 *   solution  the same spec files, unchanged, with their imports of the kata's own modules redirected
 *             to solutions/<kata>/ by the resolve rule below
 *   tooling   the workbook's own tests (test/)
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { env as settings, ENV_NAMES, LIMITS } from "../core/config.mjs";
import { PROJECT, ROOT, SPEC_GLOB } from "../core/paths.mjs";

export { ROOT, SPEC_GLOB };

/**
 * Options for every vitest run of the workbook. fsModuleCache keeps vitest's transformed modules on
 * disk between runs (node_modules/.experimental-vitest-cache, keyed by content): measured here, a
 * kata's cold run goes from 1.7 s to 1.3 s. Experimental in vitest 4.1; set KATAS_FS_CACHE=0 to turn
 * it off if it ever misbehaves.
 * @type {import("vitest/node").InlineConfig}
 */
export const SPEED_OPTIONS = settings.fsCache() ? { experimental: { fsModuleCache: true } } : {};

const SETUP = path.join(ROOT, "tools/kit/setup.ts");
/** Fails a spec file before its tests when the learner's file lacks an export of the stub's. */
const EXPORTS = path.join(ROOT, "tools/kit/exports.ts");
/** Drops node_modules and node: frames from failure stacks before vitest reads them (fast-stacks.mjs). */
export const FAST_STACKS = path.join(ROOT, "tools/runner/fast-stacks.mjs");

/**
 * The resolve rule behind "one spec, two targets": a relative import made from inside katas/<kata>/
 * that lands on another file of the same kata is served from solutions/<kata>/ when the solution has
 * that file. Everything else (vitest, fast-check, the kit, files only the kata has) resolves as usual.
 * @param {string} root
 * @returns {import("vite").Plugin}
 */
export function solutionRedirect(root = ROOT) {
  const katasDir = path.join(root, "katas") + path.sep;
  const solutionsDir = path.join(root, "solutions") + path.sep;
  return {
    name: "pattern-katas:solution-redirect",
    enforce: "pre",
    resolveId(source, importer) {
      if (!importer || !source.startsWith(".")) return null;
      const from = cleanId(importer);
      if (!from.startsWith(katasDir)) return null;
      const kata = from.slice(katasDir.length).split(path.sep)[0];
      if (!kata) return null;
      const wanted = path.resolve(path.dirname(from), source);
      if (!wanted.startsWith(katasDir + kata + path.sep)) return null;
      const inSolution = solutionsDir + wanted.slice(katasDir.length);
      return findModule(inSolution);
    },
  };
}

/** @param {string} id */
function cleanId(id) {
  return path.normalize(id.replace(/[?#].*$/, ""));
}

/** @param {string} base */
function findModule(base) {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mts`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * The configuration of a kata project: the specs in `include` run against the learner's files, or,
 * for "solution", against solutions/ through the resolve rule.
 * @param {"learner" | "solution"} target
 * @param {string[]} include
 * @param {string} [root]
 * @param {Record<string, string>} [env]  extra environment for the test workers
 * @param {{ fastStacks?: boolean }} [options]  fastStacks: trim failure stacks (default on; the
 *   benchmark turns it off to measure what it saves)
 * @returns {import("vitest/config").TestProjectInlineConfiguration}
 */
export function kataProjectConfig(target, include, root = ROOT, env = {}, { fastStacks = true } = {}) {
  return {
    ...(target === "solution" ? { plugins: [solutionRedirect(root)] } : {}),
    test: {
      name: target,
      root,
      include,
      setupFiles: fastStacks ? [EXPORTS, SETUP, FAST_STACKS] : [EXPORTS, SETUP],
      // Threads, not forks: a worker stuck in a learner's infinite loop dies with the process.
      pool: "threads",
      // Kata tests take milliseconds; a test still waiting after 2 s waits on a promise that never settles.
      testTimeout: LIMITS.testTimeoutMs,
      hookTimeout: LIMITS.testTimeoutMs,
      env: { ...env, ...(target === PROJECT.solution ? { [ENV_NAMES.target]: "solution" } : {}) },
    },
  };
}

/**
 * Every project of the workbook.
 * @param {{ root?: string, include?: string[], env?: Record<string, string> }} [options]
 *   include: spec files for the kata projects (default: every kata); env: extra environment for them
 */
export function projects({ root = ROOT, include = [SPEC_GLOB], env = {} } = {}) {
  /** @type {import("vitest/config").TestProjectInlineConfiguration[]} */
  const list = [
    kataProjectConfig("learner", include, root, env),
    kataProjectConfig("solution", include, root, env),
    {
      test: {
        name: "tooling",
        root,
        include: ["test/**/*.test.ts"],
        // Worker threads start faster than vitest's default child processes (measured: the
        // tooling's tests take ~15% less CPU), and these tests need nothing only a process has.
        pool: "threads",
        // The workbook's own tools are plain JavaScript modules: Node loads them (the temporary
        // copies the tests make included) as it loads them for a learner, without vite's transform.
        server: { deps: { external: [/\/tools\/(?:[^/]+\/)+[^/]+\.mjs$/] } },
      },
    },
  ];
  return list;
}
