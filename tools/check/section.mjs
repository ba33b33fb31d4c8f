// @ts-check
/**
 * What every rule of the self-check returns: how many checks passed, the broken ones (each with its
 * rule, where, and what to do), and the lines to print under the rule's name.
 */

/**
 * @typedef {{ rule: string, where: string, message: string }} Problem
 * @typedef {{ passed: number, problems: Problem[], lines: string[] }} Section
 */

export {};
