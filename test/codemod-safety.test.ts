// The codemod on hostile trees (SPEC section 4, Safety): files that are not UTF-8, symbolic links,
// files that change during the run, temp files of a killed run, and a run interrupted mid-way.
// Each test spawns the CLI on a temporary tree and checks the bytes on disk afterwards.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readSource, writeSource } from "../codemod/safe-io.js";
import { linkRuntime, root, runFile } from "./support/codemod-programs.js";
import { tempDir } from "./support/temp-dir.js";

const cli = join(root, "cli/index.ts");
const NODE_ARGS = ["--import", import.meta.resolve("tsx"), "--conditions=coroutil:source", cli, "codemod"];

/** A source file with a marker and an annotation, so eject has something to change. */
const SOURCE = `import { from } from "coroutil";

/** @coroutine */
function* inner() {
  yield 1;
}

function* outer() {
  yield from(inner());
}
console.log([...outer()].length);
`;

function run(cwd: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_NO_WARNINGS: "1" };
  delete env.CI;
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], { cwd, encoding: "utf8", env });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** Every file under dir (links not followed) with its bytes, as latin1 so any byte compares. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.set(relative(dir, path), readFileSync(path, "latin1"));
    }
  };
  walk(dir);
  return files;
}

const tempFiles = (dir: string) => [...snapshot(dir).keys()].filter((f) => /\.coroutil(-\d+-\d+\.tmp|\.lock)$/.test(f));

const Safety = suite("codemod safety");

