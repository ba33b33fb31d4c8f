/*
 * Alternative: a switch in every operation (no operation goes through match), match as a checked
 * lookup table, the env turned into a Map once, and other wording for every refusal.
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

const KIND_SET: ReadonlySet<string> = new Set<Kind>(["num", "var", "unary", "binary", "let"]);

function literal(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "object":
      return value === null ? "null" : "some object";
    case "function":
      return "some function";
    default:
      return String(value);
  }
}

/** Returns the node's kind, or throws: every operation below starts here. */
function kindOf(expr: unknown): Kind {
  if (expr === null || typeof expr !== "object") throw new TypeError(`bad expr (${literal(expr)}): a node is an object`);
  const kind = (expr as { kind?: unknown }).kind;
  if (typeof kind !== "string") throw new TypeError(`bad kind (${literal(kind)}): a kind is a string`);
  if (!KIND_SET.has(kind)) throw new RangeError(`bad kind (${literal(kind)}): not a node of this tree`);
  return kind as Kind;
}

export function match<H extends Handlers<unknown>>(expr: Expr, handlers: H): ReturnType<H[Kind]> {
  const kind = kindOf(expr);
  if (handlers === null || typeof handlers !== "object") throw new TypeError(`bad handlers (${literal(handlers)})`);
  const handler: unknown = Object.hasOwn(handlers, kind) ? handlers[kind] : undefined;
  if (typeof handler !== "function") throw new TypeError(`handlers has no function for ${kind}`);
  return handler(expr) as ReturnType<H[Kind]>;
}

export function print(expr: Expr): string {
  kindOf(expr);
  switch (expr.kind) {
    case "num":
      return `${expr.value}`;
    case "var":
      return expr.name;
    case "unary":
      return "(" + expr.op + print(expr.operand) + ")";
    case "binary":
      return "(" + print(expr.left) + " " + expr.op + " " + print(expr.right) + ")";
    case "let":
      return "(let " + expr.name + " = " + print(expr.value) + " in " + print(expr.body) + ")";
  }
}

function compute(op: unknown, a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
    case "<":
      return a < b ? 1 : 0;
    case "<=":
      return a <= b ? 1 : 0;
    case ">":
      return a > b ? 1 : 0;
    case ">=":
      return a >= b ? 1 : 0;
    case "==":
      return a === b ? 1 : 0;
    case "!=":
      return a !== b ? 1 : 0;
    default:
      if (typeof op !== "string") throw new TypeError(`bad op (${literal(op)})`);
      throw new RangeError(`bad op (${literal(op)}): no such operator`);
  }
}

function run(expr: Expr, scope: ReadonlyMap<string, number>): number {
  kindOf(expr);
  switch (expr.kind) {
    case "num":
      return expr.value;
    case "var": {
      const value = scope.get(expr.name);
      if (value === undefined) throw new ReferenceError(`no value for the variable ${expr.name}`);
      return value;
    }
    case "unary": {
      const operand = run(expr.operand, scope);
      const op: unknown = expr.op;
      if (op !== "-") {
        if (typeof op !== "string") throw new TypeError(`bad op (${literal(op)})`);
        throw new RangeError(`bad op (${literal(op)}): only - negates`);
      }
      return -operand;
    }
    case "binary":
      return compute(expr.op, run(expr.left, scope), run(expr.right, scope));
    case "let":
      return run(expr.body, new Map(scope).set(expr.name, run(expr.value, scope)));
  }
}

export function evaluate(expr: Expr, env: Env = {}): number {
  // Object.entries lists own properties only: nothing from Object.prototype becomes a variable.
  return run(expr, new Map(Object.entries(env)));
}

export function count(expr: Expr): number {
  kindOf(expr);
  switch (expr.kind) {
    case "num":
    case "var":
      return 1;
    case "unary":
      return 1 + count(expr.operand);
    case "binary":
      return 1 + count(expr.left) + count(expr.right);
    case "let":
      return 1 + count(expr.value) + count(expr.body);
  }
}

function isName(name: string): boolean {
  return /^[A-Za-z_]\w*$/.test(name) && !/[^\x00-\x7f]/.test(name);
}

function checkName(name: unknown, param: "from" | "to"): void {
  if (typeof name !== "string") throw new TypeError(`bad ${param} (${literal(name)}): a name is a string`);
  if (!isName(name)) throw new RangeError(`bad ${param} (${literal(name)}): not a variable name`);
}

function substitute(expr: Expr, from: string, to: string): Expr {
  kindOf(expr);
  switch (expr.kind) {
    case "num":
      return { ...expr };
    case "var":
      return expr.name === from ? { kind: "var", name: to } : { ...expr };
    case "unary":
      return { ...expr, operand: substitute(expr.operand, from, to) };
    case "binary":
      return { ...expr, left: substitute(expr.left, from, to), right: substitute(expr.right, from, to) };
    case "let":
      return { ...expr, value: substitute(expr.value, from, to), body: expr.name === from ? expr.body : substitute(expr.body, from, to) };
  }
}

export function rename(expr: Expr, from: string, to: string): Expr {
  checkName(from, "from");
  checkName(to, "to");
  return substitute(expr, from, to);
}


function lookup(env: Env, name: string): number {
  if (!Object.hasOwn(env, name)) throw new ReferenceError(`no value for the variable ${name}`);
  return env[name] as number;
}

function negate(op: "-", operand: number): number {
  if (op !== "-") throw new RangeError(`bad op (${literal(op)}): only - negates`);
  return -operand;
}

