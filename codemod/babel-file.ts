import { parseSync, transformSync, type NodePath, type PluginObj, type types as t } from "@babel/core";
import { isJavaScriptFile } from "./text.js";

type ParserPlugin = string | [string, object];

/** The parser plugins for a file, by extension: TypeScript (and JSX in .tsx), JSX in JavaScript. */
function parserPlugins(fileName: string, decorators: ParserPlugin): ParserPlugin[] {
  if (/\.tsx$/i.test(fileName)) return ["typescript", "jsx", decorators];
  if (/\.[mc]?ts$/i.test(fileName)) return ["typescript", decorators];
  return ["jsx", decorators];
}

function sourceType(fileName: string): "module" | "script" | "unambiguous" {
  if (/\.m[jt]s$/i.test(fileName)) return "module";
  if (/\.c[jt]s$/i.test(fileName)) return "script";
  return "unambiguous";
}

type Visit = (program: NodePath<t.Program>, comments: t.Comment[]) => unknown;
let visiting: { visit: Visit; result?: { value: unknown } } | undefined;
/** One plugin object for every file (Babel caches its instance; a new one per call costs a config load). */
const plugin = (): PluginObj => ({
  visitor: {
    Program(path, state) {
      visiting!.result = { value: visiting!.visit(path, state.file.ast.comments ?? []) };
      path.stop();
    },
  },
});

/** Tries the standard decorators syntax, then (TypeScript's experimental decorators) the legacy one. */
function withDecorators<T>(fileName: string, run: (decorators: ParserPlugin) => T): T {
  try {
    return run("decorators");
  } catch (error) {
    if ((error as { code?: string }).code !== "BABEL_PARSE_ERROR" || isJavaScriptFile(fileName)) throw error;
    try {
      return run("decorators-legacy");
    } catch {
      throw error;
    }
  }
}

const parserOptions = (fileName: string, decorators: ParserPlugin) => ({
  filename: fileName,
  babelrc: false,
  configFile: false,
  highlightCode: false,
  sourceType: sourceType(fileName),
  parserOpts: { plugins: parserPlugins(fileName, decorators) as never, allowReturnOutsideFunction: /\.c[jt]s$/i.test(fileName) },
});

/**
 * Parses `code` with Babel as the plugin's users' Babel would (TypeScript by extension, JSX,
 * decorators), and runs `visit` on its Program with scope and code frames, generating nothing.
 * A syntax error throws Babel's error (with `loc` and a code frame).
 */
export function withProgram<T>(code: string, fileName: string, visit: (program: NodePath<t.Program>, comments: t.Comment[]) => T): T {
  const outer = visiting;
  visiting = { visit };
  try {
    withDecorators(fileName, (decorators) => transformSync(code, { ...parserOptions(fileName, decorators), code: false, ast: false, plugins: [plugin] }));
    return visiting.result!.value as T;
  } finally {
    visiting = outer;
  }
}

/** Parses `code` only (no scope, no traversal): throws Babel's error for a syntax error. */
export function parseOnly(code: string, fileName: string): void {
  withDecorators(fileName, (decorators) => parseSync(code, parserOptions(fileName, decorators)));
}

/** Whether `code` parses as `fileName` would (the check every codemod output passes before a write). */
export function parseError(code: string, fileName: string): string | undefined {
  try {
    parseOnly(code, fileName);
    return undefined;
  } catch (error) {
    return babelErrorLine(error);
  }
}

/** `line:column reason` of a Babel parse error (its first line, without file name or code frame). */
export function babelErrorLine(error: unknown): string {
  const e = error as { loc?: { line: number; column: number }; reasonCode?: string; message?: string };
  const head = String(e.message ?? error).split("\n")[0]!.replace(/^[^:]*: /, "").replace(/\s*\(\d+:\d+\)$/, "");
  return e.loc ? `${e.loc.line}:${e.loc.column + 1} ${head}` : head;
}
