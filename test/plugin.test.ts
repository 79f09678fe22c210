// coroutil/babel on Babel 7: one test per fixture case under fixtures/plugin, plus idempotence on
// every expected output.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { transformSync } from "@babel/core";
import presetTypescript from "@babel/preset-typescript";
import coroutil from "coroutil/babel";
import * as runtime from "coroutil";
import { messages } from "../plugin/contract.js";
import { compile, compileError, expectation, listFixtures, root, runExec } from "./support/plugin-fixtures.js";
import { originalLine } from "./support/plugin-sourcemap.js";

const fixtures = listFixtures();
const Plugin = suite("coroutil/babel fixtures (Babel 7)");
const read = (file: string) => readFileSync(file, "utf8");

const GROUPS = ["annotation-forms", "marker-forms", "preservation", "typescript", "errors", "idempotence", "interop", "untouched"];

Plugin("the fixture tree has at least 45 cases and every required group", () => {
  assert.ok(fixtures.length >= 45, `expected at least 45 cases, found ${fixtures.length}`);
  const groups = new Set(fixtures.map((f) => f.group));
  for (const group of GROUPS) assert.ok(groups.has(group), `no case in fixtures/plugin/${group}`);
});

// One test per case; its name says what the case asserts.
for (const fixture of fixtures) {
  const title = `${fixture.group}/${fixture.name}`;
  const { options } = fixture;
  if (options.throws) {
    Plugin(`${title}: compiling fails with a code frame that says what to write`, () => {
      const message = compileError(read(fixture.source), fixture);
      assert.ok(message !== null, "expected a compile error, but the file compiled");
      assert.ok(message.includes(options.throws!), `expected the error to contain:\n${options.throws}\ngot:\n${message}`);
      assert.match(message, /\n> +\d+ \|.*\n +\| +\^/, "the error has no code frame");
      assert.fixture(message, expectation(join(fixture.dir, "error.txt"), message));
    });
  } else if (fixture.exec) {
    const es5 = options.env ? "" : ", also once preset-env lowers it to ES5";
    Plugin(`${title}: the compiled program runs and its assertions hold${es5}`, async () => {
      if (options.env) {
        const code = compile(read(fixture.source), fixture);
        assert.not.match(code, /function\s*\*/, "a generator survived preset-env");
        assert.match(code, /_coroutine|_track/);
      }
      await runExec(fixture);
      if (!options.env) {
        await runExec({ ...fixture, name: `${fixture.name}-es5`, options: { ...options, env: { targets: "ie 11" } } });
      }
    });
  } else {
    const outputFile = join(fixture.dir, "output.js");
    const same = options.untouched ? " (exactly as Babel without the plugin)" : "";
    Plugin(`${title}: compiles to output.js${same}, which a second run leaves unchanged`, () => {
      const source = read(fixture.source);
      const actual = compile(source, fixture);
      assert.fixture(actual, expectation(outputFile, actual));
      if (options.untouched) assert.fixture(actual, compile(source, fixture, { withPlugin: false }), "differs from Babel without the plugin");
      const output = read(outputFile);
      const opts = { javascript: true, filename: outputFile };
      assert.fixture(compile(output, fixture, opts), compile(output, fixture, { ...opts, withPlugin: false }), "a second run changed output.js");
    });
  }
}

Plugin("options are checked up front: a bad runtimeModule is named with what it accepts", () => {
  for (const bad of [42, "", null]) {
    assert.throws(
      () => transformSync("", { babelrc: false, configFile: false, plugins: [[coroutil, { runtimeModule: bad }]] }),
      (error: Error) => error.message.includes(messages.badRuntimeModule(bad === "" ? '""' : String(bad))),
    );
  }
  assert.throws(
    () => transformSync("", { babelrc: false, configFile: false, plugins: [[coroutil, { runtimeModul: "x" }]] }),
    (error: Error) => error.message.includes(messages.unknownOption("runtimeModul")) && error.message.includes(`"runtimeModule"`),
  );
});

