/*
 * Alternative: the interpreter pattern as the Gang of Four tell it. evaluate and print turn the tree
 * into one object per grammar rule (Num, Var, Neg, Binary, Let), each with interpret(scope) and
 * source(); the parser is a class with private fields; the lexer a generator.
 */

export type Expr =
  | { kind: "num"; value: number }
  | { kind: "var"; name: string }
  | { kind: "unary"; op: "-"; operand: Expr }
  | { kind: "binary"; op: "+" | "-" | "*" | "/" | "<" | "<=" | ">" | ">=" | "==" | "!="; left: Expr; right: Expr }
  | { kind: "let"; name: string; value: Expr; body: Expr };

export type BinaryOp = Extract<Expr, { kind: "binary" }>["op"];

export type TokenKind = "number" | "name" | "keyword" | "symbol";

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

export const MAX_DEPTH = 200;

export class ParseError extends SyntaxError {
  override readonly name = "ParseError";
  readonly line: number;
  readonly column: number;

  constructor(reason: string, line: number, column: number) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.line = line;
    this.column = column;
  }
}

const shown = (value: unknown): string =>
  typeof value === "string"
    ? JSON.stringify(value)
    : typeof value === "bigint"
      ? `${value}n`
      : typeof value === "object" && value !== null
        ? "an object"
        : typeof value === "function"
          ? "a function"
          : typeof value === "symbol"
            ? value.toString()
            : String(value);

const RULES: readonly (readonly [TokenKind, RegExp])[] = [
  ["number", /^\d+(\.\d+)?([eE][+-]?\d+)?/],
  ["name", /^[A-Za-z_][A-Za-z0-9_]*/],
  ["symbol", /^(<=|>=|==|!=|[-+*/()<>=])/],
];

function* lex(source: string): Generator<Token> {
  let line = 1;
  let column = 1;
  let rest = source;
  while (rest.length > 0) {
    const space = /^[ \t\r\n]/.exec(rest);
    if (space) {
      if (space[0] === "\n") {
        line += 1;
        column = 1;
      } else column += 1;
      rest = rest.slice(1);
      continue;
    }
    const rule = RULES.map(([kind, re]) => [kind, re.exec(rest)?.[0]] as const).find(([, text]) => text !== undefined);
    if (!rule) throw new ParseError(`unexpected character ${JSON.stringify(rest[0])}`, line, column);
    const [kind, text] = rule as readonly [TokenKind, string];
    if (kind === "number" && Number(text) === Infinity) throw new ParseError(`${JSON.stringify(text)} is not a finite number`, line, column);
    yield { kind: kind === "name" && (text === "let" || text === "in") ? "keyword" : kind, text, line, column };
    column += text.length;
    rest = rest.slice(text.length);
  }
}

export function tokenize(source: string): Token[] {
  if (typeof source !== "string") throw new TypeError(`source must be text, not ${shown(source)}`);
  return [...lex(source)];
}

class Parser {
  readonly #tokens: Token[];
  readonly #end: { line: number; column: number };
  #at = 0;
  #depth = 0;

  constructor(source: string) {
    this.#tokens = tokenize(source);
    const lines = source.split("\n");
    this.#end = { line: lines.length, column: lines.at(-1)!.length + 1 };
  }

  parseAll(): Expr {
    const tree = this.#expr();
    if (this.#peek()) this.#unexpected();
    return tree;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#at];
  }

  #unexpected(): never {
    const t = this.#peek();
    if (!t) throw new ParseError("unexpected end of the program", this.#end.line, this.#end.column);
    throw new ParseError(`unexpected token ${JSON.stringify(t.text)}`, t.line, t.column);
  }

  #accept(text: string): boolean {
    const t = this.#peek();
    if (t && (t.kind === "symbol" || t.kind === "keyword") && t.text === text) {
      this.#at++;
      return true;
    }
    return false;
  }

  #expect(text: string): void {
    if (!this.#accept(text)) this.#unexpected();
  }

  #nest<T>(read: () => T): T {
    const t = this.#peek()!;
    if (this.#depth === MAX_DEPTH) throw new ParseError(`too deeply nested (limit ${MAX_DEPTH})`, t.line, t.column);
    this.#depth++;
    this.#at++;
    const result = read();
    this.#depth--;
    return result;
  }

  #expr(): Expr {
    const t = this.#peek();
    if (t?.kind === "keyword" && t.text === "let") {
      return this.#nest(() => {
        const name = this.#peek();
        if (name?.kind !== "name") this.#unexpected();
        this.#at++;
        this.#expect("=");
        const value = this.#expr();
        this.#expect("in");
        return { kind: "let", name: name.text, value, body: this.#expr() };
      });
    }
    return this.#binary(["<", "<=", ">", ">=", "==", "!="], () => this.#binary(["+", "-"], () => this.#binary(["*", "/"], () => this.#unary())));
  }

  #binary(ops: readonly BinaryOp[], next: () => Expr): Expr {
    let left = next();
    for (let t = this.#peek(); t?.kind === "symbol" && (ops as readonly string[]).includes(t.text); t = this.#peek()) {
      this.#at++;
      left = { kind: "binary", op: t.text as BinaryOp, left, right: next() };
    }
    return left;
  }

  #unary(): Expr {
    const t = this.#peek();
    if (t?.kind === "symbol" && t.text === "-") return this.#nest(() => ({ kind: "unary", op: "-", operand: this.#unary() }));
    if (t?.kind === "symbol" && t.text === "(") {
      return this.#nest(() => {
        const inner = this.#expr();
        this.#expect(")");
        return inner;
      });
    }
    if (t?.kind === "number") {
      this.#at++;
      return { kind: "num", value: Number(t.text) };
    }
    if (t?.kind === "name") {
      this.#at++;
      return { kind: "var", name: t.text };
    }
    return this.#unexpected();
  }
}

