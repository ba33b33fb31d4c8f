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

  /** `reason` says what went wrong; the message adds where. */
  constructor(reason: string, line: number, column: number) {
    super(`${reason} at line ${line}, column ${column}`);
    this.line = line;
    this.column = column;
  }
}

// Sticky (`y`) regexes match exactly at `lastIndex`: the tokenizer never skips a character unseen.
// Without the `u` flag, \d and \w are ASCII only, which is the language's alphabet.
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_]\w*/y;
// Two-character symbols first, so "<=" is one token and not "<" then "=".
const SYMBOL = /<=|>=|==|!=|[-+*/()<>=]/y;
const KEYWORDS: ReadonlySet<string> = new Set(["let", "in"]);

/** Step 1. The tokens of `source`, in order; whitespace (space, tab, CR, LF) only separates them. */
export function tokenize(source: string): Token[] {
  if (typeof source !== "string") {
    throw new TypeError(`source must be a string, got ${show(source)}`);
  }
  const tokens: Token[] = [];
  let line = 1;
  let column = 1;
  let at = 0;
  while (at < source.length) {
    const char = source[at]!;
    if (char === "\n") {
      line += 1;
      column = 1;
      at += 1;
      continue;
    }
    if (char === " " || char === "\t" || char === "\r") {
      column += 1;
      at += 1;
      continue;
    }
    const [kind, text] = match(source, at) ?? unknown(char, line, column);
    if (kind === "number" && !Number.isFinite(Number(text))) {
      // "1e999" is Infinity: no finite literal writes it, so it is not a literal of this language.
      throw new ParseError(`number too large ${JSON.stringify(text)}`, line, column);
    }
    tokens.push({ kind: kind === "name" && KEYWORDS.has(text) ? "keyword" : kind, text, line, column });
    at += text.length;
    column += text.length;
  }
  return tokens;
}

const PATTERNS = [
  ["number", NUMBER],
  ["name", NAME],
  ["symbol", SYMBOL],
] as const;

function match(source: string, at: number): [TokenKind, string] | undefined {
  for (const [kind, pattern] of PATTERNS) {
    pattern.lastIndex = at;
    const found = pattern.exec(source);
    if (found) return [kind, found[0]];
  }
  return undefined;
}

function unknown(char: string, line: number, column: number): never {
  throw new ParseError(`unknown character ${JSON.stringify(char)}`, line, column);
}

/** The operators of each binary level, loosest first: every level is left-associative. */
const LEVELS: readonly (readonly BinaryOp[])[] = [
  ["<", "<=", ">", ">=", "==", "!="],
  ["+", "-"],
  ["*", "/"],
];

/**
 * Step 2. The tree of `source`, by recursive descent:
 *
 *   expr    = "let" name "=" expr "in" expr | level0
 *   level0  = level1 (("<" | "<=" | ">" | ">=" | "==" | "!=") level1)*
 *   level1  = level2 (("+" | "-") level2)*
 *   level2  = unary (("*" | "/") unary)*
 *   unary   = "-" unary | primary
 *   primary = number | name | "(" expr ")"
 */
