import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { expectRefusal } from "../../tools/kit";
import { createRoom, type Message, type Room } from "./mediator";

/** A participant's inbox: the `deliver` to join with, and every message it was called with. */
function inbox(): { deliver: (message: Message) => void; got: Message[] } {
  const got: Message[] = [];
  return { deliver: (message) => void got.push(message), got };
}

const broadcast = (from: string, text: string): Message => ({ type: "broadcast", from, text });
const direct = (from: string, text: string): Message => ({ type: "direct", from, text });
const joined = (name: string): Message => ({ type: "joined", name });
const left = (name: string): Message => ({ type: "left", name });

/** One line per delivery, `who <- what`, in one log shared by several participants. */
function line(who: string, message: Message): string {
  if (message.type === "joined" || message.type === "left") return `${who} <- ${message.name} ${message.type}`;
  return `${who} <- ${message.from}${message.type === "direct" ? " (direct)" : ""}: ${message.text}`;
}

describe("1. join(name, deliver) and broadcast(from, text): a broadcast reaches everyone else in the room", () => {
  it("delivers a broadcast to every other participant as { type: \"broadcast\", from, text }, and not to the sender", () => {
    const room = createRoom();
    const ann = inbox();
    const bob = inbox();
    const cy = inbox();
    room.join("Ann", ann.deliver);
    room.join("Bob", bob.deliver);
    room.join("Cy", cy.deliver);
    ann.got.length = bob.got.length = cy.got.length = 0;
    room.broadcast("Ann", "hello, everyone");
    expect(bob.got).toEqual([broadcast("Ann", "hello, everyone")]);
    expect(cy.got).toEqual([broadcast("Ann", "hello, everyone")]);
    expect(ann.got).toEqual([]);
  });

  it("calls each deliver once per message, with the message as its one argument, before broadcast returns", () => {
    const room = createRoom();
    const deliver = vi.fn();
    room.join("Ann", () => {});
    room.join("Bob", deliver);
    room.broadcast("Ann", "one");
    expect(deliver.mock.calls).toEqual([[broadcast("Ann", "one")]]);
  });

  it("delivers to the others in the order they joined", () => {
    const room = createRoom();
    const log: string[] = [];
    for (const name of ["Dee", "Ann", "Cy", "Bob"]) room.join(name, (message) => void log.push(line(name, message)));
    log.length = 0;
    room.broadcast("Cy", "hi");
    expect(log).toEqual(["Dee <- Cy: hi", "Ann <- Cy: hi", "Bob <- Cy: hi"]);
  });

  it("delivers several broadcasts from one sender in the order they were sent", () => {
    const room = createRoom();
    const bob = inbox();
    room.join("Ann", () => {});
    room.join("Bob", bob.deliver);
    room.broadcast("Ann", "one");
    room.broadcast("Ann", "two");
    room.broadcast("Ann", "three");
    expect(bob.got).toEqual([broadcast("Ann", "one"), broadcast("Ann", "two"), broadcast("Ann", "three")]);
  });

  it("tells everyone already in the room who joined, as { type: \"joined\", name }, in join order", () => {
    const room = createRoom();
    const log: string[] = [];
    room.join("Ann", (message) => void log.push(line("Ann", message)));
    room.join("Bob", (message) => void log.push(line("Bob", message)));
    room.join("Cy", (message) => void log.push(line("Cy", message)));
    expect(log).toEqual(["Ann <- Bob joined", "Ann <- Cy joined", "Bob <- Cy joined"]);
  });

  it("gives the newcomer no notice: not of itself, not of those already here", () => {
    const room = createRoom();
    const cy = inbox();
    room.join("Ann", () => {});
    room.join("Bob", () => {});
    room.join("Cy", cy.deliver);
    expect(cy.got).toEqual([]);
  });

  it("reaches nobody, and is no error, when the sender is alone in the room", () => {
    const room = createRoom();
    const ann = inbox();
    room.join("Ann", ann.deliver);
    expect(() => room.broadcast("Ann", "anyone?")).not.toThrow();
    expect(ann.got).toEqual([]);
  });

  it("lists the names in the room with members(), in join order (an empty room: [])", () => {
    const room = createRoom();
    expect(room.members()).toEqual([]);
    room.join("Cy", () => {});
    room.join("Ann", () => {});
    room.join("Bob", () => {});
    expect(room.members()).toEqual(["Cy", "Ann", "Bob"]);
  });

  it("gives a copy from members(): changing the array changes nothing in the room", () => {
    const room = createRoom();
    room.join("Ann", () => {});
    room.members().push("Mallory");
    const names = room.members();
    names.length = 0;
    expect(room.members()).toEqual(["Ann"]);
    expect(room.members()).not.toBe(room.members());
  });

  it("takes any name that is not blank, \"__proto__\" and Chinese names included", () => {
    const room = createRoom();
    const wang = inbox();
    room.join("__proto__", () => {});
    room.join("王五", wang.deliver);
    expect(room.members()).toEqual(["__proto__", "王五"]);
    room.broadcast("__proto__", "你好");
    expect(wang.got).toEqual([broadcast("__proto__", "你好")]);
  });

  it('keeps join order whatever the names: "Ann", then "10", then "2" stay in that order', () => {
    const room = createRoom();
    const log: string[] = [];
    for (const name of ["Ann", "10", "2"]) room.join(name, (message) => void log.push(line(name, message)));
    expect(room.members()).toEqual(["Ann", "10", "2"]);
    log.length = 0;
    room.broadcast("Ann", "hi");
    expect(log).toEqual(["10 <- Ann: hi", "2 <- Ann: hi"]);
  });

  it("keeps two rooms apart: the same name may be in both, and a broadcast in one reaches nobody in the other", () => {
    const kitchen = createRoom();
    const garden = createRoom();
    const bobInKitchen = inbox();
    const bobInGarden = inbox();
    kitchen.join("Ann", () => {});
    kitchen.join("Bob", bobInKitchen.deliver);
    garden.join("Ann", () => {});
    garden.join("Bob", bobInGarden.deliver);
    kitchen.broadcast("Ann", "dinner is ready");
    expect(bobInKitchen.got).toEqual([broadcast("Ann", "dinner is ready")]);
    expect(bobInGarden.got).toEqual([]);
    expect(garden.members()).toEqual(["Ann", "Bob"]);
  });
});

