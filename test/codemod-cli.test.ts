// The `coroutil codemod` command on a temporary copy of fixtures/codemod-project (under os.tmpdir()):
// flags, exit codes, the summary, safety (parse errors, atomic writes, line endings, BOM, no stray
// files), tsc --noEmit before and after, and the ejected program against the original under the plugin.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { root, runFile, runProgram } from "./support/codemod-programs.js";
import { transformAsync } from "@babel/core";
import typescript from "@babel/preset-typescript";
import coroutil from "coroutil/babel";
import { tempDir } from "./support/temp-dir.js";

const sample = join(root, "fixtures/codemod-project");
const cli = join(root, "cli/index.ts");

/** A fresh copy of the sample project with node_modules/coroutil linked to this repository. */
function project(): string {
  const dir = tempDir("coroutil-codemod-cli-");
  cpSync(sample, dir, { recursive: true });
  mkdirSync(join(dir, "node_modules/@types"), { recursive: true });
  symlinkSync(root, join(dir, "node_modules/coroutil"), "dir");
  symlinkSync(join(root, "node_modules/@types/node"), join(dir, "node_modules/@types/node"), "dir");
  mkdirSync(join(dir, "node_modules/dep"));
  writeFileSync(join(dir, "node_modules/dep/index.ts"), "/** @coroutine */\nfunction* dep() { yield 1; }\n");
  return dir;
}

function codemod(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_NO_WARNINGS: "1" };
  delete env.CI;
  delete env.FORCE_COLOR;
  const child = spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), "--conditions=coroutil:source", cli, "codemod", ...args], {
    cwd,
    encoding: "utf8",
    env,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Every file under dir (node_modules left out) with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.name === "node_modules") continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, "latin1"));
    }
  };
  walk(dir);
  return files;
}

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((k) => before.get(k) !== after.get(k)).sort();
}

function tsc(dir: string): string {
  const child = spawnSync(join(root, "node_modules/.bin/tsc"), ["-p", dir], { encoding: "utf8" });
  return `${child.status} ${child.stdout}${child.stderr}`.trim();
}

/** Compiles every src/*.ts of the project with Babel (with or without the plugin) to out/, then runs out/main.js. */
async function runSample(dir: string, withPlugin: boolean): Promise<string> {
  const out = join(dir, withPlugin ? "out-plugin" : "out-plain");
  mkdirSync(out, { recursive: true });
  for (const file of readdirSync(join(dir, "src"))) {
    const result = await transformAsync(readFileSync(join(dir, "src", file), "utf8"), {
      filename: file,
      babelrc: false,
      configFile: false,
      presets: [typescript],
      plugins: withPlugin ? [coroutil] : [],
    });
    writeFileSync(join(out, file.replace(/\.ts$/, ".js")), result!.code!);
  }
  const run = runFile(join(out, "main.js"), dir);
  assert.is(run.status, 0, run.output);
  return run.output;
}

const test = suite("coroutil codemod");

test("eject rewrites the project, prints every summary word and exits 0", () => {
  const dir = project();
  const before = snapshot(dir);
  const run = codemod(dir, "eject", "src");
  assert.is(run.status, 0, run.stdout + run.stderr);
  for (const word of ["scanned 4 files", "changed 1", "unchanged 3", "skipped 0", "failed 0", "time "]) {
    assert.ok(run.stdout.includes(word), `summary lacks "${word}": ${run.stdout}`);
  }
  assert.equal(changedFiles(before, snapshot(dir)), ["src/averager.ts"]);
});

test("a project that passes tsc --noEmit before eject passes after", () => {
  const dir = project();
  assert.is(tsc(dir), "0");
  assert.is(codemod(dir, "eject", "src").status, 0);
  assert.is(tsc(dir), "0");
});

test("the ejected program run without the plugin prints what the original prints with it", async () => {
  const dir = project();
  const original = await runSample(dir, true);
  assert.is(codemod(dir, "eject", "src").status, 0);
  const ejected = await runSample(dir, false);
  assert.ok(original.includes("averages"), original);
  assert.fixture(ejected, original);
});

test("a second eject changes nothing and --check then exits 0", () => {
  const dir = project();
  codemod(dir, "eject", "src");
  const once = snapshot(dir);
  const again = codemod(dir, "eject", "src");
  assert.ok(again.stdout.includes("changed 0"), again.stdout);
  assert.equal(changedFiles(once, snapshot(dir)), []);
  assert.is(codemod(dir, "eject", "src", "--check").status, 0);
});

test("--check writes nothing and exits 1 when a file would change", () => {
  const dir = project();
  const before = snapshot(dir);
  const run = codemod(dir, "eject", "src", "--check");
  assert.is(run.status, 1, run.stdout);
  assert.ok(run.stdout.includes("would change src/averager.ts"), run.stdout);
  assert.equal(changedFiles(before, snapshot(dir)), []);
});

