import { todo } from "../../tools/kit";

/** Step 1. TODO: what observer does, in one line. */
export function observer(input: string): string {
  return todo("observer(input)");
}
