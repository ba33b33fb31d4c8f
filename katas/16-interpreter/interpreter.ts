import { todo } from "../../tools/kit";

/**
 * Step 2. The tree every step shares: one plain object per grammar rule, told apart by `kind`.
 * (Kata 17, visitor, walks the same tree.)
 */
export type Expr =
  | { kind: "num"; value: number }
  | { kind: "var"; name: string }
  | { kind: "unary"; op: "-"; operand: Expr }
  | { kind: "binary"; op: "+" | "-" | "*" | "/" | "<" | "<=" | ">" | ">=" | "==" | "!="; left: Expr; right: Expr }
  | { kind: "let"; name: string; value: Expr; body: Expr };

/** Step 2. The operators a `binary` node may hold. */
export type BinaryOp = Extract<Expr, { kind: "binary" }>["op"];

/** Step 1. What a token is: a number, a name, one of the keywords `let` and `in`, or a symbol. */
export type TokenKind = "number" | "name" | "keyword" | "symbol";

/** Step 1. One token: its kind, its text exactly as written, and where it starts (1-based). */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** Step 2. How deep parentheses, unary minus and `let` may nest before parse gives up with a ParseError. */
export const MAX_DEPTH = 200;

/** Steps 1 and 2. A syntax error in the source, at the line and column (both 1-based) of the offending token. */
export class ParseError extends SyntaxError {
  override readonly name = "ParseError";
  /** The line of the offending token, or of the end of the input; the first line is 1. */
  readonly line: number;
  /** The column of the offending token, or just past the last character; the first column is 1. */
  readonly column: number;

  /** `reason` says what went wrong; the message adds where: it gives `line` and `column` as numbers. */
  constructor(reason: string, line: number, column: number) {
    super(todo("new ParseError(reason, line, column)"));
    this.line = line;
    this.column = column;
  }
}

/**
 * Step 1. The tokens of `source`, in order; whitespace (space, tab, CR, LF) only separates them.
 * A number is digits, an optional fraction (`.5` after a digit) and an optional exponent (`e+21`);
 * a name is a letter or `_`, then letters, digits and `_`; `let` and `in` are keywords; the symbols
 * are `+ - * / ( ) < <= > >= == != =`. Any other character is a ParseError at its line and column,
 * and so is a number too large to be finite (`1e999`).
 */
export function tokenize(source: string): Token[] {
  return todo("tokenize(source)");
}

/**
 * Step 2. The tree of `source`: `*` and `/` bind tighter than `+` and `-`, which bind tighter than
 * the comparisons; every binary operator is left-associative; unary minus binds tightest; `let`
 * reaches as far right as it can. A token where none fits, or the end of the input where a token
 * must follow, is a ParseError at its line and column.
 */
export function parse(source: string): Expr {
  return todo("parse(source)");
}

/**
 * Step 3. The value of `expr`, reading variables from `env` (own properties only); comparisons give
 * 1 or 0. An unbound variable is a ReferenceError naming it; division by zero is a RangeError.
 */
export function evaluate(expr: Expr, env: Readonly<Record<string, number>> = {}): number {
  return todo("evaluate(expr, env)");
}

/**
 * Step 4. Canonical source text for `expr`, with only the parentheses its tree needs: binary
 * operators with one space on each side (`1 + 2`), unary minus written against its operand (`-x`),
 * `let x = 1 in x`.
 */
export function print(expr: Expr): string {
  return todo("print(expr)");
}
