/*
 * The singleton, on your singleton.ts: `npm run play` (in this folder) or `npm run play -- 5`.
 * The tutorial shows its code only as a picture: this is a reconstruction (see the lesson), the two
 * Python versions (`from mysingleton import singleton`, then `a is b` -> True), and the async trap.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { play } from "../../tools/kit/play";
import { IdGenerator, lazyAsync, settings } from "./singleton";
import { currentTheme, setTheme } from "./theme";

play(async ({ say }) => {
  // 1. One module, two importers: theme.ts writes through its import, this file reads through its own.
  setTheme("dark");
  say(`theme.ts sets "dark";   here settings.get("theme") -> ${settings.get("theme")}`);
  settings.set("theme", "sepia");
  say(`here sets "sepia";      theme.ts currentTheme()   -> ${currentTheme()}`);
  const again = await import("./singleton");
  say(`(await import("./singleton")).settings === settings -> ${again.settings === settings}`);

  // 2. The class version: asking twice gives the one object (Python: `a is b` -> True).
  const a = IdGenerator.instance();
  const b = IdGenerator.instance();
  say(`IdGenerator.instance() === IdGenerator.instance() -> ${a === b}`);
  say(`a.next() -> ${a.next()}, b.next() -> ${b.next()}, IdGenerator.created -> ${IdGenerator.created}`);

  // 3. The async one: a slow "connect", three callers racing for it in the same tick.
  let calls = 0;
  const db = lazyAsync(async () => {
    const connection = { number: ++calls };
    await sleep(20);
    return connection;
  });
  const [x, y, z] = await Promise.all([db.get(), db.get(), db.get()]);
  say(`3 racing db.get(): connections #${x.number}, #${y.number}, #${z.number}; x === y && y === z -> ${x === y && y === z}; factory calls -> ${calls}`);
  const later = await db.get();
  say(`a later db.get(): the same -> ${later === x}; factory calls -> ${calls}`);

  say("Look at: every `===` is true and the factory ran once: one instance, whoever asks and however many race.");
});
