import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRefusal, NotImplementedError } from "../../tools/kit";
import {
  Binary,
  count,
  Counter,
  evaluate,
  Evaluator,
  fromClasses,
  Let,
  match,
  Node,
  Num,
  print,
  Printer,
  rename,
  Renamer,
  toClasses,
  Unary,
  Var,
  type BinaryOp,
  type Env,
  type Expr,
  type Handlers,
  type Visitor,
} from "./visitor";

// ---- Trees, written the short way -----------------------------------------------------------

const num = (value: number): Expr => ({ kind: "num", value });
const v = (name: string): Expr => ({ kind: "var", name });
const neg = (operand: Expr): Expr => ({ kind: "unary", op: "-", operand });
const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: "binary", op, left, right });
const let_ = (name: string, value: Expr, body: Expr): Expr => ({ kind: "let", name, value, body });

/** `let x = 2 in x * (x + 1)`: the lesson's tree. */
const LESSON = let_("x", num(2), bin("*", v("x"), bin("+", v("x"), num(1))));

/** Freezes a tree (or anything) all the way down, and returns it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The spec's own count: every object with a `kind` found by walking all the fields, whatever the kind. */
function nodesIn(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  const self = "kind" in value ? 1 : 0;
  return Object.values(value).reduce<number>((total, child) => total + nodesIn(child), self);
}

/** What a run gives: its number, or the name of the error it threw. */
function outcome(run: () => number): number | string {
  try {
    return run();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return error instanceof Error ? error.name : `threw ${String(error)}, not an Error`;
  }
}

/** Calls `fn`, expects a ReferenceError whose message names `name` as a word of its own. */
function expectUnbound(fn: () => unknown, name: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    thrown = error;
  }
  expect(thrown, `expected a ReferenceError naming ${name}`).toBeInstanceOf(ReferenceError);
  expect((thrown as Error).message).toMatch(new RegExp(`(?<![\\w$])${name}(?![\\w$])`));
}

/** Handlers that record which kind was called with which node, and return the kind. */
function recorder() {
  const calls: Array<[string, unknown]> = [];
  const handlers: Handlers<string> = {
    num: (node) => (calls.push(["num", node]), "num"),
    var: (node) => (calls.push(["var", node]), "var"),
    unary: (node) => (calls.push(["unary", node]), "unary"),
    binary: (node) => (calls.push(["binary", node]), "binary"),
    let: (node) => (calls.push(["let", node]), "let"),
  };
  return { calls, handlers };
}

// ---- Random trees ---------------------------------------------------------------------------

const OPS: readonly BinaryOp[] = ["+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!="];
const NAMES = ["x", "y", "z"] as const;
const name = fc.constantFrom(...NAMES);
/** A name no random tree uses: fresh for every one of them. */
const FRESH = "w";

const { tree } = fc.letrec<{ tree: Expr }>((tie) => ({
  // Depth at most 4 (at most 31 nodes, about 8 on average), weighted towards binary nodes and lets.
  tree: fc.oneof(
    { maxDepth: 4, depthSize: "medium" },
    { arbitrary: fc.integer({ min: -9, max: 9 }).map(num), weight: 1 },
    { arbitrary: name.map(v), weight: 2 },
    { arbitrary: tie("tree").map(neg), weight: 1 },
    { arbitrary: fc.tuple(fc.constantFrom(...OPS), tie("tree"), tie("tree")).map(([op, left, right]) => bin(op, left, right)), weight: 3 },
    { arbitrary: fc.tuple(name, tie("tree"), tie("tree")).map(([n, value, body]) => let_(n, value, body)), weight: 3 },
  ),
}));

/** Values for some of x, y and z: the others are unbound. */
const env: fc.Arbitrary<Env> = fc.record({ x: fc.integer({ min: -9, max: 9 }), y: fc.integer({ min: -9, max: 9 }), z: fc.integer({ min: -9, max: 9 }) }, { requiredKeys: [] });

