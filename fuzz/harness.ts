import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { transformAsync, type PluginItem } from "@babel/core";
import { build, transform } from "esbuild";
import fc from "fast-check";
import { programs as programArbitrary } from "./generate.js";
import type { Program } from "./program.js";
import { renderPythonBatch } from "./render-python.js";
import { renderTsBatch, type Form } from "./render-ts.js";
import { firstUnknownDifference, type Known } from "./known.js";
import { splitTraces } from "./traces.js";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface RunOptions {
  seed: number;
  runs: number;
  /** program indexes to run instead of 0..runs-1 */
  only?: number[];
  forms: Form[];
  /** the runtime's entry file (a patched copy in the fault-injection test) */
  runtimeEntry?: string;
  /** programs per child process */
  chunk?: number;
  /** per child process, in ms */
  timeout?: number;
  /** keep the temporary folder with the batch files */
  keep?: boolean;
  /**
   * Reused between runs of the same programs (compiled batches and python3
   * output do not depend on the runtime), e.g. for fault injection.
   */
  cache?: RunCache;
  /** known, reported bugs whose line pairs do not count as divergences (fuzz/known.ts) */
  known?: readonly Known[];
}

export interface RunCache {
  js: Map<string, string>;
  python: Map<string, Exec>;
}

export const newCache = (): RunCache => ({ js: new Map(), python: new Map() });

export interface Divergence {
  index: number;
  program: Program;
  form: Form;
  python: string[];
  coroutil: string[];
  line: number;
}

export interface RunResult {
  programs: Program[];
  python: Map<string, string[]>;
  traces: Record<Form, Map<string, string[]>>;
  divergences: Divergence[];
  /** known bugs that explained some line pair */
  masked: Set<Known>;
  ms: number;
  tmp: string;
}

/** The Babel plugin, or undefined while plugin/index.ts does not exist. */
export async function loadPlugin(): Promise<PluginItem | undefined> {
  try {
    // A variable specifier: the plugin is another engineer's file and may not exist yet.
    const specifier = "coroutil/babel";
    const mod: any = await import(specifier);
    return mod.default ?? mod;
  } catch (e: any) {
    if (e?.code === "ERR_MODULE_NOT_FOUND" || e?.code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return undefined;
    throw e;
  }
}

/** Bundles the runtime (or a patched copy of it) into one ESM file. */
export async function bundleRuntime(entry: string, outfile: string): Promise<void> {
  await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "node", outfile, keepNames: true, logLevel: "silent" });
}

const useBundle = (js: string): string => js.replace(/(from\s*)(["'])coroutil\2/g, '$1"./runtime.mjs"');

/** Babel 8 (installed as babel8-core / babel8-preset-typescript); presets are passed as objects. */
async function babel8(): Promise<[any, unknown]> {
  const core = "babel8-core";
  const preset = "babel8-preset-typescript";
  return [await import(core), ((await import(preset)) as { default: unknown }).default];
}

async function presetTypescript(): Promise<PluginItem> {
  const specifier = "@babel/preset-typescript"; // ships no type declarations
  return ((await import(specifier)) as { default: PluginItem }).default;
}

/** Compiles a TS batch of the given form to runnable JS. */
export async function compileTs(source: string, form: Form, plugin?: PluginItem): Promise<string> {
  if (form === "runtime") {
    const r = await transform(source, { loader: "ts", format: "esm", target: "es2022" });
    return useBundle(r.code);
  }
  if (plugin === undefined) throw new Error("the plugin form needs plugin/index.ts (coroutil/babel)");
  if (form === "plugin8") {
    const [core, preset] = await babel8();
    const r = await core.transformAsync(source, {
      filename: "batch.ts",
      compact: true,
      babelrc: false,
      configFile: false,
      presets: [preset],
      plugins: [plugin],
    });
    return useBundle(r.code);
  }
  const r = await transformAsync(source, {
    filename: "batch.ts",
    compact: true,
    babelrc: false,
    configFile: false,
    presets: [await presetTypescript()],
    plugins: [plugin],
  });
  return useBundle(r!.code!);
}

export interface Exec {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

function exec(cmd: string, args: string[], cwd: string, timeout: number): Promise<Exec> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeout);
    child.on("error", fail);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ stdout, stderr, code, signal, timedOut });
    });
  });
}

