// The semantics twins again, in plugin form: each case.ts is converted (test/support/plugin-form.ts:
// `/** @coroutine */ function*` and `yield from(x)`), compiled by coroutil/babel with the TypeScript
// preset (Babel 7 and Babel 8), run, and compared with what CPython prints for case.py; then that
// plugin form ejected by the codemod and run without the plugin, compared the same way.
import { transformSync as transform7 } from "@babel/core";
import presetTypescript7 from "@babel/preset-typescript";
import { transformSync as transform8 } from "babel8-core";
import presetTypescript8 from "babel8-preset-typescript";
import coroutilBabel from "coroutil/babel";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ejectSource } from "../codemod/eject.js";
import { toPluginForm } from "./support/plugin-form.js";
import { compareTraces, listTwins, repoRoot, runPythonCases, runScripts, supportDir } from "./support/semantics.js";

type Compile = (source: string, filename: string, withPlugin: boolean) => string;

function babelOptions(filename: string, preset: unknown, withPlugin: boolean) {
  return {
    filename,
    babelrc: false,
    configFile: false,
    sourceType: "module" as const,
    presets: [[preset, { onlyRemoveTypeImports: true }]],
    plugins: withPlugin ? [coroutilBabel] : [],
  };
}

const compilers: [string, Compile][] = [
  [
    "Babel 7",
    (source, filename, withPlugin) => {
      const code = transform7(source, babelOptions(filename, presetTypescript7, withPlugin) as never)?.code;
      if (!code) throw new Error(`${filename}: Babel 7 produced no code`);
      return code;
    },
  ],
  [
    "Babel 8",
    (source, filename, withPlugin) => {
      const code = transform8(source, babelOptions(filename, presetTypescript8, withPlugin) as never)?.code;
      if (!code) throw new Error(`${filename}: Babel 8 produced no code`);
      return code;
    },
  ],
];

const twins = listTwins();
let python: Map<string, string[]> | undefined;
const pyTraces = () => (python ??= runPythonCases(twins.map((t) => t.py)));

