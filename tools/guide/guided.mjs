// @ts-check
/**
 * The guided mode of `npm start`: one long-lived vitest instance in watch mode, our own screen.
 *
 * - Opens on the first kata that is not green; shows its title, lesson, passed/total, the first
 *   failing test (name, message, where) and the progress over all katas.
 * - Reruns the current kata's spec on every save of a file of that kata. The file events are vitest's
 *   own (its Vite watcher, which also invalidates the changed module); the run is started at once
 *   instead of after vitest's 100 ms debounce, and only the current kata's spec runs.
 * - Keys: h hint, n next (once green, never automatically), p previous, l list, g run it (play.ts), c compare, x reset,
 *   r rerun, u vitest UI, q quit.
 *
 * `createGuide({ root, input, output })` is the whole mode behind an API: the CLI hands it the
 * process's terminal, the tests hand it fake streams and call `press()`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { emitKeypressEvents } from "node:readline";
import { compareKata } from "../commands/compare.mjs";
import { createEngine, emptyResult } from "../runner/engine.mjs";
import { hintsSeen, takeHint } from "../commands/hint.mjs";
import { listKatas } from "../core/katas.mjs";
import { formatFailure, formatList, formatSummary } from "../commands/progress.mjs";
import { LIMITS } from "../core/config.mjs";
import { ROOT } from "../core/paths.mjs";
import { resetKata } from "../commands/reset.mjs";
import { readState, updateState } from "../core/state.mjs";
import { bar, CLEAR, indent, inlineMarkdown, paint, stripAnsi, wantsColor, wrap } from "../terminal/screen.mjs";

/** @typedef {import("../runner/engine.mjs").KataResult} KataResult */
/** @typedef {import("../core/katas.mjs").Kata} Kata */
/** @typedef {{ name?: string, sequence?: string, ctrl?: boolean }} Key */

/**
 * @typedef {object} GuideOptions
 * @property {string} [root]
 * @property {NodeJS.ReadableStream & { isTTY?: boolean, setRawMode?: (raw: boolean) => unknown }} [input]
 * @property {NodeJS.WritableStream & { isTTY?: boolean, columns?: number }} [output]
 * @property {boolean} [color]   default: from the output stream and NO_COLOR/FORCE_COLOR
 * @property {boolean} [keys]    listen to key presses on `input` (default: true)
 * @property {(screen: string) => void} [onRender]  called after each screen is written
 * @property {{ warm?: boolean, fastStacks?: boolean, debounce?: number }} [tuning]
 *   the speed-ups, on by default (debounce: ms after a file event, vitest's own is 100), adjustable
 *   only to measure what each one buys
 */

/** How long quitting waits for a run under way. */
const CLOSE_WAIT_MS = 3000;

/**
 * @param {GuideOptions} [options]
 */