describe("1. match(expr, handlers): one handler per kind, chosen by an exhaustive switch", () => {
  it("calls the num handler with the very node it was given, and returns what the handler returns", () => {
    const three = num(3);
    let seen: unknown;
    const result = match(three, {
      num: (node) => ((seen = node), node.value * 10),
      var: () => -1,
      unary: () => -1,
      binary: () => -1,
      let: () => -1,
    });
    expect(seen).toBe(three);
    expect(result).toBe(30);
  });

  it.each([
    ["num", num(1)],
    ["var", v("x")],
    ["unary", neg(num(1))],
    ["binary", bin("+", num(1), num(2))],
    ["let", let_("x", num(1), v("x"))],
  ] as const)("calls exactly one handler, once, for a %s node: its own, with the node itself (not its children)", (kind, node) => {
    const { calls, handlers } = recorder();
    expect(match(node, handlers)).toBe(kind);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toBe(kind);
    expect(calls[0]?.[1]).toBe(node);
  });

  it("runs an operation the spec writes itself with match: the free variables of a tree", () => {
    const free = (e: Expr): string[] =>
      match(e, {
        num: () => [],
        var: (node) => [node.name],
        unary: (node) => free(node.operand),
        binary: (node) => [...free(node.left), ...free(node.right)],
        let: (node) => [...free(node.value), ...free(node.body).filter((n) => n !== node.name)],
      });
    expect(free(let_("x", v("y"), bin("+", v("x"), v("z"))))).toEqual(["y", "z"]);
  });

  it("reads a frozen tree without trouble and changes nothing in it", () => {
    const frozen = deepFreeze(let_("x", num(2), v("x")));
    expect(match(frozen, recorder().handlers)).toBe("let");
    expect(frozen).toEqual(let_("x", num(2), v("x")));
  });
});

