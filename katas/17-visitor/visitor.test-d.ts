/*
 * Type-level tests: checked by `npx tsc -p .` (the workbook's self-check runs it), never executed.
 * A `// @ts-expect-error` line passes when the line below it does NOT compile, and fails tsc when
 * it does: it is how a spec says "this must be a compile error".
 */
import { expectTypeOf } from "vitest";
import {
  count,
  Counter,
  evaluate,
  Evaluator,
  fromClasses,
  match,
  Num,
  print,
  Printer,
  rename,
  Renamer,
  toClasses,
  Var,
  type Expr,
  type Handlers,
  type Kind,
  type Node,
  type NodeOf,
  type Visitor,
} from "./visitor";

declare const expr: Expr;

// The tree is exactly kata 16's union, and each kind names its own node.
expectTypeOf<Expr>().toEqualTypeOf<
  | { kind: "num"; value: number }
  | { kind: "var"; name: string }
  | { kind: "unary"; op: "-"; operand: Expr }
  | { kind: "binary"; op: "+" | "-" | "*" | "/" | "<" | "<=" | ">" | ">=" | "==" | "!="; left: Expr; right: Expr }
  | { kind: "let"; name: string; value: Expr; body: Expr }
>();
expectTypeOf<Kind>().toEqualTypeOf<"num" | "var" | "unary" | "binary" | "let">();
expectTypeOf<NodeOf<"var">>().toEqualTypeOf<{ kind: "var"; name: string }>();

// Step 1: each handler gets the node of its own kind, already narrowed ...
match(expr, {
  num: (node) => expectTypeOf(node).toEqualTypeOf<{ kind: "num"; value: number }>(),
  var: (node) => expectTypeOf(node.name).toEqualTypeOf<string>(),
  unary: (node) => expectTypeOf(node.operand).toEqualTypeOf<Expr>(),
  binary: (node) => expectTypeOf(node.left).toEqualTypeOf<Expr>(),
  let: (node) => expectTypeOf(node.body).toEqualTypeOf<Expr>(),
});

// ... and the result type follows the handlers: all strings give a string ...
expectTypeOf(
  match(expr, { num: () => "n", var: (node) => node.name, unary: () => "u", binary: (node) => node.op, let: (node) => node.name }),
).toEqualTypeOf<string>();
// ... numbers give a number, and a mix gives the union of what they return.
expectTypeOf(match(expr, { num: (node) => node.value, var: () => 0, unary: () => 1, binary: () => 2, let: () => 3 })).toEqualTypeOf<number>();
expectTypeOf(match(expr, { num: (node) => node.value, var: (node) => node.name, unary: () => true, binary: () => 2, let: () => "let" })).toEqualTypeOf<
  number | string | boolean
>();

// A handlers object that forgets a kind does not compile: the compiler names the forgotten node.
// @ts-expect-error property 'let' is missing
match(expr, { num: () => 1, var: () => 1, unary: () => 1, binary: () => 1 });
// @ts-expect-error property 'num' is missing
match(expr, { var: () => 1, unary: () => 1, binary: () => 1, let: () => 1 });
// @ts-expect-error a handler gets its own node only: a num node has no name
match(expr, { num: (node) => node.name, var: () => 1, unary: () => 1, binary: () => 1, let: () => 1 });
// @ts-expect-error a handler must be a function
match(expr, { num: 1, var: () => 1, unary: () => 1, binary: () => 1, let: () => 1 });
// @ts-expect-error the same for the type itself: Handlers needs all five
export const four: Handlers<number> = { num: () => 1, var: () => 1, unary: () => 1, binary: () => 1 };

// The switch form: handling every kind type-checks with `never` in the default branch ...
export function describeKind(e: Expr): string {
  switch (e.kind) {
    case "num":
      return `the number ${e.value}`;
    case "var":
      return `the variable ${e.name}`;
    case "unary":
      return "a negation";
    case "binary":
      return `an ${e.op}`;
    case "let":
      return `a let of ${e.name}`;
    default: {
      const unhandled: never = e;
      return unhandled;
    }
  }
}

// ... and a switch that forgets a kind does not: `e` is still the let node there, not `never`.
export function forgetful(e: Expr): string {
  switch (e.kind) {
    case "num":
    case "var":
    case "unary":
    case "binary":
      return "handled";
    default: {
      // @ts-expect-error the let node is not assignable to never: the switch forgot a kind
      const unhandled: never = e;
      return unhandled;
    }
  }
}

// Step 2: the operations' types.
expectTypeOf(print(expr)).toEqualTypeOf<string>();
expectTypeOf(evaluate(expr)).toEqualTypeOf<number>();
expectTypeOf(evaluate(expr, { x: 1 })).toEqualTypeOf<number>();
expectTypeOf(count(expr)).toEqualTypeOf<number>();
expectTypeOf(rename(expr, "x", "y")).toEqualTypeOf<Expr>();
// @ts-expect-error a variable's value is a number
evaluate(expr, { x: "1" });
// @ts-expect-error "pow" is no kind of this tree
print({ kind: "pow", left: { kind: "num", value: 1 }, right: { kind: "num", value: 2 } });
// @ts-expect-error "**" is no operator of this tree
print({ kind: "binary", op: "**", left: { kind: "num", value: 1 }, right: { kind: "num", value: 2 } });

// Step 3: double dispatch. accept's result type is the visitor's.
const node: Node = toClasses(expr);
expectTypeOf(node.accept(new Printer())).toEqualTypeOf<string>();
expectTypeOf(node.accept(new Counter())).toEqualTypeOf<number>();
expectTypeOf(node.accept(new Evaluator({ x: 1 }))).toEqualTypeOf<number>();
expectTypeOf(node.accept(new Renamer("x", "y"))).toEqualTypeOf<Node>();
expectTypeOf(fromClasses(node)).toEqualTypeOf<Expr>();
expectTypeOf(new Printer()).toExtend<Visitor<string>>();
expectTypeOf(new Renamer("x", "y")).toExtend<Visitor<Node>>();

// A visitor must have a method for every node class: the interface names the forgotten one.
// @ts-expect-error property 'visitLet' is missing
export const noLet: Visitor<string> = { visitNum: () => "", visitVar: () => "", visitUnary: () => "", visitBinary: () => "" };
// @ts-expect-error a visitNum gets a Num: it has a value, no name
export const wrongField: Visitor<string> = { visitNum: (n) => n.name, visitVar: () => "", visitUnary: () => "", visitBinary: () => "", visitLet: () => "" };
// @ts-expect-error a Visitor<number> returns numbers from every method
export const mixed: Visitor<number> = { visitNum: () => 1, visitVar: () => "x", visitUnary: () => 1, visitBinary: () => 1, visitLet: () => 1 };
// @ts-expect-error the node classes are read-only: a transformation makes new nodes
new Num(1).value = 2;
// @ts-expect-error a Var's name is read-only too
new Var("x").name = "y";
