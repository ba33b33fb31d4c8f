import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { expectRefusal } from "../../tools/kit";
import { createSubject, type Subject } from "./observer";

/** The lesson's events: a document saved (with its id) and the editor closed (no payload). */
interface Editor {
  saved: { id: number };
  closed: void;
}

/** Runs `fn`, expects it to throw an AggregateError, and returns it. */
function aggregateFrom(fn: () => unknown): AggregateError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "emit should have thrown an AggregateError").toBeInstanceOf(AggregateError);
  return thrown as AggregateError;
}

/** A listener that writes `name` (and the payload's id, when there is one) into `log`. */
function logger(log: string[], name: string) {
  return (payload: { id: number } | void) => void log.push(payload ? `${name}:${payload.id}` : name);
}

describe("1. on(event, listener) and emit(event, payload): every subscriber gets every event, in subscription order", () => {
  it("calls a listener with the payload, the very object given, as its one argument", () => {
    const editor = createSubject<Editor>();
    const listener = vi.fn();
    editor.on("saved", listener);
    const payload = { id: 1 };
    editor.emit("saved", payload);
    expect(listener.mock.calls).toEqual([[payload]]);
    expect(listener.mock.calls[0]?.[0]).toBe(payload);
  });

  it("calls the listeners in the order they subscribed, once each per emit", () => {
    const editor = createSubject<Editor>();
    const log: string[] = [];
    editor.on("saved", logger(log, "a"));
    editor.on("saved", logger(log, "b"));
    editor.on("saved", logger(log, "c"));
    editor.emit("saved", { id: 1 });
    editor.emit("saved", { id: 2 });
    expect(log).toEqual(["a:1", "b:1", "c:1", "a:2", "b:2", "c:2"]);
  });

  it("calls only the listeners of the event emitted", () => {
    const editor = createSubject<Editor>();
    const saved = vi.fn();
    const closed = vi.fn();
    editor.on("saved", saved);
    editor.on("closed", closed);
    editor.emit("closed");
    expect(closed).toHaveBeenCalledTimes(1);
    expect(saved).not.toHaveBeenCalled();
  });

  it("returns undefined from emit, with or without subscribers", () => {
    const editor = createSubject<Editor>();
    expect(editor.emit("saved", { id: 1 })).toBeUndefined();
    editor.on("saved", () => {});
    expect(editor.emit("saved", { id: 2 })).toBeUndefined();
  });

  it("returns an unsubscribe function from on", () => {
    const editor = createSubject<Editor>();
    expect(editor.on("saved", () => {})).toBeTypeOf("function");
  });

  it("treats each on() as its own subscription: the same function subscribed twice is called twice", () => {
    const editor = createSubject<Editor>();
    const listener = vi.fn();
    editor.on("saved", listener);
    editor.on("saved", listener);
    editor.emit("saved", { id: 1 });
    expect(listener).toHaveBeenCalledTimes(2);
    expect(editor.listenerCount("saved")).toBe(2);
  });

  it("counts the subscriptions of each event with listenerCount, 0 for an event nobody listens to", () => {
    const editor = createSubject<Editor>();
    expect(editor.listenerCount("saved")).toBe(0);
    editor.on("saved", () => {});
    editor.on("saved", () => {});
    editor.on("closed", () => {});
    expect(editor.listenerCount("saved")).toBe(2);
    expect(editor.listenerCount("closed")).toBe(1);
  });

  it("keeps two subjects apart: each has its own subscribers", () => {
    const left = createSubject<Editor>();
    const right = createSubject<Editor>();
    const onLeft = vi.fn();
    const onRight = vi.fn();
    left.on("saved", onLeft);
    right.on("saved", onRight);
    left.emit("saved", { id: 1 });
    expect(onLeft).toHaveBeenCalledTimes(1);
    expect(onRight).not.toHaveBeenCalled();
    expect(right.listenerCount("saved")).toBe(1);
    expect(left.listenerCount("closed")).toBe(0);
  });
});

