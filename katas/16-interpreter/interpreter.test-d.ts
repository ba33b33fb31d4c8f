/*
 * Type-level tests: checked by `npx tsc -p .` (the workbook's self-check runs it), never executed.
 * A `// @ts-expect-error` line passes when the line below it does NOT compile, and fails tsc when
 * it does: it is how a spec says "this must be a compile error".
 */
import { expectTypeOf } from "vitest";
import { evaluate, MAX_DEPTH, parse, ParseError, print, tokenize, type BinaryOp, type Expr, type Token, type TokenKind } from "./interpreter";

// Step 1: tokens are read-only records with a closed set of kinds.
expectTypeOf(tokenize("1 + 2")).toEqualTypeOf<Token[]>();
expectTypeOf<TokenKind>().toEqualTypeOf<"number" | "name" | "keyword" | "symbol">();
expectTypeOf<Token["line"]>().toEqualTypeOf<number>();
declare const token: Token;
// @ts-expect-error a token's position is read-only
token.column = 2;

// Step 2: the tree is a discriminated union on `kind`; a ParseError is a SyntaxError with a position.
expectTypeOf(parse("1 + 2")).toEqualTypeOf<Expr>();
expectTypeOf<Expr["kind"]>().toEqualTypeOf<"num" | "var" | "unary" | "binary" | "let">();
expectTypeOf<BinaryOp>().toEqualTypeOf<"+" | "-" | "*" | "/" | "<" | "<=" | ">" | ">=" | "==" | "!=">();
expectTypeOf<Extract<Expr, { kind: "let" }>>().toEqualTypeOf<{ kind: "let"; name: string; value: Expr; body: Expr }>();
expectTypeOf(MAX_DEPTH).toEqualTypeOf<number>();
expectTypeOf<ParseError>().toExtend<SyntaxError>();
expectTypeOf<ParseError["line"]>().toEqualTypeOf<number>();
expectTypeOf<ParseError["column"]>().toEqualTypeOf<number>();

// A switch on `kind` narrows each case to its own fields.
declare const tree: Expr;
if (tree.kind === "binary") expectTypeOf(tree.left).toEqualTypeOf<Expr>();
if (tree.kind === "num") expectTypeOf(tree.value).toEqualTypeOf<number>();
if (tree.kind === "unary") expectTypeOf(tree.op).toEqualTypeOf<"-">();

// @ts-expect-error "%" is not an operator of the language
const modulo: Expr = { kind: "binary", op: "%", left: { kind: "num", value: 1 }, right: { kind: "num", value: 2 } };
// @ts-expect-error unary plus is not part of the language
const plus: Expr = { kind: "unary", op: "+", operand: { kind: "num", value: 1 } };
// @ts-expect-error a let needs a body
const unfinished: Expr = { kind: "let", name: "x", value: { kind: "num", value: 1 } };
// @ts-expect-error a number node holds a number, not its text
const text: Expr = { kind: "num", value: "1" };

// Step 3: every value of the language is a number; env maps names to numbers and may be left out.
expectTypeOf(evaluate(tree)).toEqualTypeOf<number>();
expectTypeOf(evaluate(tree, { x: 1 })).toEqualTypeOf<number>();
// @ts-expect-error env holds numbers only
evaluate(tree, { x: "1" });
// @ts-expect-error evaluate takes a tree, not source text: parse it first
evaluate("1 + 2");

// Step 4: print takes a tree and gives text.
expectTypeOf(print(tree)).toEqualTypeOf<string>();
// @ts-expect-error print takes a tree, not a token list
print(tokenize("1"));

export { modulo, plus, text, unfinished };
