// The nearest package.json above a folder and the module type it declares: what Node decides a
// .js file is by. Shared by the register hook and the codemod.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The nearest package.json's declared `type`, or null when there is no package.json at all. */
export type PackageType = "module" | "commonjs" | undefined;

const found = new Map<string, PackageType | null>();

/**
 * The `type` the nearest package.json above `dir` declares (`undefined` when it declares none, which
 * Node reads as CommonJS); `null` when no package.json is found.
 */
export function nearestPackageType(dir: string): PackageType | null {
  if (found.has(dir)) return found.get(dir)!;
  let type: PackageType | null;
  const manifest = join(dir, "package.json");
  if (existsSync(manifest)) {
    try {
      const declared = JSON.parse(readFileSync(manifest, "utf8")).type;
      type = declared === "module" || declared === "commonjs" ? declared : undefined;
    } catch {
      type = undefined;
    }
  } else {
    const parent = dirname(dir);
    type = parent === dir ? null : nearestPackageType(parent);
  }
  found.set(dir, type);
  return type;
}
