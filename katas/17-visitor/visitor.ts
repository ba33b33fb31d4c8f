import { todo } from "../../tools/kit";

// ---------------------------------------------------------------------------------------------
// The tree: kata 16's expression tree, a discriminated union tagged by `kind`. Given: nothing to write.
// ---------------------------------------------------------------------------------------------

/** The operators of a binary node: arithmetic, and comparisons that give 1 (true) or 0 (false). */
export type BinaryOp = "+" | "-" | "*" | "/" | "<" | "<=" | ">" | ">=" | "==" | "!=";

/** An expression of the interpreter kata's language, as plain data. */
export type Expr =
  | { kind: "num"; value: number }
  | { kind: "var"; name: string }
  | { kind: "unary"; op: "-"; operand: Expr }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr }
  | { kind: "let"; name: string; value: Expr; body: Expr };

/** The tags of the union: "num" | "var" | "unary" | "binary" | "let". */
export type Kind = Expr["kind"];

/** The node of one kind: `NodeOf<"let">` is `{ kind: "let"; name: string; value: Expr; body: Expr }`. */
export type NodeOf<K extends Kind> = Extract<Expr, { kind: K }>;

/** One function per kind, each given the node of its kind. A missing kind does not compile. */
export type Handlers<R> = { readonly [K in Kind]: (node: NodeOf<K>) => R };

/** Values of the free variables of an expression, by name. */
export type Env = Readonly<Record<string, number>>;

// ---------------------------------------------------------------------------------------------
// Form 1: an exhaustive switch over the union (steps 1 and 2).
// ---------------------------------------------------------------------------------------------

/**
 * Step 1. Calls the handler of `expr`'s kind, once, with `expr` itself, and returns what it returns;
 * the result type is the union of what the handlers return. Write it as a `switch (expr.kind)` whose
 * `default` assigns `expr` to a `never`. Refuses (step 5) a non-object `expr` (`TypeError`, naming
 * `expr`), a `kind` that is not a string (`TypeError`) or not one of the five (`RangeError`), both
 * naming `kind`, and a missing handler for the node's kind (`TypeError`, naming `handlers`).
 */
export function match<H extends Handlers<unknown>>(expr: Expr, handlers: H): ReturnType<H[Kind]> {
  return todo("match(expr, handlers)");
}

/** Step 2. `(let x = 2 in (x * (x + 1)))`: numbers as `String()` writes them, every unary, binary and let in parentheses. */
export function print(expr: Expr): string {
  return todo("print(expr)");
}

/**
 * Step 2. The value of `expr`, its free variables read from `env` (own properties only); comparisons
 * give 1 or 0, `==` and `!=` compare with `===` and `!==`. An unbound variable is a `ReferenceError`
 * naming it; an `op` it does not know is refused (step 5). Never writes to `env`.
 */
export function evaluate(expr: Expr, env: Env = {}): number {
  return todo("evaluate(expr, env)");
}

/** Step 2. How many nodes `expr` has: 1 for a number or a variable, 1 plus its children's for the others. */
export function count(expr: Expr): number {
  return todo("count(expr)");
}

/**
 * Step 2. A new tree where every free variable `from` is `to`: a `let` that binds `from` is renamed in
 * its value only, never in its body. Never changes `expr`. `from` and `to` must be variable names
 * (step 5).
 */
export function rename(expr: Expr, from: string, to: string): Expr {
  return todo("rename(expr, from, to)");
}

// ---------------------------------------------------------------------------------------------
// Form 2: double dispatch (step 3). The node classes are given, except their accept().
// ---------------------------------------------------------------------------------------------

/** Step 3. One method per node class: what an operation does with each. */
export interface Visitor<R> {
  visitNum(node: Num): R;
  visitVar(node: Var): R;
  visitUnary(node: Unary): R;
  visitBinary(node: Binary): R;
  visitLet(node: Let): R;
}

/** Step 3. A node of the class form of the tree. */
export abstract class Node {
  /** Calls the visitor's method for this node's class with this node, and returns its result. */
  abstract accept<R>(visitor: Visitor<R>): R;
}

/** Step 3. A number. */
export class Num extends Node {
  constructor(readonly value: number) {
    super();
  }
  accept<R>(visitor: Visitor<R>): R {
    return todo("Num.accept(visitor)");
  }
}

