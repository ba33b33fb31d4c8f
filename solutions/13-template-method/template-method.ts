/** Step 1. TODO: what templateMethod does, in one line. */
export function templateMethod(input: string): string {
  return input;
}