describe("2. send(from, to, text): a direct message reaches one participant only", () => {
  it("delivers { type: \"direct\", from, text } to `to`, and to nobody else, not the sender", () => {
    const room = createRoom();
    const ann = inbox();
    const bob = inbox();
    const cy = inbox();
    room.join("Ann", ann.deliver);
    room.join("Bob", bob.deliver);
    room.join("Cy", cy.deliver);
    ann.got.length = bob.got.length = cy.got.length = 0;
    room.send("Ann", "Cy", "just between us");
    expect(cy.got).toEqual([direct("Ann", "just between us")]);
    expect(bob.got).toEqual([]);
    expect(ann.got).toEqual([]);
  });

  it("keeps one sender's direct messages and broadcasts in the order they were sent", () => {
    const room = createRoom();
    const bob = inbox();
    room.join("Ann", () => {});
    room.join("Bob", bob.deliver);
    room.join("Cy", () => {});
    bob.got.length = 0;
    room.broadcast("Ann", "one");
    room.send("Ann", "Bob", "two");
    room.send("Ann", "Cy", "not for Bob");
    room.broadcast("Ann", "three");
    expect(bob.got).toEqual([broadcast("Ann", "one"), direct("Ann", "two"), broadcast("Ann", "three")]);
  });

  it("delivers any string as a text, the empty string and a newline included", () => {
    const room = createRoom();
    const bob = inbox();
    room.join("Ann", () => {});
    room.join("Bob", bob.deliver);
    room.send("Ann", "Bob", "");
    room.broadcast("Ann", "two\nlines");
    expect(bob.got).toEqual([direct("Ann", ""), broadcast("Ann", "two\nlines")]);
  });

  it("keeps two rooms apart: a direct message goes to the `to` of the sender's room", () => {
    const kitchen = createRoom();
    const garden = createRoom();
    const bobInKitchen = inbox();
    const bobInGarden = inbox();
    kitchen.join("Ann", () => {});
    kitchen.join("Bob", bobInKitchen.deliver);
    garden.join("Ann", () => {});
    garden.join("Bob", bobInGarden.deliver);
    garden.send("Ann", "Bob", "the roses");
    expect(bobInGarden.got).toEqual([direct("Ann", "the roses")]);
    expect(bobInKitchen.got).toEqual([]);
  });
});

