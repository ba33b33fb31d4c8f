/*
 * Type-level tests: checked by `npx tsc -p .` (the workbook's self-check runs it), never executed.
 * A `// @ts-expect-error` line passes when the line below it does NOT compile, and fails tsc when
 * it does: it is how a spec says "this must be a compile error".
 */
import { expectTypeOf } from "vitest";
import { IdGenerator, lazyAsync, settings, type LazyAsync, type Settings } from "./singleton";

// Step 1: the module-level instance is a binding that importers can read but never reassign.
expectTypeOf(settings).toEqualTypeOf<Settings>();
// @ts-expect-error an imported binding is read-only: no module can swap the one instance for another
settings = { get: () => undefined, set: () => {} };

// Step 2: the constructor is private; the accessor is the only way to the instance.
// @ts-expect-error the constructor of IdGenerator is private: use IdGenerator.instance()
new IdGenerator();
expectTypeOf(IdGenerator.instance()).toEqualTypeOf<IdGenerator>();
expectTypeOf(IdGenerator.instance().next()).toEqualTypeOf<number>();
expectTypeOf(IdGenerator.created).toEqualTypeOf<number>();
// A subclass would be a way around a singleton: a private constructor forbids that too.
// @ts-expect-error cannot extend a class whose constructor is private
class Sneaky extends IdGenerator {}

// Step 3: the instance's type follows the factory's.
const db = lazyAsync(async () => ({ url: "sqlite://app.db", open: true }));
expectTypeOf(db).toEqualTypeOf<LazyAsync<{ url: string; open: boolean }>>();
expectTypeOf(db.get()).toEqualTypeOf<Promise<{ url: string; open: boolean }>>();
expectTypeOf(db.reset()).toEqualTypeOf<void>();

// Step 4: typed callers cannot pass the promise instead of the function that makes it.
// @ts-expect-error lazyAsync wants the factory, not its result: lazyAsync(connect), not lazyAsync(connect())
lazyAsync(Promise.resolve(42));
// @ts-expect-error the factory must return a promise
lazyAsync(() => 42);
