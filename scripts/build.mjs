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

const bin = join(root, "dist/cli/index.js");
if (existsSync(bin)) chmodSync(bin, 0o755);

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
const names = Object.keys(createRequire(import.meta.url)(join(root, "dist/runtime/index.cjs"))).sort();
writeFileSync(
  join(root, "dist/runtime/index.js"),
  `// The ES module face of the CommonJS runtime beside it: one runtime, whether imported or required.\nexport { ${names.join(", ")} } from "./index.cjs";\n`,
);
await build({
  entryPoints: [join(root, "plugin/index.ts")],
  outfile: join(root, "dist/plugin/index.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  packages: "external",
  footer: { js: "module.exports = module.exports.default; module.exports.default = module.exports;" },
});
