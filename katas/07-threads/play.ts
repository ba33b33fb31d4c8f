/*
 * The tutorial's program, on your threads.ts: `npm run play` in this folder, or `npm run play -- 7`.
 * Its sing and dance threads loop for ever; here they stop after a few rounds.
 */
import { play } from "../../tools/kit/play";
import { singAndDance, WorkerPool } from "./threads";

play(async ({ say }) => {
  say("One thread, two tasks taking turns while each sleeps (your singAndDance):");
  const started = performance.now();
  await singAndDance(3, 200, (line) => say(`  ${line}`));
  say(`  done in ${Math.round(performance.now() - started)} ms: 3 intervals, not 6`);

  say("", "Two real threads, each given its message as an argument (your WorkerPool, size 2):");
  const pool = new WorkerPool<{ msg: string; rounds: number; ms: number }, number>(new URL("./fixtures/sing-dance.worker.ts", import.meta.url), 2);
  try {
    const lines = await Promise.all([pool.run({ msg: "I'm singing, ha ha ha", rounds: 3, ms: 200 }), pool.run({ msg: "I'm dancing, la la la", rounds: 3, ms: 200 })]);
    say(`  both threads done: ${lines.join(" + ")} lines`);
  } finally {
    await pool.close();
  }
  say("Look at: the lines interleave both times; on one thread because each task sleeps, on two because both run at once.");
});
