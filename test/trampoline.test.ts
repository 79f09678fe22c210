// trampoline: "all": every yield* in a non-async generator runs on coroutil's trampoline with
// JavaScript's yield* semantics. Each case of fixtures/trampoline (one yield* rule of ECMA-262 each)
// prints the same compiled without the plugin (native yield*) and with { trampoline: "all" }.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parseSync, transformSync, traverse } from "@babel/core";
import presetTypescript from "@babel/preset-typescript";
import coroutil from "coroutil/babel";
import { messages } from "../plugin/contract.js";
import { programSandbox, runFileAsync } from "./support/codemod-programs.js";
import { listCases } from "./support/fixture-tree.js";
import { compile as compileFixture, listFixtures, runExec } from "./support/plugin-fixtures.js";
import { readFileSync } from "node:fs";

const Trampoline = suite('trampoline: "all"');

function compile(code: string, options?: object, filename = join(programSandbox(), "input.ts")): string {
  return transformSync(code, {
    filename,
    babelrc: false,
    configFile: false,
    presets: [[presetTypescript, { allowDeclareFields: true }]],
    plugins: options ? [[coroutil, options]] : [],
  })!.code!;
}

/** How many `yield*` expressions a program has. */
function nativeDelegations(code: string): number {
  let n = 0;
  traverse(parseSync(code, { babelrc: false, configFile: false, sourceType: "module" })!, {
    YieldExpression(path) {
      if (path.node.delegate) n++;
    },
  });
  return n;
}

let counter = 0;
function run(code: string): Promise<{ output: string; status: number | null }> {
  const file = join(programSandbox(), `trampoline-${process.pid}-${counter++}.mjs`);
  writeFileSync(file, code);
  return runFileAsync(file);
}

const cases = listCases<object>("trampoline");
const runs = new Map(
  cases.map((c) => {
    const source = readFileSync(c.source, "utf8");
    const native = compile(source);
    const trampolined = compile(source, { trampoline: "all" });
    const both = Promise.all([run(native), run(trampolined)]);
    both.catch(() => {});
    return [c, { trampolined, both }] as const;
  }),
);

for (const c of cases) {
  Trampoline(`${c.group}/${c.name}: prints the same with native yield* and on the trampoline`, async () => {
    const { trampolined, both } = runs.get(c)!;
    assert.match(trampolined, /_delegate\(/, "no yield* was trampolined");
    assert.is(nativeDelegations(trampolined), 0, "a yield* was left native");
    const [native, onTrampoline] = await both;
    assert.is(native.status, 0, native.output);
    assert.fixture(onTrampoline.output, native.output);
    assert.is(onTrampoline.status, 0);
  });
}

Trampoline("a recursive generator 1,000,000 deep runs on the trampoline, where native yield* overflows the stack", async () => {
  const source = `
    function* down(n: number): Generator<number, number, unknown> {
      if (n === 0) { yield 42; return 0; }
      return 1 + (yield* down(n - 1));
    }
    const it = down(1_000_000);
    try { console.log(\`\${it.next().value} \${it.next().value}\`); } catch (e) { console.log(String(e)); }`;
  const [native, onTrampoline] = await Promise.all([run(compile(source)), run(compile(source, { trampoline: "all" }))]);
  assert.match(native.output, /RangeError: Maximum call stack size exceeded/);
  assert.is(onTrampoline.output.trim(), "42 1000000");
});

Trampoline("@coroutine-skip keeps a generator native; the others return coroutil's object", async () => {
  const source = `
    /** @coroutine-skip */
    function* kept() { yield* [1]; }
    function* moved() { yield* [2]; }
    function* noDelegation() { yield 3; }
    const tag = (g: object) => Object.prototype.toString.call(g);
    // what the engine gives any iterator object ([object Iterator] where %IteratorPrototype% has a tag, as on Node 22+)
    const iteratorTag = tag(Object.create(Object.getPrototypeOf(Object.getPrototypeOf([].keys()))));
    console.log([tag(kept()), tag(moved()) === iteratorTag, tag(noDelegation()), [...kept(), ...moved(), ...noDelegation()].join(",")].join(" "));`;
  const code = compile(source, { trampoline: "all" });
  assert.match(code, /function\* kept\(\) \{\n\s*yield\* \[1\];/);
  const { output, status } = await run(code);
  assert.is(status, 0, output);
  // (what remains observable: the transformed function's object is a Coroutine, an iterator with no tag of its own)
  assert.is(output.trim(), "[object Generator] true [object Generator] 1,2,3");
});

Trampoline("async generators and files without yield* are left as Babel emits them", () => {
  const source = `async function* a() { yield* [1]; }\nfunction* b() { yield 1; }\nexport { a, b };\n`;
  assert.is(compile(source, { trampoline: "all" }), compile(source));
});

Trampoline("running the plugin on its own output changes nothing", () => {
  const source = `function* walk(n: number): Generator<number> { if (n) yield* walk(n - 1); yield n; }\nexport { walk };\n`;
  const once = compile(source, { trampoline: "all" });
  assert.is(compile(once, { trampoline: "all" }, join(programSandbox(), "once.js")), once);
});

Trampoline("a bad value of the option is named with what it accepts", () => {
  assert.throws(() => compile("", { trampoline: true }), (e: Error) => e.message.includes(messages.badTrampoline("true")));
  assert.throws(() => compile("", { trampoline: "everything" }), (e: Error) => e.message.includes(messages.badTrampoline('"everything"')));
});

Trampoline("markers and @coroutine work as without the option: every plugin exec fixture passes with it", async () => {
  const execs = listFixtures().filter((f) => f.exec && !f.options.env);
  assert.ok(execs.length >= 15);
  for (const fixture of execs) {
    const options = { ...fixture.options, plugin: { ...fixture.options.plugin, trampoline: "all" } };
    assert.match(compileFixture(readFileSync(fixture.source, "utf8"), { ...fixture, options }), /coroutil/);
    await runExec({ ...fixture, name: `${fixture.name}-trampoline-all`, options });
  }
});

Trampoline.run();
