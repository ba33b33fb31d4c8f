// @ts-check
/**
 * A Node module hook for `npm run play -- <kata> --solution` and the self-check: a relative import
 * made from katas/<kata>/play.ts that lands on a file of the kata is served from solutions/<kata>/
 * when the solution has it (the same rule as the vitest project "solution").
 */
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

/** @type {import("node:module").ResolveHook} */
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (!specifier.startsWith(".") || !context.parentURL?.startsWith("file:") || !resolved.url.startsWith("file:")) return resolved;
  const from = fileURLToPath(context.parentURL);
  const to = fileURLToPath(resolved.url);
  const kata = /([\\/])katas\1(\d{2}-[^\\/]+)\1/.exec(from);
  if (!kata || !to.includes(`${kata[1]}katas${kata[1]}${kata[2]}${kata[1]}`)) return resolved;
  const mirrored = to.replace(`${kata[1]}katas${kata[1]}${kata[2]}${kata[1]}`, `${kata[1]}solutions${kata[1]}${kata[2]}${kata[1]}`);
  return existsSync(mirrored) ? { ...resolved, url: pathToFileURL(mirrored).href } : resolved;
}
