import { todo } from "../../tools/kit";

/** Step 1. TODO: what interpreter does, in one line. */
export function interpreter(input: string): string {
  return todo("interpreter(input)");
}