describe("2. leaving: the unsubscribe function, off(event, listener) and once(event, listener)", () => {
  it("stops calling a listener once its unsubscribe function ran, and counts it no more", () => {
    const editor = createSubject<Editor>();
    const listener = vi.fn();
    const unsubscribe = editor.on("saved", listener);
    editor.emit("saved", { id: 1 });
    unsubscribe();
    editor.emit("saved", { id: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(editor.listenerCount("saved")).toBe(0);
  });

  it("ends only its own subscription when the same function is subscribed twice", () => {
    const editor = createSubject<Editor>();
    const listener = vi.fn();
    const first = editor.on("saved", listener);
    editor.on("saved", listener);
    first();
    editor.emit("saved", { id: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("does nothing when an unsubscribe function runs a second time: no error, no other subscription ended", () => {
    const editor = createSubject<Editor>();
    const listener = vi.fn();
    const first = editor.on("saved", listener);
    editor.on("saved", listener);
    first();
    expect(first()).toBeUndefined();
    editor.emit("saved", { id: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(editor.listenerCount("saved")).toBe(1);
  });

  it("off(event, listener) ends the oldest subscription of that function to that event and returns true", () => {
    const editor = createSubject<Editor>();
    const log: string[] = [];
    const a = logger(log, "a");
    editor.on("saved", a);
    editor.on("saved", logger(log, "b"));
    editor.on("saved", a);
    expect(editor.off("saved", a)).toBe(true);
    editor.emit("saved", { id: 1 });
    expect(log).toEqual(["b:1", "a:1"]);
  });

  it("off returns false, and changes nothing, for a function not subscribed to that event", () => {
    const editor = createSubject<Editor>();
    const listener = vi.fn();
    editor.on("closed", listener);
    expect(editor.off("saved", listener as never)).toBe(false);
    expect(editor.off("closed", () => {})).toBe(false);
    editor.emit("closed");
    expect(listener).toHaveBeenCalledTimes(1);
    expect(editor.listenerCount("closed")).toBe(1);
  });

  it("off returns false for a subscription already ended by its unsubscribe function", () => {
    const editor = createSubject<Editor>();
    const listener = vi.fn();
    const unsubscribe = editor.on("saved", listener);
    unsubscribe();
    expect(editor.off("saved", listener)).toBe(false);
  });

  it("once: calls the listener for the first emit only, with its payload, and then counts it no more", () => {
    const editor = createSubject<Editor>();
    const listener = vi.fn();
    editor.once("saved", listener);
    expect(editor.listenerCount("saved")).toBe(1);
    const first = { id: 1 };
    editor.emit("saved", first);
    editor.emit("saved", { id: 2 });
    expect(listener.mock.calls).toEqual([[first]]);
    expect(listener.mock.calls[0]?.[0]).toBe(first);
    expect(editor.listenerCount("saved")).toBe(0);
  });

  it("once: its unsubscribe function, or off with the same function, ends it before it is ever called", () => {
    const editor = createSubject<Editor>();
    const a = vi.fn();
    const b = vi.fn();
    const unsubscribe = editor.once("saved", a);
    editor.once("saved", b);
    unsubscribe();
    expect(editor.off("saved", b)).toBe(true);
    editor.emit("saved", { id: 1 });
    expect(a).not.toHaveBeenCalled();
    expect(b).not.toHaveBeenCalled();
  });

  it("once: keeps its place in the subscription order", () => {
    const editor = createSubject<Editor>();
    const log: string[] = [];
    editor.on("saved", logger(log, "a"));
    editor.once("saved", logger(log, "once"));
    editor.on("saved", logger(log, "c"));
    editor.emit("saved", { id: 1 });
    editor.emit("saved", { id: 2 });
    expect(log).toEqual(["a:1", "once:1", "c:1", "a:2", "c:2"]);
  });

  it("once: an unsubscribe function run after the call does nothing, and ends no other subscription", () => {
    const editor = createSubject<Editor>();
    const listener = vi.fn();
    const unsubscribe = editor.once("saved", listener);
    editor.on("saved", listener);
    editor.emit("saved", { id: 1 });
    unsubscribe();
    editor.emit("saved", { id: 2 });
    expect(listener).toHaveBeenCalledTimes(3);
  });
});

describe("3. joining and leaving during an emit: the subscribers are those of the moment emit began", () => {
  it("does not call a listener that joined during this emit; the next emit calls it", () => {
    const editor = createSubject<Editor>();
    const log: string[] = [];
    const late = logger(log, "late");
    editor.on("saved", (payload) => {
      log.push(`a:${payload.id}`);
      if (payload.id === 1) editor.on("saved", late);
    });
    editor.emit("saved", { id: 1 });
    editor.emit("saved", { id: 2 });
    expect(log).toEqual(["a:1", "a:2", "late:2"]);
  });

  it("does not call a listener that left during this emit before its turn", () => {
    const editor = createSubject<Editor>();
    const log: string[] = [];
    let leaveB = () => {};
    editor.on("saved", (payload) => {
      log.push(`a:${payload.id}`);
      leaveB();
    });
    leaveB = editor.on("saved", logger(log, "b"));
    editor.on("saved", logger(log, "c"));
    editor.emit("saved", { id: 1 });
    expect(log).toEqual(["a:1", "c:1"]);
  });

  it("does not call a listener removed with off during this emit before its turn", () => {
    const editor = createSubject<Editor>();
    const log: string[] = [];
    const b = logger(log, "b");
    editor.on("saved", () => void editor.off("saved", b));
    editor.on("saved", b);
    editor.on("saved", logger(log, "c"));
    editor.emit("saved", { id: 1 });
    expect(log).toEqual(["c:1"]);
  });

  it("still calls every later listener once when a listener leaves during the emit (itself, or one that ran)", () => {
    const editor = createSubject<Editor>();
    const log: string[] = [];
    const leaveA = editor.on("saved", logger(log, "a"));
    const leaveB = editor.on("saved", (payload) => {
      log.push(`b:${payload.id}`);
      leaveA();
      leaveB();
    });
    editor.on("saved", logger(log, "c"));
    editor.on("saved", logger(log, "d"));
    editor.emit("saved", { id: 1 });
    editor.emit("saved", { id: 2 });
    expect(log).toEqual(["a:1", "b:1", "c:1", "d:1", "c:2", "d:2"]);
  });

  it("runs an emit made by a listener to its end before the outer emit goes on", () => {
    const editor = createSubject<Editor>();
    const log: string[] = [];
    editor.on("saved", (payload) => {
      log.push(`a:${payload.id}`);
      editor.emit("closed");
      log.push(`a done`);
    });
    editor.on("saved", logger(log, "b"));
    editor.on("closed", logger(log, "closed"));
    editor.emit("saved", { id: 1 });
    expect(log).toEqual(["a:1", "closed", "a done", "b:1"]);
  });

  it("once: a listener that emits the same event again is not called a second time", () => {
    const editor = createSubject<Editor>();
    const listener = vi.fn((payload: { id: number }) => {
      if (payload.id === 1) editor.emit("saved", { id: 2 });
    });
    editor.once("saved", listener);
    editor.emit("saved", { id: 1 });
    expect(listener.mock.calls).toEqual([[{ id: 1 }]]);
  });
});

describe("4. a failing listener neither stops the others nor leaves: emit throws one AggregateError after all ran", () => {
  it("calls every listener, in order, when one in the middle throws, then throws", () => {
    const editor = createSubject<Editor>();
    const log: string[] = [];
    editor.on("saved", logger(log, "a"));
    editor.on("saved", () => {
      log.push("b throws");
      throw new Error("b failed");
    });
    editor.on("saved", logger(log, "c"));
    aggregateFrom(() => editor.emit("saved", { id: 1 }));
    expect(log).toEqual(["a:1", "b throws", "c:1"]);
  });

  it("throws an AggregateError whose errors are the thrown values, by identity, in the order the listeners ran", () => {
    const editor = createSubject<Editor>();
    const first = new Error("first");
    const second = new TypeError("second");
    editor.on("saved", () => {
      throw first;
    });
    editor.on("saved", () => {});
    editor.on("saved", () => {
      throw second;
    });
    const error = aggregateFrom(() => editor.emit("saved", { id: 1 }));
    expect(error.errors).toHaveLength(2);
    expect(error.errors[0]).toBe(first);
    expect(error.errors[1]).toBe(second);
  });

  it("throws an AggregateError even when only one listener failed", () => {
    const editor = createSubject<Editor>();
    const only = new Error("only");
    editor.on("saved", () => {
      throw only;
    });
    const error = aggregateFrom(() => editor.emit("saved", { id: 1 }));
    expect(error.errors).toEqual([only]);
    expect(error.errors[0]).toBe(only);
  });

  it("keeps a thrown value that is not an Error as it is", () => {
    const editor = createSubject<Editor>();
    editor.on("closed", () => {
      throw "not an error";
    });
    const error = aggregateFrom(() => editor.emit("closed"));
    expect(error.errors).toEqual(["not an error"]);
  });

  it("keeps a failing listener subscribed: the next emit calls it again", () => {
    const editor = createSubject<Editor>();
    const failing = vi.fn(() => {
      throw new Error("always");
    });
    editor.on("saved", failing);
    aggregateFrom(() => editor.emit("saved", { id: 1 }));
    expect(editor.listenerCount("saved")).toBe(1);
    aggregateFrom(() => editor.emit("saved", { id: 2 }));
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it("once: a listener that throws has still left", () => {
    const editor = createSubject<Editor>();
    const failing = vi.fn(() => {
      throw new Error("once");
    });
    editor.once("saved", failing);
    aggregateFrom(() => editor.emit("saved", { id: 1 }));
    expect(editor.listenerCount("saved")).toBe(0);
    expect(() => editor.emit("saved", { id: 2 })).not.toThrow();
    expect(failing).toHaveBeenCalledTimes(1);
  });

  describe("the laws", () => {
    /** One step of a run: subscribe to an event, leave by a subscription's number, or emit. */
    const step = fc.oneof(
      fc.record({ op: fc.constant("on" as const), event: fc.constantFrom("saved" as const, "closed" as const), once: fc.boolean() }),
      fc.record({ op: fc.constant("leave" as const), which: fc.nat({ max: 9 }) }),
      fc.record({ op: fc.constant("emit" as const), event: fc.constantFrom("saved" as const, "closed" as const) }),
    );

    it("calls, at every emit, exactly the subscribers of that event still subscribed, in subscription order, once each", () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
          const editor = createSubject<Editor>();
          const leaves: Array<() => void> = [];
          // The model: every subscription ever made, with whether it still listens.
          const model: Array<{ n: number; event: "saved" | "closed"; once: boolean; live: boolean }> = [];
          const seen: number[][] = [];
          for (const s of steps) {
            if (s.op === "on") {
              const n = model.length;
              model.push({ n, event: s.event, once: s.once, live: true });
              const listener = () => void seen.at(-1)?.push(n);
              leaves.push(s.once ? editor.once(s.event, listener) : editor.on(s.event, listener));
            } else if (s.op === "leave") {
              const target = model[s.which];
              if (target) {
                leaves[s.which]?.();
                target.live = false;
              }
            } else {
              seen.push([]);
              const expected = model.filter((m) => m.live && m.event === s.event);
              editor.emit(s.event, ...((s.event === "saved" ? [{ id: 1 }] : []) as [{ id: number }]));
              expect(seen.at(-1)).toEqual(expected.map((m) => m.n));
              for (const m of expected) if (m.once) m.live = false;
            }
            for (const event of ["saved", "closed"] as const) {
              expect(editor.listenerCount(event)).toBe(model.filter((m) => m.live && m.event === event).length);
            }
          }
        }),
      );
    });

    it("unsubscribing is idempotent: after any unsubscribe calls, repeats included, each remaining subscription is called once per emit", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.nat({ max: 5 }), { maxLength: 12 }), (count, calls) => {
          const editor = createSubject<Editor>();
          const listener = vi.fn();
          const leaves = Array.from({ length: count }, () => editor.on("saved", listener));
          const ended = new Set<number>();
          for (const i of calls) {
            if (i < count) {
              leaves[i]?.();
              ended.add(i);
            }
          }
          editor.emit("saved", { id: 1 });
          expect(listener).toHaveBeenCalledTimes(count - ended.size);
          expect(editor.listenerCount("saved")).toBe(count - ended.size);
        }),
      );
    });

    it("failing listeners: every listener runs once, in order, and emit throws exactly the failures' values in that order (nothing when none failed)", () => {
      fc.assert(
        fc.property(fc.array(fc.boolean(), { maxLength: 8 }), fc.integer({ min: 1, max: 3 }), (fails, emits) => {
          const editor = createSubject<Editor>();
          const ran: number[] = [];
          fails.forEach((fail, i) => {
            editor.on("saved", () => {
              ran.push(i);
              if (fail) throw new Error(`listener ${i}`);
            });
          });
          for (let e = 0; e < emits; e++) {
            ran.length = 0;
            let thrown: unknown;
            try {
              editor.emit("saved", { id: e });
            } catch (error) {
              thrown = error;
            }
            expect(ran).toEqual(fails.map((_, i) => i));
            const expected = fails.flatMap((fail, i) => (fail ? [`listener ${i}`] : []));
            if (expected.length === 0) expect(thrown).toBeUndefined();
            else {
              expect(thrown).toBeInstanceOf(AggregateError);
              expect((thrown as AggregateError).errors.map((x: Error) => x.message)).toEqual(expected);
            }
          }
        }),
      );
    });

    it("once is called exactly once, with the first payload, however many emits follow; on is called at every one", () => {
      fc.assert(
        fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 10 }), (ids) => {
          const editor = createSubject<Editor>();
          const onceSeen: number[] = [];
          const onSeen: number[] = [];
          editor.once("saved", (p) => void onceSeen.push(p.id));
          editor.on("saved", (p) => void onSeen.push(p.id));
          for (const id of ids) editor.emit("saved", { id });
          expect(onceSeen).toEqual([ids[0]]);
          expect(onSeen).toEqual(ids);
        }),
      );
    });
  });
});

