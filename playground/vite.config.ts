// The playground's build: a static page (relative URLs, every asset bundled) in playground/dist.
// It takes coroutil by its public entries from this checkout's sources (the coroutil:source condition).
import { build as esbuild } from "esbuild";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * `virtual:worker-source`: the worker that runs a program (runtime, timeline, console), bundled as one
 * script and handed over as text, so the sandboxed iframe can start it from a blob (an opaque origin
 * can load no script of the page's origin).
 */
function workerSource(): Plugin {
  const id = "virtual:worker-source";
  return {
    name: "coroutil-playground-worker-source",
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    async load(loaded) {
      if (loaded !== `\0${id}`) return undefined;
      const out = await esbuild({
        entryPoints: [here("./src/worker.ts")],
        bundle: true,
        format: "iife",
        platform: "browser",
        target: "es2022",
        minify: true,
        write: false,
        conditions: ["coroutil:source"],
        logLevel: "silent",
      });
      this.addWatchFile(here("./src/worker.ts"));
      return `export default ${JSON.stringify(out.outputFiles[0]!.text)};`;
    },
  };
}

export default defineConfig({
  root: here("."),
  base: "./",
  plugins: [workerSource()],
  resolve: {
    conditions: ["coroutil:source", "browser", "module", "import", "default"],
    // What Babel's helpers and the codemod take from Node, in the page (playground/src/node/)
    alias: {
      "node:path": "path-browserify",
      path: "path-browserify",
      assert: here("./src/node/assert.cjs"),
      "node:fs": here("./src/node/fs.ts"),
    },
  },
  define: { "process.env.BABEL_TYPES_8_BREAKING": "false" },
  server: { fs: { allow: [here("..")] } },
  build: { outDir: here("./dist"), emptyOutDir: true, chunkSizeWarningLimit: 4096, target: "es2022" },
});
