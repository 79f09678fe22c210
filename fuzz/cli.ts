/**
 * `npm run fuzz -- --runs N --seed S`: differential testing of coroutil
 * against CPython with random coroutine programs (see fuzz/README.md).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeFailure } from "./failures.js";
import { REPO, loadPlugin, runFuzz, runPrograms, type Divergence } from "./harness.js";
import { KNOWN } from "./known.js";
import { programAt, shrink, size } from "./shrink.js";
import type { Program } from "./program.js";
import { FORMS, type Form } from "./render-ts.js";

/** A program saved by a failure folder (generator changes do not alter it, unlike a seed). */
function loadProgram(dir: string): Program {
  const file = join(dir, "program.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Program;
  } catch (e) {
    throw new Error(`--replay: cannot read ${file} (${e instanceof Error ? e.message : e}); pass a .fuzz-failures/<seed>-<n> folder`);
  }
}

const USAGE = `usage: npm run fuzz -- [--runs N] [--seed S] [--only I[,I…]] [--forms runtime,plugin] [--chunk N] [--keep]
  --mode js    JavaScript semantics: plain generators with yield*, run as written (the oracle)
               and compiled with trampoline: "all" (no python3); --seed, --runs, --only, --path,
               --shrink and --shrink-minutes apply
  --runs N     programs to generate (default 1000); fast-check generates them
  --seed S     run seed (default: random, printed); program I of seed S is always the same
  --only I,…   run only these program indexes of the seed (to replay a failure)
  --path P     with --seed: run the program at fast-check's path P (a shrunk program, as --shrink prints it)
  --forms F,…  coroutil forms to check: runtime, plugin, plugin8 (the plugin with Babel 8)
               (default: runtime,plugin; plugin only if coroutil/babel exists)
  --replay DIR run the program saved in DIR/program.json (a .fuzz-failures folder) again
  --runtime F  the runtime entry to test instead of runtime/index.ts (e.g. a patched copy)
  --chunk N    programs per child process (default 250)
  --shrink     shrink each divergent program (the first 5) with fast-check to a small one that still
               diverges, written next to the original as <seed>-<index>-min/, with its --path
               (each candidate runs under python3 and node; at most --shrink-minutes each, default 3)
  --shrink-minutes M  time limit of one shrink
  --mask-known accept the known, reported bugs listed in fuzz/known.ts (as the CI batch does)
  --keep       keep the temporary folder with the generated batch files
Divergent programs are written to .fuzz-failures/<seed>-<index>/ (both twins and every trace).`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      seed: { type: "string" },
      only: { type: "string" },
      forms: { type: "string" },
      chunk: { type: "string" },
      keep: { type: "boolean" },
      shrink: { type: "boolean" },
      replay: { type: "string" },
      path: { type: "string" },
      mode: { type: "string" },
      "shrink-minutes": { type: "string" },
      runtime: { type: "string" },
      "mask-known": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const int = (name: string, v: string | undefined, dflt: number): number => {
    if (v === undefined) return dflt;
    if (!/^\d+$/.test(v)) throw new Error(`--${name} takes a non-negative integer, got "${v}"; write e.g. --${name} 100`);
    return Number(v);
  };
  const seed = int("seed", values.seed, Math.floor(Math.random() * 2 ** 31));
  const runs = int("runs", values.runs, 1000);
  const only = values.only?.split(",").map((s) => int("only", s.trim(), 0));
  if (values.mode !== undefined && values.mode !== "js" && values.mode !== "python") {
    throw new Error(`--mode takes python (the default: CPython is the oracle) or js (native yield* is the oracle), got "${values.mode}"`);
  }
  if (values.mode === "js") {
    const shrinkMs = int("shrink-minutes", values["shrink-minutes"], 3) * 60_000;
    return jsMode(seed, runs, only, values.path, !!values.shrink, shrinkMs, !!values.keep);
  }
  let forms: Form[];
  if (values.forms !== undefined) {
    forms = values.forms.split(",").map((f) => {
      if (!FORMS.includes(f as Form)) throw new Error(`--forms takes runtime, plugin, plugin8 (Babel 8), got "${f}"; write --forms runtime,plugin`);
      return f as Form;
    });
  } else {
    forms = (await loadPlugin()) ? ["runtime", "plugin"] : ["runtime"];
    if (forms.length === 1) console.log("fuzz: coroutil/babel not found, checking the runtime form only");
  }
  const chunk = int("chunk", values.chunk, 250);
  const runtimeEntry = values.runtime === undefined ? undefined : resolve(values.runtime);
  const known = values["mask-known"] ? KNOWN : [];
  if (values.shrink && values.replay !== undefined) {
    throw new Error("--shrink works on generated programs (fast-check shrinks along the seed's path); write --seed S --only I --shrink");
  }
  if (values.path !== undefined && values.seed === undefined) throw new Error("--path needs the --seed it came from; write --seed S --path P");
  const single = values.replay !== undefined ? loadProgram(values.replay) : values.path !== undefined ? programAt(seed, values.path) : undefined;
  const result = single
    ? await runPrograms([single], [only?.[0] ?? 0], { forms, chunk, keep: values.keep, runtimeEntry, known })
    : await runFuzz({ seed, runs, only, forms, chunk, keep: values.keep, runtimeEntry, known });
  const byProgram = new Map<string, Divergence[]>();
  for (const d of result.divergences) byProgram.set(d.program.id, [...(byProgram.get(d.program.id) ?? []), d]);
  const dir = join(REPO, ".fuzz-failures");
  let shrunk = 0;
  for (const divs of byProgram.values()) {
    const id = divs[0]!.program.id;
    const traces: Record<string, string[] | undefined> = { python: result.python.get(id) };
    for (const form of forms) traces[form] = result.traces[form].get(id);
    const folder = writeFailure(dir, divs[0]!.program, traces);
    for (const d of divs) {
      console.log(`DIVERGENCE seed ${seed} program ${d.index} (${d.form} form), line ${d.line + 1}:`);
      console.log(`  python3:  ${d.python[d.line] ?? "(end of trace)"}`);
      console.log(`  coroutil: ${d.coroutil[d.line] ?? "(end of trace)"}`);
    }
    console.log(`  written to ${folder}`);
    if (values.shrink && !single && shrunk++ < 5) {
      const d = divs[0]!;
      const min = await shrink(seed, d.index, d.form, { runtimeEntry, known, shrinkMs: int("shrink-minutes", values["shrink-minutes"], 3) * 60_000 }, (msg) => console.log(`  ${msg}`));
      const r = await runPrograms([min.program], [d.index], { forms, runtimeEntry, known });
      const mt: Record<string, string[] | undefined> = { python: r.python.get(min.program.id) };
      for (const form of forms) mt[form] = r.traces[form].get(min.program.id);
      const mf = writeFailure(dir, min.program, mt);
      console.log(`  shrunk (${min.runs} runs${min.interrupted ? ", stopped by the time limit" : ""}) to ${size(min.program)} statements and ${min.program.ops.length} operations: ${mf}`);
      console.log(`  replay it: npm run fuzz -- --seed ${seed} --path ${min.path}`);
    }
  }
  if (byProgram.size > 0 && !values.shrink && !single) {
    console.log(`fuzz: to shrink one: npm run fuzz -- --seed ${seed} --only ${result.divergences[0]!.index} --shrink`);
  }
  for (const k of result.masked) console.log(`fuzz: accepted a known bug: ${k.bug}`);
  if (values.keep) console.log(`fuzz: batch files kept in ${result.tmp}`);
  const n = result.programs.length;
  console.log(
    `fuzz: ${values.replay !== undefined ? `replay of ${values.replay}` : values.path !== undefined ? `seed ${seed} path ${values.path}` : `seed ${seed}`}, ${n} programs, forms ${forms.join("+")}: ${byProgram.size} divergent ` +
      `(${result.divergences.length} program-form pairs) in ${(result.ms / 1000).toFixed(1)} s`,
  );
  return byProgram.size === 0 ? 0 : 1;
}