export function parse(source: string): Expr {
  const tokens = tokenize(source);
  let next = 0;
  let depth = 0;

  const peek = (): Token | undefined => tokens[next];
  const isSymbol = (token: Token | undefined, text: string) => token?.kind === "symbol" && token.text === text;

  // The end of the input sits just past its last character: a missing token is reported there.
  const lines = source.split("\n");
  const endLine = lines.length;
  const endColumn = lines[lines.length - 1]!.length + 1;

  function fail(token: Token | undefined): never {
    if (token === undefined) throw new ParseError("unexpected end of input", endLine, endColumn);
    throw new ParseError(`unexpected ${JSON.stringify(token.text)}`, token.line, token.column);
  }

  function take(kind: TokenKind, text?: string): Token {
    const token = peek();
    if (token === undefined || token.kind !== kind || (text !== undefined && token.text !== text)) fail(token);
    next += 1;
    return token;
  }

  // Every "(", unary "-" and "let" opens a level. Counting them keeps the recursion bounded, so deep
  // input is a ParseError at the token that goes too deep, never the engine's stack overflow.
  function enter(token: Token): void {
    depth += 1;
    if (depth > MAX_DEPTH) {
      throw new ParseError(`more than ${MAX_DEPTH} levels of nesting`, token.line, token.column);
    }
  }

  function expr(): Expr {
    const token = peek();
    if (token?.kind !== "keyword" || token.text !== "let") return level(0);
    enter(token);
    next += 1;
    const name = take("name").text;
    take("symbol", "=");
    const value = expr();
    take("keyword", "in");
    const body = expr();
    depth -= 1;
    return { kind: "let", name, value, body };
  }

  function level(index: number): Expr {
    const ops = LEVELS[index];
    if (ops === undefined) return unary();
    let left = level(index + 1);
    // A loop, not recursion, for a run of operators at one level: that is what makes them
    // left-associative (1 - 2 - 3 is (1 - 2) - 3) and keeps a long chain off the stack.
    for (;;) {
      const token = peek();
      const op = ops.find((candidate) => isSymbol(token, candidate));
      if (op === undefined) return left;
      next += 1;
      left = { kind: "binary", op, left, right: level(index + 1) };
    }
  }

  function unary(): Expr {
    const token = peek();
    if (!isSymbol(token, "-")) return primary();
    enter(token!);
    next += 1;
    const operand = unary();
    depth -= 1;
    return { kind: "unary", op: "-", operand };
  }

  function primary(): Expr {
    const token = peek();
    if (token?.kind === "number") {
      next += 1;
      return { kind: "num", value: Number(token.text) };
    }
    if (token?.kind === "name") {
      next += 1;
      return { kind: "var", name: token.text };
    }
    if (!isSymbol(token, "(")) fail(token);
    enter(token!);
    next += 1;
    const inner = expr();
    take("symbol", ")");
    depth -= 1;
    return inner; // parentheses only group: they leave no node in the tree
  }

  const tree = expr();
  if (next < tokens.length) fail(peek()); // "1 2": a whole expression, then more
  return tree;
}

/** Step 3. The value of `expr`, reading variables from `env` (own properties only); comparisons give 1 or 0. */
export function evaluate(expr: Expr, env: Readonly<Record<string, number>> = {}): number {
  if (typeof env !== "object" || env === null) {
    throw new TypeError(`env must be an object of numbers, got ${show(env)}`);
  }
  return run(expr, env);
}

function run(expr: Expr, env: Readonly<Record<string, number>>): number {
  checkNode(expr);
  switch (expr.kind) {
    case "num":
      return expr.value;
    case "var":
      // Object.hasOwn, not `in` or env[name]: "toString" is on every object's prototype.
      if (!Object.hasOwn(env, expr.name)) throw new ReferenceError(`${expr.name} is not defined`);
      return env[expr.name]!;
    case "unary":
      return -run(expr.operand, env);
    case "binary": {
      // Left before right: when both would fail, the left one's error is the one the caller sees.
      const left = run(expr.left, env);
      const right = run(expr.right, env);
      return apply(expr.op, left, right);
    }
    case "let": {
      const value = run(expr.value, env); // in the outer scope: `let x = x + 1 in x` reads the old x
      // A new scope for the body; the caller's env is never written. A computed key defines an own
      // property even for "__proto__".
      return run(expr.body, { ...env, [expr.name]: value });
    }
  }
}

function apply(op: BinaryOp, left: number, right: number): number {
  switch (op) {
    case "+":
      return left + right;
    case "-":
      return left - right;
    case "*":
      return left * right;
    case "/":
      // Python raises ZeroDivisionError; JavaScript would give Infinity or NaN. This language refuses.
      if (right === 0) throw new RangeError(`division by zero: ${show(left)} / ${show(right)}`);
      return left / right;
    // Comparisons give numbers, so every value of the language is a number: (1 < 2) + 1 is 2.
    case "<":
      return left < right ? 1 : 0;
    case "<=":
      return left <= right ? 1 : 0;
    case ">":
      return left > right ? 1 : 0;
    case ">=":
      return left >= right ? 1 : 0;
    case "==":
      return left === right ? 1 : 0;
    case "!=":
      return left !== right ? 1 : 0;
  }
}

