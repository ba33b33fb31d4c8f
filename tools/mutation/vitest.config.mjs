// @ts-check
/**
 * The vitest configuration Stryker runs inside its sandbox (see mutate.mjs): the "solution" project of
 * one kata, exactly as the self-check runs it (same setup file, same resolve rule, same timeouts), so a
 * mutant of solutions/<kata>/ is judged by that kata's spec and nothing else.
 * The kata comes from KATAS_MUTATE_KATA (a slug), set by mutate.mjs.
 */
import { defineConfig } from "vitest/config";
import { env } from "../core/config.mjs";
import { kataProjectConfig } from "../runner/projects.mjs";

const slug = env.mutateKata();
if (!slug) throw new Error("KATAS_MUTATE_KATA is not set: run `npm run mutate` instead of this config");

const config = kataProjectConfig("solution", [`katas/${slug}/*.spec.ts`]);

export default defineConfig({
  plugins: config.plugins ?? [],
  test: config.test,
});