describe("2. print, evaluate, count and rename: four operations on the union, none of them touching the node types", () => {
  it('prints the lesson\'s tree as "(let x = 2 in (x * (x + 1)))"', () => {
    expect(print(LESSON)).toBe("(let x = 2 in (x * (x + 1)))");
  });

  it('prints numbers as String() writes them (3, -2.5), a variable as its name, a negation as "(-x)"', () => {
    expect(print(num(3))).toBe("3");
    expect(print(num(-2.5))).toBe("-2.5");
    expect(print(v("speed"))).toBe("speed");
    expect(print(neg(v("x")))).toBe("(-x)");
    expect(print(neg(neg(num(1))))).toBe("(-(-1))");
  });

  it('prints every binary node in parentheses with spaces around its operator: "((1 <= x) != (y / 2))"', () => {
    expect(print(bin("!=", bin("<=", num(1), v("x")), bin("/", v("y"), num(2))))).toBe("((1 <= x) != (y / 2))");
  });

  it("evaluates the lesson's tree to 6", () => {
    expect(evaluate(LESSON)).toBe(6);
  });

  it("evaluates arithmetic as the tree says, whatever the usual precedence: (7 - 2) * 3 is 15, 7 - (2 * 3) is 1", () => {
    expect(evaluate(bin("*", bin("-", num(7), num(2)), num(3)))).toBe(15);
    expect(evaluate(bin("-", num(7), bin("*", num(2), num(3))))).toBe(1);
    expect(evaluate(neg(bin("+", num(1), num(2))))).toBe(-3);
  });

  it("divides as JavaScript does: 1 / 4 is 0.25, 1 / 0 is Infinity, 0 / 0 is NaN", () => {
    expect(evaluate(bin("/", num(1), num(4)))).toBe(0.25);
    expect(evaluate(bin("/", num(1), num(0)))).toBe(Infinity);
    expect(evaluate(bin("/", num(0), num(0)))).toBeNaN();
  });

  it.each([
    ["<", 1, 0, 0],
    ["<=", 1, 1, 0],
    [">", 0, 0, 1],
    [">=", 0, 1, 1],
    ["==", 0, 1, 0],
    ["!=", 1, 0, 1],
  ] as const)("gives 1 or 0 for %s: on 1 and 2 %i, on 2 and 2 %i, on 3 and 2 %i", (op, below, equal, above) => {
    expect(evaluate(bin(op, num(1), num(2)))).toBe(below);
    expect(evaluate(bin(op, num(2), num(2)))).toBe(equal);
    expect(evaluate(bin(op, num(3), num(2)))).toBe(above);
  });

  it("reads free variables from env: x + y with { x: 5, y: 2 } is 7", () => {
    expect(evaluate(bin("+", v("x"), v("y")), { x: 5, y: 2 })).toBe(7);
  });

  it("lets a let hide the env's binding in its body: let x = 1 in x, with { x: 5 }, is 1", () => {
    expect(evaluate(let_("x", num(1), v("x")), { x: 5 })).toBe(1);
  });

  it("evaluates a let's value outside its own scope: let x = x + 1 in x * x, with { x: 3 }, is 16", () => {
    expect(evaluate(let_("x", bin("+", v("x"), num(1)), bin("*", v("x"), v("x"))), { x: 3 })).toBe(16);
  });

  it("ends a let's scope with its body: (let x = 1 in x) + x, with { x: 10 }, is 11", () => {
    expect(evaluate(bin("+", let_("x", num(1), v("x")), v("x")), { x: 10 })).toBe(11);
  });

  it("never writes to env: a frozen env works and is unchanged after a let", () => {
    const frozen = Object.freeze({ x: 10 });
    expect(evaluate(let_("y", num(1), bin("+", v("x"), v("y"))), frozen)).toBe(11);
    expect(frozen).toEqual({ x: 10 });
  });

  it("refuses an unbound variable with a ReferenceError naming it: y in x + y with { x: 1 }", () => {
    expectUnbound(() => evaluate(bin("+", v("x"), v("y")), { x: 1 }), "y");
  });

  it("refuses an unbound variable with no env at all: evaluate(x) is a ReferenceError naming x", () => {
    expectUnbound(() => evaluate(v("x")), "x");
  });

  it.each(["toString", "constructor", "hasOwnProperty"])('treats "%s" as unbound in { x: 1 }: the env\'s own properties only, not what every object inherits', (member) => {
    expectUnbound(() => evaluate(v(member), { x: 1 }), member);
  });

  it("counts the nodes: 1 for a number or a variable, 7 for the lesson's tree", () => {
    expect(count(num(1))).toBe(1);
    expect(count(v("x"))).toBe(1);
    expect(count(neg(v("x")))).toBe(2);
    expect(count(bin("+", num(1), num(2)))).toBe(3);
    expect(count(LESSON)).toBe(7);
  });

  it("renames a free variable: x -> y in x + z gives y + z", () => {
    expect(rename(bin("+", v("x"), v("z")), "x", "y")).toEqual(bin("+", v("y"), v("z")));
  });

  it("leaves a shadowed binding alone: x -> y in x + (let x = 10 in x) gives y + (let x = 10 in x)", () => {
    const before = bin("+", v("x"), let_("x", num(10), v("x")));
    expect(rename(before, "x", "y")).toEqual(bin("+", v("y"), let_("x", num(10), v("x"))));
  });

  it("renames in the value of a let that binds the name, never in its body: let x = x + 1 in x gives let x = y + 1 in x", () => {
    expect(rename(let_("x", bin("+", v("x"), num(1)), v("x")), "x", "y")).toEqual(let_("x", bin("+", v("y"), num(1)), v("x")));
  });

  it("renames inside a let that binds another name: let z = x in x * z gives let z = y in y * z", () => {
    expect(rename(let_("z", v("x"), bin("*", v("x"), v("z"))), "x", "y")).toEqual(let_("z", v("y"), bin("*", v("y"), v("z"))));
  });

  it("takes any variable name, not only one letter: rate_2 -> _total in rate_2 * 3 gives _total * 3", () => {
    expect(rename(bin("*", v("rate_2"), num(3)), "rate_2", "_total")).toEqual(bin("*", v("_total"), num(3)));
    expect(rename(v("X9"), "X9", "abc")).toEqual(v("abc"));
  });

  it("gives an equal tree when the name does not occur free, and touches no other field", () => {
    expect(rename(LESSON, "x", "y")).toEqual(LESSON);
    expect(rename(bin("<", neg(num(4)), v("z")), "x", "y")).toEqual(bin("<", neg(num(4)), v("z")));
  });

  it("returns a new tree and never changes the input: a frozen tree can be renamed", () => {
    const frozen = deepFreeze(bin("+", v("x"), let_("z", v("x"), v("z"))));
    const renamed = rename(frozen, "x", "y");
    expect(renamed).toEqual(bin("+", v("y"), let_("z", v("y"), v("z"))));
    expect(frozen).toEqual(bin("+", v("x"), let_("z", v("x"), v("z"))));
  });

  it("never changes the input of print, evaluate or count either: a frozen tree works with each", () => {
    const frozen = deepFreeze(let_("x", num(2), bin("*", v("x"), bin("+", v("x"), num(1)))));
    expect(print(frozen)).toBe("(let x = 2 in (x * (x + 1)))");
    expect(evaluate(frozen)).toBe(6);
    expect(count(frozen)).toBe(7);
    expect(frozen).toEqual(LESSON);
  });
});

