/** Step 1. TODO: what mediator does, in one line. */
export function mediator(input: string): string {
  return input;
}