describe("5. bad input from untyped callers follows the workbook's contract, and subscribes nothing", () => {
  /** A subject with one listener on "saved", to check that a refusal changed nothing. */
  function subjectWithOne(): { editor: Subject<Editor>; listener: ReturnType<typeof vi.fn> } {
    const editor = createSubject<Editor>();
    const listener = vi.fn();
    editor.on("saved", listener);
    return { editor, listener };
  }

  function expectUnchanged({ editor, listener }: ReturnType<typeof subjectWithOne>): void {
    expect(editor.listenerCount("saved")).toBe(1);
    editor.emit("saved", { id: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
  }

  for (const method of ["on", "once"] as const) {
    for (const value of [42, null, undefined, "listener", { handleEvent() {} }]) {
      const label = typeof value === "object" && value !== null ? "an object" : String(JSON.stringify(value) ?? value);
      it(`${method}: refuses the listener ${label} with a TypeError naming listener, and subscribes nothing`, () => {
        const subject = subjectWithOne();
        expectRefusal(() => subject.editor[method]("saved", value as never), { error: TypeError, param: "listener", value });
        expectUnchanged(subject);
      });
    }
    for (const value of [42, null, undefined, Symbol("saved"), 10n]) {
      it(`${method}: refuses the event ${typeof value === "bigint" ? `${value}n` : String(value)} (not a string) with a TypeError naming event`, () => {
        const subject = subjectWithOne();
        expectRefusal(() => subject.editor[method](value as never, () => {}), { error: TypeError, param: "event", value });
        expectUnchanged(subject);
      });
    }
    it(`${method}: refuses the event "" (the empty string) with a RangeError naming event`, () => {
      const subject = subjectWithOne();
      expectRefusal(() => subject.editor[method]("" as never, () => {}), { error: RangeError, param: "event", value: "" });
      expectUnchanged(subject);
    });
  }

  it("off: refuses the listener 42 with a TypeError naming listener, and ends nothing", () => {
    const subject = subjectWithOne();
    expectRefusal(() => subject.editor.off("saved", 42 as never), { error: TypeError, param: "listener", value: 42 });
    expectUnchanged(subject);
  });

  it("off: refuses the event null with a TypeError naming event, and ends nothing", () => {
    const subject = subjectWithOne();
    expectRefusal(() => subject.editor.off(null as never, subject.listener as never), { error: TypeError, param: "event", value: null });
    expectUnchanged(subject);
  });

  it("emit: refuses the event 42 with a TypeError naming event, and calls nobody", () => {
    const subject = subjectWithOne();
    expectRefusal(() => subject.editor.emit(42 as never), { error: TypeError, param: "event", value: 42 });
    expect(subject.listener).not.toHaveBeenCalled();
  });

  it('emit: refuses the event "" with a RangeError naming event, and calls nobody', () => {
    const subject = subjectWithOne();
    expectRefusal(() => subject.editor.emit("" as never), { error: RangeError, param: "event", value: "" });
    expect(subject.listener).not.toHaveBeenCalled();
  });

  it("listenerCount: refuses the event undefined with a TypeError naming event", () => {
    const subject = subjectWithOne();
    expectRefusal(() => subject.editor.listenerCount(undefined as never), { error: TypeError, param: "event", value: undefined });
  });
});
