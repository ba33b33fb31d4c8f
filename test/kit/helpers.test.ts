/**
 * The kit's shared spec helpers (tools/kit/helpers.ts): each fails the test with an expectation,
 * never with an error of its own, and passes a stub's not-implemented error on as it is.
 */
import { describe, expect, it } from "vitest";
import { deferred, NotImplementedError, rejection, thrown, todo } from "../../tools/kit";

describe("the kit's thrown(), rejection() and deferred()", () => {
  it("thrown gives back the very error, and fails as an expectation when nothing is thrown", () => {
    const error = new RangeError("x");
    expect(thrown(() => { throw error; })).toBe(error);
    expect((thrown(() => thrown(() => 1)) as Error).name).toBe("AssertionError");
    expect(() => thrown(() => todo("f()"))).toThrow(NotImplementedError);
  });

  it("rejection names what the promise resolved with, even an object without a prototype", async () => {
    const bare = (await rejection(rejection(Promise.resolve(Object.create(null))))) as Error;
    expect([bare.name, bare.message]).toEqual(["AssertionError", "expected the promise to reject, but it resolved with an object"]);
    expect(((await rejection(rejection(Promise.resolve("x")))) as Error).message).toContain('resolved with "x"');
    await expect(rejection(Promise.reject(new NotImplementedError("f()")))).rejects.toBeInstanceOf(NotImplementedError);
  });

  it("deferred settles when the test says so", async () => {
    const d = deferred<number>();
    let seen: number | undefined;
    void d.promise.then((v) => (seen = v));
    await Promise.resolve();
    expect(seen).toBeUndefined();
    d.resolve(3);
    await d.promise;
    expect(seen).toBe(3);
  });
});
