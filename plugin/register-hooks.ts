/**
 * Module customization hooks behind `coroutil/register` (loaded by `module.register`, on Node's hooks thread).
 * `resolve` lets `./foo.js` find `./foo.ts` (TypeScript's NodeNext convention) and accepts extensionless and
 * `.ts` specifiers; `load` compiles the project's own files with Babel, the coroutil plugin and (for
 * TypeScript) `@babel/preset-typescript`, with inline source maps.
 * @packageDocumentation
 */
import type { PluginItem } from "@babel/core";
import { existsSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire, type LoadHook, type ModuleFormat, type ResolveHook } from "node:module";
import { dirname, extname, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { nearestPackageType } from "./package-type.js";
import { withPythonHint } from "./python-hint.js";

const require = createRequire(import.meta.url);
const presetTypescript = require.resolve("@babel/preset-typescript");

interface Compiler {
  transformAsync: typeof import("@babel/core").transformAsync;
  plugin: PluginItem;
}
let compiler: Promise<Compiler> | undefined;

/** Babel and the plugin, loaded on the first file that needs them (a plain JS run never pays for them). */
function loadCompiler(): Promise<Compiler> {
  compiler ??= Promise.all([import("@babel/core"), import("./index.js")]).then(([babel, plugin]) => ({
    transformAsync: babel.transformAsync,
    plugin: plugin.default,
  }));
  return compiler;
}

const TS_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts"]);
const JS_EXTENSIONS = new Set([".js", ".jsx", ".mjs", ".cjs"]);
/** Where an import written with a JS extension may find its TypeScript source, as `tsc` does under NodeNext. */
const TS_FOR_JS: Record<string, string[]> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};
const EXTENSIONLESS_CANDIDATES = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** This package's own library folders: never compiled here (the runtime must stay as built). */
const ownFolders = findOwnFolders();

function findOwnFolders(): string[] {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, "utf8")).name === "coroutil") {
          return ["runtime", "plugin", "codemod", "cli", "dist"].map((folder) => join(dir, folder) + sep);
        }
      } catch {
        // an unreadable manifest is not ours; keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return [];
    dir = parent;
  }
}

function isInNodeModules(path: string): boolean {
  return path.split(/[\\/]/).includes("node_modules");
}

/** A file this hook compiles: a project source file (not under node_modules, not this package's own code). */
function isProjectFile(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  const path = fileURLToPath(url);
  const ext = extname(path);
  if (!TS_EXTENSIONS.has(ext) && !JS_EXTENSIONS.has(ext)) return undefined;
  if (isInNodeModules(path)) return undefined;
  if (ownFolders.some((folder) => path.startsWith(folder))) return undefined;
  return path;
}

function isPathLike(specifier: string): boolean {
  return (
    specifier.startsWith("./") ||
    specifier.startsWith("../") ||
    specifier.startsWith("/") ||
    specifier.startsWith("file:") ||
    specifier === "." ||
    specifier === ".."
  );
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The TypeScript (or extension-completed) file a path-like specifier that Node could not find stands for. */
function alternativeFor(specifier: string, parentURL: string): string | undefined {
  const target = new URL(specifier, parentURL);
  if (target.protocol !== "file:") return undefined;
  const path = fileURLToPath(target);
  const ext = extname(path);
  const swaps = TS_FOR_JS[ext];
  if (swaps) {
    const stem = path.slice(0, -ext.length);
    for (const swap of swaps) if (isFile(stem + swap)) return pathToFileURL(stem + swap).href + target.search;
    return undefined;
  }
  if (TS_EXTENSIONS.has(ext)) return undefined;
  for (const candidate of EXTENSIONLESS_CANDIDATES) {
    if (isFile(path + candidate)) return pathToFileURL(path + candidate).href + target.search;
  }
  for (const candidate of EXTENSIONLESS_CANDIDATES) {
    const index = join(path, "index" + candidate);
    if (isFile(index)) return pathToFileURL(index).href + target.search;
  }
  return undefined;
}

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const parentURL = context.parentURL;
    if (code !== "ERR_MODULE_NOT_FOUND" && code !== "ERR_UNSUPPORTED_DIR_IMPORT") throw error;
    if (parentURL?.startsWith("file:") && isPathLike(specifier) && !isInNodeModules(fileURLToPath(parentURL))) {
      const alternative = alternativeFor(specifier, parentURL);
      if (alternative) return nextResolve(alternative, context);
    }
    // The plugin adds `import … from "coroutil"` to compiled files; a project that runs coroutil without
    // installing it (a global `coroutil run`) finds the runtime next to this hook.
    if (specifier === "coroutil" || specifier.startsWith("coroutil/")) {
      try {
        return await nextResolve(specifier, { ...context, parentURL: import.meta.url });
      } catch {
        // report the original failure below
      }
    }
    throw error;
  }
};

