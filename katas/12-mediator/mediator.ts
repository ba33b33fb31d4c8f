import { todo } from "../../tools/kit";

/** Step 1. TODO: what mediator does, in one line. */
export function mediator(input: string): string {
  return todo("mediator(input)");
}