for (const [babel, compile] of compilers) {
  const Plugin = suite(`semantics twins (plugin form, ${babel})`);

  // A scratch project outside the repo: compiled cases and printers, with node_modules/coroutil linked
  // to the repo so `import ... from "coroutil"` reaches the runtime source (run with coroutil:source).
  let scratch: string | undefined;
  const compiled = new Map<string, { file: string } | { error: string }>();
  let traces: Map<string, string[]> | undefined;

  Plugin.before(() => {
    scratch = mkdtempSync(join(tmpdir(), "coroutil-semantics-"));
    writeFileSync(join(scratch, "package.json"), JSON.stringify({ type: "module", private: true }));
    mkdirSync(join(scratch, "node_modules"));
    symlinkSync(repoRoot, join(scratch, "node_modules", "coroutil"), process.platform === "win32" ? "junction" : "dir");
    mkdirSync(join(scratch, "_support"));
    const show = join(supportDir, "show.ts");
    writeFileSync(join(scratch, "_support", "show.js"), compile(readFileSync(show, "utf8"), show, false));
    const files: string[] = [];
    for (const twin of twins) {
      try {
        const code = compile(toPluginForm(readFileSync(twin.ts, "utf8"), twin.ts), twin.ts, true);
        mkdirSync(join(scratch, twin.name));
        const file = join(scratch, twin.name, "case.js");
        writeFileSync(file, code);
        compiled.set(twin.name, { file });
        files.push(file);
      } catch (e) {
        compiled.set(twin.name, { error: e instanceof Error ? e.message : String(e) });
      }
    }
    traces = runScripts(files);
  });

  Plugin.after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  for (const twin of twins) {
    Plugin(`${twin.name}: the plugin-compiled twin prints what CPython prints`, () => {
      const c = compiled.get(twin.name);
      if (!c || "error" in c) assert.unreachable(`${twin.name}: compiling the plugin form failed: ${c?.error}`);
      else {
        const expected = pyTraces().get(twin.py) ?? [];
        const actual = traces?.get(c.file) ?? [];
        assert.ok(expected.length > 0, `${twin.name}: the Python twin printed nothing`);
        const diff = compareTraces(expected, actual, ["python", `coroutil (plugin form, ${babel})`]);
        if (diff) throw diff;
      }
    });
  }

  Plugin("the plugin form really is different code: markers and annotations are compiled away", () => {
    const twin = twins.find((t) => t.name === "rule7-primed-delegate");
    assert.ok(twin, "the rule7-primed-delegate twin exists");
    const plugin = toPluginForm(readFileSync(twin.ts, "utf8"));
    assert.match(plugin, "/** @coroutine */ function* logger()");
    assert.match(plugin, "yield from(lg)");
    const code = compile(plugin, twin.ts, true);
    assert.not.match(code, /@coroutine \*\/\s*function\*/);
    assert.match(code, /_coroutine\(/);
  });

  Plugin.run();
}

// The same twins once more, ejected: the plugin form turned into the runtime form by
// `coroutil codemod eject` (const, hoisted, in-place and moved generators), types stripped by Babel
// without the plugin, run, and compared with CPython.
{
  const Ejected = suite("semantics twins (ejected form)");
  const compile = compilers[0]![1];
  let scratch: string | undefined;
  const compiled = new Map<string, { file: string } | { error: string }>();
  let traces: Map<string, string[]> | undefined;

  Ejected.before(() => {
    scratch = mkdtempSync(join(tmpdir(), "coroutil-semantics-ejected-"));
    writeFileSync(join(scratch, "package.json"), JSON.stringify({ type: "module", private: true }));
    mkdirSync(join(scratch, "node_modules"));
    symlinkSync(repoRoot, join(scratch, "node_modules", "coroutil"), process.platform === "win32" ? "junction" : "dir");
    mkdirSync(join(scratch, "_support"));
    const show = join(supportDir, "show.ts");
    writeFileSync(join(scratch, "_support", "show.js"), compile(readFileSync(show, "utf8"), show, false));
    const files: string[] = [];
    for (const twin of twins) {
      try {
        const ejected = ejectSource(toPluginForm(readFileSync(twin.ts, "utf8"), twin.ts), twin.ts);
        const file = join(scratch, twin.name, "case.js");
        mkdirSync(join(scratch, twin.name));
        writeFileSync(file, compile(ejected, twin.ts, false));
        compiled.set(twin.name, { file });
        files.push(file);
      } catch (e) {
        compiled.set(twin.name, { error: e instanceof Error ? e.message : String(e) });
      }
    }
    traces = runScripts(files);
  });

  Ejected.after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  for (const twin of twins) {
    Ejected(`${twin.name}: the ejected twin prints what CPython prints`, () => {
      const c = compiled.get(twin.name);
      if (!c || "error" in c) assert.unreachable(`${twin.name}: ejecting the plugin form failed: ${c?.error}`);
      else {
        const expected = pyTraces().get(twin.py) ?? [];
        const actual = traces?.get(c.file) ?? [];
        assert.ok(expected.length > 0, `${twin.name}: the Python twin printed nothing`);
        const diff = compareTraces(expected, actual, ["python", "coroutil (ejected form)"]);
        if (diff) throw diff;
      }
    });
  }

  Ejected.run();
}

const Converter = suite("plugin-form converter");

Converter("rewrites primed coroutines and star delegations, keeping track(...) and indentation", () => {
  const src = [
    "const a = coroutine(function* a(x: number, y = 2) {",
    "  const r = yield* from(b());",
    "  yield r;",
    "});",
    "const b = track(function* b() {",
    "  yield* from([1]);",
    "});",
  ].join("\n");
  assert.is(
    toPluginForm(src),
    [
      "/** @coroutine */ function* a(x: number, y = 2) {",
      "  const r = yield from(b());",
      "  yield r;",
      "}",
      "const b = track(function* b() {",
      "  yield from([1]);",
      "});",
    ].join("\n"),
  );
});

Converter("refuses a primed coroutine not written in the one-line form, saying what to write", () => {
  assert.throws(
    () => toPluginForm("const a = coroutine(\n  function* a() {});", "x.ts"),
    /x\.ts:1: write a primed coroutine as one line/,
  );
  assert.throws(() => toPluginForm("const a = coroutine(function* b() {\n});"), /share a name/);
  assert.throws(() => toPluginForm("  const a = coroutine(function* a() {\n});"), /no closing/);
});

Converter.run();
