// Babel, the coroutil plugin and preset-typescript, loaded on the first file that needs them, and the
// one compile step both flavours of the register hook share.
import type { PluginItem } from "@babel/core";
import { createRequire } from "node:module";
import { extname } from "node:path";
import { withPythonHint } from "../python-hint.js";
import { TS_EXTENSIONS } from "./extensions.js";
import { formatPlan } from "./format.js";

const require = createRequire(import.meta.url);
const presetTypescript = require.resolve("@babel/preset-typescript");

/** What compiling needs: Babel's synchronous transform and the coroutil plugin. */
export interface Compiler {
  transformSync: typeof import("@babel/core").transformSync;
  plugin: PluginItem;
}

let loaded: Compiler | undefined;
let loading: Promise<Compiler> | undefined;

/**
 * Babel and the plugin for `module.registerHooks` (in-thread, synchronous): `require`d on the first file
 * that needs them (a plain JS run never pays for them).
 */
export function loadCompilerSync(): Compiler {
  if (!loaded) {
    const babel = require("@babel/core") as typeof import("@babel/core");
    const plugin = require("../index.js") as { default?: PluginItem } & PluginItem;
    loaded = { transformSync: babel.transformSync, plugin: (plugin as { default?: PluginItem }).default ?? plugin };
  }
  return loaded;
}

/** The same for `module.register`'s hooks thread, by `import()` (where `require` of ES modules may not be). */
export function loadCompiler(): Promise<Compiler> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= Promise.all([import("@babel/core"), import("../index.js")]).then(([babel, plugin]) => {
    loaded ??= { transformSync: babel.transformSync, plugin: plugin.default };
    return loaded;
  });
  return loading;
}

const YIELD_FROM = /\byield\s*\*?\s*(?:from|yieldFrom)\b/;

/**
 * A quick look that decides whether the coroutil plugin can have anything to do in a file (or a `yield from`
 * in it may need the hint, even without the import).
 */
export function mayUseCoroutil(code: string): boolean {
  return code.includes("coroutil") || code.includes("@coroutine") || YIELD_FROM.test(code);
}

/** The presets for a file: preset-typescript for TypeScript (TSX by extension), none for JavaScript. */
export function presetsFor(typescript: boolean, ext: string): PluginItem[] {
  return typescript ? [[presetTypescript, { allExtensions: true, isTSX: ext === ".tsx", allowDeclareFields: true }]] : [];
}

/** Whether a file needs compiling at all: TypeScript always, JavaScript when it may use coroutil. */
export function needsCompiling(path: string, code: string): boolean {
  return TS_EXTENSIONS.has(extname(path)) || mayUseCoroutil(code);
}

/**
 * Compiles one project file with the plugin (when it may use coroutil) and, for TypeScript,
 * preset-typescript, with an inline source map; returns Node's module format and the code.
 */
export function compile(compiler: Compiler, path: string, code: string): { format: "module" | "commonjs"; source: string } {
  const ext = extname(path);
  const typescript = TS_EXTENSIONS.has(ext);
  const plan = formatPlan(path, ext, code);
  let result;
  try {
    result = compiler.transformSync(code, {
      filename: path,
      babelrc: false,
      configFile: false,
      sourceType: plan.sourceType,
      sourceMaps: "inline",
      ast: plan.format === undefined,
      parserOpts: { plugins: ext === ".jsx" ? ["jsx"] : [] },
      presets: presetsFor(typescript, ext),
      plugins: mayUseCoroutil(code) ? [compiler.plugin] : [],
    });
  } catch (error) {
    throw withPythonHint(error, code, path);
  }
  if (result?.code == null) throw new Error(`coroutil/register: Babel returned no code for ${path}`);
  const format = plan.format ?? (result.ast?.program.sourceType === "module" ? "module" : "commonjs");
  return { format, source: result.code };
}
