// The package as users receive it: built and packed once per test process (the package tests share it).
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "./temp-dir.js";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const npm = process.platform === "win32" ? "npm.cmd" : "npm";

let tarball: string | undefined;

/** The path of a tarball made by `npm run build` and `npm pack` from this checkout. */
export function packedTarball(): string {
  if (!tarball) {
    const dir = tempDir("coroutil-tarball-");
    execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { cwd: root, stdio: "pipe" });
    execFileSync(npm, ["pack", "--silent", "--pack-destination", dir], { cwd: root, stdio: "pipe" });
    const file = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    if (!file) throw new Error("npm pack wrote no tarball");
    tarball = join(dir, file);
  }
  return tarball;
}
