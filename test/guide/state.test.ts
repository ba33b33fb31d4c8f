/**
 * The guided mode's rules, on its pure state machine (tools/guide/state.mjs): no vitest, no
 * terminal, no files. The shell around it (guided.mjs) is tested end to end in learner-runs and
 * loop-survives.
 */
import { describe, expect, it } from "vitest";
import type { Kata } from "../../tools/core/katas.mjs";
import type { KataResult } from "../../tools/runner/engine.mjs";
import { currentKata, initialState, update, type Effect, type Event, type State } from "../../tools/guide/state.mjs";

const kata = (n: number, hints: string[] = ["a nudge", "the answer"]): Kata =>
  ({ slug: `0${n}-k${n}`, number: n, dir: `/wb/katas/0${n}-k${n}`, files: [`k${n}.ts`], specs: [`k${n}.spec.ts`], meta: { title: `K${n}`, summary: "", hints, passOnStub: [] } }) as unknown as Kata;
const result = (k: Kata, status: KataResult["status"], passed = status === "green" ? 2 : 0): KataResult => ({ slug: k.slug, number: k.number, title: k.meta.title, status, passed, failed: 2 - passed, skipped: 0, total: 2 });
const KATAS = [kata(1), kata(2), kata(3, [])];
const [K1, K2, K3] = KATAS as [Kata, Kata, Kata];

/** Feeds events in order; returns the last state and every effect asked for. */
function feed(state: State, ...events: Event[]): { state: State; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const event of events) {
    const next = update(state, event);
    state = next.state;
    effects.push(...next.effects);
  }
  return { state, effects };
}
const opened = (statuses: KataResult["status"][], lastKata?: string) =>
  feed(initialState(KATAS), { type: "opened", results: Object.fromEntries(KATAS.map((k, i) => [k.slug, result(k, statuses[i] ?? "todo")])), lastKata }).state;
const runOf = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: "run" }> => e.type === "run");