test("--dry-run writes nothing and exits 0", () => {
  const dir = project();
  const before = snapshot(dir);
  const run = codemod(dir, "eject", "src", "--dry-run");
  assert.is(run.status, 0);
  assert.ok(run.stdout.includes("dry run"), run.stdout);
  assert.equal(changedFiles(before, snapshot(dir)), []);
});

test("--diff prints an uncoloured unified diff when not on a TTY and writes nothing", () => {
  const dir = project();
  const before = snapshot(dir);
  const run = codemod(dir, "eject", "src", "--diff");
  assert.is(run.status, 0);
  assert.ok(run.stdout.includes("--- a/src/averager.ts\n+++ b/src/averager.ts\n@@ "), run.stdout);
  assert.ok(run.stdout.includes("\n-export function* averager()"), run.stdout);
  assert.ok(run.stdout.includes("\n+export function averager(this: unknown): Coroutine<number | undefined, number, number | undefined> { return coroutine(averagerGenerator, this, arguments, \"averager\"); }"), run.stdout);
  assert.not.match(run.stdout, /\x1b\[/);
  assert.equal(changedFiles(before, snapshot(dir)), []);
});

test("no progress bar is drawn when stderr is not a TTY", () => {
  const dir = project();
  const run = codemod(dir, "eject", "src", "--check");
  assert.is(run.stderr, "");
});

/** Runs the command under a pseudo-terminal (util-linux `script`), so stdout and stderr are TTYs. */
function codemodOnTty(cwd: string, ci: boolean, ...args: string[]): string {
  const quote = (a: string) => `'${a.replace(/'/g, "'\\''")}'`;
  const command = [process.execPath, "--import", import.meta.resolve("tsx"), "--conditions=coroutil:source", cli, "codemod", ...args];
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_NO_WARNINGS: "1" };
  if (ci) env.CI = "1";
  else delete env.CI;
  const child = spawnSync("script", ["-qec", command.map(quote).join(" "), "/dev/null"], { cwd, encoding: "utf8", env });
  return child.stdout;
}

test("on a TTY a long run draws a progress bar, and none when CI is set", () => {
  const dir = project();
  mkdirSync(join(dir, "many"));
  for (let i = 0; i < 60; i++) writeFileSync(join(dir, "many", `f${i}.ts`), `export const x${i} = ${i};\n`);
  assert.match(codemodOnTty(dir, false, "eject", "many"), /eject .* 60\/60 files/);
  const ci = codemodOnTty(dir, true, "eject", "many");
  assert.ok(ci.includes("scanned 60 files"), ci);
  assert.not.match(ci, /\/60 files/);
});

test("--include keeps only matching files and --exclude is repeatable", () => {
  const dir = project();
  const included = codemod(dir, "eject", ".", "--include", "src/main.ts", "--include", "src/plain.ts", "--check");
  assert.ok(included.stdout.includes("scanned 2 files"), included.stdout);
  const excluded = codemod(dir, "eject", "src", "--exclude", "src/averager.ts", "--exclude", "src/main.ts", "--check");
  assert.ok(excluded.stdout.includes("scanned 2 files"), excluded.stdout);
  assert.is(excluded.status, 0);
});

test("node_modules is never scanned, even when the walk starts above it", () => {
  const dir = project();
  const run = codemod(dir, "eject", ".");
  assert.ok(run.stdout.includes("scanned 5 files"), run.stdout);
  assert.ok(readFileSync(join(dir, "node_modules/dep/index.ts"), "utf8").includes("@coroutine"));
});

test("a named file that is not a source file is skipped with the reason", () => {
  const dir = project();
  const run = codemod(dir, "eject", "README.md", "src/plain.ts");
  assert.ok(run.stdout.includes("skipped README.md: not a source file"), run.stdout);
  assert.ok(run.stdout.includes("skipped 1"), run.stdout);
  assert.is(run.status, 0);
});

test("a file that does not parse is reported, never written, and the rest is done; exit 2", () => {
  const dir = project();
  const broken = "/** @coroutine */\nfunction* broken() { yield from(; }\n";
  writeFileSync(join(dir, "src/broken.ts"), broken);
  const run = codemod(dir, "eject", "src");
  assert.is(run.status, 2, run.stdout);
  assert.ok(/failed +src\/broken\.ts: does not parse: 2:/.test(run.stdout), run.stdout);
  assert.is(readFileSync(join(dir, "src/broken.ts"), "utf8"), broken);
  assert.ok(!readFileSync(join(dir, "src/averager.ts"), "utf8").includes("@coroutine"));
});

test("a missing path fails with exit 2", () => {
  const dir = project();
  const run = codemod(dir, "eject", "src/nope.ts");
  assert.is(run.status, 2);
  assert.ok(run.stdout.includes("no such file or folder"), run.stdout);
});

