/*
 * Alternative: the union's operations go through the classes (print(expr) is
 * toClasses(expr).accept(new Printer())), and the visitors keep state that they restore: the
 * Evaluator a stack of scopes pushed and popped around a let's body, the Renamer a count of the lets
 * that hide `from`.
 */

export type BinaryOp = "+" | "-" | "*" | "/" | "<" | "<=" | ">" | ">=" | "==" | "!=";

export type Expr =
  | { kind: "num"; value: number }
  | { kind: "var"; name: string }
  | { kind: "unary"; op: "-"; operand: Expr }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr }
  | { kind: "let"; name: string; value: Expr; body: Expr };

export type Kind = Expr["kind"];
export type NodeOf<K extends Kind> = Extract<Expr, { kind: K }>;
export type Handlers<R> = { readonly [K in Kind]: (node: NodeOf<K>) => R };
export type Env = Readonly<Record<string, number>>;

const show = (value: unknown): string =>
  typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : value !== null && (typeof value === "object" || typeof value === "function") ? typeof value : String(value);

export function match<H extends Handlers<unknown>>(expr: Expr, handlers: H): ReturnType<H[Kind]> {
  if (typeof expr !== "object" || !expr) throw new TypeError(`expected expr to be a node object, not ${show(expr)}`);
  if (typeof handlers !== "object" || !handlers) throw new TypeError(`expected handlers to be an object, not ${show(handlers)}`);
  const pick = <K extends Kind>(kind: K): ((node: NodeOf<K>) => ReturnType<H[Kind]>) => {
    const handler: unknown = handlers[kind];
    if (typeof handler !== "function") throw new TypeError(`expected handlers to have a function for ${kind}`);
    return handler as (node: NodeOf<K>) => ReturnType<H[Kind]>;
  };
  switch (expr.kind) {
    case "num":
      return pick("num")(expr);
    case "var":
      return pick("var")(expr);
    case "unary":
      return pick("unary")(expr);
    case "binary":
      return pick("binary")(expr);
    case "let":
      return pick("let")(expr);
    default: {
      const kind: unknown = (expr satisfies never as { kind: unknown }).kind;
      if (typeof kind === "string") throw new RangeError(`expected kind to be num, var, unary, binary or let, not ${show(kind)}`);
      throw new TypeError(`expected kind to be a string, not ${show(kind)}`);
    }
  }
}

export function print(expr: Expr): string {
  return toClasses(expr).accept(new Printer());
}

export function evaluate(expr: Expr, env: Env = {}): number {
  return toClasses(expr).accept(new Evaluator(env));
}

export function count(expr: Expr): number {
  return toClasses(expr).accept(new Counter());
}

export function rename(expr: Expr, from: string, to: string): Expr {
  const renamer = new Renamer(from, to); // checks both names before the tree is walked
  return fromClasses(toClasses(expr).accept(renamer));
}

export interface Visitor<R> {
  visitNum(node: Num): R;
  visitVar(node: Var): R;
  visitUnary(node: Unary): R;
  visitBinary(node: Binary): R;
  visitLet(node: Let): R;
}

export abstract class Node {
  abstract accept<R>(visitor: Visitor<R>): R;
}

export class Num extends Node {
  constructor(readonly value: number) {
    super();
  }
  accept<R>(visitor: Visitor<R>): R {
    return visitor.visitNum(this);
  }
}

export class Var extends Node {
  constructor(readonly name: string) {
    super();
  }
  accept<R>(visitor: Visitor<R>): R {
    return visitor.visitVar(this);
  }
}

export class Unary extends Node {
  constructor(
    readonly op: "-",
    readonly operand: Node,
  ) {
    super();
  }
  accept<R>(visitor: Visitor<R>): R {
    return visitor.visitUnary(this);
  }
}

export class Binary extends Node {
  constructor(
    readonly op: BinaryOp,
    readonly left: Node,
    readonly right: Node,
  ) {
    super();
  }
  accept<R>(visitor: Visitor<R>): R {
    return visitor.visitBinary(this);
  }
}

export class Let extends Node {
  constructor(
    readonly name: string,
    readonly value: Node,
    readonly body: Node,
  ) {
    super();
  }
  accept<R>(visitor: Visitor<R>): R {
    return visitor.visitLet(this);
  }
}

export function toClasses(expr: Expr): Node {
  return match(expr, {
    num: (n): Node => new Num(n.value),
    var: (n): Node => new Var(n.name),
    unary: (n): Node => new Unary(n.op, toClasses(n.operand)),
    binary: (n): Node => new Binary(n.op, toClasses(n.left), toClasses(n.right)),
    let: (n): Node => new Let(n.name, toClasses(n.value), toClasses(n.body)),
  });
}

