// Fixture walker for the codemod: fixtures/codemod/<eject|prime>/<case>/input.<ext> -> output.<ext>.
// Each case runs twice (the second run must change nothing). Missing outputs (and prime's
// report.txt, eject's error.txt) are written on first run, never under CI; OVERWRITE=1 refreshes.
// When a case is a runnable program, its behaviour is checked against the plugin as the oracle.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ejectText, primeTexts } from "coroutil/codemod";
import { root, runProgram } from "./support/codemod-programs.js";
import { tempDir } from "./support/temp-dir.js";

const fixtures = join(root, "fixtures/codemod");
const overwrite = !!process.env.OVERWRITE;
const mayWrite = !process.env.CI;

interface Case {
  name: string;
  dir: string;
  input: string;
  ext: string;
}

function cases(transform: string): Case[] {
  const dir = join(fixtures, transform);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const input = readdirSync(join(dir, d.name)).find((f) => f.startsWith("input."));
      if (!input) throw new Error(`fixtures/codemod/${transform}/${d.name} has no input.<ext>; add one`);
      return { name: d.name, dir: join(dir, d.name), input, ext: input.slice("input".length) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The output keeps the input's BOM and, when the input uses CRLF, has no bare LF. */
function assertLineEndings(input: string, output: string): void {
  assert.is(output.startsWith("\uFEFF"), input.startsWith("\uFEFF"), "BOM kept");
  if (input.includes("\r\n")) assert.not.match(output, /[^\r]\n/, "CRLF kept");
}

/** Compares with an expected file, writing it when missing (not under CI) or when OVERWRITE=1. */
function expectFile(path: string, actual: string, what: string): void {
  if (overwrite || !existsSync(path)) {
    if (!mayWrite) assert.unreachable(`${path} is missing (${what}); run the tests locally to write it`);
    writeFileSync(path, actual);
    return;
  }
  assert.fixture(actual, readFileSync(path, "utf8"), what);
}

const read = (path: string) => readFileSync(path, "utf8");

const eject = suite("codemod eject fixtures");
for (const c of cases("eject")) {
  const input = read(join(c.dir, c.input));
  const errorFile = join(c.dir, "error.txt");
  if (existsSync(errorFile) || c.name.startsWith("error-")) {
    eject(`${c.name}: eject refuses the input and says where and what to write`, () => {
      let message = "";
      try {
        ejectText(input, c.input);
      } catch (error) {
        message = (error as Error).message;
      }
      assert.ok(message, "eject should have thrown");
      expectFile(errorFile, `${message}\n`, "error message");
    });
    continue;
  }
  const outputFile = join(c.dir, `output${c.ext}`);
  eject(`${c.name}: eject gives the expected output`, () => {
    expectFile(outputFile, ejectText(input, c.input), "ejected output");
  });
  eject(`${c.name}: eject keeps the BOM and line endings`, () => {
    assertLineEndings(input, ejectText(input, c.input));
  });
  eject(`${c.name}: a second eject changes nothing`, () => {
    const once = read(outputFile);
    assert.fixture(ejectText(once, c.input), once);
  });
  if (input.includes("console.log")) {
    // Started now, all at once (bounded), awaited by the test: the child processes are the slow part.
    const runs = existsSync(outputFile) && !overwrite
      ? Promise.all([runProgram(input, c.input, true), runProgram(read(outputFile), c.input, false)])
      : undefined;
    runs?.catch(() => {});
    eject(`${c.name}: the ejected program without the plugin prints what the original prints with it`, async () => {
      const [original, ejected] = await (runs ?? Promise.all([runProgram(input, c.input, true), runProgram(read(outputFile), c.input, false)]));
      assert.is(original.status, 0, original.output);
      assert.fixture(ejected.output, original.output);
      assert.is(ejected.status, 0);
    });
  }
}
eject.run();

const prime = suite("codemod prime fixtures");
for (const c of cases("prime")) {
  const input = read(join(c.dir, c.input));
  // output.<ext>: the default, runtime form (coroutine(…)); tagged.<ext>: with --tag, the JSDoc form.
  const forms = [
    { label: "prime", file: join(c.dir, `output${c.ext}`), options: {}, plugin: false },
    { label: "prime --tag", file: join(c.dir, `tagged${c.ext}`), options: { tag: true }, plugin: true },
  ];
  const reportFile = join(c.dir, "report.txt");
  for (const form of forms) {
    prime(`${c.name}: ${form.label} gives the expected output and report`, async () => {
      const { texts, reports } = (await primeTexts({ [c.input]: input }, form.options));
      expectFile(form.file, texts[c.input]!, `${form.label} output`);
      const lines = reports.map((r) => `${r.file}:${r.line}:${r.column} ${r.name}: ${r.reason}\n`).join("");
      expectFile(reportFile, lines, "report of functions left alone");
    });
    prime(`${c.name}: ${form.label} keeps the BOM and line endings`, async () => {
      assertLineEndings(input, (await primeTexts({ [c.input]: input }, form.options)).texts[c.input]!);
    });
    prime(`${c.name}: a second ${form.label} changes nothing`, async () => {
      const once = read(form.file);
      assert.fixture((await primeTexts({ [c.input]: once }, form.options)).texts[c.input]!, once);
    });
  }
  if (input.includes("console.log") && !input.includes("@coroutine")) {
    // The default form runs as it is (no hook, no plugin); the tagged form runs under the plugin.
    // Both must print what the unprimed original prints.
    const start = () =>
      Promise.all([
        runProgram(input, c.input, false),
        ...forms.map((form) => runProgram(read(form.file), c.input, form.plugin)),
      ]);
    const runs = forms.every((form) => existsSync(form.file)) && !overwrite ? start() : undefined;
    runs?.catch(() => {});
    prime(`${c.name}: the primed program prints what the original prints, plain as written and tagged under the plugin`, async () => {
      const [original, ...primed] = await (runs ?? start());
      assert.is(original!.status, 0, original!.output);
      for (const [k, run] of primed.entries()) {
        assert.fixture(run.output, original!.output, forms[k]!.label);
        assert.is(run.status, 0, `${forms[k]!.label}: ${run.output}`);
      }
    });
  }
}
prime.run();

const types = suite("codemod fixtures under tsc");
types("every TypeScript fixture input and output passes tsc --noEmit (strict)", () => {
  const dir = tempDir("coroutil-codemod-tsc-");
  mkdirSync(join(dir, "node_modules/@types"), { recursive: true });
  symlinkSync(root, join(dir, "node_modules/coroutil"), "dir");
  symlinkSync(join(root, "node_modules/@types/node"), join(dir, "node_modules/@types/node"), "dir");
  let count = 0;
  for (const transform of ["eject", "prime"]) {
    for (const c of cases(transform)) {
      if (c.ext !== ".ts" || c.name.startsWith("error-")) continue;
      for (const file of [c.input, `output${c.ext}`]) {
        copyFileSync(join(c.dir, file), join(dir, `${transform}-${c.name}-${file}`));
        count++;
      }
    }
  }
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "es2022",
        lib: ["es2023", "esnext.decorators"],
        module: "nodenext",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        customConditions: ["coroutil:source"],
        types: ["node"],
      },
      include: ["*.ts"],
    }),
  );
  const tsc = spawnSync(join(root, "node_modules/.bin/tsc"), ["-p", dir], { encoding: "utf8" });
  assert.ok(count >= 60, `only ${count} files checked`);
  assert.is(tsc.stdout + tsc.stderr, "", "tsc reported errors");
  assert.is(tsc.status, 0);
});
types.run();

