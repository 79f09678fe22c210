// The examples against their Python twins: `npm start` (scripts/start.mjs) is run once and its output
// split at the example headers; each section must equal, line by line, what examples/<name>.py prints.
// The taxi simulation is also run on its own with options, against the twin with the same options.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { examples, header, nodeArgs, root } from "../scripts/start.mjs";

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[]): Run {
  const r = spawnSync(command, args, {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", PYTHONIOENCODING: "utf-8", NO_COLOR: "1" },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function lines(text: string): string[] {
  const all = text.split("\n");
  if (all.at(-1) === "") all.pop();
  return all;
}

function python(name: string, args: string[] = []): string[] {
  const r = run("python3", [join("examples", `${name}.py`), ...args]);
  assert.is(r.status, 0, `python3 examples/${name}.py ${args.join(" ")} failed:\n${r.stderr}`);
  return lines(r.stdout);
}

/** Compares line by line and, on a difference, says where and shows both sides around it. */
function sameLines(actual: string[], expected: string[], what: string): void {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (actual[i] !== expected[i]) {
      const from = Math.max(0, i - 3);
      const show = (side: string[]) => side.slice(from, i + 4).map((l, k) => `${from + k + 1}: ${l}`).join("\n");
      assert.unreachable(
        `${what}: line ${i + 1} differs\n` +
          `TypeScript: ${JSON.stringify(actual[i])}\nPython:     ${JSON.stringify(expected[i])}\n` +
          `--- TypeScript\n${show(actual)}\n--- Python\n${show(expected)}`,
      );
    }
  }
}

const Start = suite("npm start");

let start: Run | undefined;
const startRun = (): Run => (start ??= run(process.execPath, [join("scripts", "start.mjs")]));

Start("runs every example and exits 0", () => {
  const r = startRun();
  assert.is(r.status, 0, `npm start failed:\n${r.stderr}`);
});

Start("prints one header per example, in order", () => {
  const headers = lines(startRun().stdout).filter((l) => l.startsWith("=== "));
  assert.equal(
    headers,
    examples.map((e, i) => header(e, i, examples.length)),
  );
});

Start("every example has a TypeScript file and a Python twin", () => {
  for (const { name } of examples) {
    assert.ok(existsSync(join(root, "examples", `${name}.ts`)), `examples/${name}.ts is missing`);
    assert.ok(existsSync(join(root, "examples", `${name}.py`)), `examples/${name}.py is missing`);
  }
});

/** The lines npm start printed for one example: from after its header to the blank line before the next. */
function section(index: number): string[] {
  const out = lines(startRun().stdout);
  const at = out.indexOf(header(examples[index]!, index, examples.length));
  assert.ok(at >= 0, `no header for ${examples[index]!.name} in the output of npm start`);
  const next = index + 1 < examples.length ? out.indexOf(header(examples[index + 1]!, index + 1, examples.length)) : -1;
  const end = next === -1 ? out.length : next - 1;
  return out.slice(at + 1, end);
}

examples.forEach((example, index) => {
  Start(`${example.name} prints what its Python twin prints`, () => {
    const got = section(index);
    assert.ok(got.length > 0, `${example.name} printed nothing`);
    sameLines(got, python(example.name), example.name);
  });
});

Start.run();

const Taxi = suite("taxi-sim options and npm start -- NAME");

for (const args of [
  ["--taxis", "5", "--end-time", "400", "--seed", "7"],
  ["-t", "8", "-e", "1000", "-s", "123"],
  ["--taxis", "0"],
]) {
  Taxi(`taxi-sim ${args.join(" ")} prints what its Python twin prints`, () => {
    const r = run(process.execPath, nodeArgs(join("examples", "taxi-sim.ts"), args));
    assert.is(r.status, 0, `taxi-sim ${args.join(" ")} failed:\n${r.stderr}`);
    sameLines(lines(r.stdout), python("taxi-sim", args), `taxi-sim ${args.join(" ")}`);
  });
}

Taxi("npm start -- taxi-sim ARGS runs that example alone with its arguments", () => {
  const args = ["--taxis", "2", "--end-time", "50", "--seed", "5"];
  const r = run(process.execPath, [join("scripts", "start.mjs"), "taxi-sim", ...args]);
  assert.is(r.status, 0, r.stderr);
  sameLines(lines(r.stdout), python("taxi-sim", args), `npm start -- taxi-sim ${args.join(" ")}`);
});

Taxi("npm start -- with an unknown name lists the examples and exits 2", () => {
  const r = run(process.execPath, [join("scripts", "start.mjs"), "no-such-example"]);
  assert.is(r.status, 2);
  for (const { name } of examples) assert.ok(r.stderr.includes(name), `the message does not list ${name}:\n${r.stderr}`);
});

Taxi.run();
