// A workload compiled again with the plugin's `trampoline: "all"`: its plain `yield*` functions
// (the native twins) then run on coroutil's trampoline with JavaScript's semantics, in the same
// process as the native ones, for a side-by-side ratio.
import { readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { transformAsync } from "@babel/core";
import presetTypescript from "@babel/preset-typescript";
import coroutil from "coroutil/babel";

/** Imports a copy of the module at `moduleUrl` compiled with `{ trampoline: "all" }` (written beside it, git-ignored). */
export async function trampolinedCopy<T>(moduleUrl: string): Promise<T> {
  const file = fileURLToPath(moduleUrl);
  const result = await transformAsync(readFileSync(file, "utf8"), {
    filename: file,
    babelrc: false,
    configFile: false,
    presets: [presetTypescript],
    plugins: [[coroutil, { trampoline: "all" }]],
  });
  const copy = join(dirname(file), `.${basename(file, ".ts")}.trampolined.mjs`);
  writeFileSync(copy, result!.code!);
  return (await import(pathToFileURL(copy).href)) as T;
}

/** Whether the module at `moduleUrl` is the one node was started with (not an imported copy). */
export const isMain = (moduleUrl: string): boolean => process.argv[1] === fileURLToPath(moduleUrl);