describe("3. leaving: the function join returned", () => {
  it("takes the participant out: no more deliveries, and not in members()", () => {
    const room = createRoom();
    const bob = inbox();
    room.join("Ann", () => {});
    const bobLeaves = room.join("Bob", bob.deliver);
    room.join("Cy", () => {});
    bob.got.length = 0;
    bobLeaves();
    room.broadcast("Ann", "is Bob gone?");
    expect(bob.got).toEqual([]);
    expect(room.members()).toEqual(["Ann", "Cy"]);
  });

  it("tells everyone still in the room, as { type: \"left\", name }, in join order; the one who left hears nothing", () => {
    const room = createRoom();
    const log: string[] = [];
    for (const name of ["Ann", "Bob", "Cy"]) room.join(name, (message) => void log.push(line(name, message)));
    const deeLeaves = room.join("Dee", (message) => void log.push(line("Dee", message)));
    log.length = 0;
    deeLeaves();
    expect(log).toEqual(["Ann <- Dee left", "Bob <- Dee left", "Cy <- Dee left"]);
  });

  it("does nothing when called again: no error, no second notice, nobody else leaves", () => {
    const room = createRoom();
    const ann = inbox();
    room.join("Ann", ann.deliver);
    const bobLeaves = room.join("Bob", () => {});
    bobLeaves();
    expect(() => bobLeaves()).not.toThrow();
    expect(ann.got).toEqual([joined("Bob"), left("Bob")]);
    expect(room.members()).toEqual(["Ann"]);
  });

  it("frees the name: it may join again, with a new deliver, at the end of members(); the old deliver hears nothing more", () => {
    const room = createRoom();
    const first = inbox();
    const second = inbox();
    const bobLeaves = room.join("Bob", first.deliver);
    room.join("Ann", () => {});
    first.got.length = 0;
    bobLeaves();
    room.join("Bob", second.deliver);
    room.broadcast("Ann", "welcome back");
    expect(second.got).toEqual([broadcast("Ann", "welcome back")]);
    expect(first.got).toEqual([]);
    expect(room.members()).toEqual(["Ann", "Bob"]);
  });

  it("ends only its own stay: an old leave() does nothing to someone who joined again under the same name", () => {
    const room = createRoom();
    const ann = inbox();
    const again = inbox();
    room.join("Ann", ann.deliver);
    const firstStay = room.join("Bob", () => {});
    firstStay();
    room.join("Bob", again.deliver);
    ann.got.length = 0;
    firstStay();
    room.broadcast("Ann", "still here, Bob?");
    expect(room.members()).toEqual(["Ann", "Bob"]);
    expect(again.got).toEqual([broadcast("Ann", "still here, Bob?")]);
    expect(ann.got).toEqual([]);
  });

  it("leaves one room only: the same name in another room stays", () => {
    const kitchen = createRoom();
    const garden = createRoom();
    const leaveKitchen = kitchen.join("Bob", () => {});
    garden.join("Bob", () => {});
    leaveKitchen();
    expect(kitchen.members()).toEqual([]);
    expect(garden.members()).toEqual(["Bob"]);
  });
});