/** Programs `indexes` of run `seed`: fast-check's samples of the program arbitrary with that seed. */
export function makePrograms(seed: number, indexes: number[]): Program[] {
  if (!indexes.length) return [];
  const all = fc.sample(programArbitrary, { seed, numRuns: Math.max(...indexes) + 1 });
  return indexes.map((i) => ({ ...all[i]!, id: `${seed}-${i}` }));
}

/** Generates, runs under python3 and under coroutil, and compares every program. */
export async function runFuzz(opts: RunOptions): Promise<RunResult> {
  const indexes = opts.only ?? Array.from({ length: opts.runs }, (_, i) => i);
  return runPrograms(makePrograms(opts.seed, indexes), indexes, opts);
}

/** Runs given programs (`indexes[k]` names program k in reports) and compares their traces. */
export async function runPrograms(
  programs: Program[],
  indexes: number[],
  opts: Omit<RunOptions, "seed" | "runs" | "only">,
): Promise<RunResult> {
  const started = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), "coroutil-fuzz-"));
  const needsPlugin = opts.forms.some((f) => f !== "runtime");
  const plugin = needsPlugin ? await loadPlugin() : undefined;
  if (needsPlugin && plugin === undefined) throw new Error("the plugin form needs plugin/index.ts (coroutil/babel)");
  const chunk = opts.chunk ?? 250;
  const timeout = opts.timeout ?? 120_000;
  const python = new Map<string, string[]>();
  const traces = { runtime: new Map(), plugin: new Map(), plugin8: new Map() } as Record<Form, Map<string, string[]>>;
  try {
    await bundleRuntime(opts.runtimeEntry ?? join(REPO, "runtime/index.ts"), join(tmp, "runtime.mjs"));
    // Compiling chunk c (Babel, in this process) overlaps with running chunk c - 1.
    let previous: Promise<unknown> = Promise.resolve();
    for (let start = 0, c = 0; start < programs.length; start += chunk, c++) {
      const batch = programs.slice(start, start + chunk);
      const key = `${batch[0]!.id}+${batch.length}`;
      const cached = opts.cache?.python.get(key);
      const jobs: Promise<void>[] = [];
      if (cached) collect(python, cached, "python3");
      else {
        const py = join(tmp, `batch${c}.py`);
        writeFileSync(py, renderPythonBatch(batch));
        jobs.push(
          exec("python3", [py], tmp, timeout).then((r) => {
            opts.cache?.python.set(key, r);
            collect(python, r, "python3");
          }),
        );
      }
      const scripts: [Form, string][] = [];
      for (const form of opts.forms) {
        const js = join(tmp, `batch${c}-${form}.mjs`);
        let code = opts.cache?.js.get(`${key}-${form}`);
        if (code === undefined) {
          code = await compileTs(renderTsBatch(batch, form), form, plugin);
          opts.cache?.js.set(`${key}-${form}`, code);
        }
        writeFileSync(js, code);
        scripts.push([form, js]);
      }
      await previous;
      for (const [form, js] of scripts) {
        jobs.push(exec(process.execPath, [js], tmp, timeout).then((r) => collect(traces[form], r, `node (${form} form)`)));
      }
      previous = Promise.all(jobs);
    }
    await previous;
  } finally {
    if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
  }
  const divergences: Divergence[] = [];
  const masked = new Set<Known>();
  programs.forEach((program, k) => {
    const expected = python.get(program.id) ?? ["(no python trace)"];
    for (const form of opts.forms) {
      const actual = traces[form].get(program.id) ?? ["(no trace: the process died or timed out before this program)"];
      const line = firstUnknownDifference(expected, actual, opts.known ?? [], masked);
      if (line >= 0) divergences.push({ index: indexes[k]!, program, form, python: expected, coroutil: actual, line });
    }
  });
  return { programs, python, traces, divergences, masked, ms: performance.now() - started, tmp };
}

function collect(into: Map<string, string[]>, r: Exec, what: string): void {
  for (const [id, lines] of splitTraces(r.stdout)) into.set(id, lines);
  if (r.timedOut) process.stderr.write(`fuzz: ${what} timed out\n`);
  else if (r.code !== 0) {
    const how = r.signal ? `was killed by ${r.signal}` : `exited ${r.code}`;
    const fatal = /Fatal|heap out of memory|invalid size/.test(r.stderr) ? " (a V8 fatal error: an endless loop in the runtime?)" : "";
    process.stderr.write(`fuzz: ${what} ${how}${fatal}; the programs after the last complete trace have none: ${r.stderr.slice(0, 600)}\n`);
  }
}
