/*
 * A few programs of the kata's little language, on your interpreter.ts: `npm run play` (in this
 * folder) or `npm run play -- 16`. Each is parsed, printed back as canonical text and evaluated; then
 * a program with a syntax error, and a caret under the column your ParseError gives.
 * Your own program: `npm run play -- "let r = 2 in r * r * 3"`, variables after it as `x=5 y=7`.
 * (The tutorial only names the interpreter pattern: these programs are the lesson's own.)
 */
import { NotImplementedError } from "../../tools/kit";
import { play } from "../../tools/kit/play";
import { evaluate, parse, ParseError, print } from "./interpreter";

play(({ say, args }) => {
  const [own, ...bindings] = args;
  const env: Record<string, number> = {};
  for (const binding of bindings) {
    const [name, value] = binding.split("=");
    if (name && value !== undefined) env[name] = Number(value);
  }
  const programs =
    own === undefined
      ? ["1 + 2 * 3", "((1 + 2)) * 3", "let width = 3 in let height = 4 in width * height", "(2 < 3) + (3 < 2)", "let x = 10 in (let x = 1 in x) + x", "1 / (2 - 2)", "let x = 1 +\n  * 2 in x"]
      : [own];

  for (const source of programs) {
    // Each program's lines are printed once it is done, so a stub stops with one line, not half a program.
    const lines = [`source: ${JSON.stringify(source)}`];
    try {
      const tree = parse(source);
      lines.push(`  print:    ${print(tree)}`);
      lines.push(`  evaluate: ${evaluate(tree, env)}`);
    } catch (error) {
      if (error instanceof NotImplementedError || !(error instanceof Error)) throw error;
      lines.push(`  ${error.name}: ${error.message}`);
      const line = error instanceof ParseError ? source.split("\n")[error.line - 1] : undefined;
      if (error instanceof ParseError && line !== undefined) {
        lines.push(`    ${line}`, `    ${" ".repeat(Math.max(0, error.column - 1))}^`);
      }
    }
    say(...lines);
  }
  say("Look: print gives the same text for the same tree, whatever parentheses you typed; the caret sits under the token the parser stopped at.");
});