/** `--mode js`: JavaScript's semantics, native `yield*` as the oracle, `trampoline: "all"` as the subject. */
async function jsMode(seed: number, runs: number, only: number[] | undefined, path: string | undefined, doShrink: boolean, shrinkMs: number, keep: boolean): Promise<number> {
  const { jsProgramAt, runJsFuzz, runJsPrograms, shrinkJs } = await import("./js/run.js");
  const { renderProgram } = await import("./js/render.js");
  const result = path !== undefined ? await runJsPrograms([jsProgramAt(seed, path)], [only?.[0] ?? 0], 200, keep) : await runJsFuzz(seed, runs, only, keep);
  for (const d of result.divergences.slice(0, 5)) {
    console.log(`DIVERGENCE seed ${seed} program ${d.index} (js mode), line ${d.line + 1}:`);
    console.log(`  native yield*:     ${d.native[d.line] ?? "(end of trace)"}`);
    console.log(`  trampoline "all":  ${d.trampolined[d.line] ?? "(end of trace)"}`);
    if (doShrink && path === undefined) {
      const min = await shrinkJs(seed, d.index, shrinkMs);
      console.log(`  shrunk${min.interrupted ? " (stopped by the time limit)" : ""}; replay it: npm run fuzz -- --mode js --seed ${seed} --path ${min.path}`);
      console.log(renderProgram(min.program, "min").replace(/^/gm, "    "));
    } else console.log(renderProgram(d.program, String(d.index)).replace(/^/gm, "    "));
  }
  console.log(
    `fuzz: js mode, seed ${seed}${path !== undefined ? ` path ${path}` : ""}, ${result.runs} programs: ${result.divergences.length} divergent in ${(result.ms / 1000).toFixed(1)} s`,
  );
  return result.divergences.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`fuzz: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
