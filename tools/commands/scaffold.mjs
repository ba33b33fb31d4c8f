// @ts-check
/**
 * `npm run katas -- new <slug>`: a new kata pair with the anatomy of every kata (CONTRIBUTING.md,
 * "Adding a kata"), numbered after the last one: the lesson with its sections left to write, a stub
 * and a solution with one function, a spec with its first test, kata.json, the proof folders, and the
 * stub recorded in the lock. Everything it writes is new: it never overwrites a file.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { KataError, listKatas } from "../core/katas.mjs";
import { writeLock } from "../core/stubs.mjs";

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * @param {string} root
 * @param {string} name  the slug without its number: "observer", "template-method"
 * @returns {{ slug: string, files: string[] }}
 */
export function scaffoldKata(root, name) {
  if (!SLUG.test(name)) throw new KataError(`"${name}" is not a kata name: lowercase words joined by dashes, e.g. observer or template-method`);
  const katas = listKatas(root);
  if (katas.some((k) => k.name === name)) throw new KataError(`a kata named "${name}" exists already: ${katas.find((k) => k.name === name)?.slug}`);
  const number = Math.max(0, ...katas.map((k) => k.number)) + 1;
  if (number > 99) throw new KataError("kata numbers have two digits: there is no room for a 100th kata");
  const slug = `${String(number).padStart(2, "0")}-${name}`;
  const title = name.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
  const fn = name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
  const file = `${name}.ts`;
  /** @type {Record<string, string>} */
  const files = {
    [`katas/${slug}/README.md`]: lesson(slug, title, file),
    [`katas/${slug}/kata.json`]: `${JSON.stringify({ title, summary: `TODO: one line on what ${title.toLowerCase()} teaches.`, hints: ["TODO: a nudge.", "TODO: nearly the answer."], passOnStub: [] }, null, 2)}\n`,
    [`katas/${slug}/${file}`]: `import { todo } from "../../tools/kit";\n\n/** Step 1. TODO: what ${fn} does, in one line. */\nexport function ${fn}(input: string): string {\n  return todo("${fn}(input)");\n}\n`,
    [`solutions/${slug}/${file}`]: `/** Step 1. TODO: what ${fn} does, in one line. */\nexport function ${fn}(input: string): string {\n  return input;\n}\n`,
    [`katas/${slug}/${name}.spec.ts`]: `import { describe, expect, it } from "vitest";\nimport { ${fn} } from "./${name}";\n\ndescribe("1. ${fn}(input)", () => {\n  it("gives back what it was given: ${fn}(\\"x\\") is \\"x\\"", () => {\n    expect(${fn}("x")).toBe("x");\n  });\n});\n`,
    [`proofs/${slug}/mistakes/.gitkeep`]: "",
    [`proofs/${slug}/alternatives/.gitkeep`]: "",
  };
  for (const rel of Object.keys(files)) {
    if (existsSync(path.join(root, rel))) throw new KataError(`${rel} exists already: nothing written`);
  }
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  writeLock(root);
  return { slug, files: Object.keys(files) };
}

/** @param {string} slug @param {string} title @param {string} file */
function lesson(slug, title, file) {
  return `# ${slug.slice(0, 2)} · ${title}

## What you will learn

TODO: two or three lines.

## The idea

TODO: the concept in TypeScript terms; the Python it starts from (paraphrased, never copied; say
where the tutorial shows no code and this lesson reconstructs it), then where JavaScript differs.

## The task

Open \`${file}\`. Each step is one \`describe\` block of the spec, in this order.

1. **TODO: step one.** What the function does, and what the spec checks of it. Bad input follows
   the workbook's contract (the root README, "Bad input").

## Run it

\`\`\`sh
cd katas/${slug}
npm test          # run this kata's spec once against your ${file}
npm run watch     # rerun it on every save
\`\`\`

## Going further

TODO: pitfalls, costs, links to the next kata.
`;
}
