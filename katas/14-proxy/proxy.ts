import { todo } from "../../tools/kit";

/** Step 1. TODO: what proxy does, in one line. */
export function proxy(input: string): string {
  return todo("proxy(input)");
}
