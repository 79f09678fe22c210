// How the register hook parses a file, and which module format Node gets back.
import { dirname } from "node:path";
import { nearestPackageType } from "../package-type.js";

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
export function formatPlan(path: string, ext: string, code: string): { sourceType: "module" | "script" | "unambiguous"; format?: "module" | "commonjs" } {
  if (ext === ".mts" || ext === ".mjs") return { sourceType: "module", format: "module" };
  if (ext === ".cts" || ext === ".cjs") return { sourceType: "script", format: "commonjs" };
  const type = packageType(dirname(path));
  if (type === "module") return { sourceType: "module", format: "module" };
  if (type === "commonjs" || COMMONJS_HINTS.test(code)) return { sourceType: "unambiguous" };
  return { sourceType: "module", format: "module" };
}

