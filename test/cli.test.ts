// The `coroutil` command, run from source: `coroutil run FILE [args]`, help, version and its errors.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { format } from "node:util";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { main } from "../cli/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const cliEntry = join(root, "cli/index.ts");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function coroutil(args: string[], cwd = root): Run {
  const result = spawnSync(process.execPath, ["--import", tsx, "--conditions=coroutil:source", cliEntry, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same command line run in this process (for what needs no child program: usage, help, version),
 * capturing what it prints and the exit code it sets.
 */
async function coroutilHere(args: string[], cwd = root): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const saved = { out: process.stdout.write, err: process.stderr.write, log: console.log, error: console.error };
  const savedExitCode = process.exitCode;
  const savedCwd = process.cwd();
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  console.log = (...parts: unknown[]) => void (stdout += format(...parts) + "\n");
  console.error = (...parts: unknown[]) => void (stderr += format(...parts) + "\n");
  process.exitCode = undefined;
  process.chdir(cwd);
  try {
    await main(args);
    return { status: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    console.log = saved.log;
    console.error = saved.error;
    process.exitCode = savedExitCode;
    process.chdir(savedCwd);
  }
}

/** One temporary folder for the whole suite, one subfolder per program. */
let base: string | undefined;
function temp(files: Record<string, string>): string {
  base ??= mkdtempSync(join(tmpdir(), "coroutil-cli-"));
  const dir = mkdtempSync(join(base, "case-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const Cli = suite("coroutil (bin)");

Cli.after(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

Cli("run passes every argument after FILE to the program, flags included", () => {
  const dir = temp({ "main.ts": "console.log(JSON.stringify(process.argv.slice(2)));\n" });
  const run = coroutil(["run", "main.ts", "a b", "--help", "-v", "--", "last"], dir);
  assert.is(run.stderr, "");
  assert.is(run.stdout, '["a b","--help","-v","--","last"]\n');
  assert.is(run.status, 0);
});

Cli("run exits with the program's exit code", () => {
  const dir = temp({ "main.ts": "const code: number = Number(process.argv[2]);\nprocess.exit(code);\n" });
  assert.is(coroutil(["run", "main.ts", "7"], dir).status, 7);
  assert.is(coroutil(["run", "main.ts", "0"], dir).status, 0);
});

Cli("run dies of the signal that ended the program", () => {
  const dir = temp({ "main.ts": 'process.kill(process.pid, "SIGTERM");\nsetTimeout(() => {}, 5000);\n' });
  const result = spawnSync(process.execPath, ["--import", tsx, "--conditions=coroutil:source", cliEntry, "run", "main.ts"], {
    cwd: dir,
    encoding: "utf8",
  });
  assert.is(result.signal, "SIGTERM");
  assert.is(result.status, null);
});

Cli("run applies the plugin: yield from(x) delegates and @coroutine primes", () => {
  const dir = temp({
    "main.ts": [
      'import { from, send } from "coroutil";',
      "function* inner(): Generator<number, string> { yield 1; yield 2; return 'inner done'; }",
      "/** @coroutine */",
      "function* outer(): Generator<number, void, unknown> {",
      "  const result = yield from(inner());",
      "  console.log(result);",
      "  yield 3;",
      "}",
      "const co = outer();",
      "console.log(send(co, undefined), send(co, undefined));",
    ].join("\n"),
  });
  const python = spawnSync(
    "python3",
    [
      "-c",
      [
        "def inner():",
        "    yield 1; yield 2; return 'inner done'",
        "def outer():",
        "    result = yield from inner()",
        "    print(result)",
        "    yield 3",
        "co = outer(); next(co)",
        "print(co.send(None), co.send(None))",
      ].join("\n"),
    ],
    { encoding: "utf8" },
  );
  const run = coroutil(["run", "main.ts"], dir);
  assert.is(run.stderr, "");
  assert.is(python.status, 0, python.stderr);
  assert.is(run.stdout, python.stdout);
});

Cli("run of an uncaught error exits 1 with the original line in the stack", () => {
  const source = ["interface Job {", "  id: number;", "}", "const job: Job = { id: 4 };", "throw new Error(`job ${job.id} failed`);"];
  const dir = temp({ "main.ts": source.join("\n") });
  const run = coroutil(["run", "main.ts"], dir);
  assert.is(run.status, 1);
  assert.match(run.stderr, "job 4 failed");
  assert.match(run.stderr, `main.ts:${source.length}:7`);
});

Cli("run reports `yield from x` with the hint to write yield from(x)", () => {
  const dir = temp({ "main.ts": "function* g() {\n  yield from other();\n}\n" });
  const run = coroutil(["run", "main.ts"], dir);
  assert.is(run.status, 1);
  assert.match(run.stderr, "yield from(x)");
  assert.match(run.stderr, /main\.ts:2:\d+/);
});

Cli("run of a missing file says which file and exits 1", async () => {
  const dir = temp({});
  const run = await coroutilHere(["run", "nowhere.ts"], dir);
  assert.is(run.status, 1);
  assert.match(run.stderr, "cannot run nowhere.ts: no such file");
  assert.is(run.stdout, "");
});

Cli("run of a folder asks for the entry file", async () => {
  const dir = temp({ "src/main.ts": "" });
  const run = await coroutilHere(["run", "src"], dir);
  assert.is(run.status, 1);
  assert.match(run.stderr, "is a directory");
});

Cli("run without a file prints the usage and exits 1", async () => {
  const run = await coroutilHere(["run"]);
  assert.is(run.status, 1);
  assert.match(run.stderr, "coroutil run FILE");
});

Cli("an unknown command is named and exits 1", async () => {
  const run = await coroutilHere(["frobnicate"]);
  assert.is(run.status, 1);
  assert.match(run.stderr, "unknown command `frobnicate`");
  assert.match(run.stderr, "coroutil --help");
});

Cli("--version prints the package version", async () => {
  const run = await coroutilHere(["--version"]);
  assert.is(run.status, 0);
  assert.match(run.stdout, `coroutil/${version}`);
});

Cli("--help lists the run command", async () => {
  const run = await coroutilHere(["--help"]);
  assert.is(run.status, 0);
  assert.match(run.stdout, "run <file> [...args]");
  assert.match(run.stdout, "--version");
});

Cli("no command prints the help and exits 1", async () => {
  const run = await coroutilHere([]);
  assert.is(run.status, 1);
  assert.match(run.stdout, "Usage:");
});

Cli.run();
