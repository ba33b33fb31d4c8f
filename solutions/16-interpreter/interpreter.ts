/** Step 1. TODO: what interpreter does, in one line. */
export function interpreter(input: string): string {
  return input;
}