describe("4. order: the room has one queue, and a message sent during a delivery waits its turn", () => {
  it("delivers a reply sent from inside deliver after the message it answers, to everyone", () => {
    const room = createRoom();
    const log: string[] = [];
    room.join("Ann", (message) => void log.push(line("Ann", message)));
    room.join("Bob", (message) => {
      log.push(line("Bob", message));
      if (message.type === "broadcast" && message.text === "hi") room.broadcast("Bob", "hi, Ann");
    });
    room.join("Cy", (message) => void log.push(line("Cy", message)));
    log.length = 0;
    room.broadcast("Ann", "hi");
    expect(log).toEqual(["Bob <- Ann: hi", "Cy <- Ann: hi", "Ann <- Bob: hi, Ann", "Cy <- Bob: hi, Ann"]);
  });

  it("keeps one sender's order when its second message is sent from inside a deliver, before the first reached everyone", () => {
    const room = createRoom();
    const cy = inbox();
    room.join("Ann", (message) => {
      if (message.type === "direct") room.broadcast("Ann", "second");
    });
    room.join("Bob", (message) => {
      if (message.type === "broadcast" && message.text === "first") room.send("Bob", "Ann", "say more");
    });
    room.join("Cy", cy.deliver);
    cy.got.length = 0;
    room.broadcast("Ann", "first");
    expect(cy.got).toEqual([broadcast("Ann", "first"), broadcast("Ann", "second")]);
  });

  it("returns from a call made outside any delivery only once everything it caused has been delivered", () => {
    const room = createRoom();
    const ann = inbox();
    room.join("Ann", ann.deliver);
    room.join("Bob", (message) => {
      if (message.type === "direct" && message.text.length < 3) room.send("Bob", "Ann", `${message.text}!`);
    });
    room.join("Cy", (message) => {
      if (message.type === "direct") room.send("Cy", "Bob", message.text);
    });
    ann.got.length = 0;
    room.send("Ann", "Cy", "a");
    // Ann -> Cy "a", Cy -> Bob "a", Bob -> Ann "a!", all before send returns.
    expect(ann.got).toEqual([direct("Bob", "a!")]);
  });

  it("returns at once from a call made inside a deliver: the message waits its turn", () => {
    const room = createRoom();
    const seen: Message[][] = [];
    const cy = inbox();
    room.join("Ann", () => {});
    room.join("Bob", (message) => {
      if (message.type !== "broadcast" || message.text !== "hi") return;
      room.broadcast("Bob", "reply");
      seen.push([...cy.got]); // what Cy had when Bob's broadcast returned
    });
    room.join("Cy", cy.deliver);
    cy.got.length = 0;
    room.broadcast("Ann", "hi");
    expect(seen).toEqual([[]]);
    expect(cy.got).toEqual([broadcast("Ann", "hi"), broadcast("Bob", "reply")]);
  });

  it("delivers nothing more to someone who leaves during a delivery, not even the message in progress", () => {
    const room = createRoom();
    const cy = inbox();
    const log: string[] = [];
    room.join("Ann", (message) => void log.push(line("Ann", message)));
    room.join("Bob", (message) => {
      log.push(line("Bob", message));
      if (message.type === "broadcast") cyLeaves();
    });
    const cyLeaves = room.join("Cy", cy.deliver);
    cy.got.length = 0;
    log.length = 0;
    room.broadcast("Ann", "hi");
    expect(cy.got).toEqual([]);
    expect(log).toEqual(["Bob <- Ann: hi", "Ann <- Cy left", "Bob <- Cy left"]);
  });

  it("does not deliver a message still waiting to someone who left and joined again: the new stay did not get it", () => {
    const room = createRoom();
    const oldCy = inbox();
    const newCy = inbox();
    room.join("Ann", () => {});
    room.join("Bob", (message) => {
      if (message.type !== "broadcast") return;
      room.send("Bob", "Cy", "psst"); // waits: Ann's broadcast is still being delivered
      cyLeaves();
      room.join("Cy", newCy.deliver);
    });
    const cyLeaves = room.join("Cy", oldCy.deliver);
    oldCy.got.length = 0;
    room.broadcast("Ann", "hi");
    expect(oldCy.got).toEqual([]);
    expect(newCy.got).toEqual([]);
  });

  it("queues the room's notices too: a join or a leave during a delivery is announced after the message in progress", () => {
    const room = createRoom();
    const log: string[] = [];
    room.join("Ann", (message) => void log.push(line("Ann", message)));
    room.join("Bob", (message) => {
      log.push(line("Bob", message));
      if (message.type !== "broadcast") return;
      room.join("Dee", (m) => void log.push(line("Dee", m)))();
    });
    room.join("Cy", (message) => void log.push(line("Cy", message)));
    log.length = 0;
    room.broadcast("Ann", "hi");
    expect(log).toEqual(["Bob <- Ann: hi", "Cy <- Ann: hi", "Ann <- Dee joined", "Bob <- Dee joined", "Cy <- Dee joined", "Ann <- Dee left", "Bob <- Dee left", "Cy <- Dee left"]);
  });

  it("gives someone who joins during a delivery only what is sent after it joined", () => {
    const room = createRoom();
    const dee = inbox();
    room.join("Ann", () => {});
    room.join("Bob", (message) => {
      if (message.type !== "broadcast" || message.text !== "hi") return;
      room.broadcast("Bob", "before Dee");
      room.join("Dee", dee.deliver);
      room.broadcast("Bob", "after Dee");
    });
    room.join("Cy", () => {});
    room.broadcast("Ann", "hi");
    expect(dee.got).toEqual([broadcast("Bob", "after Dee")]);
    expect(room.members()).toEqual(["Ann", "Bob", "Cy", "Dee"]);
  });

  describe("the laws", () => {
    const NAMES = ["Ann", "Bob", "Cy", "Dee"] as const;
    const who = fc.nat({ max: NAMES.length - 1 });
    const text = fc.constantFrom("hi", "ok", "", "你好");

    it("any sequence of joins, leaves and messages in two rooms at once: each stay receives exactly what a small model says", () => {
      const step = fc.oneof(
        fc.record({ op: fc.constant("join" as const), room: fc.nat(1), who }),
        fc.record({ op: fc.constant("leave" as const), room: fc.nat(1), stay: fc.nat(11) }),
        fc.record({ op: fc.constant("broadcast" as const), room: fc.nat(1), who, text }),
        fc.record({ op: fc.constant("send" as const), room: fc.nat(1), who, to: who, text }),
      );
      fc.assert(
        fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
          interface Stay {
            readonly name: string;
            readonly got: Message[];
            readonly expected: Message[];
            readonly leave: () => void;
            here: boolean;
          }
          const rooms = [0, 1].map(() => ({ room: createRoom(), stays: [] as Stay[] }));
          const present = (r: (typeof rooms)[number]) => r.stays.filter((s) => s.here);
          for (const s of steps) {
            const r = rooms[s.room]!;
            const here = present(r);
            if (s.op === "join") {
              const name = NAMES[s.who]!;
              if (here.some((x) => x.name === name)) {
                expectRefusal(() => r.room.join(name, () => {}), { error: RangeError, param: "name", value: name });
              } else {
                const got: Message[] = [];
                const leave = r.room.join(name, (m) => void got.push(m));
                for (const x of here) x.expected.push(joined(name));
                r.stays.push({ name, got, expected: [], leave, here: true });
              }
            } else if (s.op === "leave") {
              const stay = r.stays[s.stay % Math.max(1, r.stays.length)];
              if (stay === undefined) continue;
              stay.leave();
              if (stay.here) {
                stay.here = false;
                for (const x of present(r)) x.expected.push(left(stay.name));
              }
            } else {
              const from = here.find((x) => x.name === NAMES[s.who]!);
              const to = s.op === "send" ? here.find((x) => x.name === NAMES[s.to]!) : undefined;
              if (s.op === "broadcast") {
                if (from === undefined) expectRefusal(() => r.room.broadcast(NAMES[s.who]!, s.text), { error: RangeError, param: "from", value: NAMES[s.who]! });
                else {
                  r.room.broadcast(from.name, s.text);
                  for (const x of here) if (x !== from) x.expected.push(broadcast(from.name, s.text));
                }
              } else if (from === undefined && to !== undefined) {
                expectRefusal(() => r.room.send(NAMES[s.who]!, NAMES[s.to]!, s.text), { error: RangeError, param: "from", value: NAMES[s.who]! });
              } else if (from === undefined) {
                // Neither is in the room: which of the two the refusal names is the room's choice.
                expect(() => r.room.send(NAMES[s.who]!, NAMES[s.to]!, s.text)).toThrow(RangeError);
              } else if (to === undefined || to === from) {
                expectRefusal(() => r.room.send(from.name, NAMES[s.to]!, s.text), { error: RangeError, param: "to", value: NAMES[s.to]! });
              } else {
                r.room.send(from.name, to.name, s.text);
                to.expected.push(direct(from.name, s.text));
              }
            }
            for (const [k, x] of rooms.entries()) {
              const members = x.room.members().join();
              const model = present(x).map((y) => y.name).join();
              if (members !== model) expect.unreachable(`room ${k} after ${JSON.stringify(s)}: members() is [${members}], the model says [${model}]`);
            }
          }
          for (const r of rooms) for (const stay of r.stays) expect(stay.got).toEqual(stay.expected);
        }),
      );
    });

    it("whatever participants send from inside deliver: everyone gets each sender's messages in the order sent, each reply after what it answers, and never their own", () => {
      // Each participant has a plan of replies: on each message it receives, it sends the next one (a
      // broadcast, or a direct message to someone else), until its plan runs out.
      const reply = fc.record({ direct: fc.boolean(), to: fc.nat({ max: NAMES.length - 2 }) });
      const plans = fc.array(fc.array(reply, { maxLength: 2 }), { minLength: NAMES.length, maxLength: NAMES.length });
      const starts = fc.array(fc.record({ who, direct: fc.boolean(), to: fc.nat({ max: NAMES.length - 2 }) }), { minLength: 1, maxLength: 3 });
      fc.assert(
        fc.property(plans, starts, (plan, start) => {
          const room = createRoom();
          const sent = NAMES.map(() => 0);
          const got = NAMES.map(() => [] as { from: number; seq: number; cause: string | null; id: string }[]);
          const recipients = new Map<string, number[]>(); // message id -> who it was sent to
          const say = (i: number, isDirect: boolean, to: number, cause: string | null) => {
            const id = `${i}.${sent[i]!}`;
            const text = JSON.stringify({ seq: sent[i]!, cause, id });
            sent[i]!++;
            const target = (i + 1 + to) % NAMES.length; // never the sender itself
            recipients.set(id, isDirect ? [target] : NAMES.map((_, k) => k).filter((k) => k !== i));
            if (isDirect) room.send(NAMES[i]!, NAMES[target]!, text);
            else room.broadcast(NAMES[i]!, text);
          };
          NAMES.forEach((name, i) => {
            const todo = [...plan[i]!];
            room.join(name, (message) => {
              if (message.type === "joined" || message.type === "left") return;
              const m = JSON.parse(message.text) as { seq: number; cause: string | null; id: string };
              got[i]!.push({ from: NAMES.indexOf(message.from as (typeof NAMES)[number]), ...m });
              const next = todo.shift();
              if (next) say(i, next.direct, next.to, m.id);
            });
          });
          for (const s of start) say(s.who, s.direct, s.to, null);
          const problems: string[] = [];
          NAMES.forEach((name, i) => {
            const mine = got[i]!;
            if (mine.some((m) => m.from === i)) problems.push(`${name} received its own message`);
            for (const [sender, other] of NAMES.entries()) {
              const seqs = mine.filter((m) => m.from === sender).map((m) => m.seq);
              if (seqs.some((seq, k) => k > 0 && seq < seqs[k - 1]!)) problems.push(`${name} got ${other}'s messages out of order: ${seqs.join(", ")}`);
            }
            const at = new Map(mine.map((m, k) => [m.id, k]));
            for (const [k, m] of mine.entries()) {
              if (m.cause !== null && (at.get(m.cause) ?? -1) > k) problems.push(`${name} got ${m.id} before ${m.cause}, which it answers`);
            }
          });
          // Exactly once: every message reached exactly its recipients (everyone stayed in the room).
          for (const [id, to] of recipients) {
            const reached = NAMES.flatMap((_, k) => got[k]!.filter((m) => m.id === id).map(() => k));
            if (reached.join() !== to.join()) problems.push(`${id} reached ${reached.join(", ") || "nobody"}, not ${to.join(", ")}`);
          }
          expect(problems).toEqual([]);
        }),
      );
    });

    it("whoever leaves or joins during deliveries: no stay receives anything after its leave(), and nobody receives their own message", () => {
      // Each delivery runs the next of some actions, as the participant it reaches: a broadcast, the
      // leave of someone, or the (re)join of someone who is out.
      const action = fc.record({ kind: fc.constantFrom("broadcast" as const, "leave" as const, "join" as const), whom: who });
      fc.assert(
        fc.property(fc.array(action, { maxLength: 12 }), fc.array(who, { minLength: 1, maxLength: 3 }), (actions, starts) => {
          const room = createRoom();
          const todo: typeof actions = [];
          const stays = new Map<string, { leave: () => void; gone: boolean }>();
          const problems: string[] = [];
          const enter = (name: string) => {
            const stay = { gone: false, leave: () => {} };
            stay.leave = room.join(name, (message) => {
              if (stay.gone) problems.push(`${name} got ${JSON.stringify(message)} after leaving`);
              if ((message.type === "broadcast" || message.type === "direct") && message.from === name) problems.push(`${name} got its own message`);
              const next = todo.shift();
              if (next === undefined || stay.gone) return;
              const whom = NAMES[next.whom]!;
              const theirs = stays.get(whom);
              if (next.kind === "broadcast") room.broadcast(name, "news");
              else if (next.kind === "leave" && theirs !== undefined && !theirs.gone) {
                theirs.gone = true;
                theirs.leave();
              } else if (next.kind === "join" && (theirs === undefined || theirs.gone)) enter(whom);
            });
            stays.set(name, stay);
          };
          for (const name of NAMES) enter(name);
          todo.push(...actions); // everyone is in: now deliveries act
          for (const s of starts) {
            const name = NAMES[s]!;
            if (!stays.get(name)!.gone) room.broadcast(name, "start");
          }
          expect(problems).toEqual([]);
          expect(room.members().sort()).toEqual(NAMES.filter((n) => !stays.get(n)!.gone).sort());
        }),
      );
    });
  });
});

