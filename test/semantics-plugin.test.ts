// The semantics twins again, in plugin form: each case.ts is converted (test/support/plugin-form.ts:
// `/** @coroutine */ function*` and `yield from(x)`), compiled by coroutil/babel with
// @babel/preset-typescript, run, and compared with what CPython prints for case.py.
import { transformSync } from "@babel/core";
import presetTypescript from "@babel/preset-typescript";
import coroutilBabel from "coroutil/babel";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { toPluginForm } from "./support/plugin-form.js";
import { compareTraces, listTwins, repoRoot, runPythonCases, runScripts, supportDir } from "./support/semantics.js";

const twins = listTwins();
const Plugin = suite("semantics twins (plugin form, Babel 7)");

function compile(source: string, filename: string, withPlugin: boolean): string {
  const out = transformSync(source, {
    filename,
    babelrc: false,
    configFile: false,
    sourceType: "module",
    presets: [[presetTypescript, { onlyRemoveTypeImports: true }]],
    plugins: withPlugin ? [coroutilBabel] : [],
  });
  if (!out?.code) throw new Error(`${filename}: Babel produced no code`);
  return out.code;
}

// A scratch project outside the repo: compiled cases and printers, with node_modules/coroutil linked
// to the repo so `import ... from "coroutil"` reaches the runtime source (run with coroutil:source).
let scratch: string | undefined;
const compiled = new Map<string, { file: string } | { error: string }>();
let traces: Map<string, string[]> | undefined;
let python: Map<string, string[]> | undefined;

Plugin.before(() => {
  scratch = mkdtempSync(join(tmpdir(), "coroutil-semantics-"));
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ type: "module", private: true }));
  mkdirSync(join(scratch, "node_modules"));
  symlinkSync(repoRoot, join(scratch, "node_modules", "coroutil"), "dir");
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
  python = runPythonCases(twins.map((t) => t.py));
});

Plugin.after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

for (const twin of twins) {
  Plugin(`${twin.name}: the plugin-compiled twin prints what CPython prints`, () => {
    const c = compiled.get(twin.name);
    if (!c || "error" in c) assert.unreachable(`${twin.name}: compiling the plugin form failed: ${c?.error}`);
    else {
      const expected = python?.get(twin.py) ?? [];
      const actual = traces?.get(c.file) ?? [];
      assert.ok(expected.length > 0, `${twin.name}: the Python twin printed nothing`);
      const diff = compareTraces(expected, actual, ["python", "coroutil (plugin form)"]);
      if (diff) assert.unreachable(`${twin.name}\n${diff}`);
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
  assert.not.match(code, "@coroutine */ function*");
  assert.match(code, /_coroutine\(/);
});

Plugin.run();