describe("the guided mode's state machine", () => {
  it("opens on the kata last worked on unless it is green, else on the first kata not green", () => {
    expect(currentKata(opened(["green", "todo", "todo"])).slug).toBe(K2.slug);
    expect(currentKata(opened(["todo", "todo", "todo"], K3.slug)).slug).toBe(K3.slug);
    expect(currentKata(opened(["todo", "green", "todo"], K2.slug)).slug).toBe(K1.slug);
    const all = opened(["green", "green", "green"]);
    expect([currentKata(all).slug, all.allGreen]).toEqual([K3.slug, true]);
  });

  it("runs the current kata on a save, and a save during that run once more after it, not twice at once", () => {
    const s = opened(["todo", "todo", "todo"]);
    const first = feed(s, { type: "saved" });
    expect(runOf(first.effects).map((e) => e.slugs)).toEqual([[K1.slug]]);
    const during = feed(first.state, { type: "saved" }, { type: "saved" });
    expect(during.effects).toEqual([]);
    const after = feed(during.state, { type: "ran", generation: first.state.generation, results: { [K1.slug]: result(K1, "red", 1) } });
    expect(runOf(after.effects)).toHaveLength(1);
    expect(after.state.run).toBe("running");
    const settled = feed(after.state, { type: "ran", generation: after.state.generation, results: { [K1.slug]: result(K1, "red", 1) } });
    expect([settled.effects, settled.state.run]).toEqual([[], "idle"]);
  });

  it("drops a type report of an older run", () => {
    const s = feed(opened(["todo", "todo", "todo"]), { type: "saved" }).state;
    const late = feed(s, { type: "typed", generation: s.generation - 1, results: { [K1.slug]: result(K1, "red", 2) } }).state;
    expect(late.results[K1.slug]?.status).toBe("todo");
    const mine = feed(s, { type: "typed", generation: s.generation, results: { [K1.slug]: result(K1, "red", 2) } }).state;
    expect(mine.results[K1.slug]?.status).toBe("red");
  });

  it("confirms the last green kata with one full run over every kata, types included", () => {
    const s = feed(opened(["green", "green", "todo"], K3.slug), { type: "saved" }).state;
    const green = feed(s, { type: "ran", generation: s.generation, results: { [K3.slug]: result(K3, "green") } });
    expect(runOf(green.effects)).toEqual([{ type: "run", slugs: "all", generation: green.state.generation, waitTypes: true }]);
    expect(green.state.run).toBe("confirming");
    const confirmed = feed(green.state, { type: "ran", generation: green.state.generation, results: Object.fromEntries(KATAS.map((k) => [k.slug, result(k, "green")])) });
    expect([confirmed.state.allGreen, confirmed.state.run]).toEqual([true, "idle"]);
    const refuted = feed(green.state, { type: "ran", generation: green.state.generation, results: { [K1.slug]: result(K1, "red", 1) } });
    expect(refuted.state.allGreen).toBe(false);
    expect(refuted.state.message.map(([, t]) => t).join("")).toContain(`${K1.slug} not green`);
  });

  it("moves on with n only once the kata is green, and remembers the kata", () => {
    const s = opened(["todo", "todo", "todo"]);
    const refused = feed(s, { type: "key", name: "n" });
    expect([currentKata(refused.state).slug, refused.effects]).toEqual([K1.slug, []]);
    expect(refused.state.message.map(([, t]) => t).join("")).toContain("once this kata is green (0/2 now)");
    const green = feed(s, { type: "ran", generation: 0, results: { [K1.slug]: result(K1, "green") } }).state;
    const moved = feed(green, { type: "key", name: "n" });
    expect(currentKata(moved.state).slug).toBe(K2.slug);
    expect(moved.effects).toContainEqual({ type: "remember", slug: K2.slug });
    expect(runOf(moved.effects).map((e) => e.slugs)).toEqual([[K2.slug]]);
  });

  it("asks before compare of a kata that is not green and before reset; only y does it", () => {
    const s = opened(["todo", "todo", "todo"]);
    const asked = feed(s, { type: "key", name: "c" });
    expect(asked.state.prompt?.question).toContain("not green yet (0/2)");
    expect(asked.effects).toEqual([]);
    expect(feed(asked.state, { type: "key", name: "y" }).effects).toEqual([{ type: "compare", slug: K1.slug }]);
    const no = feed(asked.state, { type: "key", name: "n" });
    expect([no.effects, no.state.prompt, no.state.message]).toEqual([[], undefined, [["dim", "Cancelled."]]]);
    const reset = feed(s, { type: "key", name: "x" }, { type: "key", name: "y" });
    expect(reset.effects).toEqual([{ type: "reset", slug: K1.slug }]);
  });

  it("keeps where reset put the files on screen through the rerun the reset causes", () => {
    const s = feed(opened(["todo", "todo", "todo"]), { type: "resetDone", slug: K1.slug, backup: ".katas/backups/x", restored: ["k1.ts"] }).state;
    const rerun = feed(s, { type: "saved" }).state;
    expect(rerun.message.map(([, t]) => t).join("")).toContain(".katas/backups/x");
    expect(feed(rerun, { type: "key", name: "r" }).state.message).toEqual([]);
  });

  it("jumps from the list by arrows or by number, and says so for a kata without hints", () => {
    const s = opened(["todo", "todo", "todo"]);
    const byArrow = feed(s, { type: "key", name: "l" }, { type: "key", name: "down" }, { type: "key", name: "return" });
    expect(currentKata(byArrow.state).slug).toBe(K2.slug);
    const byNumber = feed(s, { type: "key", name: "l" }, { type: "key", name: "3", str: "3" }, { type: "key", name: "return" });
    expect([currentKata(byNumber.state).slug, byNumber.state.view]).toEqual([K3.slug, "main"]);
    const noHints = feed(byNumber.state, { type: "key", name: "h" });
    expect([noHints.effects, noHints.state.message]).toEqual([[], [["warn", "This kata has no hints."]]]);
    expect(feed(s, { type: "key", name: "h" }).effects).toEqual([{ type: "hint", slug: K1.slug, shown: 0 }]);
  });

  it("ignores every event once closed", () => {
    const closed = feed(opened(["todo", "todo", "todo"]), { type: "closed" }).state;
    expect(feed(closed, { type: "saved" }, { type: "key", name: "n" })).toEqual({ state: closed, effects: [] });
  });
});
