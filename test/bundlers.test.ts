// The bundler plugins against the real tools (esbuild, Rollup, Rolldown, Vite, webpack, Rspack): each builds a small program
// that uses `/** @coroutine */` and `yield from(x)`, the output runs and prints what it should, a
// thrown error's stack maps back to the source line, and `yield from x` fails with the hint.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import * as esbuild from "esbuild";
import { rollup } from "rollup";
import { rolldown } from "rolldown";
import { build as viteBuild } from "vite";
import webpack from "webpack";
import { rspack } from "@rspack/core";
import { createRequire } from "node:module";
import coroutilEsbuild from "coroutil/esbuild";
import coroutilRolldown from "coroutil/rolldown";
import coroutilRollup from "coroutil/rollup";
import coroutilVite from "coroutil/vite";
import coroutilWebpack from "coroutil/webpack";
import coroutilRspack from "coroutil/rspack";
import { linkRuntime } from "./support/codemod-programs.js";
import { AVERAGER } from "./support/averager-source.js";
import { tempDir } from "./support/temp-dir.js";

const require = createRequire(import.meta.url);

const APP = `import { from, send } from "coroutil";

${AVERAGER}
function* report(): Generator<unknown, void, number | undefined> {
  const r = yield* from(averager());
  console.log("average", r);
}

const g = report();
g.next();
console.log("sent", send(g, 10), send(g, 30));
g.next(undefined);

function* failing(): Generator<number, void, unknown> {
  yield* from([1]);
  throw new Error("boom");
}
try {
  [...failing()];
} catch (e) {
  console.log("stack", /app\\.ts:26:\\d+/.test((e as Error).stack ?? "") ? "maps to app.ts:26" : (e as Error).stack);
}
`;

const PYTHON_HABIT = `import { from } from "coroutil";
function* f() {
  yield from range(3);
}
function* range(n: number) {
  for (let i = 0; i < n; i++) yield i;
}
console.log([...f()]);
`;

/** A project folder with src/app.ts (and src/habit.ts), node_modules/coroutil linked to this repository. */
function project(): string {
  const dir = tempDir("coroutil-bundlers-");
  linkRuntime(dir);
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/app.ts"), APP);
  writeFileSync(join(dir, "src/habit.ts"), PYTHON_HABIT);
  return dir;
}

