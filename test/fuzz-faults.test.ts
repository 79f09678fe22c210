// The fuzzer finds real bugs: each fault below is injected into a COPY of the runtime (runtime/*.ts copied
// to a temporary folder and patched by string replacement), and the CI batch of test/fuzz.test.ts must
// catch it. A patch whose anchor text is gone fails loudly: update the fault to the runtime's new code.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { REPO, newCache, runFuzz } from "../fuzz/harness.js";
import type { Form } from "../fuzz/render-ts.js";
import { CI_RUNS, CI_SEED } from "../fuzz/ci.js";
import { KNOWN } from "../fuzz/known.js";

interface Fault {
  name: string;
  file: string;
  /** exact text in the runtime, and what replaces it */
  anchor: string;
  replacement: string;
}

const FAULTS: Fault[] = [
  {
    name: "throwInto is not forwarded to the delegate (raised in the delegator, delegate left suspended)",
    file: "coroutine.ts",
    anchor: "      const baseCloses = -!closing;",
    replacement:
      "      if (mode === \"throw\" && !closing && !(value instanceof GeneratorExit) && frames.length > 1) { while (frames.length > 1) frames.pop()!.#chain = undefined; frames[0]!.#undelegate(); }\n" +
      "      const baseCloses = -!closing;",
  },
  {
    name: "close() does not close the delegate (GeneratorExit goes straight to the delegator)",
    file: "coroutine.ts",
    anchor:
      "      let frontier = mode === \"throw\" && value instanceof GeneratorExit && frames.length > 1 ? frames.length - 1 : baseCloses;",
    replacement:
      "      let frontier = baseCloses;\n" +
      "      if (mode === \"throw\" && value instanceof GeneratorExit && frames.length > 1) { while (frames.length > 1) frames.pop()!.#chain = undefined; frames[0]!.#inner = frames[0]!.#yf = frames[0]!.#site = undefined; }",
  },
  {
    name: "state is GEN_SUSPENDED, not GEN_RUNNING, for the coroutines of a running delegation chain",
    file: "coroutine.ts",
    anchor: "STATES[this.#status !== Status.CLOSED && this.#running() ? Status.RUNNING : this.#status]",
    replacement: "STATES[this.#status !== Status.CLOSED && this.#status === Status.RUNNING ? Status.RUNNING : this.#status]",
  },
  {
    name: "a primed delegate is advanced again instead of yielding its priming value (SPEC rule 7)",
    file: "coroutine.ts",
    anchor: "            if (child.#status !== Status.FRESH || frames.at(-1)!.#reachesActive()) {",
    replacement: "            if (child.#status !== Status.FRESH || frames.at(-1)!.#reachesActive() || true) {",
  },
  {
    name: "close() accepts a body that yields after GeneratorExit (no 'generator ignored GeneratorExit')",
    file: "coroutine.ts",
    anchor: "          if (frontier < 0) return r as IteratorResult<Y, R>;",
    replacement: "          if (frontier < 0 || frontier >= 0) return r as IteratorResult<Y, R>;",
  },
  {
    name: "close() does not call return() of a plain iterator delegate (Python: its close())",
    file: "coroutine.ts",
    anchor: "              it.return?.();",
    replacement: "              void it;",
  },
];

const forms: Form[] = existsSync(join(REPO, "plugin/index.ts")) ? ["runtime", "plugin"] : ["runtime"];
const cache = newCache();
const Faults = suite("the fuzzer catches faults injected into a copy of the runtime");

/** Copies runtime/*.ts to a temporary folder and applies the fault; returns the copy's entry file. */
function faultyRuntime(fault: Fault): { entry: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "coroutil-fault-"));
  for (const f of readdirSync(join(REPO, "runtime"))) if (f.endsWith(".ts")) cpSync(join(REPO, "runtime", f), join(dir, f));
  const file = join(dir, fault.file);
  const source = readFileSync(file, "utf8");
  const at = source.indexOf(fault.anchor);
  if (at < 0 || source.indexOf(fault.anchor, at + 1) >= 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `fault "${fault.name}": its anchor text is ${at < 0 ? "not" : "more than once"} in runtime/${fault.file}; ` +
        `the runtime changed, so update the anchor in test/fuzz-faults.test.ts to the new code:\n${fault.anchor}`,
    );
  }
  writeFileSync(file, source.slice(0, at) + fault.replacement + source.slice(at + fault.anchor.length));
  return { entry: join(dir, "index.ts"), dir };
}

for (const fault of FAULTS) {
  Faults(`catches: ${fault.name}`, async () => {
    const { entry, dir } = faultyRuntime(fault);
    try {
      // Known, reported bugs are accepted here too, so only the injected fault can make a program diverge.
      const r = await runFuzz({ seed: CI_SEED, runs: CI_RUNS, forms, runtimeEntry: entry, cache, known: KNOWN });
      const per = forms.map((f) => `${f} form ${r.divergences.filter((d) => d.form === f).length}`).join(", ");
      const programs = new Set(r.divergences.map((d) => d.index)).size;
      assert.ok(programs > 0, `no program of the CI batch (seed ${CI_SEED}, ${CI_RUNS} programs) diverged with this fault`);
      console.log(`    ${fault.name}: ${programs} of ${CI_RUNS} programs diverge (${per})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

Faults.run();
