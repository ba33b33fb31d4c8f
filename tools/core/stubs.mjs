// @ts-check
/**
 * The untouched stubs, recorded in tools/stubs.lock.json. `reset` restores a learner's file from it
 * byte for byte (no git needed), and the self-check proves that it matches katas/ on a clean tree.
 *
 * Maintainers: after changing a stub, `npm run stubs:lock` records it again.
 */
import { createHash } from "node:crypto";
import { buildSync } from "esbuild";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { listKatas } from "./katas.mjs";
import { ROOT } from "./paths.mjs";

export const LOCK_FILE = "tools/stubs.lock.json";

/**
 * @typedef {{ sha256: string, content: string, exports?: string[] }} LockedFile
 *   exports: the stub's runtime exports (types aside), which tools/kit/exports.ts checks the
 *   learner's file against before a spec runs
 * @typedef {{ version: 1, files: Record<string, LockedFile> }} StubLock
 */

/** @param {string} content */
export function sha256(content) {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * What the lock would hold for the katas as they are on disk now.
 * @param {string} [root]
 * @returns {StubLock}
 */
export function computeLock(root = ROOT) {
  /** @type {Record<string, LockedFile>} */
  const files = {};
  for (const kata of listKatas(root)) {
    for (const file of kata.files) {
      const rel = `katas/${kata.slug}/${file}`;
      const content = readFileSync(path.join(root, rel), "utf8");
      files[rel] = { sha256: sha256(content), content, exports: runtimeExports(path.join(root, rel)) };
    }
  }
  return { version: 1, files };
}

/**
 * The names a module exports at run time (types and interfaces are gone once esbuild strips them).
 * @param {string} file
 * @returns {string[]}
 */
export function runtimeExports(file) {
  const result = buildSync({ entryPoints: [file], bundle: false, metafile: true, write: false, format: "esm", logLevel: "silent", outdir: "out" });
  return Object.values(result.metafile.outputs).flatMap((o) => o.exports).sort();
}

/**
 * @param {string} [root]
 * @returns {StubLock}
 */
export function readLock(root = ROOT) {
  const file = path.join(root, LOCK_FILE);
  if (!existsSync(file)) return { version: 1, files: {} };
  /** @type {StubLock} */
  const lock = JSON.parse(readFileSync(file, "utf8"));
  if (lock.version !== 1 || typeof lock.files !== "object" || lock.files === null) {
    throw new Error(`${LOCK_FILE} is not a version 1 stub lock; run \`npm run stubs:lock\` on a clean checkout`);
  }
  return lock;
}

/** @param {string} [root] */
export function writeLock(root = ROOT) {
  const lock = computeLock(root);
  writeFileSync(path.join(root, LOCK_FILE), `${JSON.stringify(lock, null, 2)}\n`);
  return lock;
}

/**
 * Differences between katas/ and the lock, in words a maintainer can act on.
 * @param {string} [root]
 * @returns {string[]}
 */
export function lockProblems(root = ROOT) {
  const want = computeLock(root).files;
  const have = readLock(root).files;
  /** @type {string[]} */
  const problems = [];
  for (const [rel, file] of Object.entries(want)) {
    const locked = have[rel];
    if (!locked) {
      problems.push(`${rel} is not recorded in ${LOCK_FILE}: run \`npm run stubs:lock\` to record the new stub`);
    } else if (locked.sha256 !== file.sha256 || sha256(locked.content) !== locked.sha256 || JSON.stringify(locked.exports) !== JSON.stringify(file.exports)) {
      problems.push(
        `${rel} differs from its recorded stub. A maintainer who changed the stub runs \`npm run stubs:lock\`; ` +
          `if it holds a learner's work, the self-check is testing the wrong file (\`npm run katas -- reset <kata>\` restores the stub and backs the work up)`,
      );
    }
  }
  for (const rel of Object.keys(have)) {
    if (!want[rel]) problems.push(`${LOCK_FILE} records ${rel}, which no longer exists: run \`npm run stubs:lock\``);
  }
  return problems;
}