test("CRLF line endings and a BOM are kept", () => {
  const dir = project();
  const file = join(dir, "src/averager.ts");
  writeFileSync(file, `\uFEFF${readFileSync(file, "utf8").replace(/\n/g, "\r\n")}`);
  assert.is(codemod(dir, "eject", "src").status, 0);
  const after = readFileSync(file, "utf8");
  assert.ok(after.startsWith("\uFEFFimport"), JSON.stringify(after.slice(0, 20)));
  assert.ok(after.includes("coroutine("));
  assert.not.match(after, /[^\r]\n/);
  assert.is(codemod(dir, "eject", "src", "--check").status, 0);
});

test("writes are atomic: the changed file is a new inode renamed into place", () => {
  const dir = project();
  const file = join(dir, "src/averager.ts");
  const inode = statSync(file).ino;
  assert.is(codemod(dir, "eject", "src").status, 0);
  assert.is.not(statSync(file).ino, inode);
});

test("no other file is created in the project", () => {
  const dir = project();
  const before = [...snapshot(dir).keys()].sort();
  codemod(dir, "eject", "src");
  codemod(dir, "prime", "src");
  assert.equal([...snapshot(dir).keys()].sort(), before);
});

test("prime makes a function primed at once prime itself (coroutine(…) by default) and reports the one it cannot prove with file:line", () => {
  const dir = project();
  const plain = codemod(dir, "prime", "src/ticker.ts", "--dry-run", "--diff");
  assert.ok(plain.stdout.includes('+import { Coroutine, coroutine } from "coroutil";'), plain.stdout);
  assert.ok(plain.stdout.includes("+function ticker(this: unknown): Coroutine<number, void, unknown> { return coroutine(tickerGenerator, this, arguments, \"ticker\"); }"), plain.stdout);
  const run = codemod(dir, "prime", "src", "--project", "tsconfig.json", "--tag");
  assert.is(run.status, 0, run.stdout + run.stderr);
  const ticker = readFileSync(join(dir, "src/ticker.ts"), "utf8");
  assert.ok(ticker.startsWith("/** @coroutine */\nfunction* ticker()"), ticker);
  assert.not.ok(ticker.includes("t.next();\n"), ticker);
  assert.ok(/left alone src\/ticker\.ts:13:13 leaky: not primed right after its creation/.test(run.stdout), run.stdout);
  assert.ok(/left alone src\/averager\.ts:\d+:\d+ grouper: exported/.test(run.stdout), run.stdout);
  assert.ok(run.stdout.includes("changed 1"), run.stdout);
});

test("prime keeps the program's output and tsc --noEmit clean", async () => {
  const dir = project();
  const original = await runSample(dir, true);
  assert.is(codemod(dir, "prime", "src").status, 0);
  assert.is(tsc(dir), "0");
  assert.fixture(await runSample(dir, true), original);
});

test("prime --check exits 1 and a second prime changes nothing", () => {
  const dir = project();
  assert.is(codemod(dir, "prime", "src", "--check").status, 1);
  codemod(dir, "prime", "src");
  const once = snapshot(dir);
  const again = codemod(dir, "prime", "src");
  assert.ok(again.stdout.includes("changed 0"), again.stdout);
  assert.equal(changedFiles(once, snapshot(dir)), []);
});

test("every example ejected runs without the plugin and prints what it prints with it, and passes tsc", async () => {
  const dir = project();
  const examples = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".ts"));
  assert.ok(examples.length > 0, "no examples to eject");
  mkdirSync(join(dir, "examples"));
  const originals = new Map<string, string>();
  for (const file of examples) {
    const code = readFileSync(join(root, "examples", file), "utf8");
    writeFileSync(join(dir, "examples", file), code);
    const run = await runProgram(code, file, true);
    assert.is(run.status, 0, run.output);
    originals.set(file, run.output);
  }
  const run = codemod(dir, "eject", "examples");
  assert.is(run.status, 0, run.stdout);
  assert.ok(run.stdout.includes(`changed ${examples.length}`), run.stdout);
  for (const file of examples) {
    const ejected = runFile(join(dir, "examples", file), dir);
    assert.is(ejected.status, 0, ejected.output);
    assert.fixture(ejected.output, originals.get(file)!, file);
  }
  writeFileSync(join(dir, "tsconfig.json"), readFileSync(join(dir, "tsconfig.json"), "utf8").replace('"include": ["src"]', '"include": ["src", "examples"]'));
  assert.is(tsc(dir), "0");
});

test("an unknown transform is a usage error naming the two there are", () => {
  const run = codemod(project(), "unwrap", "src");
  assert.is(run.status, 1);
  assert.ok(run.stderr.includes("coroutil codemod eject PATHS"), run.stderr);
});

test.run();
