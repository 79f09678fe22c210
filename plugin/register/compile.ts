// Babel, the coroutil plugin and preset-typescript, loaded on the first file that needs them.
import type { PluginItem } from "@babel/core";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const presetTypescript = require.resolve("@babel/preset-typescript");

interface Compiler {
  transformAsync: typeof import("@babel/core").transformAsync;
  plugin: PluginItem;
}
let compiler: Promise<Compiler> | undefined;

/** Babel and the plugin, loaded on the first file that needs them (a plain JS run never pays for them). */
export function loadCompiler(): Promise<Compiler> {
  compiler ??= Promise.all([import("@babel/core"), import("../index.js")]).then(([babel, plugin]) => ({
    transformAsync: babel.transformAsync,
    plugin: plugin.default,
  }));
  return compiler;
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
