import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRefusal, NotImplementedError } from "../../tools/kit";
import { evaluate, MAX_DEPTH, parse, ParseError, print, tokenize, type BinaryOp, type Expr, type Token } from "./interpreter";

// Small builders, so that the expected trees read like the source they come from.
const num = (value: number): Expr => ({ kind: "num", value });
const v = (name: string): Expr => ({ kind: "var", name });
const neg = (operand: Expr): Expr => ({ kind: "unary", op: "-", operand });
const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: "binary", op, left, right });
const let_ = (name: string, value: Expr, body: Expr): Expr => ({ kind: "let", name, value, body });
const tok = (kind: Token["kind"], text: string, line: number, column: number): Token => ({ kind, text, line, column });

/** Calls `fn`, expects it to throw, and returns exactly what it threw. A stub's not-implemented error goes on as it is. */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return error;
  }
  return expect.unreachable("expected the call to throw, but it returned normally");
}

/** A number standing alone in `text` ("3" in "column 3,", not in "13" or "3.5"). */
const numberIn = (text: string, n: number) => new RegExp(`(?<![\\w.])${n}(?![\\w]|\\.\\d)`).test(text);

/**
 * Expects `fn` to throw the lesson's ParseError at `line` and `column`: a SyntaxError named
 * "ParseError" whose fields hold the position and whose message gives both numbers, and shows the
 * offending text in double quotes (as JSON.stringify writes it) when `shown` is given.
 */
function expectParseError(fn: () => unknown, line: number, column: number, shown?: string): ParseError {
  const error = caught(fn);
  expect(error, "expected a ParseError").toBeInstanceOf(ParseError);
  const parseError = error as ParseError;
  expect(parseError).toBeInstanceOf(SyntaxError);
  expect(parseError.name).toBe("ParseError");
  expect({ line: parseError.line, column: parseError.column }, "the position of the offending token").toEqual({ line, column });
  expect(numberIn(parseError.message, line), `the message should give the line ${line}: ${parseError.message}`).toBe(true);
  expect(numberIn(parseError.message, column), `the message should give the column ${column}: ${parseError.message}`).toBe(true);
  if (shown !== undefined) expect(parseError.message).toContain(JSON.stringify(shown));
  return parseError;
}

/** Expects `fn` to throw a ReferenceError whose message names `name` as a word of its own. */
function expectUnbound(fn: () => unknown, name: string): void {
  const error = caught(fn);
  expect(error).toBeInstanceOf(ReferenceError);
  const word = new RegExp(`(?<![\\w$])${name.replace(/[$]/g, "\\$")}(?![\\w$])`);
  expect((error as Error).message, `the message should name the variable ${name}`).toMatch(word);
}

const run = (source: string, env?: Record<string, number>) => evaluate(parse(source), env);

/**
 * Calls `fn` where the lesson says it returns: anything it throws instead fails the test through an
 * expectation that says what was called and what it threw.
 */
