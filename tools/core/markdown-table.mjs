// @ts-check
/** The table of katas in a Markdown page (README.md, CONTRIBUTING.md), one column at a time. */

/**
 * Puts a column named `name` into the table of katas of a Markdown text (the table whose header
 * starts with "| # | kata |"), each row's value from its kata number; the rest is left as it is.
 * @param {string} text
 * @param {string} name
 * @param {(number: number) => string} valueFor
 */
export function updateTableColumn(text, name, valueFor) {
  const lines = text.split("\n");
  const header = lines.findIndex((l) => /^\|\s*#\s*\|\s*kata\s*\|/.test(l));
  if (header < 0) return text;
  const cells = (/** @type {string} */ line) => line.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
  const headCells = cells(/** @type {string} */ (lines[header]));
  let column = headCells.findIndex((c) => c === name);
  const adding = column < 0;
  if (adding) column = headCells.length;
  const row = (/** @type {string[]} */ c) => `| ${c.join(" | ")} |`;
  for (let i = header; i < lines.length && /^\s*\|/.test(/** @type {string} */ (lines[i])); i++) {
    const c = cells(/** @type {string} */ (lines[i]));
    const value = i === header ? name : i === header + 1 ? "---" : valueFor(Number(c[0]));
    if (adding) c.push(value);
    else c[column] = value;
    lines[i] = row(c);
  }
  return lines.join("\n");
}