/** Step 3. A variable. */
export class Var extends Node {
  constructor(readonly name: string) {
    super();
  }
  accept<R>(visitor: Visitor<R>): R {
    return todo("Var.accept(visitor)");
  }
}

/** Step 3. A negation. */
export class Unary extends Node {
  constructor(
    readonly op: "-",
    readonly operand: Node,
  ) {
    super();
  }
  accept<R>(visitor: Visitor<R>): R {
    return todo("Unary.accept(visitor)");
  }
}

/** Step 3. An operator between two expressions. */
export class Binary extends Node {
  constructor(
    readonly op: BinaryOp,
    readonly left: Node,
    readonly right: Node,
  ) {
    super();
  }
  accept<R>(visitor: Visitor<R>): R {
    return todo("Binary.accept(visitor)");
  }
}

/** Step 3. `let name = value in body`. */
export class Let extends Node {
  constructor(
    readonly name: string,
    readonly value: Node,
    readonly body: Node,
  ) {
    super();
  }
  accept<R>(visitor: Visitor<R>): R {
    return todo("Let.accept(visitor)");
  }
}

/** Step 3. The class form of `expr`: new nodes, the input untouched; refuses a bad node as `match` does. */
export function toClasses(expr: Expr): Node {
  return todo("toClasses(expr)");
}

/** Step 3. The data form of `node`: plain objects, as `Expr` (write it as a visitor). */
export function fromClasses(node: Node): Expr {
  return todo("fromClasses(node)");
}

/** Step 3. Prints a class tree exactly as `print` prints its data form. */
export class Printer implements Visitor<string> {
  visitNum(node: Num): string {
    return todo("Printer.visitNum(node)");
  }
  visitVar(node: Var): string {
    return todo("Printer.visitVar(node)");
  }
  visitUnary(node: Unary): string {
    return todo("Printer.visitUnary(node)");
  }
  visitBinary(node: Binary): string {
    return todo("Printer.visitBinary(node)");
  }
  visitLet(node: Let): string {
    return todo("Printer.visitLet(node)");
  }
}

/** Step 3. Counts the nodes of a class tree. Keeps no running total: one Counter gives the same answer every time. */
export class Counter implements Visitor<number> {
  visitNum(_node: Num): number {
    return todo("Counter.visitNum(node)");
  }
  visitVar(_node: Var): number {
    return todo("Counter.visitVar(node)");
  }
  visitUnary(node: Unary): number {
    return todo("Counter.visitUnary(node)");
  }
  visitBinary(node: Binary): number {
    return todo("Counter.visitBinary(node)");
  }
  visitLet(node: Let): number {
    return todo("Counter.visitLet(node)");
  }
}

/** Step 3. Evaluates a class tree as `evaluate` does, its free variables read from the `env` it was made with. */
export class Evaluator implements Visitor<number> {
  /** Keep `env` (a private field is yours to add); never write to it. */
  constructor(env: Env = {}) {
    todo("new Evaluator(env)");
  }
  visitNum(node: Num): number {
    return todo("Evaluator.visitNum(node)");
  }
  visitVar(node: Var): number {
    return todo("Evaluator.visitVar(node)");
  }
  visitUnary(node: Unary): number {
    return todo("Evaluator.visitUnary(node)");
  }
  visitBinary(node: Binary): number {
    return todo("Evaluator.visitBinary(node)");
  }
  visitLet(node: Let): number {
    return todo("Evaluator.visitLet(node)");
  }
}

/** Step 3. Renames the free `from` of a class tree to `to`, as `rename` does, into a new class tree; checks both names as `rename` does. */
export class Renamer implements Visitor<Node> {
  /** Keep `from` and `to` (private fields are yours to add). */
  constructor(from: string, to: string) {
    todo("new Renamer(from, to)");
  }
  visitNum(node: Num): Node {
    return todo("Renamer.visitNum(node)");
  }
  visitVar(node: Var): Node {
    return todo("Renamer.visitVar(node)");
  }
  visitUnary(node: Unary): Node {
    return todo("Renamer.visitUnary(node)");
  }
  visitBinary(node: Binary): Node {
    return todo("Renamer.visitBinary(node)");
  }
  visitLet(node: Let): Node {
    return todo("Renamer.visitLet(node)");
  }
}
