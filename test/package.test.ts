// The published package: `npm run build`, `npm pack`, and the tarball
// installed into an empty project works with nothing else (SPEC section 1).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { messages } from "../plugin/contract.js";
import { npm, packedTarball, root } from "./support/packed.js";

const require = createRequire(import.meta.url);
const Package = suite("package");
// Plain output from the programs run here, whatever colours the test runner asked for.
const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
delete env.FORCE_COLOR;

let project = "";

Package.before(() => {
  project = mkdtempSync(join(tmpdir(), "coroutil-pack-"));
  const tarball = packedTarball();
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "empty", private: true, type: "module" }));
  execFileSync(npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], {
    cwd: project,
    stdio: "pipe",
  });
  alone = readdirSync(join(project, "node_modules")).filter((n) => !n.startsWith("."));
  aloneRuntime = spawnSync(process.execPath, ["-e", 'import("coroutil").then((co) => console.log(typeof co.coroutine, typeof co.send))'], { cwd: project, encoding: "utf8", env });
  // The tools' peers, as a user of the plugin, the register hook and the codemod installs them.
  execFileSync(npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", "@babel/core@7", "@babel/preset-typescript@7", "ts-morph@28"], {
    cwd: project,
    stdio: "pipe",
  });
});

let alone: string[] = [];
let aloneRuntime: ReturnType<typeof spawnSync> | undefined;

Package("npm install coroutil installs coroutil alone (under 1 MiB), and the runtime works from it", () => {
  assert.equal(alone, ["coroutil"]);
  assert.is(String(aloneRuntime?.stdout).trim(), "function function", String(aloneRuntime?.stderr));
  const listing = execFileSync(npm, ["pack", "--dry-run", "--json"], { cwd: root, encoding: "utf8" });
  const { unpackedSize } = JSON.parse(listing)[0] as { unpackedSize: number };
  assert.ok(unpackedSize < 1024 * 1024, `unpacked ${unpackedSize} bytes`);
});

Package.after(() => rmSync(project, { recursive: true, force: true }));

function node(args: string[], file: string, source: string): { out: string; status: number | null } {
  writeFileSync(join(project, file), source);
  const r = spawnSync(process.execPath, [...args, file], { cwd: project, encoding: "utf8", env });
  return { out: r.stdout + r.stderr, status: r.status };
}

