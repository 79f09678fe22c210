// The runtime's size as users receive it (SPEC section 2): the packed package installed into an
// empty project, bundled for the browser by esbuild and by Rollup (node-resolve, terser), minified,
// gzip -9. What is measured is what the tarball's `exports` hand a bundler, not the source.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface Size {
  minified: number;
  gzip: number;
}

export interface ShippedSizes {
  /** `export * from "coroutil"` */
  all: { esbuild: Size; rollup: Size };
  /** `import { coroutine, send } from "coroutil"` */
  two: { esbuild: Size; rollup: Size };
  /** `coroutil/trampoline` on top of the runtime (the runtime left out of the bundle) */
  trampoline: { esbuild: Size; rollup: Size };
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const measure = (code: string | Uint8Array): Size => ({ minified: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length });

async function esbuildSize(dir: string, entry: string, external: string[]): Promise<Size> {
  const esbuild = await import("esbuild");
  const out = await esbuild.build({
    entryPoints: [path.join(dir, entry)],
    absWorkingDir: dir,
    // exactly these names (esbuild's own `external` would also leave out their subpaths)
    plugins: [{ name: "external", setup: (b) => b.onResolve({ filter: /.*/ }, (a) => (external.includes(a.path) ? { path: a.path, external: true } : undefined)) }],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  return measure(out.outputFiles[0]!.contents);
}

async function rollupSize(dir: string, entry: string, external: string[]): Promise<Size> {
  const { rollup } = await import("rollup");
  const { nodeResolve } = await import("@rollup/plugin-node-resolve");
  const { default: terser } = (await import("@rollup/plugin-terser")) as unknown as { default: typeof import("@rollup/plugin-terser").default };
  const bundle = await rollup({
    input: path.join(dir, entry),
    external,
    plugins: [nodeResolve({ browser: true, rootDir: dir })],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: "es", plugins: [terser()] });
  await bundle.close();
  return measure(output[0].code);
}

/** Builds and packs this checkout, installs the tarball in a temporary project and bundles it both ways. */
export async function shippedSizes(root: string): Promise<ShippedSizes> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "coroutil-size-"));
  try {
    execFileSync(process.execPath, [path.join(root, "scripts/build.mjs")], { cwd: root, stdio: "pipe" });
    execFileSync(npm, ["pack", "--silent", "--pack-destination", dir], { cwd: root, stdio: "pipe" });
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"))!;
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "size", private: true, type: "module" }));
    execFileSync(npm, ["install", "--offline", "--no-audit", "--no-fund", `./${tarball}`], { cwd: dir, stdio: "pipe" });
    writeFileSync(path.join(dir, "all.js"), `export * from "coroutil";\n`);
    writeFileSync(path.join(dir, "two.js"), `import { coroutine, send } from "coroutil";\nexport const used = [coroutine, send];\n`);
    writeFileSync(path.join(dir, "trampoline.js"), `export * from "coroutil/trampoline";\n`);
    const both = async (entry: string, external: string[] = []) => ({
      esbuild: await esbuildSize(dir, entry, external),
      rollup: await rollupSize(dir, entry, external),
    });
    return { all: await both("all.js"), two: await both("two.js"), trampoline: await both("trampoline.js", ["coroutil"]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