function apply(op: BinaryOp, left: number, right: number): number {
  return compute(op, left, right);
}

// ---------------------------------------------------------------------------------------------
// Form 2: double dispatch. Each node class knows one thing: which visit method is its own.
// ---------------------------------------------------------------------------------------------

/** One method per node class: what an operation does with each. */
export interface Visitor<R> {
  visitNum(node: Num): R;
  visitVar(node: Var): R;
  visitUnary(node: Unary): R;
  visitBinary(node: Binary): R;
  visitLet(node: Let): R;
}

/** A node of the class form of the tree. */
export abstract class Node {
  /** Calls the visitor's method for this node's class with this node, and returns its result. */
  abstract accept<R>(visitor: Visitor<R>): R;
}

/** A number. */
export class Num extends Node {
  constructor(readonly value: number) {
    super();
  }
  accept<R>(visitor: Visitor<R>): R {
    return visitor.visitNum(this);
  }
}

/** A variable. */
export class Var extends Node {
  constructor(readonly name: string) {
    super();
  }
  accept<R>(visitor: Visitor<R>): R {
    return visitor.visitVar(this);
  }
}

/** A negation. */
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

/** An operator between two expressions. */
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

/** `let name = value in body`. */
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

/** The class form of `expr`: new nodes, the input untouched. */
export function toClasses(expr: Expr): Node {
  return match(expr, {
    num: (node): Node => new Num(node.value),
    var: (node): Node => new Var(node.name),
    unary: (node): Node => new Unary(node.op, toClasses(node.operand)),
    binary: (node): Node => new Binary(node.op, toClasses(node.left), toClasses(node.right)),
    let: (node): Node => new Let(node.name, toClasses(node.value), toClasses(node.body)),
  });
}

// fromClasses is itself an operation over the class form, so it is a visitor.
const toData: Visitor<Expr> = {
  visitNum: (node) => ({ kind: "num", value: node.value }),
  visitVar: (node) => ({ kind: "var", name: node.name }),
  visitUnary: (node) => ({ kind: "unary", op: node.op, operand: node.operand.accept(toData) }),
  visitBinary: (node) => ({ kind: "binary", op: node.op, left: node.left.accept(toData), right: node.right.accept(toData) }),
  visitLet: (node) => ({ kind: "let", name: node.name, value: node.value.accept(toData), body: node.body.accept(toData) }),
};

/** The data form of `node`: plain objects, as `Expr`. */
export function fromClasses(node: Node): Expr {
  return node.accept(toData);
}

/** Prints a class tree exactly as `print` prints its data form. */
export class Printer implements Visitor<string> {
  visitNum(node: Num): string {
    return String(node.value);
  }
  visitVar(node: Var): string {
    return node.name;
  }
  visitUnary(node: Unary): string {
    return `(${node.op}${node.operand.accept(this)})`;
  }
  visitBinary(node: Binary): string {
    return `(${node.left.accept(this)} ${node.op} ${node.right.accept(this)})`;
  }
  visitLet(node: Let): string {
    return `(let ${node.name} = ${node.value.accept(this)} in ${node.body.accept(this)})`;
  }
}

/** Counts the nodes of a class tree. Keeps no running total: one Counter gives the same answer every time. */
export class Counter implements Visitor<number> {
  visitNum(_node: Num): number {
    return 1;
  }
  visitVar(_node: Var): number {
    return 1;
  }
  visitUnary(node: Unary): number {
    return 1 + node.operand.accept(this);
  }
  visitBinary(node: Binary): number {
    return 1 + node.left.accept(this) + node.right.accept(this);
  }
  visitLet(node: Let): number {
    return 1 + node.value.accept(this) + node.body.accept(this);
  }
}

/** Evaluates a class tree as `evaluate` does, its free variables read from the `env` it was made with. */
export class Evaluator implements Visitor<number> {
  private readonly env: Env;
  constructor(env: Env = {}) {
    this.env = env;
  }
  visitNum(node: Num): number {
    return node.value;
  }
  visitVar(node: Var): number {
    return lookup(this.env, node.name);
  }
  visitUnary(node: Unary): number {
    return negate(node.op, node.operand.accept(this));
  }
  visitBinary(node: Binary): number {
    return apply(node.op, node.left.accept(this), node.right.accept(this));
  }
  visitLet(node: Let): number {
    // The body gets an evaluator of its own: this one's env stays as it was.
    return node.body.accept(new Evaluator({ ...this.env, [node.name]: node.value.accept(this) }));
  }
}

/** Renames the free `from` of a class tree to `to`, as `rename` does, into a new class tree. */
export class Renamer implements Visitor<Node> {
  private readonly from: string;
  private readonly to: string;
  constructor(from: string, to: string) {
    checkName(from, "from");
    checkName(to, "to");
    this.from = from;
    this.to = to;
  }
  visitNum(node: Num): Node {
    return new Num(node.value);
  }
  visitVar(node: Var): Node {
    return new Var(node.name === this.from ? this.to : node.name);
  }
  visitUnary(node: Unary): Node {
    return new Unary(node.op, node.operand.accept(this));
  }
  visitBinary(node: Binary): Node {
    return new Binary(node.op, node.left.accept(this), node.right.accept(this));
  }
  visitLet(node: Let): Node {
    // As in `rename`: a body where `from` is the let's own is kept as it is (shared, never changed).
    return new Let(node.name, node.value.accept(this), node.name === this.from ? node.body : node.body.accept(this));
  }
}
