import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { solutionRedirect } from "../../tools/runner/projects.mjs";
import { kataOfDirectory } from "../../tools/core/katas.mjs";

describe("the solution resolve rule", () => {
  const root = mkdtempSync(path.join(tmpdir(), "pattern-katas-resolve-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const file of ["katas/03-deco/deco.ts", "katas/03-deco/deco.spec.ts", "katas/03-deco/fixture.ts", "solutions/03-deco/deco.ts", "solutions/03-deco/lib/index.ts", "katas/03-deco/lib/index.ts"]) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), "");
  }
  const plugin = solutionRedirect(root);
  const resolve = (source: string, importer: string | undefined) => {
    const hook = plugin.resolveId;
    if (typeof hook !== "function") throw new Error("resolveId is not a function");
    return (hook as (this: unknown, s: string, i: string | undefined) => string | null).call({}, source, importer && path.join(root, importer));
  };

  it("sends the spec's import of its kata's module to the solution", () => {
    expect(resolve("./deco", "katas/03-deco/deco.spec.ts")).toBe(path.join(root, "solutions/03-deco/deco.ts"));
    expect(resolve("./deco.ts", "katas/03-deco/deco.spec.ts")).toBe(path.join(root, "solutions/03-deco/deco.ts"));
  });

  it("resolves a folder import to the solution's index.ts", () => {
    expect(resolve("./lib", "katas/03-deco/deco.spec.ts")).toBe(path.join(root, "solutions/03-deco/lib/index.ts"));
  });

  it("leaves alone a file only the kata has, bare imports, and imports from outside katas/", () => {
    expect(resolve("./fixture", "katas/03-deco/deco.spec.ts")).toBeNull();
    expect(resolve("vitest", "katas/03-deco/deco.spec.ts")).toBeNull();
    expect(resolve("./deco", "test/x.test.ts")).toBeNull();
    expect(resolve("./deco", undefined)).toBeNull();
  });

  it("never crosses into another kata or out of katas/", () => {
    expect(resolve("../04-other/deco", "katas/03-deco/deco.spec.ts")).toBeNull();
    expect(resolve("../../tools/kit", "katas/03-deco/deco.spec.ts")).toBeNull();
  });

  it("ignores the query string vite may append to an importer", () => {
    expect(resolve("./deco", "katas/03-deco/deco.spec.ts?v=123")).toBe(path.join(root, "solutions/03-deco/deco.ts"));
  });
});

describe("kataOfDirectory (where `npm test` was typed)", () => {
  const root = "/wb";
  it("finds the kata of a kata folder or anything below it", () => {
    expect(kataOfDirectory("/wb/katas/01-closure-counter", root)).toEqual({ slug: "01-closure-counter", target: "learner" });
    expect(kataOfDirectory("/wb/katas/01-closure-counter/sub", root)).toEqual({ slug: "01-closure-counter", target: "learner" });
  });
  it("runs against the solution from a solutions folder", () => {
    expect(kataOfDirectory("/wb/solutions/04-middleware", root)).toEqual({ slug: "04-middleware", target: "solution" });
  });
  it("is undefined at the root, in katas/ itself, in other folders and outside the workbook", () => {
    for (const dir of ["/wb", "/wb/katas", "/wb/tools", "/elsewhere/katas/01-closure-counter", "/wb/katas/notes"]) {
      expect(kataOfDirectory(dir, root)).toBeUndefined();
    }
  });
});