export function parse(source: string): Expr {
  return new Parser(source).parseAll();
}

// The rule objects. Each knows its precedence, how to interpret itself and how to write itself.

type Scope = ReadonlyMap<string, number>;

abstract class Node {
  abstract readonly precedence: number;
  abstract interpret(scope: Scope): number;
  abstract source(): string;
  /** The source of this node as an operand that must bind at least `min`. */
  operand(min: number): string {
    return this.precedence < min ? `(${this.source()})` : this.source();
  }
}

const checkName = (name: string): string => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name === "let" || name === "in") throw new RangeError(`expr holds ${shown(name)}, which is not a name`);
  return name;
};

class Num extends Node {
  readonly precedence = 5;
  constructor(readonly value: number) {
    super();
  }
  interpret(): number {
    return this.value;
  }
  source(): string {
    if (!Number.isFinite(this.value) || this.value < 0 || Object.is(this.value, -0)) throw new RangeError(`expr holds the number ${Object.is(this.value, -0) ? "-0" : this.value}, which no literal writes`);
    return String(this.value);
  }
}

class Var extends Node {
  readonly precedence = 5;
  constructor(readonly name: string) {
    super();
  }
  interpret(scope: Scope): number {
    const value = scope.get(this.name);
    if (value === undefined) throw new ReferenceError(`no variable called ${this.name}`);
    return value;
  }
  source(): string {
    return checkName(this.name);
  }
}

class Neg extends Node {
  readonly precedence = 4;
  constructor(readonly operandNode: Node) {
    super();
  }
  interpret(scope: Scope): number {
    return -this.operandNode.interpret(scope);
  }
  source(): string {
    return `-${this.operandNode.operand(4)}`;
  }
}

const OPERATIONS: Readonly<Record<BinaryOp, readonly [number, (a: number, b: number) => number]>> = {
  "<": [1, (a, b) => +(a < b)],
  "<=": [1, (a, b) => +(a <= b)],
  ">": [1, (a, b) => +(a > b)],
  ">=": [1, (a, b) => +(a >= b)],
  "==": [1, (a, b) => +(a === b)],
  "!=": [1, (a, b) => +(a !== b)],
  "+": [2, (a, b) => a + b],
  "-": [2, (a, b) => a - b],
  "*": [3, (a, b) => a * b],
  "/": [
    3,
    (a, b) => {
      if (b === 0) throw new RangeError(`${a} / ${b}: division by zero`);
      return a / b;
    },
  ],
};

class Binary extends Node {
  readonly precedence: number;
  constructor(
    readonly op: BinaryOp,
    readonly left: Node,
    readonly right: Node,
  ) {
    super();
    this.precedence = OPERATIONS[op][0];
  }
  interpret(scope: Scope): number {
    const a = this.left.interpret(scope);
    return OPERATIONS[this.op][1](a, this.right.interpret(scope));
  }
  source(): string {
    return `${this.left.operand(this.precedence)} ${this.op} ${this.right.operand(this.precedence + 1)}`;
  }
}

class Let extends Node {
  readonly precedence = 0;
  constructor(
    readonly name: string,
    readonly value: Node,
    readonly body: Node,
  ) {
    super();
  }
  interpret(scope: Scope): number {
    const value = this.value.interpret(scope);
    return this.body.interpret(new Map(scope).set(this.name, value));
  }
  source(): string {
    return `let ${checkName(this.name)} = ${this.value.source()} in ${this.body.source()}`;
  }
}

const isNode = (value: unknown): value is Expr => typeof value === "object" && value !== null;

/** The tree of plain objects, as rule objects: checked node by node on the way. */
function build(expr: unknown): Node {
  if (!isNode(expr)) throw new TypeError(`expr: ${shown(expr)} is not a node`);
  const node = expr as Record<string, unknown>;
  const bad = (field: string) => new TypeError(`expr: the ${String(node.kind)} node has ${field} ${shown(node[field])}`);
  switch (node.kind) {
    case "num":
      if (typeof node.value !== "number") throw bad("value");
      return new Num(node.value);
    case "var":
      if (typeof node.name !== "string") throw bad("name");
      return new Var(node.name);
    case "unary":
      if (node.op !== "-") throw bad("op");
      return new Neg(build(node.operand));
    case "binary":
      if (typeof node.op !== "string" || !Object.hasOwn(OPERATIONS, node.op)) throw bad("op");
      return new Binary(node.op as BinaryOp, build(node.left), build(node.right));
    case "let":
      if (typeof node.name !== "string") throw bad("name");
      return new Let(node.name, build(node.value), build(node.body));
    default:
      throw new TypeError(`expr: unknown node kind ${shown(node.kind)}`);
  }
}

export function evaluate(expr: Expr, env: Readonly<Record<string, number>> = {}): number {
  if (typeof env !== "object" || env === null) throw new TypeError(`env must be an object, not ${shown(env)}`);
  // Object.entries reads own enumerable properties only: nothing inherited becomes a variable.
  return build(expr).interpret(new Map(Object.entries(env)));
}

export function print(expr: Expr): string {
  return build(expr).source();
}
