import { statSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { escapePath, globSync } from "tinyglobby";

export const EXTENSIONS = ["js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts"];
const SOURCE = new RegExp(`\\.(?:${EXTENSIONS.join("|")})$`, "i");
const DECLARATION = /\.d\.[cm]?ts$/i;

export interface Collected {
  files: string[];
  skipped: { file: string; reason: string }[];
  missing: string[];
}

/**
 * The source files named by PATHS (files or folders), filtered by include and
 * exclude globs (relative to `cwd`); node_modules is always excluded.
 */
export function collectFiles(paths: readonly string[], cwd: string, include: readonly string[] = [], exclude: readonly string[] = []): Collected {
  const files = new Set<string>();
  const skipped: Collected["skipped"] = [];
  const missing: string[] = [];
  const ignore = ["**/node_modules/**", ...exclude];
  let included: Set<string> | undefined;
  let excluded: Set<string> | undefined;

  for (const path of paths.length ? paths : ["."]) {
    const absolute = resolve(cwd, path);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      missing.push(absolute);
      continue;
    }
    if (stats.isDirectory()) {
      const base = relative(cwd, absolute).split(sep).join("/");
      const prefix = base ? `${escapePath(base)}/` : "";
      const found = globSync([`${prefix}**/*.{${EXTENSIONS.join(",")}}`], { cwd, absolute: true, dot: false, ignore });
      for (const file of found) {
        const native = resolve(file);
        if (DECLARATION.test(native)) continue;
        if (include.length) {
          included ??= new Set(globSync([...include], { cwd, absolute: true, ignore }).map((f) => resolve(f)));
          if (!included.has(native)) continue;
        }
        files.add(native);
      }
      continue;
    }
    if (absolute.split(sep).includes("node_modules")) skipped.push({ file: absolute, reason: "inside node_modules" });
    else if (DECLARATION.test(absolute)) skipped.push({ file: absolute, reason: "declaration file" });
    else if (!SOURCE.test(absolute)) skipped.push({ file: absolute, reason: `not a source file (${EXTENSIONS.map((e) => `.${e}`).join(" ")})` });
    else if (exclude.length && (excluded ??= new Set(globSync([...exclude], { cwd, absolute: true }).map((f) => resolve(f)))).has(absolute)) {
      skipped.push({ file: absolute, reason: "excluded by --exclude" });
    } else files.add(absolute);
  }
  return { files: [...files].sort(), skipped, missing };
}
