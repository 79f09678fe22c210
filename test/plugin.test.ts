// coroutil/babel on Babel 7: one test per fixture case under fixtures/plugin, plus idempotence on
// every expected output.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { compile, compileError, expectation, listFixtures, runExec } from "./support/plugin-fixtures.js";

const fixtures = listFixtures();
const Plugin = suite("coroutil/babel fixtures (Babel 7)");
const read = (file: string) => readFileSync(file, "utf8");

const GROUPS = ["annotation-forms", "marker-forms", "preservation", "typescript", "errors", "idempotence", "interop", "untouched"];

Plugin("the fixture tree has at least 45 cases and every required group", () => {
  assert.ok(fixtures.length >= 45, `expected at least 45 cases, found ${fixtures.length}`);
  const groups = new Set(fixtures.map((f) => f.group));
  for (const group of GROUPS) assert.ok(groups.has(group), `no case in fixtures/plugin/${group}`);
});

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
    Plugin(`${title}: the compiled program runs and its assertions hold`, async () => {
      await runExec(fixture);
    });
  } else {
    const outputFile = join(fixture.dir, "output.js");
    Plugin(`${title}: compiles to output.js`, () => {
      const actual = compile(read(fixture.source), fixture);
      assert.fixture(actual, expectation(outputFile, actual));
    });
    if (options.untouched) {
      Plugin(`${title}: compiles exactly as Babel does without the plugin`, () => {
        const source = read(fixture.source);
        assert.fixture(compile(source, fixture), compile(source, fixture, { withPlugin: false }));
      });
    }
    Plugin(`${title}: running the plugin on output.js changes nothing`, () => {
      const output = read(outputFile);
      const opts = { javascript: true, filename: outputFile };
      assert.fixture(compile(output, fixture, opts), compile(output, fixture, { ...opts, withPlugin: false }));
    });
  }
}

Plugin.run();
