import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transformAsync, type PluginItem } from "@babel/core";
import fc from "fast-check";
import { valueAt } from "../replay.js";
import { firstDifference, splitTraces } from "../traces.js";
import { jsPrograms, type JsProgram } from "./program.js";
import { renderBatch, renderProgram } from "./render.js";

// The JavaScript-semantics mode of the fuzzer: each program runs as written (native `yield*`, the
// oracle) and compiled with `trampoline: "all"`; every line they print must be the same.

const REPO = join(import.meta.dirname, "../..");

export interface JsDivergence {
  index: number;
  program: JsProgram;
  native: string[];
  trampolined: string[];
  line: number;
}

export interface JsRunResult {
  runs: number;
  divergences: JsDivergence[];
  /** a rendered program, for a divergent one */
  source: (index: number) => string;
  ms: number;
}

/** Programs `indexes` of seed `seed` (fast-check's samples of the arbitrary). */
export function jsProgramsOf(seed: number, indexes: readonly number[]): JsProgram[] {
  if (!indexes.length) return [];
  const all = fc.sample(jsPrograms, { seed, numRuns: Math.max(...indexes) + 1 });
  return indexes.map((i) => all[i]!);
}

async function loadPlugin(): Promise<{ preset: PluginItem; plugin: PluginItem }> {
  const preset = ((await import("@babel/preset-typescript")) as { default: PluginItem }).default;
  const plugin = ((await import("coroutil/babel")) as { default: PluginItem }).default;
  return { preset, plugin };
}

function run(file: string, cwd: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), "--conditions=coroutil:source", file], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", fail);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code !== 0) process.stderr.write(`fuzz js: ${file} exited ${code}: ${stderr.slice(0, 400)}\n`);
      done(stdout);
    });
  });
}

/** Runs programs (`indexes[k]` names program k) both ways and compares them. */
export async function runJsPrograms(programs: readonly JsProgram[], indexes: readonly number[], chunk = 200, keep = false): Promise<JsRunResult> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), "coroutil-fuzz-js-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(REPO, join(dir, "node_modules/coroutil"), "dir");
  const { preset, plugin } = await loadPlugin();
  const divergences: JsDivergence[] = [];
  try {
    const jobs: Promise<void>[] = [];
    for (let start = 0; start < programs.length; start += chunk) {
      const batch = programs.slice(start, start + chunk).map((program, k) => ({ program, id: String(indexes[start + k]), index: indexes[start + k]! }));
      const source = renderBatch(batch);
      const compile = (plugins: PluginItem[]) =>
        transformAsync(source, { filename: join(dir, "batch.ts"), babelrc: false, configFile: false, compact: false, presets: [preset], plugins }).then((r) => r!.code!);
      const [native, trampolined] = await Promise.all([compile([]), compile([[plugin, { trampoline: "all" }]])]);
      const files = [join(dir, `batch${start}-native.mjs`), join(dir, `batch${start}-all.mjs`)] as const;
      writeFileSync(files[0], native);
      writeFileSync(files[1], trampolined);
      jobs.push(
        Promise.all(files.map((f) => run(f, dir))).then(([a, b]) => {
          const [nativeTraces, allTraces] = [splitTraces(a!), splitTraces(b!)];
          for (const { program, id, index } of batch) {
            const x = nativeTraces.get(id);
            // The oracle must have run: a batch that printed nothing is a harness fault, not a pass.
            if (!x) throw new Error(`fuzz js: program ${index} printed no trace under native yield* (see the message above)`);
            const y = allTraces.get(id) ?? ["(no trace: the process died)"];
            const line = firstDifference(x, y);
            if (line !== -1) divergences.push({ index, program, native: x, trampolined: y, line });
          }
        }),
      );
      if (jobs.length >= 2) await jobs.shift();
    }
    await Promise.all(jobs);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
  divergences.sort((a, b) => a.index - b.index);
  const byIndex = new Map(programs.map((p, k) => [indexes[k]!, p]));
  return { runs: programs.length, divergences, source: (i) => renderProgram(byIndex.get(i)!, String(i)), ms: performance.now() - started };
}

/** The JavaScript-semantics mode over programs 0…runs-1 (or `only`) of `seed`. */
export function runJsFuzz(seed: number, runs: number, only?: readonly number[], keep = false): Promise<JsRunResult> {
  const indexes = only ?? Array.from({ length: runs }, (_, i) => i);
  return runJsPrograms(jsProgramsOf(seed, indexes), indexes, 200, keep);
}

/**
 * Shrinks program `index` of `seed`, divergent, with fast-check's shrinker (each candidate runs both
 * ways); returns it with the path that replays it.
 */
export async function shrinkJs(seed: number, index: number, ms: number): Promise<{ program: JsProgram; path: string; interrupted: boolean }> {
  const result = await fc.check(
    fc.asyncProperty(jsPrograms, async (p) => (await runJsPrograms([p], [index])).divergences.length === 0),
    { seed, path: String(index), interruptAfterTimeLimit: ms },
  );
  if (!result.failed || !result.counterexample || result.counterexamplePath === null) throw new Error(`program ${index} of seed ${seed} does not diverge`);
  return { program: result.counterexample[0], path: result.counterexamplePath, interrupted: result.interrupted };
}

/** The program at fast-check's `path` for `seed` (a shrunk one too). */
export const jsProgramAt = (seed: number, path: string): JsProgram => valueAt(jsPrograms, seed, path);
