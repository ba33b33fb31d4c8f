// @ts-check
/** What several commands of the table (commands.mjs) do the same way. */
import { KataError, kataOfDirectory, listKatas, resolveKata } from "../core/katas.mjs";

/** @typedef {import("./commands.mjs").Context} Context */

/** The kata named by the first argument, or the kata folder the command was typed in. */
export function kataFrom(/** @type {Context} */ { positional, io }) {
  return resolveKata(positional[0] ?? kataOfDirectory(io.cwd, io.root)?.slug ?? "", listKatas(io.root));
}

/**
 * The learners' command `name` on one kata, named by its first argument or by the kata folder it is
 * typed in (kataFrom): `run` is given the kata; the arguments are "<kata>" unless the entry says otherwise.
 * @param {string} name
 * @param {Omit<import("./commands.mjs").Command, "name" | "group" | "args" | "run"> & { args?: string, run: (kata: import("../core/katas.mjs").Kata, ctx: Context) => Promise<number> }} entry
 * @returns {import("./commands.mjs").Command}
 */
export function onKata(name, { run, ...entry }) {
  return { name, group: "learners", args: "<kata>", maxArgs: 1, ...entry, run: async (ctx) => run(kataFrom(ctx), ctx) };
}

/** @param {import("../core/katas.mjs").Kata} kata @param {Context} ctx @param {{ watch: boolean, target: "learner" | "solution" }} how */
export async function runOne(kata, { io, flags }, { watch, target }) {
  const { runKata } = await import("../runner/run.mjs");
  const pattern = typeof flags["testNamePattern"] === "string" ? flags["testNamePattern"] : undefined;
  return runKata(kata, { root: io.root, watch, target, ...(pattern ? { testNamePattern: pattern } : {}) });
}

/**
 * `npm test` and `npm run watch`: npm runs every script from the root, and INIT_CWD (io.cwd) says
 * where the learner typed it. In a kata folder: that kata (its solution inside solutions/); at the
 * root: the self-check for `npm test`, an error for `npm run watch`.
 * @param {boolean} watch
 * @returns {(ctx: Context) => Promise<number>}
 */
export const npmScript = (watch) => async (ctx) => {
  const { positional, flags, io, say, usage } = ctx;
  const here = kataOfDirectory(io.cwd, io.root);
  if (!here && positional.length === 0) {
    if (watch) throw new KataError(`name a kata, or run it inside one: cd katas/01-closure-counter && npm run watch\n\n${usage()}`);
    const given = Object.keys(flags).filter((f) => flags[f] !== undefined);
    if (given.length > 0) {
      throw new KataError(`the self-check takes no options (got ${given.map((f) => `--${f}`).join(" ")}); name a kata to pick its tests: npm test -- 1 -t "<pattern>"`);
    }
    const { runCheck } = await import("../check/check.mjs");
    return runCheck({ root: io.root, out: say });
  }
  const kata = resolveKata(positional[0] ?? here?.slug ?? "", listKatas(io.root));
  return runOne(kata, ctx, { watch, target: here?.target ?? "learner" });
};

/**
 * Asks before something the learner might regret; without a terminal the answer must come as --yes.
 * @param {Context} ctx @param {string} question @param {string} refusal what to say without a terminal
 * @returns {Promise<boolean>}
 */
export async function confirmed({ io, flags }, question, refusal) {
  if (flags["yes"]) return true;
  if (!io.stdin.isTTY) throw new KataError(refusal);
  const { confirm } = await import("../terminal/screen.mjs");
  return confirm(question, { input: io.stdin, output: io.stdout });
}
