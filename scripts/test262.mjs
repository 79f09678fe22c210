// Runs tc39/test262's tests of a synchronous `yield*` against the plugin's `trampoline: "all"`:
// each test natively (the oracle) and compiled with the option, sloppy and strict, as scripts.
//
//   npm run test262 -- PATH [--only SUBSTRING] [--verbose]
//
// PATH is a local checkout of https://github.com/tc39/test262 (nothing of it is copied here).
// Without PATH it says so and does nothing. It prints one line per test that passes natively and
// fails compiled, then the counts.
import { transformSync } from "@babel/core";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const checkout = args.find((a) => !a.startsWith("--"));
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const verbose = args.includes("--verbose");

if (!checkout || !existsSync(join(checkout, "harness", "assert.js"))) {
  console.log("npm run test262 -- PATH: PATH is a local checkout of tc39/test262 (with harness/ and test/); nothing run.");
  process.exit(checkout ? 2 : 0);
}

/** The folders whose tests may use `yield*`; a test is kept when its source has a synchronous one. */
const FOLDERS = ["test/language", "test/staging", "test/built-ins/GeneratorPrototype"];
const YIELD_STAR = /\byield\s*\*/;
const ASYNC = /async\s+function\s*\*|async\s+\*|asyncHelpers|flags:\s*\[[^\]]*\basync\b/;

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (name.endsWith(".js") && !name.includes("_FIXTURE")) yield path;
  }
}

function frontmatter(source) {
  const m = /\/\*---([\s\S]*?)---\*\//.exec(source);
  const text = m ? m[1] : "";
  const list = (key) => {
    const inline = new RegExp(`^${key}:\\s*\\[([^\\]]*)\\]`, "m").exec(text);
    if (inline) return inline[1].split(",").map((s) => s.trim()).filter(Boolean);
    const block = new RegExp(`^${key}:\\s*\\n((?:\\s+-.*\\n?)*)`, "m").exec(text);
    return block ? block[1].split("\n").map((l) => l.replace(/^\s*-\s*/, "").trim()).filter(Boolean) : [];
  };
  const negative = /^negative:\s*\n\s+phase:\s*(\w+)\s*\n\s+type:\s*(\w+)/m.exec(text);
  return { includes: list("includes"), flags: list("flags"), negative: negative ? { phase: negative[1], type: negative[2] } : undefined };
}

const tests = [];
for (const folder of FOLDERS) {
  const dir = join(checkout, folder);
  if (!existsSync(dir)) continue;
  for (const file of walk(dir)) {
    const source = readFileSync(file, "utf8");
    if (!YIELD_STAR.test(source) || ASYNC.test(source)) continue;
    const rel = relative(checkout, file);
    if (only && !rel.includes(only)) continue;
    const meta = frontmatter(source);
    if (meta.flags.includes("module")) continue; // scripts only: the option is judged on scripts here
    tests.push({ rel, source, meta });
  }
}

const harness = (name) => readFileSync(join(checkout, "harness", name), "utf8");
const work = mkdtempSync(join(tmpdir(), "coroutil-test262-"));
const child = join(work, "child.cjs");
// The child runs one script as a global script (vm), with `require` for the compiled one's runtime import.
writeFileSync(
  child,
  `const vm = require("node:vm"); const fs = require("node:fs");
const file = process.argv[2];
globalThis.require = require("node:module").createRequire(${JSON.stringify(join(root, "package.json"))});
globalThis.print = (m) => console.log(m);
try { vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file }); }
catch (e) { console.log("THREW " + (e && e.constructor && e.constructor.name) + ": " + (e && e.message)); process.exitCode = 1; }
`,
);

function run(code, name) {
  const file = join(work, name);
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, ["--conditions=coroutil:source", "--import", "tsx", child, file], { cwd: root, encoding: "utf8", timeout: 20_000 });
  return { ok: r.status === 0, out: (r.stdout + r.stderr).trim() };
}

function compile(code) {
  return transformSync(code, {
    filename: "test.js",
    babelrc: false,
    configFile: false,
    sourceType: "script",
    parserOpts: { allowReturnOutsideFunction: true },
    plugins: [[join(root, "plugin/index.ts"), { trampoline: "all" }]],
  }).code;
}

let nativePass = 0, compiledPass = 0, nativeFail = 0, failures = [];
for (const { rel, source, meta } of tests) {
  const modes = meta.flags.includes("onlyStrict") ? ["strict"] : meta.flags.includes("noStrict") || meta.flags.includes("raw") ? ["sloppy"] : ["sloppy", "strict"];
  const prelude = meta.flags.includes("raw") ? "" : ["assert.js", "sta.js", ...(meta.flags.includes("async") ? ["doneprintHandle.js"] : []), ...meta.includes].map(harness).join("\n");
  for (const mode of modes) {
    const full = `${mode === "strict" ? '"use strict";\n' : ""}${prelude}\n${source}`;
    const expectError = meta.negative?.type;
    const judge = (r) => (expectError ? !r.ok && r.out.includes(expectError) : r.ok);
    const native = run(full, "native.js");
    if (!judge(native)) {
      nativeFail++;
      if (verbose) console.log(`native fails (not counted): ${rel} [${mode}] ${native.out.split("\n")[0]}`);
      continue;
    }
    nativePass++;
    let compiled;
    try {
      compiled = run(compile(full), "compiled.js");
    } catch (e) {
      compiled = { ok: false, out: `THREW ${e?.constructor?.name}: ${String(e?.message).split("\n")[0]}` };
    }
    if (judge(compiled)) compiledPass++;
    else {
      failures.push(rel);
      console.log(`FAIL ${rel} [${mode}]: ${compiled.out.split("\n").find((l) => l.startsWith("THREW")) ?? compiled.out.split("\n")[0]}`);
    }
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`\n${tests.length} test files; ${nativePass} runs pass natively (${nativeFail} do not, not counted); compiled with trampoline: "all": ${compiledPass} pass, ${nativePass - compiledPass} fail (${new Set(failures).size} files)`);
process.exitCode = nativePass === compiledPass ? 0 : 1;
