import { describe, expect, it } from "vitest";
import { builder } from "./builder";

describe("1. builder(input)", () => {
  it("gives back what it was given: builder(\"x\") is \"x\"", () => {
    expect(builder("x")).toBe("x");
  });
});