const encodings: [string, Buffer][] = [
  ["Latin-1 (ISO-8859-1)", Buffer.concat([Buffer.from("// caf"), Buffer.from([0xe9]), Buffer.from("\n" + SOURCE)])],
  ["Windows-1252 quotes", Buffer.concat([Buffer.from("// "), Buffer.from([0x93]), Buffer.from("quoted"), Buffer.from([0x94]), Buffer.from("\n" + SOURCE)])],
  ["UTF-16LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SOURCE, "utf16le")])],
  ["UTF-16BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SOURCE, "utf16le").swap16()])],
  ["UTF-16LE without BOM", Buffer.from(SOURCE, "utf16le")],
  ["one invalid byte in a comment", Buffer.concat([Buffer.from("// ok \u00e9 then "), Buffer.from([0xc3, 0x28]), Buffer.from("\n" + SOURCE)])],
];

for (const [name, bytes] of encodings) {
  Safety(`a file in ${name} is reported as failed, exit 2, and never written`, () => {
    const dir = tempDir("coroutil-safety-enc-");
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src/file.ts"), bytes);
    const r = run(dir, "eject", "src");
    assert.is(r.status, 2, r.out);
    assert.match(r.out, /failed +src\/file\.ts: /);
    assert.ok(readFileSync(join(dir, "src/file.ts")).equals(bytes), "the file's bytes changed");
    assert.equal(tempFiles(dir), []);
  });
}

Safety("a file that is not UTF-8 is named with where its first bad byte is", () => {
  const dir = tempDir("coroutil-safety-enc-");
  writeFileSync(join(dir, "latin1.ts"), encodings[0]![1]);
  const r = run(dir, "eject", "latin1.ts");
  assert.match(r.out, /not valid UTF-8 \(byte 0xe9 at offset 6\)/);
});

Safety("valid UTF-8 with accents, a BOM and CRLF is rewritten and keeps every other byte", () => {
  const dir = tempDir("coroutil-safety-enc-");
  const text = "\uFEFF// café, naïve — ✓\r\n" + SOURCE.replace(/\n/g, "\r\n");
  writeFileSync(join(dir, "ok.ts"), text);
  const r = run(dir, "eject", "ok.ts");
  assert.is(r.status, 0, r.out);
  const after = readFileSync(join(dir, "ok.ts"), "utf8");
  assert.ok(after.startsWith("\uFEFF// café, naïve — ✓\r\n"), after.slice(0, 40));
  assert.not.match(after, /\uFFFD/);
  assert.not.match(after.replace(/\r\n/g, ""), /\n/, "a bare LF crept in");
});

Safety("symbolic links are never followed: files, folders, dangling links and loops are skipped with the reason", () => {
  const dir = tempDir("coroutil-safety-links-");
  mkdirSync(join(dir, "src"));
  mkdirSync(join(dir, "outside"));
  mkdirSync(join(dir, "outsidedir"));
  writeFileSync(join(dir, "outside/target.ts"), SOURCE);
  writeFileSync(join(dir, "outsidedir/deep.ts"), SOURCE);
  writeFileSync(join(dir, "src/real.ts"), SOURCE);
  symlinkSync(join(dir, "outside/target.ts"), join(dir, "src/link.ts"));
  symlinkSync(join(dir, "outsidedir"), join(dir, "src/linkdir"), "dir");
  symlinkSync(join(dir, "nowhere.ts"), join(dir, "src/dangling.ts"));
  symlinkSync(join(dir, "src"), join(dir, "src/loop"), "dir");
  const outsideBefore = snapshot(join(dir, "outside"));
  const outsideDirBefore = snapshot(join(dir, "outsidedir"));
  const r = run(dir, "eject", "src");
  assert.is(r.status, 0, r.out);
  assert.equal(snapshot(join(dir, "outside")), outsideBefore, "wrote through a link to a file");
  assert.equal(snapshot(join(dir, "outsidedir")), outsideDirBefore, "walked a link to a folder");
  assert.match(r.out, /skipped src\/link\.ts: symlink \(links are not followed\)/);
  assert.match(r.out, /skipped src\/linkdir: symlink to a folder \(links are not followed\)/);
  assert.match(r.out, /skipped src\/dangling\.ts: dangling symlink/);
  assert.match(r.out, /skipped src\/loop: symlink to a folder/);
  assert.match(r.out, /scanned 1 files, changed 1, unchanged 0, skipped 4, failed 0/);
  assert.match(readFileSync(join(dir, "src/real.ts"), "utf8"), /yield\* from\(inner\(\)\)/);
});

Safety("a link given on the command line is skipped the same way, and says so", () => {
  const dir = tempDir("coroutil-safety-links-");
  writeFileSync(join(dir, "target.ts"), SOURCE);
  symlinkSync(join(dir, "target.ts"), join(dir, "link.ts"));
  const r = run(dir, "eject", "link.ts");
  assert.is(r.status, 0, r.out);
  assert.match(r.out, /skipped link\.ts: symlink \(links are not followed\)/);
  assert.is(readFileSync(join(dir, "target.ts"), "utf8"), SOURCE);
});

Safety("a write never replaces a file that changed on disk since it was read", () => {
  const dir = tempDir("coroutil-safety-race-");
  const file = join(dir, "f.ts");
  writeFileSync(file, "one\n");
  const read = readSource(file);
  writeFileSync(file, "edited meanwhile\n");
  assert.throws(() => writeSource(file, "codemod output\n", read.bytes), /changed on disk during the run/);
  assert.is(readFileSync(file, "utf8"), "edited meanwhile\n");
  assert.equal(readdirSync(dir), ["f.ts"], "a temp file was left behind");
});

Safety("temp files a killed run left behind are removed by the next run, which says so", () => {
  const dir = tempDir("coroutil-safety-left-");
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/a.ts"), SOURCE);
  writeFileSync(join(dir, "src/.a.ts.coroutil-999999999-0.tmp"), "half a file");
  writeFileSync(join(dir, "src/.a.ts.other.tmp"), "not ours");
  const r = run(dir, "eject", "src");
  assert.is(r.status, 0, r.out);
  assert.match(r.out, /removed 1 temp file\(s\) an interrupted earlier run left: src\/\.a\.ts\.coroutil-999999999-0\.tmp/);
  assert.not.ok(existsSync(join(dir, "src/.a.ts.coroutil-999999999-0.tmp")));
  assert.ok(existsSync(join(dir, "src/.a.ts.other.tmp")), "removed a file that is not the codemod's");
});

Safety("a lock a killed run left is removed; a lock of a live run is respected", () => {
  const dir = tempDir("coroutil-safety-left-");
  writeFileSync(join(dir, "a.ts"), SOURCE);
  writeFileSync(join(dir, "b.ts"), SOURCE);
  writeFileSync(join(dir, ".a.ts.coroutil.lock"), "999999999");
  writeFileSync(join(dir, ".b.ts.coroutil.lock"), String(process.pid));
  const r = run(dir, "eject", ".");
  assert.is(r.status, 2, r.out);
  assert.match(r.out, /removed 1 temp file\(s\) an interrupted earlier run left: \.a\.ts\.coroutil\.lock/);
  assert.match(readFileSync(join(dir, "a.ts"), "utf8"), /yield\* from\(inner\(\)\)/);
  assert.match(r.out, /failed +b\.ts: another run is rewriting it at the same moment/);
  assert.is(readFileSync(join(dir, "b.ts"), "utf8"), SOURCE);
});

for (const [signal, exitCode] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
Safety(`a run interrupted by ${signal} exits ${exitCode} and leaves every file original or completely rewritten, no temp file`, async () => {
  const dir = tempDir("coroutil-safety-kill-");
  mkdirSync(join(dir, "src"));
  const expectedDir = tempDir("coroutil-safety-kill-ref-");
  writeFileSync(join(expectedDir, "one.ts"), SOURCE);
  assert.is(run(expectedDir, "eject", "one.ts").status, 0);
  const expected = readFileSync(join(expectedDir, "one.ts"), "utf8");
  const count = 300;
  for (let i = 0; i < count; i++) writeFileSync(join(dir, "src", `f${String(i).padStart(3, "0")}.ts`), SOURCE);

  const env: NodeJS.ProcessEnv = { ...process.env, NODE_NO_WARNINGS: "1" };
  delete env.CI;
  const child = spawn(process.execPath, [...NODE_ARGS, "eject", "src"], { cwd: dir, env });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  child.stdout.resume();
  // Interrupt once the run has rewritten some files but not all.
  const rewritten = () => readdirSync(join(dir, "src")).filter((f) => f.endsWith(".ts") && readFileSync(join(dir, "src", f), "utf8") === expected).length;
  const started = Date.now();
  while (rewritten() < 5 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 20));
  child.kill(signal);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));

  const names = readdirSync(join(dir, "src"));
  assert.equal(names.filter((n) => !n.endsWith(".ts")), [], "a temp file was left behind");
  const done = names.filter((n) => readFileSync(join(dir, "src", n), "utf8") === expected).length;
  const untouched = names.filter((n) => readFileSync(join(dir, "src", n), "utf8") === SOURCE).length;
  assert.is(done + untouched, count, "a file is neither the original nor the complete output");
  if (done < count) {
    assert.is(code, exitCode, stderr);
    assert.match(stderr, new RegExp(`interrupted by ${signal} after \\d+ of 300 files; each file is as it was or completely rewritten`));
  }
});
}

