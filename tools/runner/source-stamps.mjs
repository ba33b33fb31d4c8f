// @ts-check
/**
 * Which of the workbook's source files changed on disk between two runs: what a kept test thread
 * (warm-pool.mjs) must fetch anew, whatever vitest's own watcher saw.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * The files under katas/ and tools/ that a test thread may have loaded as modules, each with its
 * modification time and size.
 * @param {string} root @returns {Map<string, string>}
 */
export function sourceStamps(root) {
  /** @type {Map<string, string>} */
  const found = new Map();
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(?:[mc]?ts|[mc]?js|json)$/.test(entry.name)) {
        try {
          const st = statSync(full);
          found.set(full, `${st.mtimeMs}:${st.size}`);
        } catch {
          // gone between the listing and now: the next look sees it gone
        }
      }
    }
  };
  for (const top of ["katas", "tools"]) {
    if (existsSync(path.join(root, top))) walk(path.join(root, top));
  }
  return found;
}

/**
 * What changed between two looks: files added, removed, or written since.
 * @param {Map<string, string>} before @param {Map<string, string>} now
 */
export function changedFiles(before, now) {
  const changed = [...now].filter(([file, stamp]) => before.get(file) !== stamp).map(([file]) => file);
  return [...changed, ...[...before.keys()].filter((file) => !now.has(file))];
}