Package("the tarball ships built files only, no sources or tests", () => {
  const listing = execFileSync(npm, ["pack", "--dry-run", "--json"], { cwd: root, encoding: "utf8" });
  const files: string[] = JSON.parse(listing)[0].files.map((f: { path: string }) => f.path);
  assert.ok(files.includes("dist/runtime/index.js"));
  assert.ok(files.includes("dist/runtime/index.d.ts"));
  assert.not.ok(files.some((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")), files.join(" "));
  assert.not.ok(files.some((f) => f.startsWith("test/") || f.startsWith("fixtures/")));
});

Package("the runtime imports by name and as a namespace from the installed package", () => {
  const { out, status } = node(
    [],
    "runtime.mjs",
    `import { coroutine, from, StopIteration } from "coroutil";
import * as co from "coroutil";
const avg = coroutine(function* () { let t = 0, n = 0, a; for (;;) { const v = yield a; if (v === undefined) return a; t += v; a = t / ++n; } });
const outer = co.track(function* () { return yield* from(avg()); });
const g = outer(); co.next(g);
console.log(co.send(g, 10), co.send(g, 20));
try { co.send(g, undefined); } catch (e) { console.log(e instanceof StopIteration, e.value); }
console.log(Object.keys(co).sort().join(","));`,
  );
  assert.is(status, 0, out);
  const [first, second, third] = out.trim().split("\n");
  assert.is(first, "10 15");
  assert.is(second, "true 15");
  for (const name of ["Coroutine", "GeneratorExit", "RuntimeError", "StopIteration", "close", "coroutine", "from", "getGeneratorState", "getYieldFrom", "next", "send", "throwInto", "track", "yieldFrom"]) {
    assert.ok(third!.split(",").includes(name), `exports ${name}`);
  }
});

Package("require() and import give one runtime: the same classes, whichever loaded it first", () => {
  writeFileSync(
    join(project, "both.cjs"),
    `const co = require("coroutil");
const avg = co.coroutine(function* () { let t = 0, n = 0, a; for (;;) { const v = yield a; if (v === undefined) return a; t += v; a = t / ++n; } })();
console.log(co.send(avg, 10), co.send(avg, 30));
import("coroutil").then((esm) => {
  let thrown;
  try { co.send(avg, undefined); } catch (e) { thrown = e; }
  console.log(esm.StopIteration === co.StopIteration, thrown instanceof esm.StopIteration, esm.Coroutine === co.Coroutine, avg instanceof esm.Coroutine);
});`,
  );
  const r = spawnSync(process.execPath, ["both.cjs"], { cwd: project, encoding: "utf8", env });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is(r.stdout.trim(), "10 20\ntrue true true true");
});

Package("console.log of a coroutine shows its class, name, state and what it delegates to, imported or required", () => {
  const program = (load: string) => `${load}
const { coroutine, from, track } = co;
const averager = track(function* averager() { let t = 0, n = 0; for (;;) { const v = yield; if (v === undefined) return t / n; t += v; n++; } });
const grouper = coroutine(function* grouper() { for (;;) yield* from(averager()); });
const relay = coroutine(function* relay() { yield* from(grouper()); });
console.log(relay());
console.log(co.Coroutine.name);`;
  const expected = "Coroutine [relay] <GEN_SUSPENDED> yield from Coroutine [grouper] <GEN_SUSPENDED> yield from Coroutine [averager] <GEN_SUSPENDED>\nCoroutine";
  for (const [file, load] of [["inspect.mjs", `import * as co from "coroutil";`], ["inspect.cjs", `const co = require("coroutil");`]]) {
    const { out, status } = node([], file!, program(load!));
    assert.is(status, 0, out);
    assert.is(out.trim(), expected, file);
  }
});

Package("coroutil/babel loads with require(), as a babel.config.cjs does", () => {
  const { out, status } = node(
    [],
    "babel.cjs",
    `const babel = require("@babel/core");
const plugin = require("coroutil/babel");
const code = "/** @coroutine */ function* f() { const x = yield 1; return x; }";
console.log(typeof plugin, plugin.default === plugin);
console.log(babel.transformSync(code, { filename: "f.js", plugins: ["coroutil/babel"], configFile: false, babelrc: false }).code);`,
  );
  assert.is(status, 0, out);
  assert.match(out, /^function true/);
  assert.match(out, /_coroutine\(_f, this, arguments, "f"\)/);
});

Package("a CommonJS file run through the bin's register hook requires the runtime", () => {
  writeFileSync(
    join(project, "app.cjs"),
    `const { coroutine, send } = require("coroutil");
const echo = coroutine(function* () { for (;;) yield (yield) * 2; });
const e = echo();
console.log(send(e, 21));`,
  );
  const bin = join(project, "node_modules/.bin", process.platform === "win32" ? "coroutil.cmd" : "coroutil");
  const r = spawnSync(bin, ["run", "app.cjs"], { cwd: project, encoding: "utf8", env });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is(r.stdout.trim(), "42");
});

Package("coroutil/babel compiles with the installed package alone", () => {
  const { out, status } = node(
    [],
    "babel.mjs",
    `import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const babel = require("@babel/core");
const plugin = (await import("coroutil/babel")).default;
const code = "/** @coroutine */ function* f() { const x = yield 1; return x; }";
console.log(babel.transformSync(code, { filename: "f.js", plugins: [plugin], configFile: false, babelrc: false }).code);`,
  );
  assert.is(status, 0, out);
  assert.match(out, /from "coroutil"/);
  assert.match(out, /_coroutine\(_f, this, arguments, "f"\)/);
});

Package("the bin runs a TypeScript file through the register hook", () => {
  writeFileSync(
    join(project, "app.ts"),
    `import { from } from "coroutil";
/** @coroutine */
function* averager(): Generator<number | undefined, number, number> {
  let total = 0, count = 0, average: number | undefined;
  for (;;) { const v: number = yield average; if (v === undefined) return average!; total += v; average = total / ++count; }
}
function* report(): Generator<unknown, void, number> { const r: number = yield from(averager()); console.log("average", r); }
const g = report(); g.next(); g.next(10); g.next(30); g.next(undefined as unknown as number);
console.log("args", process.argv.slice(2).join(" "));`,
  );
  const bin = join(project, "node_modules/.bin", process.platform === "win32" ? "coroutil.cmd" : "coroutil");
  const r = spawnSync(bin, ["run", "app.ts", "a", "b"], { cwd: project, encoding: "utf8", env });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is(r.stdout.trim(), "average 20\nargs a b", r.stderr);
  assert.is(r.stderr, "", "coroutil run prints nothing of its own");
});

Package("node --import coroutil/register prints exactly what the program prints (no warning of its own)", () => {
  writeFileSync(join(project, "quiet.ts"), `import { from } from "coroutil";\nfunction* inner(): Generator<number, string> { yield 1; return "done"; }\nfunction* outer(): Generator<unknown, void> { console.log(yield from(inner())); }\nconsole.log([...outer()].join(","));\n`);
  const r = spawnSync(process.execPath, ["--import", "coroutil/register", "quiet.ts"], { cwd: project, encoding: "utf8", env });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is(r.stdout, "done\n1\n");
  assert.is(r.stderr, "");
});

Package("the bundler plugins load from the installed package, each a function returning that tool's plugin", () => {
  const { out, status } = node(
    [],
    "bundlers.mjs",
    `for (const tool of ["vite", "rollup", "rolldown", "esbuild", "webpack", "rspack"]) {
  const plugin = (await import("coroutil/" + tool)).default;
  const made = plugin();
  console.log(tool, typeof plugin, typeof made, made.name ?? (typeof made.apply === "function" ? "apply" : "?"));
}`,
  );
  assert.is(status, 0, out);
  assert.match(out, /^vite function object coroutil$/m);
  assert.match(out, /^esbuild function object coroutil$/m);
  assert.match(out, /^rollup function object coroutil$/m);
  assert.match(out, /^webpack function object/m);
});

Package("coroutil/webpack and coroutil/rspack from the installed package build a program (their loaders ship in the package)", () => {
  mkdirSync(join(project, "wp"), { recursive: true });
  writeFileSync(join(project, "wp/app.js"), `/** @coroutine */\nfunction* echo() { for (;;) console.log("got", yield); }\nconst e = echo();\ne.send(1);\n`);
  const { out, status } = node(
    [],
    "wp.mjs",
    `import { join } from "node:path";
const tools = { webpack: (await import(${JSON.stringify(require.resolve("webpack"))})).default, rspack: (await import(${JSON.stringify(require.resolve("@rspack/core"))})).rspack };
for (const [name, run] of Object.entries(tools)) {
  const plugin = (await import("coroutil/" + name)).default;
  await new Promise((resolve, reject) => run({
    mode: "none", target: "node", context: join(process.cwd(), "wp"), entry: "./app.js",
    output: { path: join(process.cwd(), "wp", "out-" + name), filename: "app.cjs" },
    plugins: [plugin()],
  }, (error, stats) => error ? reject(error) : stats.hasErrors() ? reject(new Error(stats.toJson().errors.map((e) => e.message).join("\\n"))) : resolve()));
  console.log(name, "built");
}`,
  );
  assert.is(status, 0, out);
  for (const name of ["webpack", "rspack"]) {
    const r = spawnSync(process.execPath, [join(project, "wp", `out-${name}`, "app.cjs")], { cwd: project, encoding: "utf8", env });
    assert.is(r.stdout.trim(), "got 1", `${name}: ${r.stdout}${r.stderr}`);
  }
});

Package("a CommonJS config takes the webpack and Rspack plugins with require(...).default, as README shows", () => {
  const { out, status } = node(
    [],
    "webpack.config.cjs",
    `for (const tool of ["webpack", "rspack"]) { const coroutil = require("coroutil/" + tool).default; console.log(tool, typeof coroutil, typeof coroutil().apply); }`,
  );
  assert.is(status, 0, out);
  assert.is(out.trim(), "webpack function function\nrspack function function");
});

Package("coroutil/codemod exports its functions from the installed package", () => {
  const { out, status } = node([], "codemod.mjs", `const m = await import("coroutil/codemod"); console.log(Object.keys(m).sort().join(","));`);
  assert.is(status, 0, out);
  assert.match(out, /eject/);
  assert.match(out, /prime/);
});

Package("without ts-morph, codemod prime says in one line how to install it; eject and run still work (eject never loads ts-morph)", () => {
  const bin = join(project, "node_modules/.bin", process.platform === "win32" ? "coroutil.cmd" : "coroutil");
  const hidden = join(project, "node_modules/ts-morph-hidden");
  renameSync(join(project, "node_modules/ts-morph"), hidden);
  try {
    writeFileSync(join(project, "hello.ts"), `console.log("hello");`);
    writeFileSync(join(project, "tagged.ts"), `/** @coroutine */\nfunction* g() { yield 1; }\nconsole.log(typeof g);\n`);
    const prime = spawnSync(bin, ["codemod", "prime", "hello.ts"], { cwd: project, encoding: "utf8", env });
    assert.is(prime.status, 1, prime.stdout + prime.stderr);
    assert.is(prime.stderr.trim().split("\n").length, 1, prime.stderr);
    assert.ok(prime.stderr.includes(messages.missingPeer("coroutil codemod prime", ["ts-morph"], "codemod prime")), prime.stderr);
    const eject = spawnSync(bin, ["codemod", "eject", "tagged.ts", "--check"], { cwd: project, encoding: "utf8", env });
    assert.is(eject.status, 1, eject.stdout + eject.stderr);
    assert.match(eject.stdout, /changed 1/);
    const run = spawnSync(bin, ["run", "hello.ts"], { cwd: project, encoding: "utf8", env });
    assert.is(run.stdout.trim(), "hello", run.stderr);
  } finally {
    renameSync(hidden, join(project, "node_modules/ts-morph"));
  }
});

Package("without @babel/core, the register hook and the codemod each say in one line what to install", () => {
  const bin = join(project, "node_modules/.bin", process.platform === "win32" ? "coroutil.cmd" : "coroutil");
  const hidden = join(project, "node_modules/@babel/core-hidden");
  renameSync(join(project, "node_modules/@babel/core"), hidden);
  try {
    writeFileSync(join(project, "hello2.ts"), `console.log("hello");`);
    const run = spawnSync(bin, ["run", "hello2.ts"], { cwd: project, encoding: "utf8", env });
    assert.is(run.status, 1, run.stdout + run.stderr);
    assert.is(run.stderr.trim().split("\n").length, 1, run.stderr);
    assert.ok(run.stderr.includes(messages.missingPeer("coroutil/register", ["@babel/core"])), run.stderr);
    const codemod = spawnSync(bin, ["codemod", "eject", "hello2.ts"], { cwd: project, encoding: "utf8", env });
    assert.is(codemod.status, 1, codemod.stdout + codemod.stderr);
    assert.is(codemod.stderr.trim().split("\n").length, 1, codemod.stderr);
    assert.ok(codemod.stderr.includes(messages.missingPeer("the codemod", ["@babel/core"], "codemod")), codemod.stderr);
  } finally {
    renameSync(hidden, join(project, "node_modules/@babel/core"));
  }
});

Package.run();
