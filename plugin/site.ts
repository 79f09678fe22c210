import { basename, isAbsolute, relative, sep } from "node:path";
import type { types as t } from "@babel/core";

/**
 * The file part of a delegation site: the filename relative to Babel's `cwd` (or `root`) when the
 * file lies below it, else its basename; `<anonymous>` when Babel was given no filename.
 */
export function siteFile(filename: string | null | undefined, cwd: string | null | undefined): string {
  if (!filename) return "<anonymous>";
  if (cwd && isAbsolute(filename)) {
    const rel = relative(cwd, filename);
    if (rel && !rel.startsWith("..") && !isAbsolute(rel)) return rel.split(sep).join("/");
  }
  return basename(filename);
}

/** `"file:line:column"` of a node (1-based column, as in stack traces), or null without a location. */
export function siteOf(file: string, node: t.Node): string | null {
  const start = node.loc?.start;
  return start ? `${file}:${start.line}:${start.column + 1}` : null;
}
