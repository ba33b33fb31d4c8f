/*
 * Alternative: one accept in the base class, dispatching through each class's entry in a table of
 * method names; scopes as a chain of prototypes on a null-prototype root, so `in` is safe.
 */
// ---------------------------------------------------------------------------------------------
// The tree: kata 16's expression tree, a discriminated union tagged by `kind`.
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

const KINDS: readonly string[] = ["num", "var", "unary", "binary", "let"] satisfies readonly Kind[];

/** A refused primitive, shown the way the workbook's contract asks; objects in a word or two. */
function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}

/** The refusal of a node that is not one: not an object, or no kind this tree knows. */
function refuse(expr: unknown): never {
  if (typeof expr !== "object" || expr === null) throw new TypeError(`expr must be a node (an object with a kind), got ${shown(expr)}`);
  const kind: unknown = (expr as { kind?: unknown }).kind;
  if (typeof kind !== "string") throw new TypeError(`kind must be a string, got ${shown(kind)}`);
  throw new RangeError(`kind must be one of ${KINDS.join(", ")}, got ${shown(kind)}`);
}

// ---------------------------------------------------------------------------------------------
// Form 1: an exhaustive switch over the union.
// ---------------------------------------------------------------------------------------------

/**
 * Calls the handler of `expr`'s kind with `expr` itself and returns what it returns. The result type
 * is the union of what the handlers return.
 */
export function match<H extends Handlers<unknown>>(expr: Expr, handlers: H): ReturnType<H[Kind]> {
  // Checked before `.kind` is read: an untyped caller may pass null, 42 or a node from JSON.
  if (typeof expr !== "object" || expr === null) refuse(expr);
  if (typeof handlers !== "object" || handlers === null) throw new TypeError(`handlers must be an object with a function per kind, got ${shown(handlers)}`);
  const call = <K extends Kind>(kind: K, node: NodeOf<K>): ReturnType<H[Kind]> => {
    const handler = handlers[kind] as unknown;
    if (typeof handler !== "function") throw new TypeError(`handlers.${kind} must be a function, got ${shown(handler)}`);
    return (handler as (node: NodeOf<K>) => ReturnType<H[Kind]>)(node);
  };
  switch (expr.kind) {
    case "num":
      return call("num", expr);
    case "var":
      return call("var", expr);
    case "unary":
      return call("unary", expr);
    case "binary":
      return call("binary", expr);
    case "let":
      return call("let", expr);
    default: {
      // `expr` is `never` here: a kind added to Expr and forgotten above is a compile error. At run
      // time the branch is still reached, by a node from JSON: refuse it.
      const unhandled: never = expr;
      return refuse(unhandled);
    }
  }
}

/** `(let x = 2 in (x * (x + 1)))`: numbers as JavaScript prints them, every unary, binary and let in parentheses. */
export function print(expr: Expr): string {
  return match(expr, {
    num: (node) => String(node.value),
    var: (node) => node.name,
    unary: (node) => `(${node.op}${print(node.operand)})`,
    binary: (node) => `(${print(node.left)} ${node.op} ${print(node.right)})`,
    let: (node) => `(let ${node.name} = ${print(node.value)} in ${print(node.body)})`,
  });
}

// Object.hasOwn, never `op in OPS` or `OPS[op]` alone: "toString" is on every object's prototype.
const OPS: { readonly [O in BinaryOp]: (a: number, b: number) => number } = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
  "<": (a, b) => Number(a < b),
  "<=": (a, b) => Number(a <= b),
  ">": (a, b) => Number(a > b),
  ">=": (a, b) => Number(a >= b),
  "==": (a, b) => Number(a === b),
  "!=": (a, b) => Number(a !== b),
};

function checkOp(op: unknown, known: readonly string[]): void {
  if (typeof op !== "string") throw new TypeError(`op must be a string, got ${shown(op)}`);
  if (!known.includes(op)) throw new RangeError(`op must be one of ${known.join(" ")}, got ${shown(op)}`);
}

function negate(op: "-", operand: number): number {
  checkOp(op, ["-"]);
  return -operand;
}

function apply(op: BinaryOp, left: number, right: number): number {
  if (!Object.hasOwn(OPS, op)) checkOp(op, Object.keys(OPS));
  return OPS[op](left, right);
}

/** A scope: its own bindings, then its parent's through the prototype chain, which ends at null. */
type Scope = Readonly<Record<string, number>>;

/** The outermost scope: the env's own properties on an object with no prototype, so no toString. */
function rootScope(env: Env): Scope {
  return made(Object.assign(Object.create(null) as Record<string, number>, env));
}

const SCOPES = new WeakSet<object>();
function made(scope: Record<string, number>): Scope {
  SCOPES.add(scope);
  return Object.freeze(scope);
}

