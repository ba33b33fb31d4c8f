/*
 * The tutorial's program, on your capture.ts: `npm run play` (in this folder) or `npm run play -- 2`.
 * Its buggy loop is written here, at the top level with `var` as the stub had it; the other columns
 * are your fixed functions. Each row calls one function of each list, in the tutorial's order.
 */
import { play } from "../../tools/kit/play";
import { type Doubler, makeDoublers, makeDoublersWithoutLet, topLevelDoublers } from "./capture";

// The tutorial's first loop: one `i` for the whole module, read only when a function is called.
const buggy: Doubler[] = [];
for (var i = 0; i < 3; i++) buggy.push(() => i * 2);

play(({ say }) => {
  const columns: Array<[string, readonly Doubler[]]> = [
    ["var loop (the bug)", buggy],
    ["topLevelDoublers", topLevelDoublers],
    ["makeDoublers(3)", makeDoublers(3)],
    ["makeDoublersWithoutLet(3)", makeDoublersWithoutLet(3)],
  ];
  const row = (first: string, cells: string[]): string =>
    [first.padEnd(6), ...cells.map((cell, c) => cell.padEnd((columns[c]?.[0].length ?? 0) + 2))].join("").trimEnd();

  say(row("", columns.map(([name]) => name)));
  for (let k = 0; k < 3; k++) say(row(`f${k}()`, columns.map(([, fs]) => String(fs[k]?.() ?? "missing"))));
  say("Look: the var loop's functions share one i, 3 after the loop (6, 6, 6; Python prints 4, 4, 4); each of your columns must read 0, 2, 4, and one reading 6, 6, 6 still has the bug.");
});