export function createGuide({ root = ROOT, input = process.stdin, output = process.stdout, color, keys = true, onRender, tuning = {} } = {}) {
  const c = paint(color ?? wantsColor(output));
  /** @type {Kata[]} */
  let katas = listKatas(root);
  /** @type {Map<string, KataResult>} */
  const results = new Map();
  let index = 0;
  /** @type {import("../runner/engine.mjs").Engine | undefined} */
  let engine;
  let running = false;
  let rerunWanted = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let saveTimer;
  /** @type {"main" | "list"} */
  let view = "main";
  let selected = 0;
  let typed = "";
  /** @type {{ question: string, yes: () => void | Promise<void> } | undefined} */
  let prompt;
  let panel = "";
  let hintsShown = 0;
  let message = "";
  /** a message that outlives the rerun it causes (where reset put the learner's files) */
  let keepMessage = false;
  let allGreen = false;
  let uiUrl = "";
  /** @type {import("vitest/node").Vitest | undefined} */
  let ui;
  let closed = false;
  let renders = 0;
  let screen = "";
  /** @type {Array<(screen: string) => void>} */
  let waiting = [];
  /** @type {() => void} */
  let resolveDone = () => {};
  const done = new Promise((resolve) => {
    resolveDone = () => resolve(undefined);
  });

  const current = () => /** @type {Kata} */ (katas[Math.min(index, katas.length - 1)]);
  const resultOf = (/** @type {Kata} */ kata) => results.get(kata.slug) ?? emptyResult(kata);
  const orderedResults = () => katas.map(resultOf);

  function render() {
    if (closed) return;
    const text = view === "list" ? listScreen() : mainScreen();
    screen = text;
    renders++;
    output.write(CLEAR + text + "\n");
    onRender?.(text);
    const plain = stripAnsi(text);
    const callbacks = waiting;
    waiting = [];
    for (const cb of callbacks) cb(plain);
  }

  function keyLine() {
    return c.dim("h hint · n next · p previous · l list · g run it · c compare · x reset · r rerun · u vitest UI · q quit");
  }

  function mainScreen() {
    if (katas.length === 0) return `No katas found in ${path.join(root, "katas")}.\n\n${keyLine()}`;
    const kata = current();
    const r = resultOf(kata);
    const lines = [];
    lines.push(`${c.bold(`${kata.slug}`)}  ${c.bold(c.cyan(kata.meta.title))}  ${c.dim(`(kata ${index + 1} of ${katas.length})`)}`);
    if (kata.meta.summary) lines.push(c.dim(kata.meta.summary));
    const lesson = existsSync(path.join(kata.dir, "README.md")) ? `katas/${kata.slug}/README.md` : `katas/${kata.slug}/ (no README yet)`;
    lines.push(`lesson: ${lesson}   your file${kata.files.length === 1 ? "" : "s"}: ${kata.files.map((f) => `katas/${kata.slug}/${f}`).join(", ")}`);
    lines.push("");
    const status = running ? c.yellow("running…") : r.typesPending ? c.yellow("checking types…") : r.status === "green" ? c.green(c.bold("all tests pass, types check")) : "";
    lines.push(`${c.bold(`${r.passed}/${r.total}`)} tests pass  ${bar(r.passed, r.total, 24, c)}  ${status}`);
    lines.push("");
    if (allGreen) {
      lines.push(c.green(c.bold(`Every kata is green, confirmed by a full run of all ${katas.length}. Well done!`)));
      lines.push("Compare your answers with the reference solutions (c), or revisit any kata (l).");
    } else if (r.status === "green" && r.typesPending) {
      lines.push(c.yellow("Every test passes; checking the types (tsc)…"));
    } else if (r.status === "green") {
      lines.push(c.green(c.bold(`✔ ${kata.meta.title}: done.`)) + ` Press ${c.bold("n")} for the next kata, ${c.bold("c")} to compare with the reference solution.`);
    } else if (r.status === "empty" && !running) {
      lines.push(c.yellow(r.total === 0 && results.has(kata.slug) ? "No tests found for this kata yet." : "Not run yet."));
    } else {
      const failure = formatFailure(r, { root, color: c.enabled });
      if (failure) lines.push(failure);
    }
    if (r.logs?.length && !allGreen) {
      const shown = r.logs.slice(-8).map((line) => (c.enabled ? line : stripAnsi(line)));
      lines.push("", c.bold(`Console output${r.logs.length > shown.length ? ` (last ${shown.length} of ${r.logs.length} lines)` : ""}:`), indent(shown.join("\n"), "  │ "));
    }
    lines.push("", formatSummary(orderedResults(), { color: c.enabled }));
    if (hintsShown > 0) {
      lines.push("");
      const hints = kata.meta.hints;
      for (let i = 0; i < Math.min(hintsShown, hints.length); i++) {
        lines.push(c.yellow(`Hint ${i + 1}/${hints.length}:`) + " " + indent(wrap(inlineMarkdown(/** @type {string} */ (hints[i]), c), Math.min(92, (/** @type {{ columns?: number }} */ (output).columns ?? 100) - 4)), "  ").trimStart());
      }
      if (hintsShown >= hints.length) lines.push(c.dim("That was the last hint. c compares your file with the reference solution."));
    }
    if (panel) lines.push("", panel);
    if (uiUrl) lines.push("", `Vitest UI: ${c.cyan(uiUrl)}`);
    if (message) lines.push("", message);
    lines.push("", prompt ? c.bold(`${prompt.question} [y/N]`) : keyLine());
    return lines.join("\n");
  }

  function listScreen() {
    const rows = orderedResults();
    const sel = rows[selected]?.slug;
    return [
      c.bold("The katas"),
      "",
      formatList(rows, { color: c.enabled, current: current().slug, ...(sel ? { selected: sel } : {}) }),
      "",
      formatSummary(rows, { color: c.enabled }),
      "",
      typed ? `Go to kata number: ${typed}` : "",
      c.dim("↑/↓ (or k/j) and Enter, or type a number and Enter, to go to a kata · Esc or l to go back"),
    ].join("\n");
  }

  /** The run under way, if any: closing waits for it (briefly), so that nothing is written after. */
  /** @type {Promise<unknown> | undefined} */
  let inFlight;

  /** Which run the type check that reports belongs to: a late report of an older run is dropped. */
  let generation = 0;

  /**
   * @param {Kata[]} which
   * @param {{ waitTypes?: boolean }} [options]  waitTypes: resolve only once the type check has
   *   reported too (the opening run and the final one decide which kata is green)
   */
  async function runKatas(which, { waitTypes = false } = {}) {
    if (!engine) return;
    const mine = ++generation;
    // The tests' results go on screen at once; the type check's follow when tsc reports.
    const run = waitTypes ? engine.run(which) : engine.run(which, {
      onTypes(typed) {
        if (closed || mine !== generation) return;
        for (const [slug, result] of typed) results.set(slug, result);
        if ([...typed.values()].some((r) => r.status !== "green")) allGreen = false;
        if (!running) render();
      },
    });
    inFlight = run;
    try {
      const got = await run;
      for (const [slug, result] of got) results.set(slug, result);
    } finally {
      if (inFlight === run) inFlight = undefined;
    }
  }

  /** Runs the current kata's spec (again after this run if a save came in meanwhile). */
  async function runCurrent() {
    if (!engine || closed) return;
    if (running) {
      rerunWanted = true;
      return;
    }
    running = true;
    render();
    try {
      for (;;) {
        do {
          rerunWanted = false;
          await runKatas([current()]);
        } while (rerunWanted && !closed);
        running = false;
        if (resultOf(current()).status !== "green") allGreen = false;
        else if (!allGreen && orderedResults().every((r) => r.status === "green")) await finalRun();
        // A save during the final run: run the current kata again.
        if (!rerunWanted || closed) break;
        running = true;
      }
    } catch (error) {
      message = c.red(`The run failed: ${/** @type {Error} */ (error).message}`);
    } finally {
      running = false;
      render();
    }
  }

  /** Every kata looks green: one full run over all of them confirms it. */
  async function finalRun() {
    katas = listKatas(root);
    running = true;
    message = "Every kata looks green: confirming with a full run…";
    render();
    await runKatas(katas, { waitTypes: true });
    running = false;
    const notGreen = orderedResults().filter((r) => r.status !== "green");
    allGreen = notGreen.length === 0;
    message = allGreen ? "" : c.yellow(`The full run found ${notGreen.map((r) => r.slug).join(", ")} not green.`);
  }

  /** Keeps the kata on screen in .katas/state.json: the guide reopens on it. */
  function rememberKata() {
    const slug = katas[index]?.slug;
    if (slug) updateState(root, (state) => void (state.lastKata = slug));
  }

  /** @param {number} to */
  function goTo(to) {
    katas = listKatas(root);
    index = Math.max(0, Math.min(to, katas.length - 1));
    rememberKata();
    panel = "";
    message = "";
    hintsShown = 0;
    view = "main";
    void runCurrent();
  }

  /** @param {string} file */
  function onFileEvent(file) {
    // vitest has invalidated the changed module and queued its own rerun (100 ms later, of every
    // spec that imports the file): the guided mode drives the runs itself, so that one is dropped.
    engine?.vitest.watcher.changedTests.clear();
    if (closed || katas.length === 0) return;
    const kata = current();
    const inKata = file.startsWith(kata.dir + path.sep);
    const inKit = file.startsWith(path.join(root, "tools", "kit") + path.sep);
    if (!(inKata || inKit)) return;
    if (file.endsWith("kata.json") || file.endsWith(".md")) {
      katas = listKatas(root);
      render();
      return;
    }
    if (!/\.(ts|mts|js|mjs|json)$/.test(file)) return;
    // The current kata's spec runs now, not after vitest's debounce.
    panel = "";
    if (!keepMessage) message = "";
    if (inKata) katas = listKatas(root);
    clearTimeout(saveTimer);
    // A few ms to let an editor's truncate-then-write land as one save.
    saveTimer = setTimeout(() => void runCurrent(), tuning.debounce ?? 8);
  }

  /** @param {string} question @param {() => void | Promise<void>} yes */
  function ask(question, yes) {
    prompt = { question, yes };
    render();
  }

  /**
   * Handles one key press.
   * @param {string | undefined} str
   * @param {Key} [key]
   */
  async function handleKey(str, key = {}) {
    if (closed) return;
    const name = key.name ?? str ?? "";
    if (key.ctrl && (name === "c" || name === "d")) return close();
    if (prompt) {
      const { yes } = prompt;
      prompt = undefined;
      if (name === "y") await yes();
      else message = c.dim("Cancelled.");
      render();
      return;
    }
    if (view === "list") return listKey(str, key);
    message = "";
    keepMessage = false;
    switch (name) {
      case "q":
        return close();
      case "h": {
        const kata = current();
        if (kata.meta.hints.length === 0) {
          message = c.yellow("This kata has no hints.");
          break;
        }
        // One more each press; a new session starts again after the hints seen before.
        const from = hintsShown === 0 ? hintsSeen(kata, root) : hintsShown;
        hintsShown = takeHint(kata, { root, n: Math.min(from + 1, kata.meta.hints.length) }).n;
        break;
      }
      case "n": {
        const r = resultOf(current());
        if (r.status !== "green") {
          message = c.yellow(`n moves on once this kata is green (${r.passed}/${r.total} now). l lists every kata if you want to jump anyway.`);
          break;
        }
        if (index >= katas.length - 1) {
          message = c.green("This is the last kata.");
          break;
        }
        return goTo(index + 1);
      }
      case "p":
        if (index === 0) {
          message = c.dim("This is the first kata.");
          break;
        }
        return goTo(index - 1);
      case "l":
        katas = listKatas(root);
        view = "list";
        selected = index;
        typed = "";
        break;
      case "c": {
        const kata = current();
        const r = resultOf(kata);
        const show = () => {
          panel = compareKata(kata, { root, color: c.enabled }) + "\n" + c.dim("(your files are unchanged; the next save or r goes back to the tests)");
        };
        if (r.status !== "green") {
          ask(`${kata.slug} is not green yet (${r.passed}/${r.total}). Show the reference solution anyway?`, show);
          return;
        }
        show();
        break;
      }
      case "x": {
        const kata = current();
        ask(`Reset ${kata.slug} to the original stub? Your files are copied to .katas/backups/ first.`, () => {
          const { backup, restored } = resetKata(kata, { root });
          message =
            restored.length === 0
              ? c.dim(`${kata.slug} is already the untouched stub: nothing to reset.`)
              : `${c.green("Reset")} ${restored.join(", ")}. Your work is in ${c.bold(/** @type {string} */ (backup))}/`;
          keepMessage = true;
          hintsShown = 0;
        });
        return;
      }
      case "r":
        panel = "";
        return runCurrent();
      case "u":
        await openUi();
        break;
      case "g": {
        // Run it as a program: the kata's play.ts on the learner's code, its output in the panel.
        const kata = current();
        if (!existsSync(path.join(kata.dir, "play.ts"))) {
          message = c.yellow(`${kata.slug} has no play.ts.`);
          break;
        }
        message = c.dim(`Running katas/${kata.slug}/play.ts…`);
        render();
        const { runPlay } = await import("../play/run.mjs");
        const r = await runPlay(kata, { root, capture: true, timeoutMs: LIMITS.playGuidedMs });
        const lines = r.output.trimEnd().split("\n").slice(-24);
        panel = [c.bold(`npm run play -- ${kata.number}`), indent(lines.join("\n"), "  │ "), r.stopped ? c.red(`Stopped: ${r.stopped}`) : c.dim(`(exit code ${r.code}; in a terminal of its own, \`npm run play -- ${kata.number}\` takes arguments and input)`)].join("\n");
        message = "";
        break;
      }
      default:
        if (name === "return" || name === "enter") return runCurrent();
        return;
    }
    render();
  }

  /**
   * @param {string | undefined} str
   * @param {Key} key
   */
  function listKey(str, key) {
    const name = key.name ?? str ?? "";
    if (name === "escape" || name === "l" || name === "q") {
      view = "main";
    } else if (name === "up" || name === "k") {
      selected = Math.max(0, selected - 1);
    } else if (name === "down" || name === "j") {
      selected = Math.min(katas.length - 1, selected + 1);
    } else if (str && /^\d$/.test(str)) {
      typed = (typed + str).slice(-2);
      const at = katas.findIndex((k) => k.number === Number(typed));
      if (at >= 0) selected = at;
    } else if (name === "backspace") {
      typed = typed.slice(0, -1);
    } else if (name === "return" || name === "enter") {
      typed = "";
      return goTo(selected);
    }
    render();
  }

  async function openUi() {
    if (ui) return;
    message = "Starting the vitest UI…";
    render();
    try {
      const { startUi } = await import("../runner/ui.mjs");
      const started = await startUi({ root, open: Boolean(output.isTTY), quiet: true });
      ui = started.vitest;
      uiUrl = started.url;
      message = "";
    } catch (error) {
      message = c.red(`Could not start the vitest UI: ${/** @type {Error} */ (error).message}`);
    }
  }

  /** @param {string | undefined} str @param {Key} key */
  const onKeypress = (str, key) => {
    handleKey(str, key).catch((error) => {
      message = c.red(String(/** @type {Error} */ (error)?.message ?? error));
      render();
    });
  };

  async function start() {
    output.write(CLEAR + "Checking your katas…\n");
    engine = await createEngine({ root, watch: true, ...(tuning.warm === false ? { warm: false } : {}), ...(tuning.fastStacks === false ? { fastStacks: false } : {}) });
    engine.vitest.onFilterWatchedSpecification(() => false);
    const watcher = engine.vitest.vite.watcher;
    watcher.on("change", onFileEvent);
    watcher.on("add", onFileEvent);
    watcher.on("unlink", onFileEvent);
    if (keys) {
      emitKeypressEvents(input);
      if (input.isTTY && input.setRawMode) input.setRawMode(true);
      input.on("keypress", onKeypress);
      input.resume?.();
    }
    if (output.isTTY) output.on("resize", onResize);
    let checked = 0;
    const specs = katas.reduce((n, k) => n + k.specs.length, 0);
    engine.onModuleEnd(() => {
      checked++;
      if (!screen) output.write(CLEAR + `Checking your katas… ${bar(checked, specs, 24, c)} ${checked}/${specs} spec files\n`);
    });
    await runKatas(katas, { waitTypes: true });
    engine.onModuleEnd(undefined);
    const first = katas.findIndex((k) => resultOf(k).status !== "green");
    // Where the learner was last time, unless that kata is done: then the first one not green.
    const last = katas.findIndex((k) => k.slug === readState(root).lastKata);
    if (first === -1 && katas.length > 0) {
      index = katas.length - 1;
      allGreen = true;
    } else if (last >= 0 && resultOf(/** @type {Kata} */ (katas[last])).status !== "green") {
      index = last;
    } else {
      index = Math.max(0, first);
    }
    rememberKata();
    render();
  }

  function onResize() {
    if (screen) render();
  }

  async function close() {
    if (closed) return;
    closed = true;
    clearTimeout(saveTimer);
    output.off?.("resize", onResize);
    if (keys) {
      input.off("keypress", onKeypress);
      if (input.isTTY && input.setRawMode) input.setRawMode(false);
      input.pause?.();
    }
    // A run still going ends in a moment (tests take milliseconds; a hang ends the process anyway):
    // let it, so that vitest does not write its results into a folder that may be gone by then.
    if (inFlight) await Promise.race([inFlight.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    await Promise.allSettled([engine?.close(), ui?.close()]);
    output.write("\n");
    resolveDone();
  }

  return {
    start,
    close,
    /** resolves when the learner quits */
    done,
    /**
     * Sends a key as if typed ("h", "n", or a name like "return", "escape", "up").
     * @param {string} name
     */
    press: (name) => handleKey(name.length === 1 ? name : undefined, { name }),
    /** The next screen (ANSI-stripped) that satisfies `predicate`. */
    nextScreen(/** @type {(screen: string) => boolean} */ predicate = () => true) {
      return new Promise((resolve) => {
        const check = (/** @type {string} */ s) => (predicate(s) ? resolve(s) : waiting.push(check));
        waiting.push(check);
      });
    },
    get screen() {
      return stripAnsi(screen);
    },
    get renders() {
      return renders;
    },
    get current() {
      return current();
    },
    get results() {
      return orderedResults();
    },
    get running() {
      return running;
    },
  };
}

/**
 * `npm start` on a terminal: the guided mode until the learner quits.
 * @param {{ root?: string }} [options]
 */
export async function runGuided({ root = ROOT } = {}) {
  const guide = createGuide({ root });
  await guide.start();
  await guide.done;
  return 0;
}
