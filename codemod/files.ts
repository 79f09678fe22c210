import { lstatSync, statSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { escapePath, globSync } from "tinyglobby";
import { walk } from "./walk.js";

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
 * exclude globs (relative to `cwd`); node_modules is always excluded. A
 * symbolic link, to a file or a folder, named or found inside a folder, is
 * never followed: it is skipped with the reason (a dangling one too).
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
      stats = lstatSync(absolute);
    } catch {
      missing.push(absolute);
      continue;
    }
    if (stats.isSymbolicLink()) {
      skipped.push({ file: absolute, reason: linkReason(absolute) });
      continue;
    }
    if (stats.isDirectory()) {
      const base = relative(cwd, absolute).split(sep).join("/");
      const prefix = base ? `${escapePath(base)}/` : "";
      skipped.push(...linksUnder(absolute));
      const found = globSync([`${prefix}**/*.{${EXTENSIONS.join(",")}}`], { cwd, absolute: true, dot: false, ignore, followSymbolicLinks: false });
      for (const file of found) {
        const native = resolve(file);
        if (DECLARATION.test(native) || isLink(native)) continue;
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

const isLink = (path: string): boolean => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};

function linkReason(path: string): string {
  try {
    return statSync(path).isDirectory() ? "symlink to a folder (links are not followed)" : "symlink (links are not followed)";
  } catch {
    return "dangling symlink";
  }
}

/**
 * The symbolic links inside a folder (node_modules and dot-folders left out, as the file search
 * does): source-named links to files, links to folders, dangling links; none is entered.
 */
function linksUnder(folder: string): Collected["skipped"] {
  const found: Collected["skipped"] = [];
  walk(folder, (path, entry) => {
    if (entry.name.startsWith(".")) return false;
    if (!entry.isSymbolicLink()) return;
    const reason = linkReason(path);
    if (SOURCE.test(entry.name) || reason !== "symlink (links are not followed)") found.push({ file: resolve(path), reason });
  });
  return found;
}
