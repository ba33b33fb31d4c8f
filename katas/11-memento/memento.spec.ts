import { describe, expect, it } from "vitest";
import { memento } from "./memento";

describe("1. memento(input)", () => {
  it("gives back what it was given: memento(\"x\") is \"x\"", () => {
    expect(memento("x")).toBe("x");
  });
});
