/**
 * The tooling's layers (CONTRIBUTING.md, "Layout"): a module of tools/ imports only from its own
 * folder or from a layer listed before its own, never from one after it.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const TOOLS = path.resolve(import.meta.dirname, "../tools");
/** Lowest first. The maintainers' scripts share the top layer. */
const LAYERS = ["core", "terminal", "kit", "runner", "play", "prove", "check", "commands", "guide", "cli", "bin", ["mutation", "soak", "bench"]];
const rank = (folder: string) => LAYERS.findIndex((l) => (Array.isArray(l) ? l.includes(folder) : l === folder));

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "fixtures" ? [] : modules(full);
    return /\.(mjs|ts)$/.test(e.name) ? [full] : [];
  });
}

/** The relative specifiers a module imports (static, dynamic, and JSDoc `import("...")` types). */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)];
  return found.map((m) => (m[1] ?? m[2]) as string);
}

describe("the tooling's layers", () => {
  const files = modules(TOOLS);

  it("puts every module of tools/ in a known layer", () => {
    const unknown = [...new Set(files.map((f) => path.relative(TOOLS, f).split(path.sep)[0] as string))].filter((folder) => rank(folder) < 0);
    expect(unknown, "folders of tools/ that are in no layer: add them to LAYERS and to CONTRIBUTING.md").toEqual([]);
  });

  it("imports only downwards", () => {
    const upwards: string[] = [];
    for (const file of files) {
      const from = path.relative(TOOLS, file).split(path.sep)[0] as string;
      for (const spec of imports(file)) {
        const target = path.relative(TOOLS, path.resolve(path.dirname(file), spec));
        if (target.startsWith("..")) continue; // outside tools/ (a template string's path, say)
        const to = target.split(path.sep)[0] as string;
        if (rank(to) > rank(from)) upwards.push(`${path.relative(TOOLS, file)} imports ${spec} (${from} -> ${to})`);
      }
    }
    expect(upwards).toEqual([]);
  });
});