const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  "<": 1,
  "<=": 1,
  ">": 1,
  ">=": 1,
  "==": 1,
  "!=": 1,
  "+": 2,
  "-": 2,
  "*": 3,
  "/": 3,
};
const UNARY = 4;
const ATOM = 5;

function precedence(expr: Expr): number {
  switch (expr.kind) {
    case "let":
      return 0; // looser than everything: a let inside an operator always needs parentheses
    case "binary":
      return PRECEDENCE[expr.op];
    case "unary":
      return UNARY;
    default:
      return ATOM;
  }
}

const IDENTIFIER = /^[A-Za-z_]\w*$/;

/** Step 4. Canonical source text for `expr`, with only the parentheses its tree needs. */
export function print(expr: Expr): string {
  checkNode(expr);
  switch (expr.kind) {
    case "num":
      // Only what a literal can write: "-1" would parse back as a unary minus, not this node.
      if (!Number.isFinite(expr.value) || expr.value < 0 || Object.is(expr.value, -0)) {
        throw new RangeError(`a number in expr must be finite and not negative, got ${show(expr.value)}`);
      }
      return String(expr.value);
    case "var":
      return printName(expr.name);
    case "unary":
      return `-${wrap(expr.operand, UNARY)}`;
    case "binary": {
      const own = PRECEDENCE[expr.op];
      // Left-associative: a left operand at the same level needs no parentheses, a right one does.
      return `${wrap(expr.left, own)} ${expr.op} ${wrap(expr.right, own + 1)}`;
    }
    case "let":
      return `let ${printName(expr.name)} = ${print(expr.value)} in ${print(expr.body)}`;
  }
}

function wrap(expr: Expr, atLeast: number): string {
  const text = print(expr);
  return precedence(expr) < atLeast ? `(${text})` : text;
}

function printName(name: string): string {
  if (!IDENTIFIER.test(name) || KEYWORDS.has(name)) {
    throw new RangeError(`a name in expr must be an identifier and not a keyword, got ${show(name)}`);
  }
  return name;
}

const FIELDS: Readonly<Record<Expr["kind"], Readonly<Record<string, "number" | "string" | "object">>>> = {
  num: { value: "number" },
  var: { name: "string" },
  unary: { operand: "object" },
  binary: { left: "object", right: "object" },
  let: { name: "string", value: "object", body: "object" },
};

/** Trees come from untyped callers too (JSON): a node that is not one of the five is a TypeError. */
function checkNode(expr: Expr): void {
  if (typeof expr !== "object" || expr === null) {
    throw new TypeError(`expr must be a node (an object), got ${show(expr)}`);
  }
  const kind: unknown = expr.kind;
  if (typeof kind !== "string" || !Object.hasOwn(FIELDS, kind)) {
    throw new TypeError(`expr has a node of unknown kind ${show(kind)}`);
  }
  for (const [field, type] of Object.entries(FIELDS[kind as Expr["kind"]])) {
    const value: unknown = (expr as Record<string, unknown>)[field];
    if (typeof value !== type || value === null) {
      throw new TypeError(`expr has a ${kind} node whose ${field} is ${show(value)}`);
    }
  }
  const op: unknown = (expr as { op?: unknown }).op;
  if ((kind === "unary" && op !== "-") || (kind === "binary" && (typeof op !== "string" || !Object.hasOwn(PRECEDENCE, op)))) {
    throw new TypeError(`expr has a ${kind} node with op ${show(op)}`);
  }
}

/** A value written the way the workbook's contract shows it. */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "an object";
  return Object.is(value, -0) ? "-0" : String(value);
}
