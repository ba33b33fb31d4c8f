// @ts-check
/**
 * Terminal colours, off when NO_COLOR is set, when FORCE_COLOR=0, or when stdout is not a terminal
 * (unless FORCE_COLOR asks for them).
 */
import process from "node:process";

function colourEnabled() {
  const force = process.env["FORCE_COLOR"];
  if (force !== undefined) return force !== "0" && force !== "false";
  if ("NO_COLOR" in process.env) return false;
  return Boolean(process.stdout.isTTY);
}

const enabled = colourEnabled();

/** @param {number} open @param {number} close */
const wrap = (open, close) => (/** @type {string} */ text) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);

export const style = {
  enabled,
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};
