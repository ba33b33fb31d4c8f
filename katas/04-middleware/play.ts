/*
 * The tutorial's program, on your middleware.ts: `npm run play` (in this folder) or `npm run play -- 4`.
 * Its three middlewares and its core, registered in its order. Each layer also says what came back
 * out of `next()`: the way out of the onion, which the tutorial's layers do not print.
 */
import { play } from "../../tools/kit/play";
import { Server, type ServerMiddleware } from "./middleware";

play(async ({ say }) => {
  const layer =
    (name: string): ServerMiddleware =>
    async (_ctx, next) => {
      say(`The ${name} one`);
      const result = await next();
      say(`  back out of the ${name} one with ${JSON.stringify(result)}`);
      return result;
    };

  const server = new Server()
    .use(layer("first"))
    .use(layer("second"))
    .use(layer("last"))
    .handle("core_func", () => "The Core Function");
  say(await server.call("core_func"));
  say("Look: in first, second, last; out last, second, first; the core's string travels out through every layer.");
});