describe("3. double dispatch: node classes with accept(visitor), and one Visitor class per operation", () => {
  it.each([
    ["Num", "visitNum", () => new Num(3)],
    ["Var", "visitVar", () => new Var("x")],
    ["Unary", "visitUnary", () => new Unary("-", new Num(1))],
    ["Binary", "visitBinary", () => new Binary("+", new Num(1), new Num(2))],
    ["Let", "visitLet", () => new Let("x", new Num(1), new Var("x"))],
  ] as const)("has a %s's accept call the visitor's %s, once, with the node itself, and return its result", (_cls, method, make) => {
    const node = make();
    const calls: Array<[string, unknown]> = [];
    const spy: Visitor<string> = {
      visitNum: (n) => (calls.push(["visitNum", n]), "visitNum"),
      visitVar: (n) => (calls.push(["visitVar", n]), "visitVar"),
      visitUnary: (n) => (calls.push(["visitUnary", n]), "visitUnary"),
      visitBinary: (n) => (calls.push(["visitBinary", n]), "visitBinary"),
      visitLet: (n) => (calls.push(["visitLet", n]), "visitLet"),
    };
    expect(node.accept(spy)).toBe(method);
    expect(calls).toEqual([[method, node]]);
    expect(calls[0]?.[1]).toBe(node);
  });

  it("calls the visit method on the visitor, so a visitor's own this works inside it", () => {
    class Tagger implements Visitor<string> {
      readonly tag = "#";
      visitNum(node: Num): string {
        return `${this.tag}${node.value}`;
      }
      visitVar(node: Var): string {
        return `${this.tag}${node.name}`;
      }
      visitUnary(node: Unary): string {
        return `${this.tag}-${node.operand.accept(this)}`;
      }
      visitBinary(node: Binary): string {
        return `${node.left.accept(this)}${node.op}${node.right.accept(this)}`;
      }
      visitLet(node: Let): string {
        return `${node.name}=${node.value.accept(this)};${node.body.accept(this)}`;
      }
    }
    expect(new Let("x", new Num(2), new Binary("*", new Var("x"), new Unary("-", new Num(1)))).accept(new Tagger())).toBe("x=#2;#x*#-#1");
  });

  it("turns the lesson's tree into classes with toClasses: a Let of a Num and a Binary, fields as in the data", () => {
    const node = toClasses(LESSON);
    expect(node).toBeInstanceOf(Let);
    expect(node).toBeInstanceOf(Node);
    const root = node as Let;
    expect(root.name).toBe("x");
    expect(root.value).toBeInstanceOf(Num);
    expect((root.value as Num).value).toBe(2);
    expect(root.body).toBeInstanceOf(Binary);
    const body = root.body as Binary;
    expect(body.op).toBe("*");
    expect(body.left).toBeInstanceOf(Var);
    expect(body.right).toBeInstanceOf(Binary);
    expect(toClasses(neg(num(1)))).toBeInstanceOf(Unary);
  });

  it("turns classes back into plain data with fromClasses", () => {
    const node = new Let("x", new Num(2), new Binary("*", new Var("x"), new Unary("-", new Num(1))));
    expect(fromClasses(node)).toEqual(let_("x", num(2), bin("*", v("x"), neg(num(1)))));
  });

  it("leaves a frozen tree as it was when turning it into classes", () => {
    const frozen = deepFreeze(bin("-", v("x"), num(1)));
    expect(fromClasses(toClasses(frozen))).toEqual(bin("-", v("x"), num(1)));
    expect(frozen).toEqual(bin("-", v("x"), num(1)));
  });

  it('prints with a Printer exactly as print does: "(let x = 2 in (x * (x + 1)))", "(-x)", "(1 <= y)"', () => {
    expect(toClasses(LESSON).accept(new Printer())).toBe("(let x = 2 in (x * (x + 1)))");
    expect(new Unary("-", new Var("x")).accept(new Printer())).toBe("(-x)");
    expect(new Binary("<=", new Num(1), new Var("y")).accept(new Printer())).toBe("(1 <= y)");
  });

  it("counts with a Counter, and one Counter gives the same answer every time it is used: 7, 7, then 1", () => {
    const counter = new Counter();
    const lesson = toClasses(LESSON);
    expect(lesson.accept(counter)).toBe(7);
    expect(lesson.accept(counter)).toBe(7);
    expect(new Num(1).accept(counter)).toBe(1);
  });

  it("evaluates with an Evaluator made with an env: the lesson's tree is 6, x + y with { x: 5, y: 2 } is 7", () => {
    expect(toClasses(LESSON).accept(new Evaluator())).toBe(6);
    expect(new Binary("+", new Var("x"), new Var("y")).accept(new Evaluator({ x: 5, y: 2 }))).toBe(7);
    expect(new Binary(">=", new Num(2), new Num(3)).accept(new Evaluator())).toBe(0);
  });

  it("keeps two Evaluators apart: the same tree gives each its own env's answer", () => {
    const tree2 = new Binary("*", new Var("x"), new Num(2));
    const a = new Evaluator({ x: 1 });
    const b = new Evaluator({ x: 100 });
    expect(tree2.accept(a)).toBe(2);
    expect(tree2.accept(b)).toBe(200);
    expect(tree2.accept(a)).toBe(2);
  });

  it("keeps an Evaluator's env as it was after a let: x is 1 again once let x = 5 in x is done", () => {
    const frozen = Object.freeze({ x: 1 });
    const evaluator = new Evaluator(frozen);
    expect(new Let("x", new Num(5), new Var("x")).accept(evaluator)).toBe(5);
    expect(new Var("x").accept(evaluator)).toBe(1);
    expect(new Binary("+", new Let("x", new Num(5), new Var("x")), new Var("x")).accept(evaluator)).toBe(6);
    expect(frozen).toEqual({ x: 1 });
  });

  it("refuses an unbound variable with an Evaluator too: a ReferenceError naming it", () => {
    expectUnbound(() => new Binary("+", new Var("x"), new Var("y")).accept(new Evaluator({ x: 1 })), "y");
    expectUnbound(() => new Var("toString").accept(new Evaluator()), "toString");
  });

  it("renames with a Renamer as rename does, shadowing included, into new nodes of the same classes", () => {
    const before = new Binary("+", new Var("x"), new Let("x", new Var("x"), new Var("x")));
    const after = before.accept(new Renamer("x", "y"));
    expect(after).toBeInstanceOf(Binary);
    expect(fromClasses(after)).toEqual(bin("+", v("y"), let_("x", v("y"), v("x"))));
    expect(fromClasses(before)).toEqual(bin("+", v("x"), let_("x", v("x"), v("x"))));
  });

  it("runs an operation the spec writes itself as a Visitor on your classes, untouched: the depth of a tree", () => {
    const depth: Visitor<number> = {
      visitNum: () => 1,
      visitVar: () => 1,
      visitUnary: (node) => 1 + node.operand.accept(depth),
      visitBinary: (node) => 1 + Math.max(node.left.accept(depth), node.right.accept(depth)),
      visitLet: (node) => 1 + Math.max(node.value.accept(depth), node.body.accept(depth)),
    };
    expect(toClasses(LESSON).accept(depth)).toBe(4);
  });
});

