/*
 * Alternative: a Pratt parser (binding powers, a prefix and an infix table), one combined regex for
 * the lexer, and an evaluator without recursion: an explicit stack of work items in post-order, with
 * scopes made by Object.create(null) copies. Messages in "line:column" style.
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
    super(`(${line}:${column}) ${reason}`);
    this.line = line;
    this.column = column;
  }
}

function str(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "symbol":
      return value.toString();
    case "function":
      return "a function";
    case "object":
      return value === null ? "null" : "an object";
    default:
      return Object.is(value, -0) ? "-0" : String(value);
  }
}

// One regex, one alternative per token class; `g` with lastIndex checked, so nothing is skipped.
const TOKEN = /(\n)|([ \t\r]+)|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|[-+*/()<>=])/g;

export function tokenize(source: string): Token[] {
  if (typeof source !== "string") throw new TypeError(`expected source to be a string, received ${str(source)}`);
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  TOKEN.lastIndex = 0;
  for (let at = 0; at < source.length; at = TOKEN.lastIndex) {
    const m = TOKEN.exec(source);
    const column = at - lineStart + 1;
    if (m === null || m.index !== at) throw new ParseError(`stray character ${JSON.stringify(source[at])}`, line, column);
    const [, newline, , number, name, symbol] = m;
    if (newline) {
      line++;
      lineStart = TOKEN.lastIndex;
    } else if (number !== undefined) {
      if (!Number.isFinite(+number)) throw new ParseError(`number ${JSON.stringify(number)} overflows`, line, column);
      tokens.push({ kind: "number", text: number, line, column });
    } else if (name !== undefined) {
      tokens.push({ kind: name === "let" || name === "in" ? "keyword" : "name", text: name, line, column });
    } else if (symbol !== undefined) {
      tokens.push({ kind: "symbol", text: symbol, line, column });
    }
  }
  return tokens;
}

/** Left binding power of each infix operator; the right side is parsed with one more (left-associative). */
const INFIX: Readonly<Partial<Record<string, number>>> = { "<": 10, "<=": 10, ">": 10, ">=": 10, "==": 10, "!=": 10, "+": 20, "-": 20, "*": 30, "/": 30 };
const PREFIX_POWER = 40;

export function parse(source: string): Expr {
  const tokens = tokenize(source);
  const lines = source.split("\n");
  let pos = 0;
  let depth = 0;

  const stop = (t: Token | undefined = tokens[pos]): never => {
    if (t === undefined) throw new ParseError("reached the end of the input, expected more", lines.length, lines[lines.length - 1]!.length + 1);
    throw new ParseError(`${JSON.stringify(t.text)} cannot go here`, t.line, t.column);
  };
  const eat = (kind: TokenKind, text?: string): Token => {
    const t = tokens[pos];
    if (!t || t.kind !== kind || (text !== undefined && t.text !== text)) return stop(t);
    pos++;
    return t;
  };
  const deeper = (t: Token) => {
    if (++depth > MAX_DEPTH) throw new ParseError(`nested more than ${MAX_DEPTH} levels`, t.line, t.column);
  };

  // `let` is a statement-like prefix that only the top of an expression allows.
  const top = (): Expr => {
    const t = tokens[pos];
    if (t?.kind !== "keyword" || t.text !== "let") return pratt(0);
    deeper(t);
    pos++;
    const name = eat("name").text;
    eat("symbol", "=");
    const value = top();
    eat("keyword", "in");
    const body = top();
    depth--;
    return { kind: "let", name, value, body };
  };

  const prefix = (): Expr => {
    const t = tokens[pos];
    if (t === undefined) return stop();
    pos++;
    if (t.kind === "number") return { kind: "num", value: +t.text };
    if (t.kind === "name") return { kind: "var", name: t.text };
    if (t.kind === "symbol" && t.text === "-") {
      deeper(t);
      const operand = pratt(PREFIX_POWER);
      depth--;
      return { kind: "unary", op: "-", operand };
    }
    if (t.kind === "symbol" && t.text === "(") {
      deeper(t);
      const inner = top();
      eat("symbol", ")");
      depth--;
      return inner;
    }
    return stop(t);
  };

  const pratt = (minPower: number): Expr => {
    let left = prefix();
    for (;;) {
      const t = tokens[pos];
      const power = t?.kind === "symbol" ? INFIX[t.text] : undefined;
      if (power === undefined || power <= minPower) return left;
      pos++;
      left = { kind: "binary", op: t!.text as BinaryOp, left, right: pratt(power) };
    }
  };

  const tree = top();
  if (pos < tokens.length) stop();
  return tree;
}

