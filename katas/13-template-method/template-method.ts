import { todo } from "../../tools/kit";

/** Step 1. TODO: what templateMethod does, in one line. */
export function templateMethod(input: string): string {
  return todo("templateMethod(input)");
}
