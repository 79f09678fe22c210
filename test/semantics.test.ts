// CPython is the oracle: every twin in fixtures/semantics prints the same trace from case.py (python3)
// and from case.ts (the coroutil runtime, runtime form).
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { compareTraces, listTwins, runPythonCases, runScripts } from "./support/semantics.js";

const twins = listTwins();
const Semantics = suite("semantics twins (runtime form)");

let python: Map<string, string[]> | undefined;
let coroutil: Map<string, string[]> | undefined;
const pyTraces = () => (python ??= runPythonCases(twins.map((t) => t.py)));
const tsTraces = () => (coroutil ??= runScripts(twins.map((t) => t.ts)));

Semantics("the fixture folder holds the twins", () => {
  assert.ok(twins.length >= 45, `expected at least 45 twins, found ${twins.length}`);
});

for (const twin of twins) {
  Semantics(`${twin.name}: coroutil prints what CPython prints`, () => {
    const expected = pyTraces().get(twin.py) ?? [];
    const actual = tsTraces().get(twin.ts) ?? [];
    assert.ok(expected.length > 0, `${twin.name}: the Python twin printed nothing`);
    const diff = compareTraces(expected, actual);
    if (diff) throw diff;
  });
}

Semantics.run();
