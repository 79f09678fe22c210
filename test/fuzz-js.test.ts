// The fuzzer's JavaScript-semantics mode: a fixed-seed batch of random programs of plain generators
// delegating with yield* (fuzz/js/) prints the same run as written (native yield*, the oracle) and
// compiled with trampoline: "all". A divergence names the program and how to replay it.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runJsFuzz, type JsRunResult } from "../fuzz/js/run.js";

const SEED = 2025;
const RUNS = 400;
const Fuzz = suite('fuzzing trampoline: "all" against native yield*');

let result: Promise<JsRunResult> | undefined;
const run = () => (result ??= runJsFuzz(SEED, RUNS));

Fuzz(`${RUNS} programs (seed ${SEED}) print the same with native yield* and on the trampoline`, async () => {
  const r = await run();
  const lines = r.divergences.slice(0, 5).map(
    (d) => `  program ${d.index} (npm run fuzz -- --mode js --seed ${SEED} --only ${d.index}), line ${d.line + 1}:\n    native: ${d.native[d.line]}\n    all:    ${d.trampolined[d.line]}`,
  );
  assert.is(r.divergences.length, 0, `${r.divergences.length} programs diverge:\n${lines.join("\n")}`);
});

Fuzz("the batch exercises the yield* rules (not a vacuous comparison)", async () => {
  const r = await run();
  const sources = Array.from({ length: RUNS }, (_, i) => r.source(i));
  const count = (re: RegExp) => sources.filter((s) => re.test(s)).length;
  assert.is(r.runs, RUNS);
  assert.ok(count(/yield\* g\d\(/) >= RUNS / 3, "generators delegating to generators");
  assert.ok(count(/yield\* iter\("[^"]*", \d, "[^"]*", "(?:none|null)"/) >= 20, "iterator delegates without throw() (none, or null)");
  assert.ok(count(/yield\* iter\("[^"]*", \d, "[^"]*", "[^"]*", "nonObject"\)|yield\* iter\("[^"]*", \d, "nonObject"|yield\* iter\("[^"]*", \d, "[^"]*", "nonObject"/) >= 20, "results that are not objects");
  assert.ok(count(/"getterThrows"/) >= 10, "method lookups that throw");
  assert.ok(count(/yield\* nat\("[^"]*", \d, "(?:next|throw|return|throwNull|protoNext)"\)/) >= 20, "native generators with a method replaced");
  assert.ok(count(/yield\* iter\("[^"]*", \d, "notDone"/) >= 10, "delegates whose return() does not finish");
  assert.ok(count(/g\.return\(/) >= RUNS / 4, "return() during the run");
  assert.ok(count(/g\.throw\(/) >= RUNS / 4, "throw() during the run");
  assert.ok(count(/finally \{/) >= RUNS / 4, "finally blocks");
});

Fuzz.run();
