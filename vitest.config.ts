/**
 * Vitest configuration for editors and plain `npx vitest`. The workbook's own commands (`npm test`,
 * `npm start`, `npm run watch`) use the same projects from tools/runner/projects.mjs.
 *
 *   npx vitest run --project solution     every spec against the reference solutions
 *   npx vitest --project learner katas/01 one kata against your file, in watch mode
 */
import { defineConfig } from "vitest/config";
import { projects } from "./tools/runner/projects.mjs";

export default defineConfig({
  test: {
    projects: projects(),
  },
});
