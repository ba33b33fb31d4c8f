import { describe, expect, it } from "vitest";
import { observer } from "./observer";

describe("1. observer(input)", () => {
  it("gives back what it was given: observer(\"x\") is \"x\"", () => {
    expect(observer("x")).toBe("x");
  });
});
