// Test runners: a Vitest suite (through coroutil/vite) and a Jest suite in its default CommonJS mode
// (babel-jest with coroutil/babel in a babel.config.cjs) each run a coroutil test file from a
// temporary project whose node_modules/coroutil is this repository, built (as installed).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { root } from "./support/codemod-programs.js";
import { AVERAGER } from "./support/averager-source.js";
import { tempDir } from "./support/temp-dir.js";

const require = createRequire(import.meta.url);
const Runners = suite("test runners");

/** The test file both runners run: a primed coroutine, a delegation, StopIteration's value. */
const SPEC = (imports: string) => `${imports}
import { from, send, StopIteration } from "coroutil";

${AVERAGER}
function* report(): Generator<unknown, number, number | undefined> {
  const r = yield* from(averager());
  return r * 2;
}

describe("coroutil", () => {
  it("primes, delegates and returns through StopIteration", () => {
    const g = report();
    g.next();
    expect(send(g, 10)).toBe(10);
    expect(send(g, 30)).toBe(20);
    let thrown: unknown;
    try {
      send(g, undefined);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(StopIteration);
    expect((thrown as StopIteration).value).toBe(40);
  });
});
`;

/** A project with node_modules/coroutil linked to this repository and the tools' packages. */
function project(): string {
  const dir = tempDir("coroutil-runners-");
  mkdirSync(join(dir, "node_modules/@babel"), { recursive: true });
  symlinkSync(root, join(dir, "node_modules/coroutil"), "dir");
  return dir;
}

Runners.before(() => {
  // The runners load coroutil as an installed package does: from dist/.
  execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { cwd: root, stdio: "pipe" });
});

Runners("a Vitest suite runs a coroutil test file through coroutil/vite", () => {
  const dir = project();
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "v", private: true, type: "module" }));
  writeFileSync(
    join(dir, "vitest.config.mjs"),
    `import coroutil from "coroutil/vite";\nexport default { plugins: [coroutil()], test: { include: ["avg.test.ts"] } };\n`,
  );
  writeFileSync(join(dir, "avg.test.ts"), SPEC(`import { describe, expect, it } from "vitest";`));
  const vitest = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");
  const r = spawnSync(process.execPath, [vitest, "run", "--root", dir], { cwd: dir, encoding: "utf8", env: { ...process.env, CI: "1", NO_COLOR: "1" } });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /1 passed/);
});

Runners("a Jest suite in CommonJS mode runs a coroutil test file with coroutil/babel in babel.config.cjs", () => {
  const dir = project();
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "j", private: true }));
  writeFileSync(
    join(dir, "babel.config.cjs"),
    // The presets are this repository's (the temp project has none); the plugin is the installed coroutil's.
    `module.exports = {\n  presets: [[${JSON.stringify(require.resolve("@babel/preset-env"))}, { targets: { node: "current" } }], ${JSON.stringify(require.resolve("@babel/preset-typescript"))}],\n  plugins: ["coroutil/babel"],\n};\n`,
  );
  writeFileSync(join(dir, "avg.test.ts"), SPEC(""));
  const jest = join(dirname(require.resolve("jest/package.json")), "bin/jest.js");
  const r = spawnSync(process.execPath, [jest, "--rootDir", dir, "--ci"], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const out = (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, "");
  assert.is(r.status, 0, out);
  assert.match(out, /Tests: +1 passed, 1 total/, out);
});

Runners.run();
