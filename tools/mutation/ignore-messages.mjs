// @ts-check
/**
 * A Stryker ignorer: no mutants inside the message of a thrown error (`new TypeError(`...`)`).
 *
 * Why: the wording of a message is not part of the workbook's bad-input contract (README, "Bad input:
 * the workbook's one contract"), so no spec may pin it, and a mutant that only rewords a message
 * must survive. What the contract does check, the parameter named and the value shown, reaches the
 * message through values (`checkMinutes(start, "start")`, `show(value)`), whose mutants stay.
 */
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

const REASON = "Error message wording is not part of the bad-input contract; the specs check the class, the parameter named and the value shown (README: Bad input).";

/** @param {any} path */
function shouldIgnore(path) {
  if (!path.isStringLiteral() && !path.isTemplateLiteral()) return undefined;
  const call = path.parentPath;
  if (!call?.isNewExpression() || !path.listKey || path.listKey !== "arguments") return undefined;
  const callee = call.node.callee;
  return callee?.type === "Identifier" && /Error$/.test(callee.name) ? REASON : undefined;
}

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, "error-messages", { shouldIgnore })];
