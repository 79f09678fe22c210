/**
 * Module customization hooks behind `coroutil/register` (loaded by `module.register`, on Node's hooks thread).
 * `resolve` lets `./foo.js` find `./foo.ts` (TypeScript's NodeNext convention) and accepts extensionless and
 * `.ts` specifiers; `load` compiles the project's own files with Babel, the coroutil plugin and (for
 * TypeScript) `@babel/preset-typescript`, with inline source maps.
 * @packageDocumentation
 */
import type { PluginItem } from "@babel/core";
import { readFile } from "node:fs/promises";
import type { LoadHook, ModuleFormat, ResolveHook } from "node:module";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { RUNTIME_MODULE } from "./contract.js";
import { withPythonHint } from "./python-hint.js";
import { alternativeFor, isPathLike } from "./register/alternatives.js";
import { loadCompiler, mayUseCoroutil, presetsFor } from "./register/compile.js";
import { TS_EXTENSIONS } from "./register/extensions.js";
import { formatPlan } from "./register/format.js";
import { isInNodeModules, isProjectFile } from "./register/project-files.js";

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
    if (specifier === RUNTIME_MODULE || specifier.startsWith(`${RUNTIME_MODULE}/`)) {
      try {
        return await nextResolve(specifier, { ...context, parentURL: import.meta.url });
      } catch {
        // report the original failure below
      }
    }
    throw error;
  }
};

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
  const presets = presetsFor(typescript, ext);
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
