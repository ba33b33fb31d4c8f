import { describe, expect, it } from "vitest";
import { proxy } from "./proxy";

describe("1. proxy(input)", () => {
  it("gives back what it was given: proxy(\"x\") is \"x\"", () => {
    expect(proxy("x")).toBe("x");
  });
});
