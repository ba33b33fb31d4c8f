/*
 * Alternative: a character-by-character lexer without regular expressions, one precedence-climbing
 * loop over an operator table instead of a function per level, and a linked chain of Map scopes
 * for evaluation; its own message wording.
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
    super(`${line}:${column}: ${reason}`);
    this.line = line;
    this.column = column;
  }
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isStart = (c: string | undefined) => c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_");
const isPart = (c: string | undefined) => isStart(c) || isDigit(c);

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || typeof value !== "object") return typeof value === "symbol" ? value.toString() : Object.is(value, -0) ? "-0" : String(value);
  return Array.isArray(value) ? "an array" : "an object";
}

export function tokenize(source: string): Token[] {
  if (typeof source !== "string") throw new TypeError(`tokenize(source): source is ${describe(source)}, not a string`);
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  while (i < source.length) {
    const c = source[i];
    const column = i - lineStart + 1;
    if (c === "\n") {
      i++;
      line++;
      lineStart = i;
    } else if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (isDigit(c)) {
      let j = i;
      while (isDigit(source[j])) j++;
      if (source[j] === "." && isDigit(source[j + 1])) {
        j++;
        while (isDigit(source[j])) j++;
      }
      if (source[j] === "e" || source[j] === "E") {
        let k = j + 1;
        if (source[k] === "+" || source[k] === "-") k++;
        if (isDigit(source[k])) {
          while (isDigit(source[k])) k++;
          j = k;
        }
      }
      const text = source.slice(i, j);
      if (!Number.isFinite(Number(text))) throw new ParseError(`the number ${JSON.stringify(text)} is too large`, line, column);
      out.push({ kind: "number", text, line, column });
      i = j;
    } else if (isStart(c)) {
      let j = i;
      while (isPart(source[j])) j++;
      const text = source.slice(i, j);
      out.push({ kind: text === "let" || text === "in" ? "keyword" : "name", text, line, column });
      i = j;
    } else {
      const two = source.slice(i, i + 2);
      const text = ["<=", ">=", "==", "!="].includes(two) ? two : "+-*/()<>=".includes(c!) ? c! : undefined;
      if (text === undefined) throw new ParseError(`no token starts with ${JSON.stringify(c)}`, line, column);
      out.push({ kind: "symbol", text, line, column });
      i += text.length;
    }
  }
  return out;
}

const BINARY: ReadonlyMap<string, number> = new Map<BinaryOp, number>([
  ["<", 1],
  ["<=", 1],
  [">", 1],
  [">=", 1],
  ["==", 1],
  ["!=", 1],
  ["+", 2],
  ["-", 2],
  ["*", 3],
  ["/", 3],
]);

export function parse(source: string): Expr {
  const tokens = tokenize(source);
  const lines = source.split("\n");
  let i = 0;
  let depth = 0;

  const here = (): never => {
    const t = tokens[i];
    if (t) throw new ParseError(`did not expect ${JSON.stringify(t.text)} here`, t.line, t.column);
    throw new ParseError("the input came to an end too soon", lines.length, lines[lines.length - 1]!.length + 1);
  };
  const is = (kind: TokenKind, text: string) => tokens[i]?.kind === kind && tokens[i]?.text === text;
  const open = () => {
    const t = tokens[i]!;
    if (++depth > MAX_DEPTH) throw new ParseError(`nesting deeper than ${MAX_DEPTH}`, t.line, t.column);
    i++;
  };

  // Precedence climbing: one loop for every binary level. The right side is parsed with a minimum
  // one above the operator's own, which is what makes the operators left-associative.
  function binary(min: number): Expr {
    let left = operand();
    for (;;) {
      const t = tokens[i];
      const prec = t?.kind === "symbol" ? BINARY.get(t.text) : undefined;
      if (prec === undefined || prec < min) return left;
      i++;
      left = { kind: "binary", op: t!.text as BinaryOp, left, right: binary(prec + 1) };
    }
  }

  function operand(): Expr {
    const t = tokens[i];
    if (t === undefined) return here();
    if (t.kind === "symbol" && t.text === "-") {
      open();
      const inner = operand();
      depth--;
      return { kind: "unary", op: "-", operand: inner };
    }
    if (t.kind === "symbol" && t.text === "(") {
      open();
      const inner = expression();
      if (!is("symbol", ")")) here();
      i++;
      depth--;
      return inner;
    }
    if (t.kind === "number") {
      i++;
      return { kind: "num", value: Number(t.text) };
    }
    if (t.kind === "name") {
      i++;
      return { kind: "var", name: t.text };
    }
    return here();
  }

  function expression(): Expr {
    if (!is("keyword", "let")) return binary(1);
    open();
    if (tokens[i]?.kind !== "name") here();
    const name = tokens[i++]!.text;
    if (!is("symbol", "=")) here();
    i++;
    const value = expression();
    if (!is("keyword", "in")) here();
    i++;
    const body = expression();
    depth--;
    return { kind: "let", name, value, body };
  }

  const tree = expression();
  if (i < tokens.length) here();
  return tree;
}

