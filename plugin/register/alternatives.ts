// Resolution help: `./foo.js` finds `./foo.ts` (TypeScript's NodeNext convention), and extensionless specifiers a file.
import { statSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { EXTENSIONLESS_CANDIDATES, TS_EXTENSIONS, TS_FOR_JS } from "./extensions.js";

export function isPathLike(specifier: string): boolean {
  return (
    specifier.startsWith("./") ||
    specifier.startsWith("../") ||
    specifier.startsWith("/") ||
    specifier.startsWith("file:") ||
    specifier === "." ||
    specifier === ".."
  );
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The TypeScript (or extension-completed) file a path-like specifier that Node could not find stands for. */
export function alternativeFor(specifier: string, parentURL: string): string | undefined {
  const target = new URL(specifier, parentURL);
  if (target.protocol !== "file:") return undefined;
  const path = fileURLToPath(target);
  const ext = extname(path);
  const swaps = TS_FOR_JS[ext];
  if (swaps) {
    const stem = path.slice(0, -ext.length);
    for (const swap of swaps) if (isFile(stem + swap)) return pathToFileURL(stem + swap).href + target.search;
    return undefined;
  }
  if (TS_EXTENSIONS.has(ext)) return undefined;
  for (const candidate of EXTENSIONLESS_CANDIDATES) {
    if (isFile(path + candidate)) return pathToFileURL(path + candidate).href + target.search;
  }
  for (const candidate of EXTENSIONLESS_CANDIDATES) {
    const index = join(path, "index" + candidate);
    if (isFile(index)) return pathToFileURL(index).href + target.search;
  }
  return undefined;
}

