/*
 * Type-level tests for step 6, checked by `npx tsc -p .` (vitest does not run this file).
 * A wrapper must hand back the very type it was given, so wrapped code type-checks as before.
 */
import { expectTypeOf } from "vitest";
import { type Memoized, logged, memoize, memoized, retry, timed } from "./decorator";

declare const log: (entry: unknown) => void;
declare const clock: { now(): number; report(timing: unknown): void };

function area(width: number, height: number): number {
  return width * height;
}
async function fetchUser(id: number): Promise<{ id: number; name: string }> {
  return { id, name: "Ada" };
}
function describeThis(this: { label: string }, suffix: string): string {
  return this.label + suffix;
}
const identity = <T>(value: T): T => value;

// 1-4: each wrapper returns exactly the type it was given.
expectTypeOf(logged(area, log)).toEqualTypeOf<typeof area>();
expectTypeOf(timed(area, clock)).toEqualTypeOf<typeof area>();
expectTypeOf(retry(fetchUser, { attempts: 3 })).toEqualTypeOf<typeof fetchUser>();
expectTypeOf(memoize(area)).toEqualTypeOf<Memoized<typeof area>>();
expectTypeOf(memoize(area)).toExtend<typeof area>();
expectTypeOf(memoize(area).cache.size).toEqualTypeOf<number>();

// `this` types and generics survive.
expectTypeOf(logged(describeThis, log)).toEqualTypeOf<typeof describeThis>();
expectTypeOf(logged(describeThis, log)).thisParameter.toEqualTypeOf<{ label: string }>();
expectTypeOf(logged(identity, log)("x")).toEqualTypeOf<string>();
expectTypeOf(memoize(identity)(42)).toEqualTypeOf<number>();

// Wrappers stack, and the stack still has the original type.
expectTypeOf(logged(timed(area, clock), log)).toEqualTypeOf<typeof area>();

// The parameters are still checked: a wrapped function is no looser than the bare one.
// @ts-expect-error area takes numbers
logged(area, log)("3", 4);
// @ts-expect-error area takes two arguments
timed(area, clock)(3);
// @ts-expect-error fetchUser's result is a promise of a user, not a string
const name: string = await retry(fetchUser, { attempts: 2 })(1);

// memoize's key receives the function's own parameters.
memoize(area, (width, height) => `${width}x${height}`);
// @ts-expect-error the key's parameters must match the function's (width is a number)
memoize(area, (width: string) => width);

// retry accepts async functions only.
// @ts-expect-error area returns a number, not a promise
retry(area, { attempts: 2 });
// @ts-expect-error attempts is required
retry(fetchUser, { delayMs: 10 });

// @memoized fits a method, and keeps its type.
class Pricing {
  constructor(readonly rate: number) {}
  @memoized
  price(amount: number): number {
    return amount * this.rate;
  }
}
expectTypeOf(new Pricing(2).price).toEqualTypeOf<(amount: number) => number>();
void name;