function returns<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return expect.unreachable(`${what} should return, but it threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}
const tokensOf = (source: string) => returns(`tokenize(${JSON.stringify(source)})`, () => tokenize(source));
const treeOf = (source: string) => returns(`parse(${JSON.stringify(source)})`, () => parse(source));
const printed = (expr: Expr) => returns(`print(${JSON.stringify(expr)})`, () => print(expr));
const valueOf = (source: string | Expr, env?: Record<string, number>) =>
  returns(`evaluate(${typeof source === "string" ? `parse(${JSON.stringify(source)})` : JSON.stringify(source)}${env ? `, ${JSON.stringify(env)}` : ""})`, () =>
    evaluate(typeof source === "string" ? parse(source) : source, env),
  );

describe("1. tokenize(source): numbers, names, keywords and symbols, each with its line and column", () => {
  it('cuts "1 + 2" into three tokens, at columns 1, 3 and 5 of line 1', () => {
    expect(tokensOf("1 + 2")).toEqual([tok("number", "1", 1, 1), tok("symbol", "+", 1, 3), tok("number", "2", 1, 5)]);
  });

  it("needs no spaces between tokens: \"(x*2)\" is five tokens", () => {
    expect(tokensOf("(x*2)")).toEqual([
      tok("symbol", "(", 1, 1),
      tok("name", "x", 1, 2),
      tok("symbol", "*", 1, 3),
      tok("number", "2", 1, 4),
      tok("symbol", ")", 1, 5),
    ]);
  });

  it("reads <=, >=, == and != as one token each, and < = as two", () => {
    expect(tokensOf("a<=b>=c==d!=e").map((t) => t.text)).toEqual(["a", "<=", "b", ">=", "c", "==", "d", "!=", "e"]);
    expect(tokensOf("< = > =").map((t) => t.text)).toEqual(["<", "=", ">", "="]);
    expect(tokensOf("x = 1")[1]).toEqual(tok("symbol", "=", 1, 3));
  });

  it("keeps a number's text exactly as written: 3.25, 1e3, 2E-2, 6.02e+23, 007", () => {
    expect(tokensOf("3.25 1e3 2E-2 6.02e+23 007")).toEqual([
      tok("number", "3.25", 1, 1),
      tok("number", "1e3", 1, 6),
      tok("number", "2E-2", 1, 10),
      tok("number", "6.02e+23", 1, 15),
      tok("number", "007", 1, 24),
    ]);
  });

  it("tells the keywords let and in from names that only start like them: letter, inside, in2, Let", () => {
    expect(tokensOf("let letter in inside in2 Let _x").map((t) => [t.kind, t.text])).toEqual([
      ["keyword", "let"],
      ["name", "letter"],
      ["keyword", "in"],
      ["name", "inside"],
      ["name", "in2"],
      ["name", "Let"],
      ["name", "_x"],
    ]);
  });

  it("counts lines from 1 and restarts the column after each newline; a tab is one column, a CR one more", () => {
    expect(tokensOf("let x = 1\n  in x")).toEqual([
      tok("keyword", "let", 1, 1),
      tok("name", "x", 1, 5),
      tok("symbol", "=", 1, 7),
      tok("number", "1", 1, 9),
      tok("keyword", "in", 2, 3),
      tok("name", "x", 2, 6),
    ]);
    expect(tokensOf("\tx\r\ny")).toEqual([tok("name", "x", 1, 2), tok("name", "y", 2, 1)]);
    expect(tokensOf("\n\n   7")).toEqual([tok("number", "7", 3, 4)]);
  });

  it("gives no tokens for an empty source or one of only whitespace", () => {
    expect(tokensOf("")).toEqual([]);
    expect(tokensOf(" \t\r\n ")).toEqual([]);
  });

  it('throws a ParseError for an unknown character, at its line and column: "#" in "2 # 3" is at 1:3', () => {
    expectParseError(() => tokenize("2 # 3"), 1, 3, "#");
  });

  it('reports the first unknown character, on its own line: "@" on line 2 of "1 +\\n  @ 2 #"', () => {
    expectParseError(() => tokenize("1 +\n  @ 2 #"), 2, 3, "@");
  });

  it('has no "!" of its own, nor a "." without digits around it: "1 ! 2", ".5", "1."', () => {
    expectParseError(() => tokenize("1 ! 2"), 1, 3, "!");
    expectParseError(() => tokenize(".5"), 1, 1, ".");
    expectParseError(() => tokenize("1."), 1, 2, ".");
  });

  it('refuses a literal too large to be finite, at the literal: "1e999" in "x + 1e999"', () => {
    expectParseError(() => tokenize("x + 1e999"), 1, 5, "1e999");
  });

  it("makes a new array on every call", () => {
    const first = tokensOf("1 + 2");
    expect(tokensOf("1 + 2")).not.toBe(first);
  });
});

describe("2. parse(source): the tree, by precedence and left to right, or a ParseError where it stops", () => {
  it("reads a number and a name as leaves: 42, 6.5, x", () => {
    expect(treeOf("42")).toEqual(num(42));
    expect(treeOf("6.5")).toEqual(num(6.5));
    expect(treeOf("1e3")).toEqual(num(1000));
    expect(treeOf("x")).toEqual(v("x"));
  });

  it("binds * tighter than +: 1 + 2 * 3 is 1 + (2 * 3)", () => {
    expect(treeOf("1 + 2 * 3")).toEqual(bin("+", num(1), bin("*", num(2), num(3))));
    expect(treeOf("1 * 2 + 3")).toEqual(bin("+", bin("*", num(1), num(2)), num(3)));
  });

  it("lets parentheses group, and leaves no node for them: (1 + 2) * 3, ((x))", () => {
    expect(treeOf("(1 + 2) * 3")).toEqual(bin("*", bin("+", num(1), num(2)), num(3)));
    expect(treeOf("((x))")).toEqual(v("x"));
  });

  it("groups a run of one level to the left: 1 - 2 - 3 is (1 - 2) - 3, 8 / 4 / 2 is (8 / 4) / 2", () => {
    expect(treeOf("1 - 2 - 3")).toEqual(bin("-", bin("-", num(1), num(2)), num(3)));
    expect(treeOf("8 / 4 / 2")).toEqual(bin("/", bin("/", num(8), num(4)), num(2)));
    expect(treeOf("1 + 2 - 3")).toEqual(bin("-", bin("+", num(1), num(2)), num(3)));
    expect(treeOf("2 * 3 / 4")).toEqual(bin("/", bin("*", num(2), num(3)), num(4)));
  });

  it("binds unary minus tightest: -x * y is (-x) * y; 2 * -3 and - - 1 are fine", () => {
    expect(treeOf("-x * y")).toEqual(bin("*", neg(v("x")), v("y")));
    expect(treeOf("2 * -3")).toEqual(bin("*", num(2), neg(num(3))));
    expect(treeOf("- - 1")).toEqual(neg(neg(num(1))));
    expect(treeOf("-(1 + 2)")).toEqual(neg(bin("+", num(1), num(2))));
    expect(treeOf("1 - -2")).toEqual(bin("-", num(1), neg(num(2))));
  });

  it("binds the comparisons loosest, all six at one level, left to right", () => {
    expect(treeOf("1 + 2 < 3 * 4")).toEqual(bin("<", bin("+", num(1), num(2)), bin("*", num(3), num(4))));
    expect(treeOf("1 < 2 == 1")).toEqual(bin("==", bin("<", num(1), num(2)), num(1)));
    for (const op of ["<", "<=", ">", ">=", "==", "!="] as const) {
      expect(treeOf(`a ${op} b`)).toEqual(bin(op, v("a"), v("b")));
    }
  });

  it("reads let x = e in e, whose body reaches as far right as it can", () => {
    expect(treeOf("let x = 1 in x + 1")).toEqual(let_("x", num(1), bin("+", v("x"), num(1))));
    expect(treeOf("let x = 1 in let y = 2 in x * y")).toEqual(let_("x", num(1), let_("y", num(2), bin("*", v("x"), v("y")))));
    expect(treeOf("let x = let y = 2 in y in x")).toEqual(let_("x", let_("y", num(2), v("y")), v("x")));
    expect(treeOf("(let x = 1 in x) + 1")).toEqual(bin("+", let_("x", num(1), v("x")), num(1)));
    expect(treeOf("let x =\n  1\nin x")).toEqual(let_("x", num(1), v("x")));
  });

  it("makes a new tree on every call", () => {
    const first = treeOf("1 + x");
    const second = treeOf("1 + x");
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });

  it('points at the token where no rule fits: "*" in "1 +* 2" at 1:4', () => {
    expectParseError(() => parse("1 +* 2"), 1, 4, "*");
  });

  it('points at what follows a whole expression: "2" in "1 2" at 1:3, ")" in "1)" at 1:2', () => {
    expectParseError(() => parse("1 2"), 1, 3, "2");
    expectParseError(() => parse("1)"), 1, 2, ")");
  });

  it('points at a token that cannot start an expression: ")" at 1:1, "in" alone at 1:1, "=" in "x = 1" at 1:3', () => {
    expectParseError(() => parse(")"), 1, 1, ")");
    expectParseError(() => parse("in"), 1, 1, "in");
    expectParseError(() => parse("x = 1"), 1, 3, "=");
  });

  it('points inside a let: "let 1 = 2 in 3" at 1:5, "let x 1 in x" at 1:7, "let x = 1 x" at 1:11, "let in = 1 in 2" at 1:5', () => {
    expectParseError(() => parse("let 1 = 2 in 3"), 1, 5, "1");
    expectParseError(() => parse("let x 1 in x"), 1, 7, "1");
    expectParseError(() => parse("let x = 1 x"), 1, 11, "x");
    expectParseError(() => parse("let in = 1 in 2"), 1, 5, "in");
  });

  it('points at a symbol other than the one the grammar wants: "+" in "let x + 1 in x" at 1:7, "=" in "(1 = 2)" at 1:4', () => {
    expectParseError(() => parse("let x + 1 in x"), 1, 7, "+");
    expectParseError(() => parse("(1 = 2)"), 1, 4, "=");
    expectParseError(() => parse("let x = 1 let"), 1, 11, "let");
  });

  it('wants parentheses around a let that is an operand: "let" in "1 + let x = 1 in x" at 1:5', () => {
    expectParseError(() => parse("1 + let x = 1 in x"), 1, 5, "let");
  });

  it('points at the line and column on later lines: "*" in "1 +\\n\\n  * 2" at 3:3', () => {
    expectParseError(() => parse("1 +\n\n  * 2"), 3, 3, "*");
  });

  it('reports a missing token at the end of the input, just past its last character, and says "end": "1 +" at 1:4', () => {
    const error = expectParseError(() => parse("1 +"), 1, 4);
    expect(error.message).toMatch(/\bend\b/);
  });

  it('reports the end the same way for "", "(1 + 2", "let x = 1", and "(1 +\\n 2" (at 2:3)', () => {
    expectParseError(() => parse(""), 1, 1);
    expectParseError(() => parse("(1 + 2"), 1, 7);
    expectParseError(() => parse("let x = 1"), 1, 10);
    expectParseError(() => parse("(1 +\n 2"), 2, 3);
  });

  it("lets an unknown character through as the tokenizer's ParseError: 2 # 3", () => {
    expectParseError(() => parse("2 # 3"), 1, 3, "#");
  });

  it(`parses ${MAX_DEPTH} nested parentheses, and refuses one more with a ParseError at the ${MAX_DEPTH + 1}st "("`, () => {
    expect(treeOf(`${"(".repeat(MAX_DEPTH)}1${")".repeat(MAX_DEPTH)}`)).toEqual(num(1));
    expectParseError(() => parse(`${"(".repeat(MAX_DEPTH + 1)}1${")".repeat(MAX_DEPTH + 1)}`), 1, MAX_DEPTH + 1);
  });

  it("refuses 10 000 nested parentheses with a ParseError at the 201st, not a stack overflow (RangeError)", () => {
    const error = expectParseError(() => parse(`${"(".repeat(10_000)}1`), 1, MAX_DEPTH + 1);
    expect(error).not.toBeInstanceOf(RangeError);
  });

  it(`counts unary minus and let as levels too: ${MAX_DEPTH + 1} minus signs, ${MAX_DEPTH + 1} lets`, () => {
    expect(treeOf(`${"-".repeat(MAX_DEPTH)}1`)).toEqual(Array.from({ length: MAX_DEPTH }).reduce<Expr>((inner) => neg(inner), num(1)));
    expectParseError(() => parse(`${"-".repeat(MAX_DEPTH + 1)}1`), 1, MAX_DEPTH + 1);
    const lets = "let a = 1 in ";
    expect(() => parse(`${lets.repeat(MAX_DEPTH)}a`)).not.toThrow();
    expectParseError(() => parse(`${lets.repeat(MAX_DEPTH + 1)}a`), 1, MAX_DEPTH * lets.length + 1);
  });

  it("counts levels, not tokens: (0) + (1) + ..., -1 + -1 + ... and (let a = 1 in a) + ... far longer than MAX_DEPTH are fine", () => {
    const source = Array.from({ length: MAX_DEPTH * 2 }, (_, i) => `(${i})`).join(" + ");
    expect(() => parse(source)).not.toThrow();
    expect(() => parse(Array.from({ length: MAX_DEPTH * 2 }, () => "-1").join(" + "))).not.toThrow();
    expect(() => parse(Array.from({ length: MAX_DEPTH * 2 }, () => "(let a = 1 in a)").join(" + "))).not.toThrow();
  });
});

describe("3. evaluate(expr, env): numbers, 1 or 0 for comparisons, let in a scope of its own", () => {
  it("does arithmetic by precedence: 1 + 2 * 3 is 7, (1 + 2) * 3 is 9, 7 / 2 is 3.5, 1 - 2 - 3 is -4", () => {
    expect(valueOf("1 + 2 * 3")).toBe(7);
    expect(valueOf("(1 + 2) * 3")).toBe(9);
    expect(valueOf("7 / 2")).toBe(3.5);
    expect(valueOf("1 - 2 - 3")).toBe(-4);
    expect(valueOf("-2 * 3")).toBe(-6);
    expect(valueOf("- - 4")).toBe(4);
  });

  it("gives 1 for a true comparison and 0 for a false one, so comparisons add up: (1 < 2) + (2 < 1) + (3 == 3) is 2", () => {
    expect([valueOf("1 < 2"), valueOf("2 < 1"), valueOf("2 < 2"), valueOf("2 <= 2"), valueOf("3 <= 2")]).toEqual([1, 0, 0, 1, 0]);
    expect([valueOf("3 > 2"), valueOf("2 > 2"), valueOf("2 >= 2"), valueOf("1 >= 2")]).toEqual([1, 0, 1, 0]);
    expect([valueOf("2 == 2"), valueOf("2 == 3"), valueOf("2 != 3"), valueOf("2 != 2")]).toEqual([1, 0, 1, 0]);
    expect(valueOf("(1 < 2) + (2 < 1) + (3 == 3)")).toBe(2);
    expect(valueOf("0.1 + 0.2 == 0.3")).toBe(0);
  });

  it("reads variables from env: x * y is 42 with { x: 6, y: 7 }, and the same tree gives each env its own answer", () => {
    const tree = treeOf("x * y");
    expect(valueOf(tree, { x: 6, y: 7 })).toBe(42);
    expect(valueOf(tree, { x: 2, y: 5 })).toBe(10);
    expect(valueOf(tree, { x: 6, y: 7 })).toBe(42);
  });

  it("needs no env for an expression without free variables", () => {
    expect(valueOf("let x = 5 in x * x")).toBe(25);
  });

  it("evaluates trees built by hand, numbers of any sign included", () => {
    expect(valueOf(bin("+", num(-5), num(0.5)))).toBe(-4.5);
    expect(valueOf(let_("n", num(3), bin(">", v("n"), num(2))))).toBe(1);
  });

  it("lets an inner let shadow an outer one: let x = 1 in let x = x + 1 in x is 2", () => {
    expect(valueOf("let x = 1 in let x = x + 1 in x")).toBe(2);
  });

  it("evaluates a let's value in the outer scope: let x = x + 1 in x is 11 with { x: 10 }", () => {
    expect(valueOf("let x = x + 1 in x", { x: 10 })).toBe(11);
  });

  it("ends a let's scope with its body: (let x = 1 in x) + x is 11 with { x: 10 }", () => {
    expect(valueOf("(let x = 1 in x) + x", { x: 10 })).toBe(11);
  });

  it("never writes to env: a frozen env works, and env is unchanged after a let", () => {
    const env = Object.freeze({ x: 10 });
    expect(valueOf("let x = 1 in let y = 2 in x + y", env)).toBe(3);
    expect(env).toEqual({ x: 10 });
    const open: Record<string, number> = { x: 10 };
    expect(valueOf("let y = 2 in let x = 3 in x * y", open)).toBe(6);
    expect(open).toEqual({ x: 10 });
  });

  it("binds any name a let writes, __proto__ and toString included", () => {
    expect(valueOf("let __proto__ = 3 in __proto__ + 1")).toBe(4);
    expect(valueOf("let toString = 2 in toString * toString")).toBe(4);
  });

  it("throws a ReferenceError naming an unbound variable: y in y + 1", () => {
    expectUnbound(() => run("y + 1", { x: 1 }), "y");
  });

  it("reads only env's own properties: toString, constructor and an inherited x are unbound", () => {
    expectUnbound(() => run("toString"), "toString");
    expectUnbound(() => run("constructor + 1", {}), "constructor");
    expectUnbound(() => run("x", Object.create({ x: 1 }) as Record<string, number>), "x");
  });

  it("throws a ReferenceError for a variable that only a let's body may see: (let x = 1 in x) + x", () => {
    expectUnbound(() => run("(let x = 1 in x) + x"), "x");
  });

  it("throws a RangeError for division by zero: 1 / 0, 0 / 0, 1 / (2 - 2), x / y with y = 0, 1 / -0", () => {
    expect(caught(() => run("1 / 0"))).toBeInstanceOf(RangeError);
    expect(caught(() => run("0 / 0"))).toBeInstanceOf(RangeError);
    expect(caught(() => run("1 / (2 - 2)"))).toBeInstanceOf(RangeError);
    expect(caught(() => run("x / y", { x: 1, y: 0 }))).toBeInstanceOf(RangeError);
    expect(caught(() => run("1 / -0"))).toBeInstanceOf(RangeError);
    expect(valueOf("0 / 5")).toBe(0);
  });

  it("evaluates the left operand first: y / 0 is a ReferenceError, (1 / 0) + y a RangeError", () => {
    expectUnbound(() => run("y / 0"), "y");
    expect(caught(() => run("(1 / 0) + y"))).toBeInstanceOf(RangeError);
  });

  it("evaluates a let's value before its body, even a value the body never uses", () => {
    expect(caught(() => run("let x = 1 / 0 in y"))).toBeInstanceOf(RangeError);
    expectUnbound(() => run("let x = y in 1"), "y");
  });
});

describe("4. print(expr): canonical source text, with only the parentheses the tree needs", () => {
  const cases: readonly (readonly [string, string])[] = [
    ["1+2*3", "1 + 2 * 3"],
    ["(1+2)*3", "(1 + 2) * 3"],
    ["((1))", "1"],
    ["(1-2)-3", "1 - 2 - 3"],
    ["1-(2-3)", "1 - (2 - 3)"],
    ["1+(2+3)", "1 + (2 + 3)"],
    ["8/(4/2)", "8 / (4 / 2)"],
    ["(2*3)/4", "2 * 3 / 4"],
    ["2*(3/4)", "2 * (3 / 4)"],
    ["-(x+1)", "-(x + 1)"],
    ["-(-x)", "--x"],
    ["(-x)*y", "-x * y"],
    ["2*(-3)", "2 * -3"],
    ["(1<2)+1", "(1 < 2) + 1"],
    ["1<(2<3)", "1 < (2 < 3)"],
    ["(1<2)<3", "1 < 2 < 3"],
    ["a+b<=c*d", "a + b <= c * d"],
    ["let x=1 in (x+1)", "let x = 1 in x + 1"],
    ["(let x=1 in x)*2", "(let x = 1 in x) * 2"],
    ["2*(let x=1 in x)", "2 * (let x = 1 in x)"],
    ["-(let x=1 in x)", "-(let x = 1 in x)"],
    ["let x = (let y = 2 in y) in (let z = x in z)", "let x = let y = 2 in y in let z = x in z"],
    ["let x =\n 1\nin\n x", "let x = 1 in x"],
  ];
  for (const [source, text] of cases) {
    it(`prints ${JSON.stringify(source)} as ${JSON.stringify(text)}`, () => {
      expect(printed(treeOf(source))).toBe(text);
    });
  }

  it("writes numbers as JavaScript's String(n) does: 007 as 7, 2.50 as 2.5, 1e21 as 1e+21, 3.5e-7 as 3.5e-7", () => {
    expect(printed(treeOf("007 + 2.50"))).toBe("7 + 2.5");
    expect(printed(treeOf("1e21"))).toBe("1e+21");
    expect(printed(treeOf("3.5e-7"))).toBe("3.5e-7");
  });

  it("prints trees built by hand: (1 + 2) * 3 and 1 + (2 + 3) keep their parentheses", () => {
    expect(printed(bin("*", bin("+", num(1), num(2)), num(3)))).toBe("(1 + 2) * 3");
    expect(printed(bin("+", num(1), bin("+", num(2), num(3))))).toBe("1 + (2 + 3)");
    expect(printed(neg(neg(v("x"))))).toBe("--x");
    expect(printed(let_("n", num(0.5), bin("!=", v("n"), num(0))))).toBe("let n = 0.5 in n != 0");
  });
});

// ---------------------------------------------------------------------------------------------------
// Random trees, for the laws: only trees that parse() can produce (numbers finite and not negative,
// names that are identifiers and no keyword).

const NAMES = ["x", "y", "z", "n1", "_t"] as const;
const OPS: readonly BinaryOp[] = ["+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!="];
const literal = fc.oneof(
  fc.nat({ max: 100 }),
  fc.double({ min: 0, max: 1e30, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
);
const { tree } = fc.letrec<{ tree: Expr }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", maxDepth: 5 },
    literal.map(num),
    fc.constantFrom(...NAMES).map(v),
    tie("tree").map(neg),
    fc.tuple(fc.constantFrom(...OPS), tie("tree"), tie("tree")).map(([op, l, r]) => bin(op, l, r)),
    fc.tuple(fc.constantFrom(...NAMES), tie("tree"), tie("tree")).map(([name, value, body]) => let_(name, value, body)),
  ),
}));
const envs = fc.record({ x: fc.integer({ min: -5, max: 5 }), y: fc.integer({ min: -5, max: 5 }) }, { requiredKeys: [] });

/**
 * The reference the evaluator must agree with, in another style: the tree compiled once to a
 * JavaScript function of the scope, which is a Map. Throws what evaluate throws.
 */
function compile(expr: Expr): (scope: ReadonlyMap<string, number>) => number {
  switch (expr.kind) {
    case "num":
      return () => expr.value;
    case "var":
      return (scope) => {
        const value = scope.get(expr.name);
        if (value === undefined) throw new ReferenceError(expr.name);
        return value;
      };
    case "unary": {
      const operand = compile(expr.operand);
      return (scope) => -operand(scope);
    }
    case "binary": {
      const [left, right] = [compile(expr.left), compile(expr.right)];
      const ops: Record<BinaryOp, (a: number, b: number) => number | boolean> = {
        "+": (a, b) => a + b,
        "-": (a, b) => a - b,
        "*": (a, b) => a * b,
        "/": (a, b) => {
          if (b === 0) throw new RangeError("/ 0");
          return a / b;
        },
        "<": (a, b) => a < b,
        "<=": (a, b) => a <= b,
        ">": (a, b) => a > b,
        ">=": (a, b) => a >= b,
        "==": (a, b) => a === b,
        "!=": (a, b) => a !== b,
      };
      return (scope) => {
        const a = left(scope);
        return Number(ops[expr.op](a, right(scope)));
      };
    }
    case "let": {
      const [value, body] = [compile(expr.value), compile(expr.body)];
      return (scope) => body(new Map(scope).set(expr.name, value(scope)));
    }
  }
}

/** What a call came to: its value, or the class of the error it threw. */
function outcome(fn: () => number): number | string {
  try {
    return fn();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return error instanceof Error ? error.constructor.name : `threw ${String(error)}`;
  }
}

/** Text made of the language's pieces, right and wrong, plus a few characters it does not know. */
const PIECES = ["let ", " in ", "x", "y", "_", "1", "2.5", "1e3", "+", "-", "*", "/", "(", ")", "<", "<=", "==", "!=", "=", " ", "\n", "\t", "#", "!", ".", "e", "é"];
const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((pieces) => pieces.join("")),
  fc.string({ maxLength: 20, unit: "binary" }),
);

describe("5. the laws, for any tree and any text; and bad input from untyped callers", () => {
  describe("the laws", () => {
    it("round-trips: for any tree, parse(print(tree)) is the same tree", () => {
      fc.assert(
        fc.property(tree, (t) => {
          expect(treeOf(printed(t))).toEqual(t);
        }),
      );
    });

    it("agrees with a reference evaluator on any tree and env: the same number, or the same kind of error", () => {
      fc.assert(
        fc.property(tree, envs, (t, env) => {
          const reference = outcome(() => compile(t)(new Map(Object.entries(env))));
          expect(outcome(() => evaluate(t, env))).toBe(reference);
        }),
      );
    });

    it("on any text, parse returns a tree that prints and parses back to itself, or throws a ParseError inside the text", () => {
      fc.assert(
        fc.property(text, (source) => {
          let t: Expr;
          try {
            t = parse(source);
          } catch (error) {
            if (error instanceof NotImplementedError) throw error;
            expect(error, `parse(${JSON.stringify(source)}) threw something else`).toBeInstanceOf(ParseError);
            const { line, column } = error as ParseError;
            const lines = source.split("\n");
            expect(line).toBeGreaterThanOrEqual(1);
            expect(line).toBeLessThanOrEqual(lines.length);
            expect(column).toBeGreaterThanOrEqual(1);
            expect(column).toBeLessThanOrEqual(lines[line - 1]!.length + 1);
            return;
          }
          expect(treeOf(printed(t))).toEqual(t);
        }),
      );
    });

    it("tokenizes any text into tokens found at their line and column, which together are the text without its whitespace", () => {
      fc.assert(
        fc.property(text, (source) => {
          let tokens: Token[];
          try {
            tokens = tokenize(source);
          } catch (error) {
            if (error instanceof NotImplementedError) throw error;
            expect(error, `tokenize(${JSON.stringify(source)}) threw something else`).toBeInstanceOf(ParseError);
            return;
          }
          const lines = source.split("\n");
          for (const t of tokens) {
            expect(lines[t.line - 1]?.slice(t.column - 1, t.column - 1 + t.text.length), `the token ${JSON.stringify(t.text)}`).toBe(t.text);
          }
          expect(tokens.map((t) => t.text).join("")).toBe(source.replace(/[ \t\r\n]/g, ""));
        }),
      );
    });
  });

  describe("bad input: refused by the workbook's contract (TypeError or RangeError, the parameter named, the value shown)", () => {
    it("tokenize(42) is a TypeError naming source", () => {
      expectRefusal(() => tokenize(42 as unknown as string), { error: TypeError, param: "source", value: 42 });
    });

    it("tokenize(undefined) is a TypeError naming source", () => {
      expectRefusal(() => tokenize(undefined as unknown as string), { error: TypeError, param: "source", value: undefined });
    });

    it("tokenize(10n) is a TypeError naming source, showing 10n", () => {
      expectRefusal(() => tokenize(10n as unknown as string), { error: TypeError, param: "source", value: 10n });
    });

    it("parse(Symbol(x)) is a TypeError naming source, showing Symbol(x)", () => {
      expectRefusal(() => parse(Symbol("x") as unknown as string), { error: TypeError, param: "source", value: Symbol("x") });
    });

    it("parse(null) is a TypeError naming source", () => {
      expectRefusal(() => parse(null as unknown as string), { error: TypeError, param: "source", value: null });
    });

    it('parse(["1 + 2"]) is a TypeError naming source', () => {
      expectRefusal(() => parse(["1 + 2"] as unknown as string), { error: TypeError, param: "source" });
    });

    it("evaluate(tree, null) is a TypeError naming env", () => {
      expectRefusal(() => evaluate(num(1), null as unknown as Record<string, number>), { error: TypeError, param: "env", value: null });
    });

    it('evaluate(tree, "x") is a TypeError naming env', () => {
      expectRefusal(() => evaluate(num(1), "x" as unknown as Record<string, number>), { error: TypeError, param: "env", value: "x" });
    });

    it("evaluate(null) is a TypeError naming expr", () => {
      expectRefusal(() => evaluate(null as unknown as Expr), { error: TypeError, param: "expr", value: null });
    });

    it('evaluate({ kind: "call" }) is a TypeError naming expr, showing "call"', () => {
      expectRefusal(() => evaluate({ kind: "call" } as unknown as Expr), { error: TypeError, param: "expr", value: "call" });
    });

    it('evaluate({ kind: ["num"], value: 1 }) is a TypeError naming expr (a kind from JSON that only looks like "num")', () => {
      expectRefusal(() => evaluate({ kind: ["num"], value: 1 } as unknown as Expr), { error: TypeError, param: "expr" });
    });

    it('evaluate of a unary node whose op is "+" is a TypeError naming expr, showing "+"', () => {
      expectRefusal(() => evaluate({ kind: "unary", op: "+", operand: num(1) } as unknown as Expr), { error: TypeError, param: "expr", value: "+" });
    });

    it("evaluate of a let whose name is null is a TypeError naming expr", () => {
      expectRefusal(() => evaluate({ kind: "let", name: null, value: num(1), body: num(2) } as unknown as Expr), { error: TypeError, param: "expr", value: null });
    });

    it("evaluate of a binary node whose right operand is null is a TypeError naming expr", () => {
      expectRefusal(() => evaluate(bin("+", num(1), null as unknown as Expr)), { error: TypeError, param: "expr", value: null });
    });

    it("print(42) is a TypeError naming expr", () => {
      expectRefusal(() => print(42 as unknown as Expr), { error: TypeError, param: "expr", value: 42 });
    });

    it('print({ kind: "call" }) is a TypeError naming expr, showing "call"', () => {
      expectRefusal(() => print({ kind: "call" } as unknown as Expr), { error: TypeError, param: "expr", value: "call" });
    });

    it('print of a num node whose value is the string "1" is a TypeError naming expr', () => {
      expectRefusal(() => print({ kind: "num", value: "1" } as unknown as Expr), { error: TypeError, param: "expr", value: "1" });
    });

    it('print of a binary node whose op is "%" is a TypeError naming expr, showing "%"', () => {
      expectRefusal(() => print({ kind: "binary", op: "%", left: num(1), right: num(2) } as unknown as Expr), { error: TypeError, param: "expr", value: "%" });
    });

    it('evaluate of a binary node whose op is ["+"] is a TypeError naming expr (an op from JSON that only looks like "+")', () => {
      expectRefusal(() => evaluate({ kind: "binary", op: ["+"], left: num(1), right: num(2) } as unknown as Expr), { error: TypeError, param: "expr" });
    });

    it("print of a variable whose name is the number 42 is a TypeError naming expr, showing 42", () => {
      expectRefusal(() => print({ kind: "var", name: 42 } as unknown as Expr), { error: TypeError, param: "expr", value: 42 });
    });

    it("print of the number -1 is a RangeError naming expr (no literal writes it: -1 parses as a unary minus)", () => {
      expectRefusal(() => print(num(-1)), { error: RangeError, param: "expr", value: -1 });
    });

    it("print of the number -0 is a RangeError naming expr", () => {
      expectRefusal(() => print(num(-0)), { error: RangeError, param: "expr", value: -0 });
    });

    it("print of the number NaN is a RangeError naming expr", () => {
      expectRefusal(() => print(num(Number.NaN)), { error: RangeError, param: "expr", value: Number.NaN });
    });

    it("print of the number Infinity is a RangeError naming expr", () => {
      expectRefusal(() => print(num(Number.POSITIVE_INFINITY)), { error: RangeError, param: "expr", value: Number.POSITIVE_INFINITY });
    });

    it("print of 1 + -2 built by hand is a RangeError naming expr, showing -2 (nested nodes are checked too)", () => {
      expectRefusal(() => print(bin("+", num(1), num(-2))), { error: RangeError, param: "expr", value: -2 });
    });

    it('print of a variable named "let" is a RangeError naming expr, showing "let" (a keyword is no name)', () => {
      expectRefusal(() => print(v("let")), { error: RangeError, param: "expr", value: "let" });
    });

    it('print of a variable named "1x" is a RangeError naming expr, showing "1x"', () => {
      expectRefusal(() => print(v("1x")), { error: RangeError, param: "expr", value: "1x" });
    });

    it('print of a let binding "a b" is a RangeError naming expr, showing "a b"', () => {
      expectRefusal(() => print(let_("a b", num(1), num(2))), { error: RangeError, param: "expr", value: "a b" });
    });
  });
});
