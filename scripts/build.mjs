// Compiles runtime/, plugin/, codemod/ and cli/ to dist/, where the package's
// exports point.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");

rmSync(join(root, "dist"), { recursive: true, force: true });
const { status } = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
if (status !== 0) process.exit(status ?? 1);


// The runtime as each consumer receives it (SPEC section 1, "As shipped"):
// - bundlers and browsers: an ES module, one file (dist/runtime/index.js), that tree-shakes;
// - Node, for `import` and `require` alike (the "node" condition): one CommonJS runtime with what only
//   Node uses (util.inspect of a coroutine), node.cjs, and an ES module face re-exporting it, node.mjs,
//   so a process that both requires and imports coroutil has one runtime (Jest's CommonJS mode too);
// - CommonJS elsewhere (index.cjs), for a bundler's require();
// - types for each: index.d.ts (ES module) and index.d.cts (CommonJS, under TypeScript's node16).
const { build } = await import("esbuild");
const runtimeDir = join(root, "dist/runtime");
for (const file of readdirSync(runtimeDir)) {
  if (file.endsWith(".js") && file !== "trampoline.js") rmSync(join(runtimeDir, file));
}
const runtimeBuild = { bundle: true, platform: "neutral", target: "es2022" };
await build({ ...runtimeBuild, entryPoints: [join(root, "runtime/index.ts")], outfile: join(runtimeDir, "index.js"), format: "esm" });
await build({ ...runtimeBuild, entryPoints: [join(root, "runtime/index.ts")], outfile: join(runtimeDir, "index.cjs"), format: "cjs" });
// (ignoreAnnotations: package.json's "sideEffects" is for users' bundlers; inspect.ts is imported for its effect)
await build({ ...runtimeBuild, entryPoints: [join(root, "runtime/node.ts")], outfile: join(runtimeDir, "node.cjs"), format: "cjs", ignoreAnnotations: true });
{
  const names = Object.keys(createRequire(import.meta.url)(join(runtimeDir, "node.cjs"))).sort();
  writeFileSync(
    join(runtimeDir, "node.mjs"),
    `// The ES module face of the CommonJS runtime beside it: one runtime in Node, whether imported or required.\nimport runtime from "./node.cjs";\nexport const { ${names.join(", ")} } = runtime;\n`,
  );
}
for (const file of ["inspect", "node"]) {
  rmSync(join(runtimeDir, `${file}.d.ts`), { force: true });
}
// coroutil/trampoline (the plugin's trampoline: "all") imports the runtime by the package's own name,
// so each of its builds uses the runtime its consumer gets (tsc's ES module is the ESM build).
await build({
  entryPoints: [join(root, "runtime/trampoline.ts")],
  outfile: join(runtimeDir, "trampoline.cjs"),
  bundle: true,
  format: "cjs",
  platform: "neutral",
  target: "es2022",
  external: ["coroutil"],
});
/** Declarations for CommonJS consumers: each .d.ts as .d.cts, its relative imports pointed at .cjs. */
function commonJsTypes(dir, files) {
  for (const file of files) {
    const text = readFileSync(join(dir, `${file}.d.ts`), "utf8");
    writeFileSync(join(dir, `${file}.d.cts`), text.replace(/(from |import\()"(\.\.?\/[^"]*)\.js"/g, '$1"$2.cjs"'));
  }
}
commonJsTypes(runtimeDir, readdirSync(runtimeDir).filter((f) => f.endsWith(".d.ts")).map((f) => f.slice(0, -5)));

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
// Its CommonJS types: module.exports is the plugin function (with itself as .default).
commonJsTypes(join(root, "dist/plugin"), ["options"]);
{
  const esm = readFileSync(join(root, "dist/plugin/index.d.ts"), "utf8");
  const cjs = esm
    .replace(/^export type \{ Options \} from "\.\/options\.js";\n/m, "")
    .replace('from "./options.js"', 'from "./options.cjs"')
    .replace(/^export default _default;$/m, 'declare namespace _default {\n    type Options = import("./options.cjs").Options;\n}\nexport = _default;');
  if (cjs === esm || !cjs.includes("export = _default;") || cjs.includes("./options.js")) {
    throw new Error("dist/plugin/index.d.ts is not shaped as scripts/build.mjs expects; update its CommonJS types");
  }
  writeFileSync(join(root, "dist/plugin/index.d.cts"), cjs);
}
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
  entryPoints: [join(root, "codemod/index.ts"), join(root, "codemod/browser.ts")],
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
