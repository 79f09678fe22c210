// What the page does with the source: the plugin's output (Compiled), eject's output (Ejected), and
// the program the worker runs (the plugin's output as CommonJS). Babel runs in the page itself.
import { transform } from "@babel/core";
import transformModulesCommonjsModule from "@babel/plugin-transform-modules-commonjs";
import presetTypescriptModule from "@babel/preset-typescript";
import coroutilModule from "coroutil/babel";
import { ejectText } from "coroutil/codemod";

export const FILE = "playground.ts";

/** A CommonJS package's function, however the bundler's interop hands it over (`default` nested or not). */
function fn<T>(module: T): T {
  let m: unknown = module;
  while (typeof m !== "function" && (m as { default?: unknown } | null)?.default) m = (m as { default: unknown }).default;
  return m as T;
}
const transformModulesCommonjs = fn(transformModulesCommonjsModule);
const presetTypescript = fn(presetTypescriptModule);
const coroutil = fn(coroutilModule);

export interface Compiled {
  /** the plugin's output (TypeScript stripped), or the error */
  compiled: { code: string } | { error: string };
  /** eject's output, or the error */
  ejected: { code: string } | { error: string };
  /** what the worker runs, when it compiled */
  runnable?: string;
}

/** Python's `yield from x` (no parentheses) is a JavaScript syntax error: say what to write instead. */
export function pythonHint(error: unknown, source: string): string | undefined {
  const at = (error as { pos?: number; code?: string } | null)?.pos;
  if ((error as { code?: string } | null)?.code !== "BABEL_PARSE_ERROR" || at === undefined) return undefined;
  const habit = /\b(yield\s*\*?)\s+(from|yieldFrom)\s*$/.exec(source.slice(Math.max(0, at - 200), at));
  if (!habit || /^\s*\(/.test(source.slice(at))) return undefined;
  const keyword = habit[1]!.replace(/\s+/g, "");
  return `\`${keyword} ${habit[2]} x\` is Python: in JavaScript write ${keyword} ${habit[2]}(x), with parentheses`;
}

function message(error: unknown, source: string): string {
  const text = error instanceof Error ? error.message : String(error);
  const hint = pythonHint(error, source);
  return hint ? `${hint}\n${text}` : text;
}

export function compile(source: string): Compiled {
  let compiled: Compiled["compiled"];
  let runnable: string | undefined;
  try {
    const code = transform(source, {
      filename: FILE,
      babelrc: false,
      configFile: false,
      sourceType: "module",
      highlightCode: false,
      presets: [[presetTypescript, { allowDeclareFields: true }]],
      plugins: [coroutil],
    })!.code!;
    compiled = { code };
    runnable = transform(code, { babelrc: false, configFile: false, highlightCode: false, plugins: [transformModulesCommonjs] })!.code!;
  } catch (error) {
    console.error(error);
    compiled = { error: message(error, source) };
  }
  let ejected: Compiled["ejected"];
  try {
    ejected = { code: ejectText(source, FILE) };
  } catch (error) {
    ejected = { error: message(error, source) };
  }
  return { compiled, ejected, runnable };
}