Plugin("a legacy decorators syntax plugin later in the config is left to choose the decorators flavour", () => {
  const legacy = {
    name: "syntax-decorators",
    manipulateOptions(_: unknown, parserOpts: { plugins: unknown[] }) {
      parserOpts.plugins.push("decorators-legacy");
    },
  };
  const code = `import { coroutine } from "coroutil";\nclass A {\n  @coroutine *m() {\n    yield 1;\n  }\n}`;
  for (const plugins of [[coroutil, () => legacy], [() => legacy, coroutil]]) {
    const out = transformSync(code, { babelrc: false, configFile: false, plugins })!.code!;
    assert.match(out, /m\(\) \{\n    return _coroutine\(_m, this, arguments, "m"\);/);
    assert.not.match(out, /@coroutine/);
  }
});

Plugin("a class method's generator declared outside the class stays strict in a sloppy script", () => {
  const code = [
    `const { from } = require("coroutil");`,
    `class A { *m() { yield this; yield from([]); } }`,
    `const m = new A().m;`,
    `return m().next().value;`,
  ].join("\n");
  const out = transformSync(code, {
    babelrc: false,
    configFile: false,
    sourceType: "script",
    parserOpts: { allowReturnOutsideFunction: true },
    plugins: [coroutil],
  })!.code!;
  assert.match(out, /return _track\(_m, this, arguments, "m"\)/);
  // Called without a receiver, a class method sees `this` undefined; sloppy code would see globalThis.
  assert.is(new Function("require", out)(() => runtime), undefined);
});

Plugin("a class method with a default parameter stays in its class in a sloppy script, where \"use strict\" could not go", () => {
  const code = [
    `const { from } = require("coroutil");`,
    `class A { *m(a = 1) { yield this; yield from([a]); } }`,
    `const m = new A().m;`,
    `const g = m();`,
    `return [g.next().value, g.next().value];`,
  ].join("\n");
  const out = transformSync(code, {
    babelrc: false,
    configFile: false,
    sourceType: "script",
    parserOpts: { allowReturnOutsideFunction: true },
    plugins: [coroutil],
  })!.code!;
  // A function with a default parameter may not say "use strict": a SyntaxError if it were moved out.
  assert.equal(new Function("require", out)(() => runtime), [undefined, 1]);
});

Plugin("listed twice in one config, the plugin lowers once", () => {
  const code = [
    `import { from } from "coroutil";`,
    `/** @coroutine */ export function* g(x) { const r = yield from(x); }`,
    `class A extends B { /** @coroutine */ *m() { yield super.x; yield from(this); } }`,
  ].join("\n");
  const options = { filename: join(root, "src/twice.js"), babelrc: false, configFile: false };
  const once = transformSync(code, { ...options, plugins: [coroutil] })!.code;
  const twice = transformSync(code, { ...options, plugins: [coroutil, [coroutil, {}, "again"]] })!.code;
  assert.match(once!, /_coroutine\(function\* \(\) \{/);
  assert.fixture(twice!, once!);
});

Plugin("source maps point the lowered body, markers included, at the original lines", () => {
  const source = [
    `import { from } from "coroutil";`,
    ``,
    `/** @coroutine */`,
    `function* averager(start: number = 0) {`,
    `  let total: number = start;`,
    `  for (;;) {`,
    `    total += yield total;`,
    `    const inner = yield from(sub());`,
    `    console.log("inner returned", inner);`,
    `  }`,
    `}`,
    `declare function sub(): Generator<number, number>;`,
  ].join("\n");
  const result = transformSync(source, {
    filename: join(root, "src/averager.ts"),
    cwd: root,
    babelrc: false,
    configFile: false,
    sourceMaps: true,
    plugins: [coroutil],
    presets: [presetTypescript],
  })!;
  const generated = result.code!.split("\n");
  const originals = source.split("\n");
  for (const probe of ["let total", "total += yield", "_from(sub()", "console.log", "function averager"]) {
    const line = generated.findIndex((l) => l.includes(probe)) + 1;
    assert.ok(line > 0, `${probe} is not in the output`);
    const column = generated[line - 1]!.indexOf(probe);
    const expected = originals.findIndex((l) => l.includes(probe.replace("_from", "from").replace("function ", "function* "))) + 1;
    assert.is(originalLine((result.map as { mappings: string }).mappings, line, column), expected, probe);
  }
});

Plugin.run();
