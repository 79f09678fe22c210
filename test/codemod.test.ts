// The codemod's fixtures, through the one fixture walker (test/support/fixture-tree.ts):
// fixtures/codemod/<eject|prime>/<case>/input.<ext> -> output.<ext> (prime also tagged.<ext> and
// report.txt); options.json may give eject's `runtimeModule`, or `throws` for input eject refuses
// (the whole message is kept in error.txt). Each case runs twice (the second run must change
// nothing). When a case is a runnable program, its behaviour is checked against the plugin.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ejectText, primeTexts } from "coroutil/codemod";
import { runProgram } from "./support/codemod-programs.js";
import { expectation, listCases, root, type Case } from "./support/fixture-tree.js";
import { tempDir } from "./support/temp-dir.js";

const overwrite = !!process.env.OVERWRITE;

interface CodemodOptions {
  /** eject: the plugin's runtimeModule option */
  runtimeModule?: string;
}

const all = listCases<CodemodOptions>("codemod");
const cases = (transform: string): (Case<CodemodOptions> & { input: string })[] =>
  all.filter((c) => c.group === transform).map((c) => ({ ...c, input: basename(c.source) }));

/** The output keeps the input's BOM and, when the input uses CRLF, has no bare LF. */
function assertLineEndings(input: string, output: string): void {
  assert.is(output.startsWith("\uFEFF"), input.startsWith("\uFEFF"), "BOM kept");
  if (input.includes("\r\n")) assert.not.match(output, /[^\r]\n/, "CRLF kept");
}

/** Compares with an expected file (written when missing, never under CI; OVERWRITE=1 refreshes). */
function expectFile(path: string, actual: string, what: string): void {
  assert.fixture(actual, expectation(path, actual), what);
}

const read = (path: string) => readFileSync(path, "utf8");

const eject = suite("codemod eject fixtures");
for (const c of cases("eject")) {
  const input = read(join(c.dir, c.input));
  const options = { runtimeModule: c.options.runtimeModule };
  if (c.options.throws) {
    eject(`${c.name}: eject refuses the input and says where and what to write, with a code frame`, () => {
      let message = "";
      try {
        ejectText(input, c.input, options);
      } catch (error) {
        message = (error as Error).message;
      }
      assert.ok(message, "eject should have thrown");
      assert.ok(message.includes(c.options.throws!), `expected the error to contain:\n${c.options.throws}\ngot:\n${message}`);
      assert.match(message, /^\d+:\d+ .*\n(?:.*\n)*> +\d+ \|.*\n +\| +\^/, "no line:column or code frame");
      expectFile(join(c.dir, "error.txt"), `${message}\n`, "error message");
    });
    continue;
  }
  const outputFile = join(c.dir, `output${c.ext}`);
  eject(`${c.name}: eject gives the expected output`, () => {
    expectFile(outputFile, ejectText(input, c.input, options), "ejected output");
  });
  eject(`${c.name}: eject keeps the BOM and line endings`, () => {
    assertLineEndings(input, ejectText(input, c.input, options));
  });
  eject(`${c.name}: a second eject changes nothing`, () => {
    const once = read(outputFile);
    assert.fixture(ejectText(once, c.input, options), once);
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
      // (a case with another runtime module imports a module that is not there to type-check)
      if (c.ext !== ".ts" || c.options.throws || c.options.runtimeModule) continue;
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
