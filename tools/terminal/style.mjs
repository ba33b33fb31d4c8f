// @ts-check
/**
 * Terminal colours for what the scripts print on stdout, decided once by screen.mjs's wantsColor
 * (FORCE_COLOR, then NO_COLOR, then whether stdout is a terminal), like every other command.
 */
import process from "node:process";
import { paint, wantsColor } from "./screen.mjs";

const c = paint(wantsColor(process.stdout));

export const style = {
  enabled: c.enabled,
  bold: c.bold,
  dim: c.dim,
  red: c.red,
  green: c.green,
  yellow: c.yellow,
  cyan: c.cyan,
};