class ToData implements Visitor<Expr> {
  visitNum(node: Num): Expr {
    return { kind: "num", value: node.value };
  }
  visitVar(node: Var): Expr {
    return { kind: "var", name: node.name };
  }
  visitUnary(node: Unary): Expr {
    return { kind: "unary", op: node.op, operand: node.operand.accept(this) };
  }
  visitBinary(node: Binary): Expr {
    return { kind: "binary", op: node.op, left: node.left.accept(this), right: node.right.accept(this) };
  }
  visitLet(node: Let): Expr {
    return { kind: "let", name: node.name, value: node.value.accept(this), body: node.body.accept(this) };
  }
}

export function fromClasses(node: Node): Expr {
  return node.accept(new ToData());
}

export class Printer implements Visitor<string> {
  visitNum(node: Num): string {
    return `${node.value}`;
  }
  visitVar(node: Var): string {
    return node.name;
  }
  visitUnary(node: Unary): string {
    return `(${node.op}${node.operand.accept(this)})`;
  }
  visitBinary(node: Binary): string {
    return [`(${node.left.accept(this)}`, node.op, `${node.right.accept(this)})`].join(" ");
  }
  visitLet(node: Let): string {
    return `(let ${node.name} = ${node.value.accept(this)} in ${node.body.accept(this)})`;
  }
}

export class Counter implements Visitor<number> {
  private sum(...children: Node[]): number {
    return children.reduce((total, child) => total + child.accept(this), 1);
  }
  visitNum(_node: Num): number {
    return this.sum();
  }
  visitVar(_node: Var): number {
    return this.sum();
  }
  visitUnary(node: Unary): number {
    return this.sum(node.operand);
  }
  visitBinary(node: Binary): number {
    return this.sum(node.left, node.right);
  }
  visitLet(node: Let): number {
    return this.sum(node.value, node.body);
  }
}

const BINARY: ReadonlyMap<string, (a: number, b: number) => boolean | number> = new Map<BinaryOp, (a: number, b: number) => boolean | number>([
  ["+", (a, b) => a + b],
  ["-", (a, b) => a - b],
  ["*", (a, b) => a * b],
  ["/", (a, b) => a / b],
  ["<", (a, b) => a < b],
  ["<=", (a, b) => a <= b],
  [">", (a, b) => a > b],
  [">=", (a, b) => a >= b],
  ["==", (a, b) => a === b],
  ["!=", (a, b) => a !== b],
]);

function refuseOp(op: unknown): never {
  if (typeof op !== "string") throw new TypeError(`expected op to be a string, not ${show(op)}`);
  throw new RangeError(`expected op to be an operator of this tree, not ${show(op)}`);
}

export class Evaluator implements Visitor<number> {
  // The innermost scope last; the env given is the outermost, copied so nothing writes to it.
  private readonly scopes: Array<ReadonlyMap<string, number>>;
  constructor(env: Env = {}) {
    this.scopes = [new Map(Object.entries(env))];
  }
  visitNum(node: Num): number {
    return node.value;
  }
  visitVar(node: Var): number {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const value = this.scopes[i]?.get(node.name);
      if (value !== undefined) return value;
    }
    throw new ReferenceError(`expected ${node.name} to be bound`);
  }
  visitUnary(node: Unary): number {
    const operand = node.operand.accept(this);
    if (node.op !== "-") refuseOp(node.op);
    return -operand;
  }
  visitBinary(node: Binary): number {
    const left = node.left.accept(this);
    const right = node.right.accept(this);
    const fn = BINARY.get(node.op) ?? refuseOp(node.op);
    return Number(fn(left, right));
  }
  visitLet(node: Let): number {
    const value = node.value.accept(this);
    this.scopes.push(new Map([[node.name, value]]));
    try {
      return node.body.accept(this);
    } finally {
      this.scopes.pop(); // even when the body throws: the evaluator is reused
    }
  }
}

function checkName(name: unknown, param: "from" | "to"): string {
  if (typeof name !== "string") throw new TypeError(`expected ${param} to be a string, not ${show(name)}`);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new RangeError(`expected ${param} to be a variable name, not ${show(name)}`);
  return name;
}

export class Renamer implements Visitor<Node> {
  private readonly from: string;
  private readonly to: string;
  private hidden = 0; // how many enclosing lets bind `from`
  constructor(from: string, to: string) {
    this.from = checkName(from, "from");
    this.to = checkName(to, "to");
  }
  visitNum(node: Num): Node {
    return new Num(node.value);
  }
  visitVar(node: Var): Node {
    return new Var(this.hidden === 0 && node.name === this.from ? this.to : node.name);
  }
  visitUnary(node: Unary): Node {
    return new Unary(node.op, node.operand.accept(this));
  }
  visitBinary(node: Binary): Node {
    return new Binary(node.op, node.left.accept(this), node.right.accept(this));
  }
  visitLet(node: Let): Node {
    const value = node.value.accept(this);
    const hides = node.name === this.from;
    if (hides) this.hidden++;
    try {
      return new Let(node.name, value, node.body.accept(this));
    } finally {
      if (hides) this.hidden--;
    }
  }
}
