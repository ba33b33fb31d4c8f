// @ts-check
/**
 * Terminal output for the learner's commands: colours that respect NO_COLOR / FORCE_COLOR and the
 * stream being a terminal, progress bars, and small text helpers. No dependency.
 */

/**
 * @typedef {object} Paint
 * @property {boolean} enabled
 * @property {(s: string) => string} bold
 * @property {(s: string) => string} dim
 * @property {(s: string) => string} red
 * @property {(s: string) => string} green
 * @property {(s: string) => string} yellow
 * @property {(s: string) => string} cyan
 * @property {(s: string) => string} magenta
 * @property {(s: string) => string} inverse
 */

/**
 * Whether to colour what goes to `stream`: the one decision of the whole workbook (the self-check,
 * the scripts and every command ask it). Node's own rule: FORCE_COLOR wins when set ("0" or "false"
 * turn colours off, any other value on), then NO_COLOR (any non-empty value) turns them off, then
 * only a terminal that is not "dumb" gets them.
 * @param {{ isTTY?: boolean }} stream
 * @param {NodeJS.ProcessEnv} [env]
 */
export function wantsColor(stream, env = process.env) {
  const force = env["FORCE_COLOR"];
  if (force !== undefined) return force !== "0" && force !== "false";
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false;
  return Boolean(stream.isTTY) && env["TERM"] !== "dumb";
}

/**
 * @param {boolean} enabled
 * @returns {Paint}
 */
export function paint(enabled) {
  /** @param {number} open @param {number} close */
  const style = (open, close) => (/** @type {string} */ s) => (enabled ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return {
    enabled,
    bold: style(1, 22),
    dim: style(2, 22),
    red: style(31, 39),
    green: style(32, 39),
    yellow: style(33, 39),
    cyan: style(36, 39),
    magenta: style(35, 39),
    inverse: style(7, 27),
  };
}

/** @param {string} text */
export function stripAnsi(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
}

/**
 * A bar of `width` cells, `done` of `total` filled.
 * @param {number} done
 * @param {number} total
 * @param {number} [width]
 * @param {Paint} [c]
 */
export function bar(done, total, width = 24, c = paint(false)) {
  // Rounded down, so that the bar is full only when every test passes (47/48 is not done).
  const filled = total > 0 ? Math.floor((done / total) * width) : 0;
  const full = "█".repeat(filled);
  const empty = "░".repeat(width - filled);
  return c.enabled ? `${c.green(full)}${c.dim(empty)}` : `${full}${empty}`;
}

/** Clears the screen and puts the cursor at the top left. */
export const CLEAR = "\x1b[2J\x1b[3J\x1b[H";

/**
 * Indents every line of `text`.
 * @param {string} text
 * @param {string} [prefix]
 */
export function indent(text, prefix = "  ") {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : prefix + line))
    .join("\n");
}

/**
 * A hint's Markdown for a terminal: `code` spans in cyan and **bold** in bold, without their marks,
 * when colours are on; as written (backticks read fine as plain text) when they are off.
 * @param {string} text
 * @param {ReturnType<typeof paint>} c
 */
export function inlineMarkdown(text, c) {
  if (!c.enabled) return text;
  return text.replace(/`([^`]+)`/g, (_, code) => c.cyan(code)).replace(/\*\*([^*]+)\*\*/g, (_, bold) => c.bold(bold));
}

/**
 * Wraps a paragraph to `width` columns (words only; long words stay whole).
 * @param {string} text
 * @param {number} [width]
 */
export function wrap(text, width = 96) {
  // Colour codes take no room on screen: lines are measured without them.
  const visible = (/** @type {string} */ t) => stripAnsi(t).length;
  return text
    .split("\n")
    .map((paragraph) => {
      const words = paragraph.split(/ +/);
      /** @type {string[]} */
      const lines = [];
      let line = "";
      for (const word of words) {
        if (line !== "" && visible(line) + 1 + visible(word) > width) {
          lines.push(line);
          line = word;
        } else {
          line = line === "" ? word : `${line} ${word}`;
        }
      }
      lines.push(line);
      return lines.join("\n");
    })
    .join("\n");
}

/**
 * Asks a yes/no question on a terminal. Resolves false on anything but y/yes.
 * @param {string} question
 * @param {{ input?: NodeJS.ReadableStream, output?: NodeJS.WritableStream }} [streams]
 * @returns {Promise<boolean>}
 */
export async function confirm(question, { input = process.stdin, output = process.stdout } = {}) {
  const { createInterface } = await import("node:readline");
  const rl = createInterface({ input, output });
  try {
    const answer = await new Promise((resolve) => rl.question(`${question} [y/N] `, resolve));
    return /^y(es)?$/i.test(String(answer).trim());
  } finally {
    rl.close();
  }
}