describe("4. the laws, on random trees", () => {
  it("gives back an equal tree from fromClasses(toClasses(tree))", () => {
    fc.assert(
      fc.property(tree, (t) => {
        expect(fromClasses(toClasses(t))).toEqual(t);
      }),
    );
  });

  it("makes the two forms agree on every tree for every operation: print, count, evaluate, rename", () => {
    fc.assert(
      fc.property(tree, env, name, name, (t, e, from, to) => {
        const node = toClasses(t);
        expect(node.accept(new Printer())).toBe(print(t));
        expect(node.accept(new Counter())).toBe(count(t));
        expect(outcome(() => node.accept(new Evaluator(e)))).toEqual(outcome(() => evaluate(t, e)));
        expect(fromClasses(node.accept(new Renamer(from, to)))).toEqual(rename(t, from, to));
      }),
    );
  });

  it("counts as many nodes as a walk over every field finds, in both forms", () => {
    fc.assert(
      fc.property(tree, (t) => {
        expect(count(t)).toBe(nodesIn(t));
        expect(toClasses(t).accept(new Counter())).toBe(nodesIn(t));
      }),
    );
  });

  it("gives back the same tree after a rename to a fresh name and back", () => {
    fc.assert(
      fc.property(tree, name, (t, from) => {
        expect(rename(rename(t, from, FRESH), FRESH, from)).toEqual(t);
      }),
    );
  });

  it("keeps the value after renaming to a fresh name, with the env renamed the same way", () => {
    fc.assert(
      fc.property(tree, env, name, (t, e, from) => {
        const { [from]: value, ...rest } = e;
        const renamedEnv: Env = value === undefined ? rest : { ...rest, [FRESH]: value };
        expect(outcome(() => evaluate(rename(t, from, FRESH), renamedEnv))).toEqual(outcome(() => evaluate(t, e)));
      }),
    );
  });

  it("never changes its input: every operation of both forms works on a deeply frozen tree and env", () => {
    fc.assert(
      fc.property(tree, env, name, (t, e, from) => {
        const before = structuredClone(t);
        const frozen = deepFreeze(t);
        const frozenEnv = Object.freeze({ ...e });
        print(frozen);
        count(frozen);
        outcome(() => evaluate(frozen, frozenEnv));
        rename(frozen, from, FRESH);
        const node = deepFreeze(toClasses(frozen));
        node.accept(new Printer());
        outcome(() => node.accept(new Evaluator(frozenEnv)));
        node.accept(new Renamer(from, FRESH));
        expect(frozen).toEqual(before);
        expect(fromClasses(node)).toEqual(before);
      }),
    );
  });
});