/** Runs a built file with source maps on; "coroutil" resolves to this repository's source. */
function run(file: string): string {
  const r = spawnSync(process.execPath, ["--enable-source-maps", "--import", import.meta.resolve("tsx"), "--conditions=coroutil:source", file], {
    cwd: join(file, ".."),
    encoding: "utf8",
    env: { ...process.env, NODE_NO_WARNINGS: "1", FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  return r.stdout + r.stderr;
}

const EXPECTED = "sent 10 20\naverage 20\nstack maps to app.ts:26\n";

interface Tool {
  name: string;
  /** builds src/<entry>.ts to a file in out/ with a source map (its path); rejects on a build error */
  build(dir: string, entry: string): Promise<string>;
}

const tools: Tool[] = [
  {
    name: "esbuild",
    async build(dir, entry) {
      await esbuild.build({
        entryPoints: [join(dir, "src", `${entry}.ts`)],
        outfile: join(dir, "out", `${entry}.mjs`),
        bundle: true,
        format: "esm",
        platform: "node",
        sourcemap: true,
        external: ["coroutil"],
        logLevel: "silent",
        plugins: [coroutilEsbuild()],
      });
      return join(dir, "out", `${entry}.mjs`);
    },
  },
  {
    name: "Rollup",
    async build(dir, entry) {
      const bundle = await rollup({
        input: join(dir, "src", `${entry}.ts`),
        external: ["coroutil"],
        // Rollup reads JavaScript only: esbuild (through its transform API) strips the types after coroutil.
        plugins: [
          coroutilRollup(),
          {
            name: "strip-types",
            async transform(code, id) {
              if (!id.endsWith(".ts")) return null;
              const r = await esbuild.transform(code, { loader: "ts", sourcemap: true, sourcefile: id });
              return { code: r.code, map: r.map };
            },
          },
        ],
        onwarn: () => {},
      });
      await bundle.write({ file: join(dir, "out", `${entry}.mjs`), format: "es", sourcemap: true });
      await bundle.close();
      return join(dir, "out", `${entry}.mjs`);
    },
  },
  {
    name: "Rolldown",
    async build(dir, entry) {
      const bundle = await rolldown({
        input: join(dir, "src", `${entry}.ts`),
        external: ["coroutil"],
        plugins: [coroutilRolldown()],
        logLevel: "silent",
      });
      try {
        await bundle.write({ file: join(dir, "out", `${entry}.mjs`), format: "es", sourcemap: true });
      } finally {
        await bundle.close();
      }
      return join(dir, "out", `${entry}.mjs`);
    },
  },
  {
    name: "Vite",
    async build(dir, entry) {
      await viteBuild({
        root: dir,
        logLevel: "silent",
        configFile: false,
        plugins: [coroutilVite()],
        build: {
          ssr: join(dir, "src", `${entry}.ts`),
          outDir: join(dir, "out"),
          emptyOutDir: false,
          sourcemap: true,
          minify: false,
          rollupOptions: { external: ["coroutil"], output: { entryFileNames: `${entry}.mjs`, format: "es" } },
        },
      });
      return join(dir, "out", `${entry}.mjs`);
    },
  },
  {
    name: "webpack",
    build: (dir, entry) => webpackLike(webpack as never, dir, entry, coroutilWebpack(), { loader: stripTypesLoader(dir) }),
  },
  {
    name: "Rspack",
    build: (dir, entry) =>
      webpackLike(rspack as never, dir, entry, coroutilRspack(), {
        loader: "builtin:swc-loader",
        options: { jsc: { parser: { syntax: "typescript" }, target: "es2022" } },
      }),
  },
];

/**
 * A TypeScript-stripping loader for webpack (which has none): Babel's preset-typescript, taking the
 * source map of the loader before it (coroutil's) so the chain maps back to the source.
 */
function stripTypesLoader(dir: string): string {
  const file = join(dir, "strip-types.cjs");
  writeFileSync(
    file,
    `const babel = require(${JSON.stringify(require.resolve("@babel/core"))});
const typescript = require(${JSON.stringify(require.resolve("@babel/preset-typescript"))});
module.exports = function (source, map) {
  const r = babel.transformSync(source, {
    filename: this.resourcePath, babelrc: false, configFile: false, presets: [typescript],
    sourceMaps: true, inputSourceMap: typeof map === "string" ? JSON.parse(map) : map || undefined,
  });
  this.callback(null, r.code, r.map);
};
`,
  );
  return file;
}

/** Builds with webpack or Rspack (the same API) to out/<entry>.cjs, TypeScript handled by `tsRule`. */
function webpackLike(
  tool: (config: object, done: (error: Error | null, stats?: { hasErrors(): boolean; toJson(): { errors?: { message: string }[] } }) => void) => unknown,
  dir: string,
  entry: string,
  plugin: unknown,
  tsRule: object,
): Promise<string> {
  return new Promise((resolve, reject) => {
    tool(
      {
        mode: "none",
        target: "node",
        context: dir,
        entry: join(dir, "src", `${entry}.ts`),
        output: { path: join(dir, "out"), filename: `${entry}.cjs`, library: { type: "commonjs2" } },
        devtool: "source-map",
        externals: { coroutil: "commonjs coroutil" },
        resolve: { extensions: [".ts", ".js"] },
        module: { rules: [{ test: /\.ts$/, ...tsRule }] },
        plugins: [plugin],
        infrastructureLogging: { level: "none" },
      },
      (error, stats) => {
        if (error) return reject(error);
        if (stats!.hasErrors()) return reject(new Error(stats!.toJson().errors!.map((e) => e.message).join("\n")));
        resolve(join(dir, "out", `${entry}.cjs`));
      },
    );
  });
}

const Bundlers = suite("bundler plugins against the real tools");

for (const tool of tools) {
  Bundlers(`${tool.name}: the built program runs, with @coroutine and yield from(x), and its stack maps to the source line`, async () => {
    const dir = project();
    const out = await tool.build(dir, "app");
    assert.match(readFileSync(out, "utf8"), /coroutine/);
    assert.is(run(out), EXPECTED);
  });

  Bundlers(`${tool.name}: \`yield from x\` fails the build with the hint to write yield from(x)`, async () => {
    const dir = project();
    let message = "";
    try {
      await tool.build(dir, "habit");
    } catch (error) {
      message = String((error as Error).message ?? error);
    }
    assert.match(message, /write `yield from\(x\)`/);
    assert.match(message, /habit\.ts/);
  });
}

Bundlers("a file without coroutil is left to the bundler untouched", async () => {
  const dir = project();
  writeFileSync(join(dir, "src/plain.ts"), "export const answer: number = 42;\nconsole.log(answer);\n");
  const build = (plugins: esbuild.Plugin[]) =>
    esbuild.build({ entryPoints: [join(dir, "src/plain.ts")], bundle: true, write: false, format: "esm", logLevel: "silent", plugins });
  const [withPlugin, without] = await Promise.all([build([coroutilEsbuild()]), build([])]);
  assert.is(withPlugin.outputFiles[0]!.text, without.outputFiles[0]!.text);
});

Bundlers('trampoline: "all" through the esbuild plugin: plain yield* 100,000 deep builds and runs', async () => {
  const dir = project();
  writeFileSync(
    join(dir, "src/deep.ts"),
    `function* down(n: number): Generator<number, number, unknown> {\n  if (n === 0) { yield 7; return 0; }\n  return 1 + (yield* down(n - 1));\n}\n` +
      `const it = down(100_000);\nconsole.log(\`\${it.next().value} \${it.next().value}\`);\n`,
  );
  const build = (options?: object) =>
    esbuild.build({
      entryPoints: [join(dir, "src/deep.ts")],
      outfile: join(dir, "out", options ? "deep-all.mjs" : "deep.mjs"),
      bundle: true,
      format: "esm",
      platform: "node",
      external: ["coroutil", "coroutil/trampoline"],
      logLevel: "silent",
      plugins: [coroutilEsbuild(options)],
    });
  await Promise.all([build({ trampoline: "all" }), build()]);
  assert.is(run(join(dir, "out/deep-all.mjs")), "7 100000\n");
  assert.match(run(join(dir, "out/deep.mjs")), /Maximum call stack size exceeded/);
});

Bundlers("options are checked up front, as the Babel plugin's", () => {
  assert.throws(() => coroutilVite({ runtimeModul: "x" } as never), /unknown option "runtimeModul"/);
});

Bundlers.run();
