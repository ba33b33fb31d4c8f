// @ts-check
/**
 * `reset <kata>`: the learner's files of a kata back to the untouched stubs, byte for byte, from
 * tools/stubs.lock.json (no git needed). The current files are copied first to
 * .katas/backups/<slug>-<timestamp>/ (git-ignored), whose path the command prints.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { KataError } from "../core/katas.mjs";
import { readLock } from "../core/stubs.mjs";

export const BACKUP_DIR = ".katas/backups";

/**
 * @param {import("../core/katas.mjs").Kata} kata
 * @param {{ root: string, now?: Date }} options
 * @returns {{ backup: string | undefined, restored: string[], unchanged: string[] }}
 *   backup: root-relative folder holding the learner's files (undefined when there was nothing to keep)
 */
export function resetKata(kata, { root, now = new Date() }) {
  const prefix = `katas/${kata.slug}/`;
  const locked = Object.entries(readLock(root).files).filter(([rel]) => rel.startsWith(prefix));
  if (locked.length === 0) {
    throw new KataError(`tools/stubs.lock.json records no stub for ${kata.slug}, so there is nothing to restore it from (maintainers: \`npm run stubs:lock\`).`);
  }
  const differs = locked.filter(([rel, { content }]) => {
    const file = path.join(root, rel);
    return !existsSync(file) || !readFileSync(file).equals(Buffer.from(content, "utf8"));
  });
  const unchanged = locked.filter((entry) => !differs.includes(entry)).map(([rel]) => rel);
  if (differs.length === 0) return { backup: undefined, restored: [], unchanged };

  // 1. Keep the learner's work: every file of theirs in the kata, before anything is overwritten.
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  let backupRel = `${BACKUP_DIR}/${kata.slug}-${stamp}`;
  for (let i = 2; existsSync(path.join(root, backupRel)); i++) backupRel = `${BACKUP_DIR}/${kata.slug}-${stamp}-${i}`;
  const backup = path.join(root, backupRel);
  const keep = kata.files.filter((file) => existsSync(path.join(kata.dir, file)));
  mkdirSync(backup, { recursive: true });
  for (const file of keep) copyFileSync(path.join(kata.dir, file), path.join(backup, file));

  // 2. Restore the stubs that differ, byte for byte.
  for (const [rel, { content }] of differs) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content, "utf8");
  }
  return { backup: backupRel, restored: differs.map(([rel]) => rel), unchanged };
}