describe("5. bad input follows the workbook's contract, and changes nothing", () => {
  /** A room with Ann, Bob and Cy, and the log of everything delivered after they joined. */
  function annBobCy(): { room: Room; log: string[] } {
    const room = createRoom();
    const log: string[] = [];
    for (const name of ["Ann", "Bob", "Cy"]) room.join(name, (message) => void log.push(line(name, message)));
    log.length = 0;
    return { room, log };
  }

  function expectUnchanged({ room, log }: { room: Room; log: string[] }): void {
    expect(log, "a refused call delivered something").toEqual([]);
    expect(room.members()).toEqual(["Ann", "Bob", "Cy"]);
  }

  for (const value of [42, null, undefined, 10n, Symbol("Dee")]) {
    const label = typeof value === "bigint" ? `${value}n` : String(value);
    it(`join: refuses the name ${label} (not a string) with a TypeError naming name`, () => {
      const room = annBobCy();
      expectRefusal(() => room.room.join(value as never, () => {}), { error: TypeError, param: "name", value });
      expectUnchanged(room);
    });
  }

  for (const value of ["", "   ", "\t\n"]) {
    it(`join: refuses the blank name ${JSON.stringify(value)} with a RangeError naming name`, () => {
      const room = annBobCy();
      expectRefusal(() => room.room.join(value, () => {}), { error: RangeError, param: "name", value });
      expectUnchanged(room);
    });
  }

  it('join: refuses a name already in the room ("Bob") with a RangeError naming name, and the first Bob stays', () => {
    const room = annBobCy();
    const second = inbox();
    expectRefusal(() => room.room.join("Bob", second.deliver), { error: RangeError, param: "name", value: "Bob" });
    expectUnchanged(room);
    room.room.broadcast("Ann", "which Bob?");
    expect(room.log).toEqual(["Bob <- Ann: which Bob?", "Cy <- Ann: which Bob?"]);
    expect(second.got).toEqual([]);
  });

  for (const value of [null, undefined, "deliver", { deliver() {} }]) {
    const label = typeof value === "object" && value !== null ? "an object" : String(JSON.stringify(value) ?? value);
    it(`join: refuses the deliver ${label} (not a function) with a TypeError naming deliver`, () => {
      const room = annBobCy();
      expectRefusal(() => room.room.join("Dee", value as never), { error: TypeError, param: "deliver", value });
      expectUnchanged(room);
    });
  }

  it("broadcast: refuses the from 42 (not a string) with a TypeError naming from", () => {
    const room = annBobCy();
    expectRefusal(() => room.room.broadcast(42 as never, "hi"), { error: TypeError, param: "from", value: 42 });
    expectUnchanged(room);
  });

  it('broadcast: refuses a from who is not in the room ("Zed") with a RangeError naming from', () => {
    const room = annBobCy();
    expectRefusal(() => room.room.broadcast("Zed", "hi"), { error: RangeError, param: "from", value: "Zed" });
    expectUnchanged(room);
  });

  it('broadcast: refuses a from who has left ("Dee") with a RangeError naming from', () => {
    const room = annBobCy();
    room.room.join("Dee", () => {})();
    room.log.length = 0;
    expectRefusal(() => room.room.broadcast("Dee", "am I still here?"), { error: RangeError, param: "from", value: "Dee" });
    expectUnchanged(room);
  });

  for (const value of [42, null, undefined]) {
    it(`broadcast: refuses the text ${String(value)} (not a string) with a TypeError naming text`, () => {
      const room = annBobCy();
      expectRefusal(() => room.room.broadcast("Ann", value as never), { error: TypeError, param: "text", value });
      expectUnchanged(room);
    });
  }

  it("send: refuses the from null (not a string) with a TypeError naming from", () => {
    const room = annBobCy();
    expectRefusal(() => room.room.send(null as never, "Bob", "hi"), { error: TypeError, param: "from", value: null });
    expectUnchanged(room);
  });

  it('send: refuses a from who has left ("Dee") with a RangeError naming from', () => {
    const room = annBobCy();
    room.room.join("Dee", () => {})();
    room.log.length = 0;
    expectRefusal(() => room.room.send("Dee", "Ann", "still there?"), { error: RangeError, param: "from", value: "Dee" });
    expectUnchanged(room);
  });

  it("send: refuses the to 7 (not a string) with a TypeError naming to", () => {
    const room = annBobCy();
    expectRefusal(() => room.room.send("Ann", 7 as never, "hi"), { error: TypeError, param: "to", value: 7 });
    expectUnchanged(room);
  });

  it('send: refuses a to who is not in the room ("Zed") with a RangeError naming to', () => {
    const room = annBobCy();
    expectRefusal(() => room.room.send("Ann", "Zed", "hi"), { error: RangeError, param: "to", value: "Zed" });
    expectUnchanged(room);
  });

  it('send: refuses a to who has left ("Dee") with a RangeError naming to', () => {
    const room = annBobCy();
    room.room.join("Dee", () => {})();
    room.log.length = 0;
    expectRefusal(() => room.room.send("Ann", "Dee", "are you there?"), { error: RangeError, param: "to", value: "Dee" });
    expectUnchanged(room);
  });

  it('send: refuses the sender as its own to ("Ann" to "Ann") with a RangeError naming to', () => {
    const room = annBobCy();
    expectRefusal(() => room.room.send("Ann", "Ann", "note to self"), { error: RangeError, param: "to", value: "Ann" });
    expectUnchanged(room);
  });

  it("send: refuses the text 10n (not a string) with a TypeError naming text", () => {
    const room = annBobCy();
    expectRefusal(() => room.room.send("Ann", "Bob", 10n as never), { error: TypeError, param: "text", value: 10n });
    expectUnchanged(room);
  });

  it("refuses the same way inside a deliver: a refused send there changes nothing either", () => {
    const room = createRoom();
    const log: string[] = [];
    const errors: unknown[] = [];
    room.join("Ann", (message) => void log.push(line("Ann", message)));
    room.join("Bob", (message) => {
      log.push(line("Bob", message));
      if (message.type !== "broadcast") return;
      try {
        room.send("Bob", "Zed", "hello?");
      } catch (error) {
        errors.push(error);
      }
    });
    log.length = 0;
    room.broadcast("Ann", "hi");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(RangeError);
    expect(log).toEqual(["Bob <- Ann: hi"]);
  });
});
