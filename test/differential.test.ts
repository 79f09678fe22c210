// Plugin and eject read the same syntax: for every case under fixtures/plugin, compiling with
// coroutil/babel and running, and ejecting then running the ejected file with no plugin (Babel only
// strips TypeScript), print the same and exit the same; a case the plugin rejects, eject rejects
// with the same message and code frame.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { CodemodInputError, ejectText } from "coroutil/codemod";
import { programSandbox, runFileAsync } from "./support/codemod-programs.js";
import { compile, compileError, listFixtures, type Fixture } from "./support/plugin-fixtures.js";

const Differential = suite("plugin and eject agree on every plugin fixture");
const fixtures = listFixtures();
let counter = 0;

/** Writes compiled code beside a linked runtime and runs it in a child process (no plugin involved). */
function run(code: string): Promise<{ output: string; status: number | null }> {
  const file = join(programSandbox(), `differential-${process.pid}-${counter++}.mjs`);
  writeFileSync(file, code);
  return runFileAsync(file);
}

/** The message and code frame of a compile error, without the file name Babel puts first. */
function pluginMessage(fixture: Fixture, source: string): string {
  const message = compileError(source, fixture)!;
  return message.slice(message.indexOf(": ") + 2);
}

const ejectOptions = (fixture: Fixture) => ({ runtimeModule: fixture.options.plugin?.runtimeModule as string | undefined });
const fileName = (fixture: Fixture) => (fixture.options.typescript === "none" ? "input.js" : fixture.exec ? "exec.ts" : "input.ts");

// Started together (bounded by the runner), awaited per test: the child processes are the slow part.
const outcomes = new Map<Fixture, Promise<{ plugin: { output: string; status: number | null }; ejected: { output: string; status: number | null } | string }>>();
for (const fixture of fixtures) {
  if (fixture.options.throws) continue;
  const source = readFileSync(fixture.source, "utf8");
  const promise = (async () => {
    const plugin = await run(compile(source, fixture, { runnable: true }));
    let ejected: string;
    try {
      ejected = ejectText(source, fileName(fixture), ejectOptions(fixture));
    } catch (error) {
      if (!(error instanceof CodemodInputError)) throw error;
      return { plugin, ejected: `eject failed: ${error.message}` };
    }
    return { plugin, ejected: await run(compile(ejected, fixture, { runnable: true, withPlugin: false })) };
  })();
  promise.catch(() => {});
  outcomes.set(fixture, promise);
}

let compared = 0;
for (const fixture of fixtures) {
  const title = `${fixture.group}/${fixture.name}`;
  const source = readFileSync(fixture.source, "utf8");
  if (fixture.options.throws) {
    Differential(`${title}: eject refuses it with the plugin's message and code frame`, () => {
      let error: unknown;
      try {
        ejectText(source, fileName(fixture), ejectOptions(fixture));
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof CodemodInputError, `eject accepted what the plugin rejects: ${String(error)}`);
      const ejectMessage = (error as Error).message.replace(/^\d+:\d+ /, "");
      assert.fixture(ejectMessage.trimEnd(), pluginMessage(fixture, source).trimEnd());
    });
    continue;
  }
  if (fixture.options.pluginOnly) {
    Differential(`${title}: eject either refuses it with a message or ejects it (the plugin alone gives its behaviour: ${fixture.options.pluginOnly})`, async () => {
      const { ejected } = await outcomes.get(fixture)!;
      if (typeof ejected === "string") assert.match(ejected, /^eject failed: \d+:\d+ /);
    });
    continue;
  }
  Differential(`${title}: ejected and run without the plugin, it prints and exits as compiled with it`, async () => {
    const { plugin, ejected } = await outcomes.get(fixture)!;
    if (typeof ejected === "string") throw new Error(ejected);
    if (plugin.status !== 0) {
      // Not a program on its own (say, it imports a module only the test tree has): eject must still succeed.
      return;
    }
    compared++;
    assert.fixture(ejected.output, plugin.output, "output");
    assert.is(ejected.status, 0);
  });
}

Differential("most fixtures run as programs, so the comparison is not vacuous", () => {
  const runnable = fixtures.filter((f) => !f.options.throws && !f.options.pluginOnly).length;
  assert.ok(compared >= runnable * 0.75, `only ${compared} of ${runnable} fixtures ran under the plugin`);
});

Differential.run();
