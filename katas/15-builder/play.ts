/*
 * The lesson's program (the tutorial names Builder and shows no code: this one is the lesson's own),
 * on your builder.ts: `npm run play` (in this folder) or `npm run play -- 15`. One base for a books
 * API, two branches from it, a director's recipe, then two requests that build() must refuse.
 */
import { NotImplementedError } from "../../tools/kit/todo";
import { play } from "../../tools/kit/play";
import { jsonPost, request, type HttpRequest } from "./builder";

play(({ say }) => {
  const show = (r: HttpRequest) => {
    const query = new URLSearchParams(r.query).toString();
    const headers = Object.entries(r.headers).map(([name, value]) => `${name}: ${value}`);
    return `${r.method} ${r.url}${query ? `  query ${query}` : ""}  [${headers.join("; ")}]  body ${r.body ?? "(none)"}  timeout ${r.timeout}`;
  };
  const refused = (what: string, build: () => unknown) => {
    try {
      build();
      say(`${what} -> no error: it built a request!`);
    } catch (error) {
      if (error instanceof NotImplementedError || !(error instanceof Error)) throw error;
      say(`${what} -> ${error.name}: ${error.message}`);
    }
  };

  const api = request().url("https://api.example.com/books").header("Accept", "application/json").timeout(5000);
  const list = api.method("GET").query("page", "2");
  const create = api.method("POST").header("Content-Type", "application/json").body('{"title":"Dune"}');
  say(`list   -> ${show(list.build())}`);
  say(`create -> ${show(create.build())}`);
  say(`api    -> ${show(api.method("DELETE").build())}  (the base, with a method added)`);
  say(`list === create: ${Object.is(list, create)}; list === api: ${Object.is(list, api)}`);

  const recipe = jsonPost("https://api.example.com/books", { title: "Emma", year: 1815 }).timeout(1000);
  say(`jsonPost -> ${show(recipe.build())}`);

  // An untyped caller can reach build() on a builder the types would not let you build.
  const noUrl = request().method("GET") as unknown as { build(): HttpRequest };
  refused("no url      ", () => noUrl.build());
  refused("GET + body  ", () => request().body("hello").url("https://example.com").method("GET").build());
  say("Look: every step made a new builder, so neither branch leaked into the other or into api; build() names what is missing and what does not fit.");
});