function extend(scope: Scope, name: string, value: number): Scope {
  const inner = Object.create(scope) as Record<string, number>;
  Object.defineProperty(inner, name, { value, enumerable: true });
  return made(inner);
}

function lookup(scope: Scope, name: string): number {
  // `in` walks the chain of scopes, and the chain has nothing from Object.prototype in it.
  if (!(name in scope)) throw new ReferenceError(`the variable ${name} has no value here`);
  return scope[name] as number;
}

/** The value of `expr`, its free variables read from `env`; comparisons give 1 or 0. */
export function evaluate(expr: Expr, env: Env = {}): number {
  return run(expr, rootScope(env));
}

function run(expr: Expr, env: Scope): number {
  const evaluate = run;
  return match(expr, {
    num: (node) => node.value,
    var: (node) => lookup(env, node.name),
    unary: (node) => negate(node.op, evaluate(node.operand, env)),
    binary: (node) => apply(node.op, evaluate(node.left, env), evaluate(node.right, env)),
    // A new scope for the body: the caller's env is never written to.
    let: (node) => evaluate(node.body, extend(env, node.name, evaluate(node.value, env))),
  });
}

/** How many nodes `expr` has: 1 for a number or a variable, plus its children's for the others. */
export function count(expr: Expr): number {
  // The same union, the plain way: a switch, and `never` for the kind nobody handled.
  switch (expr?.kind) {
    case "num":
    case "var":
      return 1;
    case "unary":
      return 1 + count(expr.operand);
    case "binary":
      return 1 + count(expr.left) + count(expr.right);
    case "let":
      return 1 + count(expr.value) + count(expr.body);
    default: {
      const unhandled: never = expr;
      return refuse(unhandled);
    }
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkName(name: unknown, param: "from" | "to"): void {
  if (typeof name !== "string") throw new TypeError(`${param} must be a variable name (a string), got ${shown(name)}`);
  if (!IDENTIFIER.test(name)) throw new RangeError(`${param} must be a variable name (a letter or _, then letters, digits or _), got ${shown(name)}`);
}

function renameFree(expr: Expr, from: string, to: string): Expr {
  const again = (e: Expr) => renameFree(e, from, to);
  return match(expr, {
    num: (node): Expr => ({ kind: "num", value: node.value }),
    var: (node): Expr => ({ kind: "var", name: node.name === from ? to : node.name }),
    unary: (node): Expr => ({ kind: "unary", op: node.op, operand: again(node.operand) }),
    binary: (node): Expr => ({ kind: "binary", op: node.op, left: again(node.left), right: again(node.right) }),
    // The value is outside the binding's scope; the body sees the let's own `from`, not the free one.
    let: (node): Expr => ({ kind: "let", name: node.name, value: again(node.value), body: node.name === from ? node.body : again(node.body) }),
  });
}

/** A new tree where every free `from` is `to`; a `let` that binds `from` keeps its body as it is. */
export function rename(expr: Expr, from: string, to: string): Expr {
  checkName(from, "from");
  checkName(to, "to");
  return renameFree(expr, from, to);
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
  /** The name of this class's method in a Visitor: the one table double dispatch needs. */
  protected abstract readonly visit: keyof Visitor<unknown>;
  /** One accept for every class: look the method up by this class's entry, call it on the visitor. */
  accept<R>(visitor: Visitor<R>): R {
    const method = visitor[this.visit] as (this: Visitor<R>, node: Node) => R;
    return method.call(visitor, this);
  }
}

/** A number. */
export class Num extends Node {
  protected readonly visit = "visitNum";
  constructor(readonly value: number) {
    super();
  }
}

/** A variable. */
export class Var extends Node {
  protected readonly visit = "visitVar";
  constructor(readonly name: string) {
    super();
  }
}

/** A negation. */
export class Unary extends Node {
  protected readonly visit = "visitUnary";
  constructor(
    readonly op: "-",
    readonly operand: Node,
  ) {
    super();
  }
}

/** An operator between two expressions. */
export class Binary extends Node {
  protected readonly visit = "visitBinary";
  constructor(
    readonly op: BinaryOp,
    readonly left: Node,
    readonly right: Node,
  ) {
    super();
  }
}

/** `let name = value in body`. */
export class Let extends Node {
  protected readonly visit = "visitLet";
  constructor(
    readonly name: string,
    readonly value: Node,
    readonly body: Node,
  ) {
    super();
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
  private readonly env: Scope;
  constructor(env: Env = {}) {
    // A caller's env becomes a root scope; a scope this file made (for a let's body) is kept as it is.
    this.env = SCOPES.has(env) ? env : rootScope(env);
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
    return node.body.accept(new Evaluator(extend(this.env, node.name, node.value.accept(this))));
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
