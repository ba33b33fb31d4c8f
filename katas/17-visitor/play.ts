/*
 * The lesson's tree through your visitor.ts: `npm run play` (in this folder) or `npm run play -- 17`.
 * The tutorial only names the Visitor pattern, so this program is the lesson's own: one tree, four
 * operations in both forms, a rename where one x is shadowed, then a node from JSON nobody knows.
 */
import { NotImplementedError } from "../../tools/kit";
import { play } from "../../tools/kit/play";
import { count, Counter, evaluate, Evaluator, fromClasses, match, print, Printer, rename, Renamer, toClasses, type Expr } from "./visitor";

play(({ say }) => {
  // let x = 2 in x * (x + 1)
  const tree: Expr = {
    kind: "let",
    name: "x",
    value: { kind: "num", value: 2 },
    body: {
      kind: "binary",
      op: "*",
      left: { kind: "var", name: "x" },
      right: { kind: "binary", op: "+", left: { kind: "var", name: "x" }, right: { kind: "num", value: 1 } },
    },
  };
  say(`print    (switch)  ${print(tree)}`);
  const node = toClasses(tree);
  say(`Printer  (visitor) ${node.accept(new Printer())}`);
  say(`evaluate (switch)  ${evaluate(tree)}`);
  say(`Evaluator(visitor) ${node.accept(new Evaluator())}`);
  say(`count    (switch)  ${count(tree)}`);
  say(`Counter  (visitor) ${node.accept(new Counter())}`);

  // x + (let x = 10 in x): the first x is free, the last one is the let's own.
  const shadowed: Expr = {
    kind: "binary",
    op: "+",
    left: { kind: "var", name: "x" },
    right: { kind: "let", name: "x", value: { kind: "num", value: 10 }, body: { kind: "var", name: "x" } },
  };
  say(`rename x -> y      ${print(shadowed)}  =>  ${print(rename(shadowed, "x", "y"))}`);
  say(`Renamer x -> y     ${print(fromClasses(toClasses(shadowed).accept(new Renamer("x", "y"))))}`);

  // A node from JSON: the compiler never saw it, so match must refuse it at run time.
  const pow = JSON.parse('{ "kind": "pow", "left": { "kind": "num", "value": 2 }, "right": { "kind": "num", "value": 3 } }') as Expr;
  try {
    const shown = match(pow, { num: () => "num", var: () => "var", unary: () => "unary", binary: () => "binary", let: () => "let" });
    say(`pow from JSON      no error: match chose ${shown}`);
  } catch (error) {
    if (error instanceof NotImplementedError || !(error instanceof Error)) throw error;
    say(`pow from JSON      ${error.name}: ${error.message}`);
  }
  say("Look: each operation gives the same answer in both forms, the let's own x is not renamed, and a kind nobody knows is refused.");
});