function checked(node: unknown): Expr {
  if (typeof node !== "object" || node === null) throw new TypeError(`expr contains ${str(node)} where a node belongs`);
  const n = node as { kind?: unknown; [field: string]: unknown };
  const want: Record<string, readonly string[]> = { num: ["value"], var: ["name"], unary: ["operand"], binary: ["left", "right"], let: ["name", "value", "body"] };
  if (typeof n.kind !== "string" || !Object.hasOwn(want, n.kind)) throw new TypeError(`expr contains a node of kind ${str(n.kind)}`);
  for (const field of want[n.kind]!) {
    const v = n[field];
    const expected = field === "name" ? "string" : field === "value" && n.kind === "num" ? "number" : "object";
    if (typeof v !== expected || v === null) throw new TypeError(`expr: ${n.kind}.${field} is ${str(v)}`);
  }
  if (n.kind === "unary" && n.op !== "-") throw new TypeError(`expr: unary.op is ${str(n.op)}`);
  if (n.kind === "binary" && (typeof n.op !== "string" || INFIX[n.op] === undefined)) throw new TypeError(`expr: binary.op is ${str(n.op)}`);
  return node as Expr;
}

type Scope = Readonly<Record<string, number>>;
type Work = { expr: Expr; scope: Scope } | { apply: Expr; scope: Scope };

export function evaluate(expr: Expr, env: Readonly<Record<string, number>> = {}): number {
  if (typeof env !== "object" || env === null) throw new TypeError(`expected env to be an object, received ${str(env)}`);
  // Own properties only, copied into an object with no prototype: no inherited name is ever found.
  const global: Scope = Object.assign(Object.create(null) as Record<string, number>, Object.fromEntries(Object.entries(env)));
  const work: Work[] = [{ expr, scope: global }];
  const values: number[] = [];
  while (work.length > 0) {
    const item = work.pop()!;
    if ("expr" in item) {
      const e = checked(item.expr);
      switch (e.kind) {
        case "num":
          values.push(e.value);
          break;
        case "var":
          if (!(e.name in item.scope)) throw new ReferenceError(`${e.name} is unbound`);
          values.push(item.scope[e.name]!);
          break;
        case "unary":
          work.push({ apply: e, scope: item.scope }, { expr: e.operand, scope: item.scope });
          break;
        case "binary":
          // Pushed right first so that the left operand is popped, and evaluated, first.
          work.push({ apply: e, scope: item.scope }, { expr: e.right, scope: item.scope }, { expr: e.left, scope: item.scope });
          break;
        case "let":
          work.push({ apply: e, scope: item.scope }, { expr: e.value, scope: item.scope });
          break;
      }
      continue;
    }
    const e = item.apply;
    if (e.kind === "unary") {
      values.push(-values.pop()!);
    } else if (e.kind === "binary") {
      const b = values.pop()!;
      const a = values.pop()!;
      if (e.op === "/" && b === 0) throw new RangeError(`${str(a)} / ${str(b)} divides by zero`);
      const result = {
        "+": () => a + b,
        "-": () => a - b,
        "*": () => a * b,
        "/": () => a / b,
        "<": () => +(a < b),
        "<=": () => +(a <= b),
        ">": () => +(a > b),
        ">=": () => +(a >= b),
        "==": () => +(a === b),
        "!=": () => +(a !== b),
      }[e.op]();
      values.push(result);
    } else if (e.kind === "let") {
      const scope: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, item.scope);
      scope[e.name] = values.pop()!; // no prototype, so even "__proto__" is an ordinary key here
      work.push({ expr: e.body, scope });
    }
  }
  return values.pop()!;
}

const power = (e: Expr): number => (e.kind === "let" ? 0 : e.kind === "binary" ? INFIX[e.op]! : e.kind === "unary" ? PREFIX_POWER : 50);

export function print(expr: Expr): string {
  const e = checked(expr);
  const sub = (child: Expr, min: number) => (power(checked(child)) < min ? `(${print(child)})` : print(child));
  const name = (n: string) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n) || n === "let" || n === "in") throw new RangeError(`expr: ${str(n)} cannot be written as a name`);
    return n;
  };
  switch (e.kind) {
    case "num":
      if (Number.isNaN(e.value) || e.value < 0 || e.value === Infinity || Object.is(e.value, -0)) throw new RangeError(`expr: ${str(e.value)} has no literal`);
      return String(e.value);
    case "var":
      return name(e.name);
    case "unary":
      return `-${sub(e.operand, PREFIX_POWER)}`;
    case "binary":
      return `${sub(e.left, INFIX[e.op]!)} ${e.op} ${sub(e.right, INFIX[e.op]! + 1)}`;
    case "let":
      return `let ${name(e.name)} = ${print(e.value)} in ${print(e.body)}`;
  }
}