const api = suite("coroutil/codemod API");
api("eject() and prime() run over folders and return counts, reports and the exit code without writing under check", async () => {
  const { eject: ejectPaths, prime: primePaths } = await import("coroutil/codemod");
  const dir = tempDir("coroutil-codemod-api-");
  const tagged = "/** @coroutine */\nfunction* a() { yield 1; }\nexport { a };\n";
  const primed = "function* b() { yield 1; }\nconst g = b();\ng.next();\nexport { g };\n";
  writeFileSync(join(dir, "tagged.ts"), tagged);
  writeFileSync(join(dir, "primed.ts"), primed);
  writeFileSync(join(dir, "types.d.ts"), "export {};\n");
  const ejected = await ejectPaths([dir], { check: true });
  assert.equal(ejected.counts, { scanned: 2, changed: 1, unchanged: 1, skipped: 0, failed: 0 });
  assert.is(ejected.exitCode, 1);
  const primedResult = await primePaths([dir], { dryRun: true });
  assert.is(primedResult.exitCode, 0);
  assert.equal(primedResult.files.filter((f) => f.status === "changed").map((f) => f.file), [join(dir, "primed.ts")]);
  assert.is(readFileSync(join(dir, "tagged.ts"), "utf8"), tagged);
  assert.is(readFileSync(join(dir, "primed.ts"), "utf8"), primed);
});
api.run();
