/**
 * The coroutil transform as a plugin for every bundler, made with unplugin: `coroutil/vite`,
 * `coroutil/rollup`, `coroutil/rolldown`, `coroutil/esbuild`, `coroutil/webpack`, `coroutil/rspack`.
 * It runs the Babel plugin (`coroutil/babel`, same options) before the bundler's own TypeScript
 * and JSX handling, on the files that can use coroutil (a quick text check, no parse, for the rest).
 * @packageDocumentation
 */
import { createUnplugin, type FilterPattern } from "unplugin";
import { messages } from "./contract.js";
import plugin from "./index.js";
import { validateOptions, type Options } from "./options.js";
import { withPythonHint } from "./python-hint.js";

/** Options of the bundler plugins: the Babel plugin's, and which files to transform. */
export interface BundlerOptions extends Options {
  /** files to transform (default: .js .jsx .mjs .cjs .ts .tsx .mts .cts) */
  include?: FilterPattern;
  /** files to leave alone (default: anything under node_modules) */
  exclude?: FilterPattern;
}

const SOURCES = /\.[cm]?[jt]sx?$/;
/** What a file must contain for the plugin to have anything to do, or for the `yield from x` hint. */
const MAY_USE = /coroutil|@coroutine|\byield\s*\*?\s*(?:from|yieldFrom)\b/;
const MAY_USE_ALL = /coroutil|@coroutine|\byield\b/;
const COMMONJS_HINTS = /\b(?:require\s*\(|module\.exports|exports\.)/;

type Babel = typeof import("@babel/core");
let babel: Promise<Babel> | undefined;

/** @babel/core, the user's (a peer dependency); without it, one line that says how to install it. */
function loadBabel(): Promise<Babel> {
  babel ??= import("@babel/core").catch(() => {
    throw new Error(messages.missingPeer("coroutil's bundler plugin", ["@babel/core"]));
  });
  return babel;
}

export const unplugin = createUnplugin((options: BundlerOptions | undefined) => {
  const { include = SOURCES, exclude = /[\\/]node_modules[\\/]/, ...pluginOptions } = options ?? {};
  validateOptions(pluginOptions);
  return {
    name: "coroutil",
    enforce: "pre",
    transform: {
      // With trampoline: "all", any file with a `yield*` may have work to do.
      filter: { id: { include, exclude }, code: pluginOptions.trampoline === "all" ? MAY_USE_ALL : MAY_USE },
      async handler(code, id) {
        const { transformAsync } = await loadBabel();
        const path = id.replace(/[?#].*$/, "");
        const typescript = /\.[cm]?tsx?$/.test(path);
        try {
          const result = await transformAsync(code, {
            filename: path,
            babelrc: false,
            configFile: false,
            // A bundler reads a file without import/export as a module too; CommonJS names keep Babel's guess.
            sourceType: COMMONJS_HINTS.test(code) ? "unambiguous" : "module",
            sourceMaps: true,
            // Parse TypeScript and JSX, print them back: the bundler compiles them afterwards.
            parserOpts: { plugins: [...(typescript ? (["typescript"] as const) : []), ...(/x$/.test(path) || !typescript ? (["jsx"] as const) : [])] },
            plugins: [[plugin, pluginOptions]],
          });
          if (!result?.code || result.code === code) return undefined;
          return { code: result.code, map: result.map ?? undefined };
        } catch (error) {
          throw withPythonHint(error, code, path);
        }
      },
    },
  };
});

export default unplugin;
