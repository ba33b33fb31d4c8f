/** Step 1. TODO: what builder does, in one line. */
export function builder(input: string): string {
  return input;
}