describe("5. bad input from untyped callers (a tree from JSON, say) follows the workbook's contract", () => {
  const handlers = recorder().handlers;

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["42", 42],
    ['"num"', "num"],
  ] as const)("refuses %s as expr in match with a TypeError naming expr and showing it", (_label, value) => {
    expectRefusal(() => match(value as unknown as Expr, handlers), { error: TypeError, param: "expr", value });
  });

  it.each([
    ['"pow"', "pow"],
    ['"Num" (kinds are case-sensitive)', "Num"],
    ['"" (the empty string)', ""],
    ['"toString" (a member of every object, not a kind)', "toString"],
    ['"__proto__"', "__proto__"],
  ] as const)("refuses the kind %s in match with a RangeError naming kind and showing it", (_label, kind) => {
    expectRefusal(() => match(JSON.parse(JSON.stringify({ kind, value: 1 })) as Expr, handlers), { error: RangeError, param: "kind", value: kind });
  });

  it.each([
    ["42", 42],
    ["null", null],
    ["missing (undefined)", undefined],
    ["10n", 10n],
  ] as const)("refuses a kind that is %s in match with a TypeError naming kind", (_label, kind) => {
    expectRefusal(() => match({ kind } as unknown as Expr, handlers), { error: TypeError, param: "kind", value: kind });
  });

  it("refuses handlers without a function for the node's kind with a TypeError naming handlers", () => {
    const { num: _dropped, ...partial } = recorder().handlers;
    expectRefusal(() => match(num(1), partial as unknown as Handlers<string>), { error: TypeError, param: "handlers" });
  });

  it("refuses a handler that is not a function, a string say, with a TypeError naming handlers", () => {
    expectRefusal(() => match(v("x"), { ...recorder().handlers, var: "x" } as unknown as Handlers<string>), { error: TypeError, param: "handlers" });
  });

  it("refuses null as handlers with a TypeError naming handlers", () => {
    expectRefusal(() => match(num(1), null as unknown as Handlers<string>), { error: TypeError, param: "handlers", value: null });
  });

  it("refuses 42 as handlers with a TypeError naming handlers and showing it", () => {
    expectRefusal(() => match(num(1), 42 as unknown as Handlers<string>), { error: TypeError, param: "handlers", value: 42 });
  });

  const deepPow = () => JSON.parse('{ "kind": "binary", "op": "+", "left": { "kind": "num", "value": 1 }, "right": { "kind": "pow", "value": 2 } }') as Expr;
  const deepNull = () => JSON.parse('{ "kind": "unary", "op": "-", "operand": null }') as Expr;
  const operations: Array<[string, (e: Expr) => unknown]> = [
    ["print", (e) => print(e)],
    ["evaluate", (e) => evaluate(e)],
    ["count", (e) => count(e)],
    ["rename", (e) => rename(e, "x", "y")],
    ["toClasses", (e) => toClasses(e)],
  ];

  it.each(operations)('refuses, in %s, a node of kind "pow" deep in the tree with a RangeError naming kind', (_op, run) => {
    expectRefusal(() => run(deepPow()), { error: RangeError, param: "kind", value: "pow" });
  });

  it.each(operations)("refuses, in %s, a null child deep in the tree with a TypeError naming expr", (_op, run) => {
    expectRefusal(() => run(deepNull()), { error: TypeError, param: "expr", value: null });
  });

  it.each([
    ['"**"', "**"],
    ['"%"', "%"],
    ['"toString" (a member of every object, not an op)', "toString"],
    ['"" (the empty string)', ""],
  ] as const)("refuses a binary op %s in evaluate with a RangeError naming op and showing it", (_label, op) => {
    expectRefusal(() => evaluate(bin(op as unknown as BinaryOp, num(2), num(3))), { error: RangeError, param: "op", value: op });
  });

  it('refuses a unary op "+" in evaluate with a RangeError naming op and showing it', () => {
    expectRefusal(() => evaluate({ kind: "unary", op: "+" as "-", operand: num(1) }), { error: RangeError, param: "op", value: "+" });
  });

  it.each([
    ["42", 42],
    ["null", null],
  ] as const)("refuses a binary op that is %s in evaluate with a TypeError naming op", (_label, op) => {
    expectRefusal(() => evaluate(bin(op as unknown as BinaryOp, num(2), num(3))), { error: TypeError, param: "op", value: op });
  });

  const badNames = [
    { label: "42", value: 42, error: TypeError },
    { label: "null", value: null, error: TypeError },
    { label: "undefined", value: undefined, error: TypeError },
    { label: "10n", value: 10n, error: TypeError },
    { label: '"" (the empty string)', value: "", error: RangeError },
    { label: '"1x" (starts with a digit)', value: "1x", error: RangeError },
    { label: '"a b" (a space)', value: "a b", error: RangeError },
    { label: '"x+1"', value: "x+1", error: RangeError },
  ];
  for (const param of ["from", "to"] as const) {
    for (const { label, value, error } of badNames) {
      it(`refuses ${label} as ${param} in rename with a ${error.name} naming ${param} and showing it, even where nothing would be renamed`, () => {
        const args: [string, string] = param === "from" ? [value as string, "y"] : ["x", value as string];
        expectRefusal(() => rename(num(1), ...args), { error, param, value });
      });
    }
  }

  for (const c of [
    { label: "42 as from", param: "from", value: 42, error: TypeError, args: [42, "y"] },
    { label: '"" as from', param: "from", value: "", error: RangeError, args: ["", "y"] },
    { label: "null as to", param: "to", value: null, error: TypeError, args: ["x", null] },
    { label: '"1x" as to', param: "to", value: "1x", error: RangeError, args: ["x", "1x"] },
  ]) {
    it(`refuses ${c.label} in new Renamer with a ${c.error.name} naming ${c.param} and showing it`, () => {
      const { param, value, error, args } = c;
      expectRefusal(() => new Renamer(...(args as unknown as [string, string])), { error, param, value });
    });
  }
});
