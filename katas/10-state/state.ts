import { todo } from "../../tools/kit";

/** Step 1. TODO: what state does, in one line. */
export function state(input: string): string {
  return todo("state(input)");
}
