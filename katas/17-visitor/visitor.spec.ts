import { describe, expect, it } from "vitest";
import { visitor } from "./visitor";

describe("1. visitor(input)", () => {
  it("gives back what it was given: visitor(\"x\") is \"x\"", () => {
    expect(visitor("x")).toBe("x");
  });
});