/** The `type` of the nearest package.json (`undefined` when it has none or there is none). */
const packageType = (dir: string) => nearestPackageType(dir) ?? undefined;

/** CommonJS-only names: a file without a declared format that uses none of them is compiled as ESM. */
const COMMONJS_HINTS = /\b(?:require\s*\(|module\.exports|exports\.|__dirname|__filename)/;

/**
 * How to parse a file and, when that decides it, its format. `.mts`/`.mjs` and a `"type": "module"` package
 * mean ESM, `.cts`/`.cjs` CommonJS. Otherwise the syntax decides (import/export mean ESM, as TypeScript users
 * write even in CommonJS packages), and a file with neither import/export nor CommonJS-only names is ESM
 * unless its package says `"type": "commonjs"` (the plugin may add an import to it).
 */
function formatPlan(path: string, ext: string, code: string): { sourceType: "module" | "script" | "unambiguous"; format?: "module" | "commonjs" } {
  if (ext === ".mts" || ext === ".mjs") return { sourceType: "module", format: "module" };
  if (ext === ".cts" || ext === ".cjs") return { sourceType: "script", format: "commonjs" };
  const type = packageType(dirname(path));
  if (type === "module") return { sourceType: "module", format: "module" };
  if (type === "commonjs" || COMMONJS_HINTS.test(code)) return { sourceType: "unambiguous" };
  return { sourceType: "module", format: "module" };
}

const YIELD_FROM = /\byield\s*\*?\s*(?:from|yieldFrom)\b/;

/**
 * A quick look that decides whether the coroutil plugin can have anything to do in a file (or a `yield from`
 * in it may need the hint, even without the import).
 */
function mayUseCoroutil(code: string): boolean {
  return code.includes("coroutil") || code.includes("@coroutine") || YIELD_FROM.test(code);
}

export const load: LoadHook = async (url, context, nextLoad) => {
  const path = isProjectFile(url);
  if (path === undefined) return nextLoad(url, context);
  const ext = extname(path);
  const typescript = TS_EXTENSIONS.has(ext);
  const code = await readFile(path, "utf8");
  const usesCoroutil = mayUseCoroutil(code);
  if (!typescript && !usesCoroutil) return nextLoad(url, context);

  const plan = formatPlan(path, ext, code);
  const { transformAsync, plugin } = await loadCompiler();
  const plugins: PluginItem[] = usesCoroutil ? [plugin] : [];
  const presets: PluginItem[] = typescript
    ? [[presetTypescript, { allExtensions: true, isTSX: ext === ".tsx", allowDeclareFields: true }]]
    : [];
  let result;
  try {
    result = await transformAsync(code, {
      filename: path,
      babelrc: false,
      configFile: false,
      sourceType: plan.sourceType,
      sourceMaps: "inline",
      ast: plan.format === undefined,
      parserOpts: { plugins: ext === ".jsx" ? ["jsx"] : [] },
      presets,
      plugins,
    });
  } catch (error) {
    throw withPythonHint(error, code, path);
  }
  if (result?.code == null) throw new Error(`coroutil/register: Babel returned no code for ${path}`);
  const format: ModuleFormat = plan.format ?? (result.ast?.program.sourceType === "module" ? "module" : "commonjs");
  return { format, source: result.code, shortCircuit: true };
};
