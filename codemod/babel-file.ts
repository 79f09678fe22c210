import { transformSync, type NodePath, type PluginObj, type types as t } from "@babel/core";
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

/**
 * Parses `code` with Babel as the plugin's users' Babel would (TypeScript by extension, JSX,
 * decorators), and runs `visit` on its Program with scope and code frames, generating nothing.
 * A syntax error throws Babel's error (with `loc` and a code frame).
 */
export function withProgram<T>(code: string, fileName: string, visit: (program: NodePath<t.Program>, comments: t.Comment[]) => T): T {
  let result: { value: T } | undefined;
  const plugin = (): PluginObj => ({
    visitor: {
      Program(path, state) {
        result = { value: visit(path, state.file.ast.comments ?? []) };
        path.stop();
      },
    },
  });
  const run = (decorators: ParserPlugin) =>
    transformSync(code, {
      filename: fileName,
      babelrc: false,
      configFile: false,
      code: false,
      ast: false,
      highlightCode: false,
      sourceType: sourceType(fileName),
      parserOpts: { plugins: parserPlugins(fileName, decorators) as never, allowReturnOutsideFunction: /\.c[jt]s$/i.test(fileName) },
      plugins: [plugin],
    });
  try {
    run("decorators");
  } catch (error) {
    // TypeScript's experimental decorators (on parameters, before `export`) parse as the legacy flavour.
    if ((error as { code?: string }).code !== "BABEL_PARSE_ERROR" || isJavaScriptFile(fileName)) throw error;
    try {
      run("decorators-legacy");
    } catch {
      throw error;
    }
  }
  return result!.value;
}

/** Whether `code` parses as `fileName` would (the check every codemod output passes before a write). */
export function parseError(code: string, fileName: string): string | undefined {
  try {
    withProgram(code, fileName, () => undefined);
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
