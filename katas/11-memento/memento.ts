import { todo } from "../../tools/kit";

/** Step 1. TODO: what memento does, in one line. */
export function memento(input: string): string {
  return todo("memento(input)");
}
