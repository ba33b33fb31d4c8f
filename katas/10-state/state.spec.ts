import { describe, expect, it } from "vitest";
import { state } from "./state";

describe("1. state(input)", () => {
  it("gives back what it was given: state(\"x\") is \"x\"", () => {
    expect(state("x")).toBe("x");
  });
});
