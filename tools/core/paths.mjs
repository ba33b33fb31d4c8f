// @ts-check
/**
 * Where things are: the workbook's root, its folders and files, and the names of its three vitest
 * projects. Every other module asks here instead of computing a path of its own.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The workbook's root folder (the one with package.json). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Every kata spec, relative to the root. */
export const SPEC_GLOB = "katas/*/*.spec.ts";

/**
 * The three vitest projects: the learner's files (or the stubs), the reference solutions (the same
 * specs, imports redirected to solutions/), and the workbook's own tests (test/).
 */
export const PROJECT = /** @type {const} */ ({ learner: "learner", solution: "solution", tooling: "tooling" });
