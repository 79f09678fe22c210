// Compiles runtime/, plugin/, codemod/ and cli/ to dist/, where the package's
// exports point.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");

rmSync(join(root, "dist"), { recursive: true, force: true });
const { status } = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
if (status !== 0) process.exit(status ?? 1);


// CommonJS: the runtime and the Babel plugin are also built as CommonJS (require("coroutil") in
// Jest's module system, coroutil/babel from a babel.config.cjs). One runtime per process: the
// CommonJS build is the runtime, and the ES module entry re-exports it, so a program that both
// requires and imports coroutil has one Coroutine and one StopIteration class. (The reverse, an
// ES module re-exported to require(), is what Node 20 cannot do.)
const { build } = await import("esbuild");
await build({
  entryPoints: [join(root, "runtime/index.ts")],
  outfile: join(root, "dist/runtime/index.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
});
// coroutil/trampoline (the plugin's trampoline: "all") imports the runtime by the package's own name,
// so its CommonJS and ES module builds share the one runtime.
await build({
  entryPoints: [join(root, "runtime/trampoline.ts")],
  outfile: join(root, "dist/runtime/trampoline.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: ["coroutil"],
});
const names = Object.keys(createRequire(import.meta.url)(join(root, "dist/runtime/index.cjs"))).sort();
writeFileSync(
  join(root, "dist/runtime/index.js"),
  `// The ES module face of the CommonJS runtime beside it: one runtime, whether imported or required.\nexport { ${names.join(", ")} } from "./index.cjs";\n`,
);

// Install footprint: `npm install coroutil` installs coroutil alone. What only the tools need is
// either bundled here (the CLI's and the plugin's small helpers) or an optional peer dependency
// the user already has for that tool (@babel/core and what comes with it; ts-morph for the codemod).
const peers = ["@babel/core", "@babel/preset-typescript", "@babel/types", "@babel/traverse", "@babel/helper-module-imports", "ts-morph"];
const common = { bundle: true, platform: "node", target: "node20", external: peers, logLevel: "warning" };
// The plugin, as an ES module and as CommonJS (for a babel.config.cjs and Jest).
await build({ ...common, entryPoints: [join(root, "plugin/index.ts")], outfile: join(root, "dist/plugin/index.js"), format: "esm" });
await build({
  ...common,
  entryPoints: [join(root, "plugin/index.ts")],
  outfile: join(root, "dist/plugin/index.cjs"),
  format: "cjs",
  footer: { js: "module.exports = module.exports.default; module.exports.default = module.exports;" },
});
// The bundler plugins share one bundle of unplugin and the transform (coroutil/vite and the others
// are tsc's one-line modules importing it); the bundlers themselves are the user's.
await build({
  ...common,
  entryPoints: [join(root, "plugin/bundler.ts")],
  outfile: join(root, "dist/plugin/bundler.js"),
  format: "esm",
  minify: true,
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  external: [...peers, "webpack", "@rspack/core", "rollup", "rolldown", "vite", "esbuild"],
  plugins: [
    {
      // unplugin loads webpack-virtual-modules with a require() made at run time, which a bundler
      // cannot follow: turn it into an import, so that it is bundled too.
      name: "static-webpack-virtual-modules",
      setup(b) {
        b.onLoad({ filter: /unplugin[\\/]dist[\\/]index\.mjs$/ }, async (args) => {
          const { readFile } = await import("node:fs/promises");
          const source = await readFile(args.path, "utf8");
          const contents = source.replace('__require("webpack-virtual-modules")', "__webpackVirtualModules");
          if (contents === source) throw new Error("unplugin no longer requires webpack-virtual-modules as the build expects; update scripts/build.mjs");
          return { contents: `import __webpackVirtualModules from "webpack-virtual-modules";\n${contents}`, loader: "js" };
        });
      },
    },
  ],
});
// unplugin's webpack and Rspack adapters name their loaders by path, beside the bundle above
// (dist/plugin/<tool>/loaders/*.mjs): those loaders are bundled there, each on its own.
const unpluginDist = join(dirname(createRequire(import.meta.url).resolve("unplugin")), ".");
for (const tool of ["webpack", "rspack"]) {
  for (const loader of ["transform", "load"]) {
    await build({
      ...common,
      entryPoints: [join(unpluginDist, tool, "loaders", `${loader}.mjs`)],
      outfile: join(root, "dist/plugin", tool, "loaders", `${loader}.mjs`),
      format: "esm",
      minify: true,
      banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    });
  }
}
// The codemod (@babel/core and ts-morph stay the user's), and the CLI, which loads the codemod only when asked.
const esmRequire = { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' };
// Eject needs @babel/core; prime also ts-morph, in a chunk of its own loaded only when prime runs.
await build({
  ...common,
  entryPoints: [join(root, "codemod/index.ts")],
  outdir: join(root, "dist/codemod"),
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  banner: esmRequire,
});
await build({
  ...common,
  entryPoints: [join(root, "cli/index.ts")],
  outfile: join(root, "dist/cli/index.js"),
  format: "esm",
  banner: esmRequire,
  external: [...peers, "../codemod/index.js", "coroutil/package.json"],
});

const bin = join(root, "dist/cli/index.js");
if (existsSync(bin)) chmodSync(bin, 0o755);
