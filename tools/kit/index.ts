/**
 * What katas import from the workbook: the not-implemented error for stubs, and helpers for specs.
 * A learner never needs to read this file to understand a failing test.
 */
export { NotImplementedError, todo } from "./todo";
export { kataFile } from "./paths";
export { expectRefusal, expectRejection, show, type Refusal } from "./contract";
export { deferred, rejection, thrown } from "./helpers";
