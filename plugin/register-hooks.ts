/**
 * Module customization hooks behind `coroutil/register`, in both of Node's flavours: `resolveSync`/`loadSync`
 * for `module.registerHooks` (in-thread, where Node has it) and `resolve`/`load` for `module.register` (on
 * Node's hooks thread, older lines). `resolve` lets `./foo.js` find `./foo.ts` (TypeScript's NodeNext
 * convention) and accepts extensionless and `.ts` specifiers; `load` compiles the project's own files with
 * Babel, the coroutil plugin and (for TypeScript) `@babel/preset-typescript`, with inline source maps.
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";
import type { LoadFnOutput, LoadHook, LoadHookSync, ResolveFnOutput, ResolveHook, ResolveHookContext, ResolveHookSync } from "node:module";
import { fileURLToPath } from "node:url";
import { RUNTIME_MODULE } from "./contract.js";
import { alternativeFor, isPathLike } from "./register/alternatives.js";
import { compile, loadCompiler, loadCompilerSync, needsCompiling, type Compiler } from "./register/compile.js";
import { isInNodeModules, isProjectFile } from "./register/project-files.js";

/**
 * Where to look again when Node could not resolve a specifier: the TypeScript file behind a project's
 * path-like specifier, or (for `coroutil` itself, which the plugin imports into compiled files) this
 * package, so that a program run by a global `coroutil run` finds the runtime beside this hook.
 */
function retry(error: unknown, specifier: string, context: ResolveHookContext): { specifier: string; context: ResolveHookContext }[] {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "ERR_UNSUPPORTED_DIR_IMPORT") return [];
  const parentURL = context.parentURL;
  if (parentURL?.startsWith("file:") && isPathLike(specifier) && !isInNodeModules(fileURLToPath(parentURL))) {
    const alternative = alternativeFor(specifier, parentURL);
    return alternative ? [{ specifier: alternative, context }] : [];
  }
  if (specifier === RUNTIME_MODULE || specifier.startsWith(`${RUNTIME_MODULE}/`)) {
    return [{ specifier, context: { ...context, parentURL: import.meta.url } }];
  }
  return [];
}

/** The compiled module for a project file that needs compiling, else `undefined` (Node loads it as is). */
function compiled(url: string, compiler: () => Compiler): LoadFnOutput | undefined {
  const path = isProjectFile(url);
  if (path === undefined) return undefined;
  const code = readFileSync(path, "utf8");
  if (!needsCompiling(path, code)) return undefined;
  return { ...compile(compiler(), path, code), shortCircuit: true };
}

export const resolveSync: ResolveHookSync = (specifier, context, nextResolve) => {
  try {
    return nextResolve(specifier, context);
  } catch (error) {
    for (const again of retry(error, specifier, context)) {
      try {
        return nextResolve(again.specifier, again.context);
      } catch {
        // report the original failure below
      }
    }
    throw error;
  }
};

export const loadSync: LoadHookSync = (url, context, nextLoad) => compiled(url, loadCompilerSync) ?? nextLoad(url, context);

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    for (const again of retry(error, specifier, context)) {
      try {
        return (await nextResolve(again.specifier, again.context)) as ResolveFnOutput;
      } catch {
        // report the original failure below
      }
    }
    throw error;
  }
};

export const load: LoadHook = async (url, context, nextLoad) => {
  if (isProjectFile(url) === undefined) return nextLoad(url, context);
  const compiler = await loadCompiler();
  return compiled(url, () => compiler) ?? nextLoad(url, context);
};
