// @ts-check
// `node --import` entry: registers redirect.mjs (play.ts against the solution).
import { register } from "node:module";

register("./redirect.mjs", import.meta.url);
