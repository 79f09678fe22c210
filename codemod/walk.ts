import { readdirSync, type Dirent } from "node:fs";
import { join } from "node:path";

/**
 * Visits every entry below `dir` (node_modules left out), without following symbolic links: a
 * folder is entered unless `visit` returns false for it. An unreadable folder is passed over.
 */
export function walk(dir: string, visit: (path: string, entry: Dirent) => boolean | void): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (visit(path, entry) !== false && entry.isDirectory()) walk(path, visit);
  }
}
