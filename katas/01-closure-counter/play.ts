/*
 * The tutorial's program, on your counter.ts: `npm run play` (in this folder) or `npm run play -- 1`.
 */
import { play } from "../../tools/kit/play";
import { studyTime } from "./counter";

play(({ say }) => {
  const time = 0;
  const add = studyTime(time);
  say(`add(2)  -> ${add(2)}`, `add(10) -> ${add(10)}`, `time    -> ${time}   (the outer total is untouched)`);
});
