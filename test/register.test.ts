// coroutil/register: small programs written to a temporary folder run through
// `node --import <register>` (from source: tsx loads the hook, the runtime resolves through coroutil:source).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { suite } from "uvu";
import * as assert from "uvu/assert";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const register = pathToFileURL(join(root, "plugin/register.ts")).href;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** One temporary folder for the whole suite, one subfolder per program. */
let base: string | undefined;

/** Writes `files` (relative path -> text) into a fresh temporary folder and returns its path. */
function project(files: Record<string, string>): string {
  base ??= mkdtempSync(join(tmpdir(), "coroutil-register-"));
  const dir = mkdtempSync(join(base, "case-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function runWithRegister(dir: string, entry: string, args: string[] = []): Run {
  const result = spawnSync(
    process.execPath,
    ["--import", tsx, "--conditions=coroutil:source", "--import", register, entry, ...args],
    { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function python(source: string): string {
  const result = spawnSync("python3", ["-c", source], { encoding: "utf8" });
  assert.is(result.status, 0, result.stderr);
  return result.stdout;
}

const temp = project;

const Register = suite("coroutil/register");

Register.after(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

Register("runs a TypeScript file, types and all", () => {
  const dir = temp({
    "main.ts": [
      "interface Point { x: number; y: number }",
      "type Pair = [Point, Point];",
      "enum Axis { X = 'x', Y = 'y' }",
      "const pair: Pair = [{ x: 1, y: 2 }, { x: 3, y: 4 }];",
      "const sum = (p: Pair): number => p[0].x + p[1].y;",
      "console.log(sum(pair), Axis.Y, pair satisfies Pair ? 'ok' : 'no');",
    ].join("\n"),
  });
  const run = runWithRegister(dir, "main.ts");
  assert.is(run.stderr, "");
  assert.is(run.stdout, "5 y ok\n");
});

Register("@coroutine and yield from(x) behave as the Python twin", () => {
  const ts = [
    'import { from, send } from "coroutil";',
    "/** @coroutine */",
    "function* averager(): Generator<number | undefined, never, number> {",
    "  let total = 0, count = 0, average: number | undefined;",
    "  for (;;) { const term = yield average; total += term; count += 1; average = total / count; }",
    "}",
    "function* adder(): Generator<undefined, number, number | undefined> {",
    "  let total = 0;",
    "  for (;;) { const v = yield; if (v === undefined) return total; total += v; }",
    "}",
    "/** @coroutine */",
    "function* grouper(results: number[]): Generator<undefined, never, number | undefined> {",
    "  for (;;) results.push(yield from(adder()));",
    "}",
    "const avg = averager();",
    "for (const v of [10, 30, 5]) console.log(send(avg, v));",
    "const results: number[] = [];",
    "const group = grouper(results);",
    "for (const v of [1, 2, 3, undefined, 10, 20, undefined]) send(group, v);",
    "console.log(results.join(' '));",
  ].join("\n");
  const py = [
    "def coroutine(f):",
    "    def primed(*a):",
    "        g = f(*a); next(g); return g",
    "    return primed",
    "@coroutine",
    "def averager():",
    "    total = count = 0; average = None",
    "    while True:",
    "        term = yield average; total += term; count += 1; average = total / count",
    "def adder():",
    "    total = 0",
    "    while True:",
    "        v = yield",
    "        if v is None: return total",
    "        total += v",
    "@coroutine",
    "def grouper(results):",
    "    while True: results.append((yield from adder()))",
    "avg = averager()",
    "for v in [10, 30, 5]: print(f'{avg.send(v):g}')",
    "results = []",
    "group = grouper(results)",
    "for v in [1, 2, 3, None, 10, 20, None]: group.send(v)",
    "print(' '.join(str(r) for r in results))",
  ].join("\n");
  const run = runWithRegister(temp({ "main.ts": ts }), "main.ts");
  assert.is(run.stderr, "");
  assert.is(run.stdout, python(py));
});

Register("an import of ./x.js finds x.ts, as TypeScript's NodeNext resolution does", () => {
  const dir = temp({
    "main.ts": 'import { name } from "./lib/util.js";\nconsole.log(name);\n',
    "lib/util.ts": 'export const name: string = "util.ts";\n',
  });
  const run = runWithRegister(dir, "main.ts");
  assert.is(run.stderr, "");
  assert.is(run.stdout, "util.ts\n");
});

Register("extensionless, .ts and folder imports resolve (an empty module too)", () => {
  const dir = temp({
    "main.ts": [
      'import "./empty";',
      'import { a } from "./a";',
      'import { b } from "./b.ts";',
      'import { c } from "./c";',
      "console.log(a, b, c);",
    ].join("\n"),
    "a.ts": 'export const a = "a";\n',
    "b.ts": 'export const b = "b";\n',
    "c/index.ts": 'export const c = "c";\n',
    "empty.ts": "",
  });
  const run = runWithRegister(dir, "main.ts");
  assert.is(run.stderr, "");
  assert.is(run.stdout, "a b c\n");
});

// The same module, once in the project and once under node_modules: only the project's copy is compiled, so
// only there does `yield from(x)` delegate (uncompiled, it yields the marker object itself).
const delegating = [
  'import { from } from "coroutil";',
  "export function* numbers() { yield from([1, 2, 3]); }",
  "export const count = () => [...numbers()].length;",
].join("\n");

Register("files under node_modules are not compiled", () => {
  const dir = temp({
    "main.ts": [
      'import { count as local } from "./local.js";',
      'import { count as dependency } from "dep";',
      "console.log(local(), dependency());",
    ].join("\n"),
    "local.js": delegating,
    "node_modules/dep/package.json": JSON.stringify({ name: "dep", type: "module", exports: "./index.js" }),
    "node_modules/dep/index.js": delegating,
  });
  const run = runWithRegister(dir, "main.ts");
  assert.is(run.stderr, "");
  assert.is(run.stdout, "3 1\n");
});

Register("a JavaScript file that does not use coroutil is loaded exactly as written", () => {
  const oddlySpaced = "function   f ( a,b ){ return a+b /* kept */ }";
  const dir = temp({
    "package.json": JSON.stringify({ type: "module" }),
    "main.js": `${oddlySpaced}\nconsole.log(f.toString());\n`,
  });
  const run = runWithRegister(dir, "main.js");
  assert.is(run.stderr, "");
  assert.is(run.stdout, `${oddlySpaced}\n`);
});

Register("a JavaScript file that imports coroutil is compiled", () => {
  const dir = temp({ "package.json": JSON.stringify({ type: "module" }), "main.js": `${delegating}\nconsole.log(count());\n` });
  const run = runWithRegister(dir, "main.js");
  assert.is(run.stderr, "");
  assert.is(run.stdout, "3\n");
});

Register("CommonJS TypeScript (.cts) runs", () => {
  const dir = temp({
    "main.cts": [
      "const path: typeof import('node:path') = require('node:path');",
      "console.log(path.basename(__filename));",
    ].join("\n"),
  });
  const run = runWithRegister(dir, "main.cts");
  assert.is(run.stderr, "");
  assert.is(run.stdout, "main.cts\n");
});

Register("a file with no declared format that uses require runs as CommonJS", () => {
  const dir = temp({ "main.ts": "const os: typeof import('node:os') = require('node:os');\nconsole.log(typeof os.cpus);\n" });
  const run = runWithRegister(dir, "main.ts");
  assert.is(run.stderr, "");
  assert.is(run.stdout, "function\n");
});

Register('in a "type": "commonjs" package, TypeScript with import syntax runs as ESM and without it as CommonJS', () => {
  const dir = temp({
    "package.json": JSON.stringify({ type: "commonjs" }),
    "main.ts": 'import legacy from "./legacy.js";\nconst mode: string = typeof require;\nconsole.log(mode, legacy.mode);\n',
    "legacy.ts": "const mode: string = typeof require;\nmodule.exports = { mode };\n",
  });
  const run = runWithRegister(dir, "main.ts");
  assert.is(run.stderr, "");
  assert.is(run.stdout, "undefined function\n");
});

/** 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `no line contains ${needle}`);
  return index + 1;
}

Register("stack traces point at the original TypeScript lines", () => {
  // The interface and the type alias vanish from the output, so unmapped line numbers would be off.
  const source = [
    "interface Options {",
    "  verbose: boolean;",
    "  depth: number;",
    "}",
    "type Maybe<T> =",
    "  | T",
    "  | undefined;",
    "",
    "function fail(options: Maybe<Options>): never {",
    '  throw new Error("failed on purpose: " + options?.depth);',
    "}",
    "fail({ verbose: true, depth: 2 });",
  ].join("\n");
  const dir = temp({ "main.ts": source });
  const run = runWithRegister(dir, "main.ts");
  assert.is.not(run.status, 0);
  assert.match(run.stderr, "failed on purpose: 2");
  const throwLine = lineOf(source, "throw new Error");
  assert.match(run.stderr, `main.ts:${throwLine}:9`);
  assert.match(run.stderr, `main.ts:${lineOf(source, "fail({")}:1`);
});

Register("stack traces inside a rewritten @coroutine body point at the original lines", () => {
  const source = [
    "type Command = 'ok' | 'fail';",
    "/** @coroutine */",
    "function* worker(): Generator<undefined, never, Command> {",
    "  for (;;) {",
    "    const command: Command = yield;",
    "    if (command === 'fail') throw new Error('worker failed');",
    "  }",
    "}",
    "const w = worker() as unknown as { send(c: Command): unknown };",
    "w.send('ok');",
    "w.send('fail');",
  ].join("\n");
  const run = runWithRegister(temp({ "main.ts": source }), "main.ts");
  assert.is.not(run.status, 0);
  assert.match(run.stderr, "worker failed");
  assert.match(run.stderr, `main.ts:${lineOf(source, "throw new Error")}:`);
});

Register("`yield from x` fails with the hint to write yield from(x), its location and a code frame", () => {
  const source = ["function* outer() {", "  const total = yield from inner();", "  return total;", "}"].join("\n");
  const run = runWithRegister(temp({ "bad.ts": source }), "bad.ts");
  assert.is.not(run.status, 0);
  assert.match(run.stderr, "yield from(x)");
  assert.match(run.stderr, /bad\.ts:2:\d+/);
  assert.match(run.stderr, /> *2 \|   const total = yield from inner\(\);/);
});

Register("`yield* from x` gets the hint for yield* from(x)", () => {
  const source = ["function* outer(items: number[]) {", "  yield* from items;", "}"].join("\n");
  const run = runWithRegister(temp({ "bad.ts": source }), "bad.ts");
  assert.is.not(run.status, 0);
  assert.match(run.stderr, "yield* from(x)");
});

Register("`yield from x` in a JavaScript file that does not import coroutil gets the hint too", () => {
  const dir = temp({ "package.json": JSON.stringify({ type: "module" }), "main.js": "function* g() {\n  yield from gen();\n}\n" });
  const run = runWithRegister(dir, "main.js");
  assert.is.not(run.status, 0);
  assert.match(run.stderr, "yield from(x)");
  assert.match(run.stderr, /main\.js:2:\d+/);
});

Register("other syntax errors keep Babel's message and location", () => {
  const run = runWithRegister(temp({ "bad.ts": "const a: = 1;\n" }), "bad.ts");
  assert.is.not(run.status, 0);
  assert.match(run.stderr, /bad\.ts:1:\d+: Unexpected token/);
  assert.not.match(run.stderr, "yield from(x)");
});

Register("arguments reach the program", () => {
  const dir = temp({ "main.ts": "console.log(JSON.stringify(process.argv.slice(2)));\n" });
  const run = runWithRegister(dir, "main.ts", ["one", "--two", "3"]);
  assert.is(run.stdout, '["one","--two","3"]\n');
});

Register.run();
