/*
 * Your proxies at work, on your proxy.ts: `npm run play` (in this folder) or `npm run play -- 14`.
 * The tutorial only names the proxy pattern; this program is the kata's own.
 */
import { NotImplementedError } from "../../tools/kit";
import { play } from "../../tools/kit/play";
import { lazy, logged, readonlyView, revocable, validated, type LogEntry } from "./proxy";

/** Runs `fn` and says what it threw (a stub's not-implemented error goes on, to stop the program). */
function attempt(fn: () => unknown): string {
  try {
    fn();
    return "no error: it went through";
  } catch (error) {
    if (error instanceof NotImplementedError || !(error instanceof Error)) throw error;
    return `${error.name}: ${error.message}`;
  }
}

class Account {
  #balance = 0;
  deposit(amount: number): number {
    this.#balance += amount;
    return this.#balance;
  }
}

play(({ say }) => {
  // 1. A validated person: a good write goes through, a bad one is refused before it lands.
  const ada = { name: "Ada", age: 36 };
  const person = validated(ada, { name: { type: "string" }, age: { type: "number", valid: (age) => Number.isInteger(age) && age >= 0 } });
  person.age = 37;
  say(`validated: age = 37  -> target.age is ${ada.age}`);
  say(`validated: age = -1  -> ${attempt(() => (person.age = -1))}; target.age is still ${ada.age}`);

  // 2. A read-only config: nested objects are views too.
  const config = { server: { host: "localhost", ports: [80, 443] } };
  const view = readonlyView(config);
  say(`readonly:  view.server === view.server -> ${view.server === view.server}`);
  say(`readonly:  server.host = "evil" -> ${attempt(() => ((view.server as { host: string }).host = "evil"))}`);
  say(`readonly:  source still says host ${config.server.host}`);

  // 3. A lazy object: the factory runs on the first use, and only then.
  let made = 0;
  const heavy = lazy(() => {
    made += 1;
    return { answer: 42 };
  });
  say(`lazy:      made before first use: ${made}`);
  say(`lazy:      heavy.answer is ${heavy.answer}, made: ${made}; again ${heavy.answer}, made: ${made}`);

  // 4. A logged account with a #private balance: the method must run on the real object.
  const log: LogEntry[] = [];
  const account = logged(new Account(), log);
  account.deposit(5);
  say(`logged:    deposit(5), deposit(3) -> balance ${account.deposit(3)}`);
  for (const entry of log) say(`logged:      ${entry.op} ${String(entry.key)}${"args" in entry ? ` (${entry.args.join(", ")})` : ""}`);

  // 5. A revocable access: after revoke(), every use is a TypeError.
  const secret = { pin: 1234 };
  const access = revocable(secret);
  say(`revocable: before revoke, pin is ${access.proxy.pin}`);
  access.revoke();
  say(`revocable: after revoke  -> ${attempt(() => access.proxy.pin)}`);

  say("Look: every refusal happened before the target changed, and the #private balance worked through the logging proxy.");
});
