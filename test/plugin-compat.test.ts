// The same plugin on Babel 7 (@babel/core) and Babel 8 (babel8-core, presets passed as objects):
// every exec fixture behaves the same, every misuse fails with the same message, and the lowered
// output is stable under a second run on both.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import * as babel7 from "@babel/core";
import * as babel8 from "babel8-core";
import coroutil from "coroutil/babel";
import { compile, compileError, listFixtures, runExec, type BabelVersion } from "./support/plugin-fixtures.js";

const fixtures = listFixtures();
const Compat = suite("coroutil/babel on Babel 7 and Babel 8");
const read = (file: string) => readFileSync(file, "utf8");

Compat("the plugin loads on Babel 7 and on Babel 8", () => {
  for (const babel of [babel7, babel8]) {
    const result = babel.transformSync("function* g() {}", { babelrc: false, configFile: false, plugins: [coroutil as never] });
    assert.is(result?.code, "function* g() {}");
  }
});

Compat("the plugin rejects an unknown option, naming it and the accepted ones, on both", () => {
  for (const babel of [babel7, babel8]) {
    assert.throws(
      () => babel.transformSync("", { babelrc: false, configFile: false, plugins: [[coroutil as never, { runtime: "x" }]] }),
      (error: Error) => error.message.includes(`unknown option "runtime"`) && error.message.includes(`"runtimeModule"`),
    );
  }
});

for (const fixture of fixtures) {
  const title = `${fixture.group}/${fixture.name}`;
  for (const version of [7, 8] as BabelVersion[]) {
    if (fixture.options.throws) {
      Compat(`${title}: Babel ${version} rejects it with the same message`, () => {
        const message = compileError(read(fixture.source), fixture, version);
        assert.ok(message?.includes(fixture.options.throws!), `got: ${message}`);
      });
    } else if (fixture.exec) {
      Compat(`${title}: runs as asserted when compiled by Babel ${version}`, async () => {
        await runExec(fixture, version);
      });
    } else if (version === 8) {
      Compat(`${title}: Babel 8 output is stable under a second run`, () => {
        const once = compile(read(fixture.source), fixture, { version });
        const opts = { version, javascript: true } as const;
        assert.fixture(compile(once, fixture, opts), compile(once, fixture, { ...opts, withPlugin: false }));
      });
      if (fixture.options.untouched) {
        Compat(`${title}: Babel 8 compiles it exactly as without the plugin`, () => {
          const source = read(fixture.source);
          assert.fixture(compile(source, fixture, { version }), compile(source, fixture, { version, withPlugin: false }));
        });
      }
    }
  }
}

Compat.run();
