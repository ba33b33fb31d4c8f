import { describe, expect, it } from "vitest";
import { interpreter } from "./interpreter";

describe("1. interpreter(input)", () => {
  it("gives back what it was given: interpreter(\"x\") is \"x\"", () => {
    expect(interpreter("x")).toBe("x");
  });
});
