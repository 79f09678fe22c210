// Differential testing: a fixed-seed batch of random coroutine programs (fuzz/) prints the same trace
// under python3 (the oracle) and under coroutil, in the runtime form and, once coroutil/babel exists,
// in the plugin form. A divergence names the program and writes it to .fuzz-failures/.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { CI_RUNS, CI_SEED } from "../fuzz/ci.js";
import { writeFailure } from "../fuzz/failures.js";
import { KNOWN } from "../fuzz/known.js";
import { REPO, runFuzz, type RunResult } from "../fuzz/harness.js";
import type { Form } from "../fuzz/render-ts.js";


const forms: Form[] = existsSync(join(REPO, "plugin/index.ts")) ? ["runtime", "plugin", "plugin8"] : ["runtime"];
const Fuzz = suite("differential fuzzing against CPython");

let result: RunResult | undefined;
const run = async (): Promise<RunResult> => {
  if (result === undefined) {
    result = await runFuzz({ seed: CI_SEED, runs: CI_RUNS, forms, known: KNOWN });
    for (const k of result.masked) console.log(`    accepted a known, reported bug (fuzz/known.ts): ${k.bug}`);
  }
  return result;
};

function report(r: RunResult, form: Form): string | undefined {
  const divs = r.divergences.filter((d) => d.form === form);
  if (divs.length === 0) return undefined;
  const lines = [`${divs.length} of ${r.programs.length} programs diverge from CPython in the ${form} form:`];
  for (const d of divs.slice(0, 5)) {
    const folder = writeFailure(join(REPO, ".fuzz-failures"), d.program, { python: d.python, [form]: d.coroutil });
    lines.push(`  program ${d.index} (replay: npm run fuzz -- --seed ${CI_SEED} --only ${d.index}), line ${d.line + 1}:`);
    lines.push(`    python3:  ${d.python[d.line] ?? "(end of trace)"}`, `    coroutil: ${d.coroutil[d.line] ?? "(end of trace)"}`);
    lines.push(`    twins in ${folder}`);
  }
  return lines.join("\n");
}

Fuzz("the generated programs exercise delegation, throw, close and GeneratorExit handling", async () => {
  const traces = [...(await run()).python.values()];
  const programsWith = (re: RegExp) => traces.filter((t) => t.some((l) => re.test(l))).length;
  assert.is(traces.length, CI_RUNS, "python3 printed a trace for every program");
  const min = (what: string, re: RegExp, n: number) => {
    const got = programsWith(re);
    assert.ok(got >= n, `expected at least ${n} programs where ${what}, got ${got}`);
  };
  min("a yielded value comes back from send/next", /^(next|send \S+) -> /, CI_RUNS / 2);
  min("a thrown error is caught and the coroutine yields again", /^throw E\d\(\d\) -> /, 20);
  min("two coroutines are running at once (delegation)", /states: .*GEN_RUNNING.*GEN_RUNNING/, 20);
  min("three coroutines are running at once", /states: .*GEN_RUNNING.*GEN_RUNNING.*GEN_RUNNING/, 3);
  min("the driver sees a delegation in progress (yf)", /^yf -> True/, 20);
  min("a body handles GeneratorExit", /: 'GeneratorExit\(\)'$/, 8);
  min("close() refuses a body that yields after GeneratorExit", /ignored GeneratorExit/, 5);
  min("close() returns the body's return value", /^close -> (?!None)/, 1);
  min("a StopIteration is turned into RuntimeError (PEP 479)", /raised StopIteration/, 3);
  min("a hand-written iterator delegate gets throw()", /: 'it\.throw /, 5);
  min("a hand-written iterator delegate is closed", /: 'it\.close'$/, 5);
  min("a body re-entering a running coroutine is refused", /(send|throw|close) g\d !! TypeError\('generator already executing'\)/, 5);
});

for (const form of forms) {
  Fuzz(`${CI_RUNS} random programs print the same under coroutil (${form} form) as under CPython`, async () => {
    const r = await run();
    assert.is(r.traces[form].size, CI_RUNS, `node printed a trace for every program (${form} form)`);
    const problem = report(r, form);
    if (problem) assert.unreachable(problem);
  });
}

Fuzz.run();
