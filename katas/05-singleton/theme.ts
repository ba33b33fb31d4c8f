import { settings } from "./singleton";

/*
 * Step 1. Another module of the app, already written: nothing to change here. It imports `settings`
 * on its own, the way every module of an app would. The spec uses it to show that its import and
 * yours are the same object.
 */

/** Step 1 (given). Switches the app to `name` ("dark", "light", ...), through this module's import. */
export function setTheme(name: string): void {
  settings.set("theme", name);
}

/** Step 1 (given). The app's theme as this module sees it, "light" when none was set. */
export function currentTheme(): string {
  return settings.get("theme") ?? "light";
}
