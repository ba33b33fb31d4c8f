import { describe, expect, it } from "vitest";
import { templateMethod } from "./template-method";

describe("1. templateMethod(input)", () => {
  it("gives back what it was given: templateMethod(\"x\") is \"x\"", () => {
    expect(templateMethod("x")).toBe("x");
  });
});
