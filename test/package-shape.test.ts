// What the packed package hands each consumer (SPEC section 1, "As shipped"): types right under
// TypeScript's node16 (CommonJS and ES module) and bundler resolution, no publint warning, an ES
// module runtime for bundlers that tree-shakes, and types that compile for users' TypeScript.
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { npm, packedTarball, root } from "./support/packed.js";
import { tempDir } from "./support/temp-dir.js";

const Shape = suite("package shape");
const bin = (name: string) => join(root, "node_modules/.bin", process.platform === "win32" ? `${name}.cmd` : name);

/** The entries that may stay ES modules (SPEC section 1): tools, loaded by require() only as a namespace. */
const ESM_TOOL_ENTRIES = ["./vite", "./rollup", "./rolldown", "./esbuild", "./webpack", "./rspack", "./register", "./codemod"];

interface AttwProblem {
  kind: string;
  entrypoint: string;
  resolutionKind: string;
}

Shape("@arethetypeswrong/cli --profile node16 finds no problem (CJS resolving to ESM only for the tool entries)", () => {
  // Into a file: attw exits as soon as it has written, which can cut a pipe's last chunk off.
  const file = join(tempDir("coroutil-attw-"), "report.json");
  const out = openSync(file, "w");
  try {
    spawnSync(bin("attw"), [packedTarball(), "--profile", "node16", "--format", "json"], { stdio: ["ignore", out, "inherit"] });
  } finally {
    closeSync(out);
  }
  const report = JSON.parse(readFileSync(file, "utf8")) as { analysis: { problems: AttwProblem[]; entrypoints: Record<string, unknown> } };
  assert.ok(Object.keys(report.analysis.entrypoints).includes("."), "attw analysed the package");
  const problems = report.analysis.problems.filter(
    (p) => p.resolutionKind !== "node10" && !(p.kind === "CJSResolvesToESM" && ESM_TOOL_ENTRIES.includes(p.entrypoint)),
  );
  assert.equal(problems, []);
});

Shape("publint --strict reports no warning and no error", () => {
  const r = spawnSync(bin("publint"), ["run", packedTarball(), "--strict"], { encoding: "utf8" });
  const out = r.stdout + r.stderr;
  assert.is(r.status, 0, out);
  assert.not.match(out, /Warnings:|Errors:/);
});

let project = "";
function installed(): string {
  if (!project) {
    project = tempDir("coroutil-consumer-");
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    execFileSync(
      npm,
      ["install", "--prefer-offline", "--no-audit", "--no-fund", packedTarball(), "ts-oldest@npm:typescript@5.6", "ts6@npm:typescript@6", "ts7@npm:typescript@7", "@types/babel__core@7"],
      { cwd: project, stdio: "pipe" },
    );
  }
  return project;
}

/** Bundles `source` for the browser as users do (esbuild, minified); the code and its gzip -9 size. */
function bundle(source: string): { code: string; gzip: number } {
  const dir = installed();
  writeFileSync(join(dir, "entry.js"), source);
  const code = execFileSync(bin("esbuild"), ["entry.js", "--bundle", "--minify", "--format=esm", "--platform=browser"], { cwd: dir, encoding: "utf8" });
  return { code, gzip: gzipSync(code, { level: 9 }).length };
}

Shape("a browser bundle gets the ES module runtime (no CommonJS wrapper), and two names cost less than import *", () => {
  const all = bundle(`export * from "coroutil";\n`);
  const two = bundle(`import { coroutine, send } from "coroutil";\nglobalThis.used = [coroutine, send];\n`);
  assert.not.match(all.code, /__commonJS|module\.exports|require\(/);
  assert.ok(two.gzip < all.gzip, `import { coroutine, send }: ${two.gzip} B, import *: ${all.gzip} B`);
});

const consumer = `import { coroutine, from, send, StopIteration, track, type Coroutine } from "coroutil";
function* averager(): Generator<number | undefined, number, number> {
  let total = 0, count = 0, average: number | undefined;
  for (;;) { const v = yield average; if (v < 0) return average ?? 0; total += v; average = total / ++count; }
}
const avg: Coroutine<number | undefined, number, number> = coroutine(averager)();
const first: number | undefined = send(avg, 10);
const outer = track(function* (): Generator<number | undefined, string, number> { const r: number = yield* from(averager()); return String(r); });
let e: unknown;
try { send(avg, -1); } catch (caught) { e = caught; }
const value: unknown = e instanceof StopIteration ? e.value : undefined;
export { first, outer, value };
`;

for (const [label, ts] of [["the oldest supported TypeScript (5.6)", "ts-oldest"], ["TypeScript 6", "ts6"], ["TypeScript 7", "ts7"]] as const) {
  Shape(`${label} compiles strict consumers of the packed types: ES module, CommonJS (node16) and bundler`, () => {
    const dir = installed();
    const setups = [
      { name: "esm", module: "nodenext", moduleResolution: "nodenext", file: "consumer.mts", source: consumer },
      { name: "cjs", module: "nodenext", moduleResolution: "nodenext", file: "consumer.cts", source: consumer.replace(/^import \{(.*)\} from "coroutil";/, "import {$1} from \"coroutil\";\nimport babel = require(\"coroutil/babel\");\nconst plugin: babel.Options = {};\nexport { plugin };") },
      { name: "bundler", module: "esnext", moduleResolution: "bundler", file: "consumer.ts", source: `${consumer}import plugin, { type Options } from "coroutil/babel";\nconst options: Options = { trampoline: "all" };\nexport { plugin, options };\n` },
    ];
    for (const setup of setups) {
      const folder = join(dir, `${ts}-${setup.name}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, setup.file), setup.source);
      const config = { compilerOptions: { strict: true, noEmit: true, target: "es2022", module: setup.module, moduleResolution: setup.moduleResolution, types: [] }, files: [setup.file] };
      writeFileSync(join(folder, "tsconfig.json"), JSON.stringify(config));
      const tsc = join(dir, "node_modules", ts, "bin", "tsc");
      const r = spawnSync(process.execPath, [tsc, "-p", folder], { cwd: folder, encoding: "utf8" });
      assert.is(r.status, 0, `${ts} ${setup.name}:\n${r.stdout}${r.stderr}`);
    }
  });
}

Shape.run();