/** A scope: its own bindings, and the scope it sits in. The caller's env is the outermost. */
class Scope {
  constructor(
    private readonly own: ReadonlyMap<string, number>,
    private readonly outer: Scope | Readonly<Record<string, number>>,
  ) {}

  get(name: string): number {
    if (this.own.has(name)) return this.own.get(name)!;
    if (this.outer instanceof Scope) return this.outer.get(name);
    if (Object.prototype.hasOwnProperty.call(this.outer, name)) return this.outer[name]!;
    throw new ReferenceError(`unbound variable ${name}`);
  }
}

function validate(node: unknown): asserts node is Expr {
  if (typeof node !== "object" || node === null) throw new TypeError(`expr: expected a node, got ${describe(node)}`);
  const n = node as Record<string, unknown>;
  const ok = (() => {
    switch (n.kind) {
      case "num":
        return typeof n.value === "number";
      case "var":
        return typeof n.name === "string";
      case "unary":
        return n.op === "-" && typeof n.operand === "object" && n.operand !== null;
      case "binary":
        return typeof n.op === "string" && BINARY.has(n.op) && typeof n.left === "object" && n.left !== null && typeof n.right === "object" && n.right !== null;
      case "let":
        return typeof n.name === "string" && typeof n.value === "object" && n.value !== null && typeof n.body === "object" && n.body !== null;
      default:
        throw new TypeError(`expr: ${describe(n.kind)} is not a kind of node`);
    }
  })();
  if (!ok) throw new TypeError(`expr: a malformed ${String(n.kind)} node (${Object.entries(n).map(([k, v]) => `${k}: ${describe(v)}`).join(", ")})`);
}

export function evaluate(expr: Expr, env: Readonly<Record<string, number>> = {}): number {
  if (typeof env !== "object" || env === null) throw new TypeError(`evaluate: env is ${describe(env)}, not an object`);
  const walk = (e: Expr, scope: Scope): number => {
    validate(e);
    switch (e.kind) {
      case "num":
        return e.value;
      case "var":
        return scope.get(e.name);
      case "unary":
        return -walk(e.operand, scope);
      case "let":
        return walk(e.body, new Scope(new Map([[e.name, walk(e.value, scope)]]), scope));
      case "binary": {
        const a = walk(e.left, scope);
        const b = walk(e.right, scope);
        switch (e.op) {
          case "+":
            return a + b;
          case "-":
            return a - b;
          case "*":
            return a * b;
          case "/":
            if (b === 0) throw new RangeError("cannot divide by zero");
            return a / b;
          default:
            return Number({ "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "==": a === b, "!=": a !== b }[e.op]);
        }
      }
    }
  };
  return walk(expr, new Scope(new Map(), env));
}

export function print(expr: Expr): string {
  const rank = (e: Expr) => (e.kind === "let" ? 0 : e.kind === "binary" ? BINARY.get(e.op)! : e.kind === "unary" ? 4 : 5);
  const name = (n: string) => {
    if (!isStart(n[0]) || ![...n].every(isPart) || n === "let" || n === "in") throw new RangeError(`expr: cannot print the name ${describe(n)}`);
    return n;
  };
  const show = (e: Expr, min: number): string => {
    validate(e);
    let text: string;
    switch (e.kind) {
      case "num":
        if (!(e.value >= 0 && e.value < Infinity) || Object.is(e.value, -0)) throw new RangeError(`expr: no literal writes ${describe(e.value)}`);
        text = `${e.value}`;
        break;
      case "var":
        text = name(e.name);
        break;
      case "unary":
        text = `-${show(e.operand, 4)}`;
        break;
      case "binary":
        text = `${show(e.left, rank(e))} ${e.op} ${show(e.right, rank(e) + 1)}`;
        break;
      case "let":
        text = `let ${name(e.name)} = ${show(e.value, 0)} in ${show(e.body, 0)}`;
        break;
    }
    return rank(e) < min ? `(${text})` : text;
  };
  return show(expr, 0);
}
