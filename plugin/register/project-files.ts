// Which files the register hook compiles: the project's own sources, never node_modules, never coroutil's own code.
import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { JS_EXTENSIONS, TS_EXTENSIONS } from "./extensions.js";

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

export function isInNodeModules(path: string): boolean {
  return path.split(/[\\/]/).includes("node_modules");
}

/** A file this hook compiles: a project source file (not under node_modules, not this package's own code). */
export function isProjectFile(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  const path = fileURLToPath(url);
  const ext = extname(path);
  if (!TS_EXTENSIONS.has(ext) && !JS_EXTENSIONS.has(ext)) return undefined;
  if (isInNodeModules(path)) return undefined;
  if (ownFolders.some((folder) => path.startsWith(folder))) return undefined;
  return path;
}