Safety("two runs at once on one tree never interleave a file: each file is original or complete, and no file is changed twice", async () => {
  const dir = tempDir("coroutil-safety-twice-");
  mkdirSync(join(dir, "src"));
  const count = 200;
  for (let i = 0; i < count; i++) writeFileSync(join(dir, "src", `f${String(i).padStart(3, "0")}.ts`), SOURCE);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_NO_WARNINGS: "1" };
  delete env.CI;
  const start = () => {
    const child = spawn(process.execPath, [...NODE_ARGS, "eject", "src"], { cwd: dir, env });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    return new Promise<{ code: number | null; out: string }>((resolve) => child.on("exit", (code) => resolve({ code, out })));
  };
  const [a, b] = await Promise.all([start(), start()]);
  const changed = (out: string) => Number(/changed (\d+)/.exec(out)?.[1] ?? NaN);
  const raced = (out: string) => (out.match(/changed on disk during the run|another run is rewriting it at the same moment/g) ?? []).length;
  assert.is(changed(a.out) + changed(b.out), count, `${a.out}\n${b.out}`);
  // A file the other run rewrote first is reported as failed by this one, never rewritten again.
  for (const r of [a, b]) assert.is(r.code, raced(r.out) ? 2 : 0, r.out);
  const names = readdirSync(join(dir, "src"));
  assert.equal(names.filter((n) => !n.endsWith(".ts")), [], "a temp file was left behind");
  const outputs = new Set(names.map((n) => readFileSync(join(dir, "src", n), "utf8")));
  assert.is(outputs.size, 1, "the files differ: some were rewritten twice or interleaved");
  assert.match([...outputs][0]!, /yield\* from\(inner\(\)\)/);
});

Safety("prime writes the runtime form by default: a plain JavaScript file runs the same with no plugin; --tag writes the JSDoc form", () => {
  const program = `function* averager() {
  let total = 0;
  let count = 0;
  let average;
  for (;;) {
    total += yield average;
    count += 1;
    average = total / count;
  }
}

const avg = averager();
avg.next();
console.log(\`\${avg.next(10).value} \${avg.next(20).value}\`);
`;
  for (const tag of [false, true]) {
    const dir = tempDir("coroutil-safety-prime-");
    linkRuntime(dir);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "p", private: true, type: "module" }));
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src/avg.js"), program);
    const before = runFile(join(dir, "src/avg.js"));
    assert.is(before.output.trim(), "10 15", before.output);
    const r = run(dir, "prime", "src", ...(tag ? ["--tag"] : []));
    assert.is(r.status, 0, r.out);
    const primed = readFileSync(join(dir, "src/avg.js"), "utf8");
    assert.not.match(primed, /avg\.next\(\);/, "the priming call is still there");
    if (tag) {
      assert.match(primed, /\/\*\* @coroutine \*\/\nfunction\* averager/);
    } else {
      assert.match(primed, /^import \{ coroutine \} from "coroutil";/);
      assert.not.match(primed, /@coroutine/);
      const after = runFile(join(dir, "src/avg.js"));
      assert.is(after.output, before.output, "the primed program prints differently with no plugin");
    }
  }
});

Safety.run();
