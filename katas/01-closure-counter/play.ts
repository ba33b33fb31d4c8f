/*
 * The tutorial's program, on your counter.ts: `npm run play` in this folder, or `npm run play -- 1`.
 */
import { play } from "../../tools/kit/play";
import { studyTime } from "./counter";

play(({ say }) => {
  // The tutorial keeps an outer `time` at 0 and lets the closure count on its own.
  const time = 0;
  const add = studyTime(time);
  say(`add(2)  -> ${add(2)}`, `add(10) -> ${add(10)}`, `time    -> ${time}`);
  // Two counters, each with its own total.
  const alice = studyTime();
  const bob = studyTime(100);
  say(`alice(30) -> ${alice(30)}, bob(5) -> ${bob(5)}, alice(1) -> ${alice(1)}`);
  say("Look at: 2 then 12, while the outer time stays 0; and alice's total never mixes with bob's.");
});
