import { describe, expect, it } from "vitest";
import { mediator } from "./mediator";

describe("1. mediator(input)", () => {
  it("gives back what it was given: mediator(\"x\") is \"x\"", () => {
    expect(mediator("x")).toBe("x");
  });
});
