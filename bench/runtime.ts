// Runtime benchmark (SPEC section 2, "Performance contract"):
// - ns per send at delegation depth 0, 1, 10, 100, 1000 for coroutil (trampolined
//   `yield from(x)` in Coroutine-driven bodies), native `yield*` and CPython (twin:
//   bench/runtime_twin.py, run here as a child process);
// - the deepest chain each one runs; the cost of creating and priming a coroutine;
//   the runtime's size minified+gzipped; the SPEC targets as PASS/FAIL;
// - writes bench/depth-chart.svg and the `## Runtime` section of bench/RESULTS.md
//   (other sections are left alone).
// Flags: --quick (fewer, shorter samples), --no-write (print only).
// Timing and depth probes run in child processes of this same file (--child=…)
// so each starts with a clean heap and JIT state, against the package as built
// (bench/support/as-shipped.ts).

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { Coroutine, StopIteration, coroutine, from, send, track } from "coroutil";
import { renderDepthChart } from "./support/depth-chart.js";
import { buildOnce, childNodeArgs } from "./support/as-shipped.js";
import { shippedSizes } from "./support/shipped-size.js";
import { writeSection } from "./support/results-section.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const SELF = fileURLToPath(import.meta.url);
const DEPTHS = [0, 1, 10, 100, 1000];
const DEEP = 1_000_000;
const SIZE_GOAL = 2560;
const STOP = "stop";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string) => argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
const QUICK = flag("--quick");
const SAMPLES = Number(option("--samples") ?? (QUICK ? 5 : 25));
const SAMPLE_MS = Number(option("--sample-ms") ?? (QUICK ? 10 : 20));

const log = (msg: string) => process.stderr.write(`${msg}\n`);

// ---------------------------------------------------------------------------
// The chains. Every level is `r = yield from(inner); return r + 1`, the leaf
// echoes what it is sent and returns 0 when sent STOP, so a chain of depth d
// returns d: a check that values went all the way down and back up.

function* coLeafBody(): Generator<unknown, number, any> {
  let v: unknown = 0;
  for (;;) {
    v = yield v;
    if (v === STOP) return 0;
  }
}
function* coMidBody(inner: Iterable<unknown>): Generator<unknown, number, any> {
  const r: number = yield from(inner);
  return r + 1;
}
const coLeaf = track(coLeafBody) as () => Coroutine<unknown, number, any>;
const coMid = track(coMidBody) as (inner: Iterable<unknown>) => Coroutine<unknown, number, any>;

/** Built inside out by a loop: no JS recursion, before or while running. */
function coChain(depth: number): Coroutine<unknown, number, any> {
  let c = coLeaf();
  for (let i = 0; i < depth; i++) c = coMid(c);
  return c;
}

function* natLeaf(): Generator<unknown, number, any> {
  let v: unknown = 0;
  for (;;) {
    v = yield v;
    if (v === STOP) return 0;
  }
}
function* natMid(inner: Generator<unknown, number, any>): Generator<unknown, number, any> {
  const r = yield* inner;
  return r + 1;
}
function natChain(depth: number): Generator<unknown, number, any> {
  let g = natLeaf();
  for (let i = 0; i < depth; i++) g = natMid(g);
  return g;
}

// ---------------------------------------------------------------------------
// Timing. Each measured loop is compiled on its own (`new Function` with a
// unique comment) so its call sites have their own type feedback: the loop
// for coroutil never sees a native generator and vice versa.

type Loop = (target: any, n: number) => unknown;
let loopId = 0;
function compileLoop(body: string): Loop {
  return new Function("t", "n", `/* loop ${loopId++} */\n${body}`) as Loop;
}
// `| 0` keeps the checksum a small integer (no deopt when a sum outgrows 31 bits)
const sendLoop = () => compileLoop("let acc = 0; for (let i = 0; i < n; i++) acc = (acc + t.send(i)) | 0; return acc;");
const nextLoop = () => compileLoop("let acc = 0; for (let i = 0; i < n; i++) acc = (acc + t.next(i).value) | 0; return acc;");

interface Case {
  key: string;
  loop: Loop;
  target: unknown;
  n: number;
  samples: number[];
}

function elapsedNs(c: Case): number {
  const t0 = process.hrtime.bigint();
  c.loop(c.target, c.n);
  return Number(process.hrtime.bigint() - t0);
}

function calibrate(c: Case, sampleNs: number): void {
  c.n = 16;
  for (;;) {
    const t = elapsedNs(c);
    if (t >= sampleNs / 4 || c.n >= 2 ** 28) {
      c.n = Math.max(1, Math.round((c.n * sampleNs) / Math.max(t, 1)));
      return;
    }
    c.n *= 2;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Stat {
  median: number;
  min: number;
  max: number;
  n: number;
  samples: number;
}

/** Calibrate, warm up, then take samples round-robin so load drifts hit every case alike. */
function runCases(cases: Case[], samples: number, sampleMs: number): Record<string, Stat> {
  const sampleNs = sampleMs * 1e6;
  for (const c of cases) {
    calibrate(c, sampleNs);
    for (let w = 0; w < 3; w++) elapsedNs(c); // warm-up, ~3 samples
  }
  for (let s = 0; s < samples; s++) {
    // rotate the order each round
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(k + s) % cases.length]!;
      c.samples.push(elapsedNs(c) / c.n);
    }
  }
  const out: Record<string, Stat> = {};
  for (const c of cases) {
    out[c.key] = { median: median(c.samples), min: Math.min(...c.samples), max: Math.max(...c.samples), n: c.n, samples: samples };
  }
  return out;
}

function childTiming(): void {
  const cases: Case[] = [];
  const add = (key: string, loop: Loop, target: unknown) => cases.push({ key, loop, target, n: 0, samples: [] });
  for (const d of DEPTHS) {
    const c = coChain(d);
    c.send(undefined as any); // prime
    add(`coroutil:${d}`, sendLoop(), c);
  }
  for (const d of DEPTHS) {
    const g = natChain(d);
    g.next();
    add(`native:${d}`, nextLoop(), g);
  }
  // the free function send(c, v) at depth 0, which must cost what the method does
  {
    const c = coChain(0);
    c.send(undefined as any);
    add("coroutil-free:0", compileLoop("const [c, send] = t; let acc = 0; for (let i = 0; i < n; i++) acc = (acc + send(c, i)) | 0; return acc;"), [c, send]);
  }
  // the JS face of a Coroutine at depth 0, for reference
  {
    const c = coChain(0);
    c.next();
    add("coroutil-next:0", nextLoop(), c);
  }
  // creating + priming
  const makeCo = coroutine(function* leafCo(): Generator<unknown, number, any> {
    let v: unknown = 0;
    for (;;) {
      v = yield v;
      if (v === STOP) return 0;
    }
  });
  function* leafNat(): Generator<unknown, number, any> {
    let v: unknown = 0;
    for (;;) {
      v = yield v;
      if (v === STOP) return 0;
    }
  }
  add("create:coroutil", compileLoop("let last; for (let i = 0; i < n; i++) last = t(); return last;"), makeCo);
  add("create:native", compileLoop("let last; for (let i = 0; i < n; i++) { last = t(); last.next(); } return last;"), leafNat);

  const stats = runCases(cases, SAMPLES, SAMPLE_MS);
  // Ratios for the SPEC checks, as the median of per-round ratios: the two
  // samples of a round are taken back to back, so a machine-wide slowdown
  // hits both (samples[i] is round i for every case).
  const byKey = new Map(cases.map((c) => [c.key, c.samples]));
  const paired = (a: string, b: string) => median(byKey.get(a)!.map((x, i) => x / byKey.get(b)![i]!));
  const ratios = {
    depth1000: paired("coroutil:1000", "coroutil:0"),
    native0: paired("coroutil:0", "native:0"),
    free0: paired("coroutil-free:0", "native:0"),
  };
  process.stdout.write(JSON.stringify({ stats, ratios }) + "\n");
}

// ---------------------------------------------------------------------------
// Depth probes.

interface DepthResult {
  depth: number;
  ok: boolean;
  error?: string;
  buildMs?: number;
  primeMs?: number;
  nsPerSend?: number;
  unwindMs?: number;
  heapMB?: number;
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** coroutil at depths up to 1,000,000: prime (descends), sends, STOP (unwinds). */
function childDeep(): void {
  const depths = (option("--depths") ?? `10000,100000,${DEEP}`).split(",").map(Number);
  for (const depth of depths) {
    const r: DepthResult = { depth, ok: false };
    try {
      let t = performance.now();
      const c = coChain(depth);
      r.buildMs = performance.now() - t;
      t = performance.now();
      const first = c.send(undefined as any);
      r.primeMs = performance.now() - t;
      if (first !== 0) throw new Error(`priming yielded ${String(first)}, expected 0`);
      for (let i = 1; i <= 1000; i++) {
        if (c.send(i) !== i) throw new Error(`send(${i}) came back different at depth ${depth}`);
      }
      // then time sends as the timing child does (own loop, calibrated, warmed, median)
      const timed = runCases([{ key: "deep", loop: sendLoop(), target: c, n: 0, samples: [] }], 7, SAMPLE_MS);
      r.nsPerSend = timed["deep"]!.median;
      r.heapMB = process.memoryUsage().heapUsed / 2 ** 20;
      t = performance.now();
      try {
        c.send(STOP);
        throw new Error("the chain did not return when sent STOP");
      } catch (e) {
        if (!(e instanceof StopIteration)) throw e;
        if (e.value !== depth) throw new Error(`the chain returned ${String(e.value)}, expected ${depth}`);
      }
      r.unwindMs = performance.now() - t;
      r.ok = true;
    } catch (e) {
      r.error = errorText(e);
    }
    process.stdout.write(JSON.stringify(r) + "\n");
    if (!r.ok) break;
  }
}

function nativeWorks(depth: number): { ok: boolean; error?: string } {
  try {
    const g = natChain(depth);
    g.next();
    if (g.next(7).value !== 7) return { ok: false, error: "send came back different" };
    const end = g.next(STOP);
    return end.done && end.value === depth ? { ok: true } : { ok: false, error: `returned ${String(end.value)}` };
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, error: errorText(e) };
    throw e;
  }
}

/** Native yield*: powers of ten until one overflows, then bisect. */
function childNativeDepth(): void {
  let lo = 0;
  let hi: number | undefined;
  let error: string | undefined;
  for (let d = 10; d <= 10 ** 7; d *= 10) {
    const r = nativeWorks(d);
    if (r.ok) lo = d;
    else {
      hi = d;
      error = r.error;
      break;
    }
  }
  if (hi !== undefined) {
    let top: number = hi;
    while (top - lo > 1) {
      const m: number = (lo + top) >> 1;
      const r = nativeWorks(m);
      if (r.ok) lo = m;
      else {
        top = m;
        error = r.error;
      }
    }
    hi = top;
  }
  process.stdout.write(JSON.stringify({ maxDepth: lo, firstFailing: hi ?? null, error: error ?? null }) + "\n");
}

// ---------------------------------------------------------------------------
// The parent: runs everything, prints, checks, writes chart and results.

function runChild(mode: string, extraNodeArgs: string[] = [], extra: string[] = [], timeoutMs = 120_000) {
  const args = [...extraNodeArgs, ...childNodeArgs, SELF, `--child=${mode}`, ...extra];
  const p = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", timeout: timeoutMs, maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] });
  const lines = (p.stdout ?? "").split("\n").filter((l) => l.startsWith("{"));
  return { lines: lines.map((l) => JSON.parse(l)), status: p.status, signal: p.signal, error: p.error };
}

async function bundleSize(entry: string, external: string[] = []): Promise<{ minified: number; gzip: number }> {
  const esbuild = await import("esbuild");
  const out = await esbuild.build({
    entryPoints: [entry],
    external,
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  const code = out.outputFiles[0]!.contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** regenerator-runtime if installed; else the regenerator runtime Babel itself ships, as @babel/helpers' regeneratorRuntime helper. */
function findRegenerator(): { label: string; entry: string } | undefined {
  const req = createRequire(path.join(ROOT, "package.json"));
  try {
    const entry = req.resolve("regenerator-runtime/runtime.js");
    const version = JSON.parse(readFileSync(req.resolve("regenerator-runtime/package.json"), "utf8")).version;
    return { label: `regenerator-runtime ${version}`, entry };
  } catch {}
  try {
    const entry = req.resolve("@babel/helpers/lib/helpers/regeneratorRuntime.js");
    const version = JSON.parse(readFileSync(path.join(path.dirname(entry), "../../package.json"), "utf8")).version;
    return { label: `Babel's regeneratorRuntime helper (@babel/helpers ${version}; the regenerator-runtime package is not installed)`, entry };
  } catch {
    return undefined;
  }
}

const fmt = (v: number | null | undefined, digits = 1) =>
  v == null || !Number.isFinite(v) ? "—" : v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (v: number | null | undefined) => (v == null ? "—" : v.toLocaleString("en-US"));

async function main(): Promise<void> {
  const started = performance.now();
  const write = !flag("--no-write");
  // On a shared machine other work skews timings: say how busy it was.
  const loadBefore = os.loadavg()[0]!;

  log("runtime size as shipped (the packed package bundled for the browser by esbuild and Rollup, minified; gzip -9)…");
  const shipped = await shippedSizes(ROOT);
  buildOnce(ROOT); // (built just now by shippedSizes: marks it for the children)
  // The figure held to the budget: the larger of the two bundlers' `import *`.
  const size = shipped.all.esbuild.gzip >= shipped.all.rollup.gzip ? shipped.all.esbuild : shipped.all.rollup;
  const regenFound = findRegenerator();
  const regen = regenFound ? { ...(await bundleSize(regenFound.entry)), label: regenFound.label } : undefined;

  log(`timing sends and creation (${SAMPLES} samples of ~${SAMPLE_MS} ms each, round-robin)…`);
  const timing = runChild("timing");
  const t: Record<string, Stat> = timing.lines[0]?.stats ?? {};
  const ratios: { depth1000: number; native0: number; free0: number } | undefined = timing.lines[0]?.ratios;
  if (!timing.lines[0]) log(`timing child failed: status ${timing.status} ${timing.signal ?? ""} ${timing.error ?? ""}`);

  log("CPython twin…");
  const py = spawnSync("python3", [path.join(HERE, "runtime_twin.py"), "--samples", String(SAMPLES), "--sample-ms", String(SAMPLE_MS), "--depths", DEPTHS.join(",")], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let cpy: any;
  try {
    cpy = JSON.parse(py.stdout.trim().split("\n").pop() ?? "");
  } catch {
    log(`CPython twin failed: status ${py.status} ${py.error ?? ""}`);
  }

  log("native yield* depth search…");
  const nat = runChild("native-depth").lines[0] as { maxDepth: number; firstFailing: number | null; error: string | null } | undefined;

  log(`coroutil depth ${int(DEEP)} (child with --max-old-space-size=8192)…`);
  const deepRun = runChild("deep", ["--max-old-space-size=8192"], [], 90_000);
  const deep = deepRun.lines as DepthResult[];
  const deepest = deep.filter((r) => r.ok).pop();
  const million = deep.find((r) => r.depth === DEEP);
  const deepFailure = deep.find((r) => !r.ok)?.error ?? (deepRun.status !== 0 ? `child exited (${deepRun.signal ?? `status ${deepRun.status}`})` : undefined);

  const loadAfter = os.loadavg()[0]!;
  const loadNote = `load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, on ${os.cpus().length} cores`;
  const busy = Math.max(loadBefore, loadAfter) > os.cpus().length;
  if (busy) log(`warning: the machine was busy (${loadNote}); timings are unreliable, run again when it is idle`);

  // ---- figures
  const co = (d: number) => t[`coroutil:${d}`]?.median;
  const na = (d: number) => t[`native:${d}`]?.median;
  const cp = (d: number) => cpy?.nsPerSend?.[String(d)]?.median as number | undefined;
  const ratioDepth = ratios?.depth1000 ?? NaN;
  const ratioNative = ratios?.native0 ?? NaN;
  const ratioFree = ratios?.free0 ?? NaN;
  // best-of-samples ratios: the fastest sample of each, least touched by other load
  const best = (k: string) => t[k]?.min ?? NaN;
  const bestDepth = best("coroutil:1000") / best("coroutil:0");
  const bestNative = best("coroutil:0") / best("native:0");
  const bestFree = best("coroutil-free:0") / best("native:0");
  const pyName = cpy ? `CPython ${cpy.python}` : "CPython";

  const targets = [
    { name: "send through 1,000 nested delegations <= 2x a send at depth 0", measured: `${fmt(ratioDepth, 2)}x (${fmt(co(1000))} vs ${fmt(co(0))} ns; best-of ${fmt(bestDepth, 2)}x)`, pass: ratioDepth <= 2 },
    { name: "send at depth 0 <= 1.5x native gen.next(v)", measured: `${fmt(ratioNative, 2)}x (${fmt(co(0))} vs ${fmt(na(0))} ns; best-of ${fmt(bestNative, 2)}x)`, pass: ratioNative <= 1.5 },
    { name: "free function send(c, v) at depth 0 <= 1.75x native gen.next(v)", measured: `${fmt(ratioFree, 2)}x (${fmt(t["coroutil-free:0"]?.median)} vs ${fmt(na(0))} ns; best-of ${fmt(bestFree, 2)}x)`, pass: ratioFree <= 1.75 },
    { name: "1,000,000 nested delegations run", measured: million?.ok ? `ran (${fmt(million.nsPerSend)} ns/send at that depth)` : `failed: ${deepFailure ?? "not reached"}`, pass: !!million?.ok },
    { name: "runtime as shipped <= 2,560 B minified+gzipped (import *, esbuild and Rollup)", measured: `${int(shipped.all.esbuild.gzip)} / ${int(shipped.all.rollup.gzip)} bytes`, pass: size.gzip <= SIZE_GOAL },
    { name: "import { coroutine, send } costs less than import *", measured: `${int(shipped.two.esbuild.gzip)} / ${int(shipped.two.rollup.gzip)} bytes`, pass: shipped.two.esbuild.gzip < shipped.all.esbuild.gzip && shipped.two.rollup.gzip < shipped.all.rollup.gzip },
  ];

  // ---- console
  const pad = (s: string, w: number) => s.padStart(w);
  const lines: string[] = [];
  lines.push("", `ns per send, median of ${SAMPLES} samples (loop overhead included); ${loadNote}`);
  lines.push(`${"depth".padEnd(8)}${pad("coroutil", 12)}${pad("native yield*", 15)}${pad(pyName, 16)}`);
  for (const d of DEPTHS) lines.push(`${String(d).padEnd(8)}${pad(fmt(co(d)), 12)}${pad(fmt(na(d)), 15)}${pad(fmt(cp(d)), 16)}`);
  lines.push(`coroutil Coroutine.next(v) at depth 0 (JS face): ${fmt(t["coroutil-next:0"]?.median)} ns; free function send(c, v): ${fmt(t["coroutil-free:0"]?.median)} ns`);
  if (cpy && cpy.timingRecursionLimit !== cpy.defaultRecursionLimit) {
    lines.push(`(CPython timed with sys.setrecursionlimit(${cpy.timingRecursionLimit}); depth 1000 does not run under the default ${cpy.defaultRecursionLimit})`);
  }
  lines.push("", "deepest chain");
  lines.push(`coroutil       ${deepest ? int(deepest.depth) : "—"}${deepFailure ? `  (then: ${deepFailure})` : ""}`);
  for (const r of deep) {
    if (r.ok) lines.push(`  depth ${int(r.depth)}: build ${fmt(r.buildMs, 0)} ms, prime ${fmt(r.primeMs, 0)} ms, ${fmt(r.nsPerSend)} ns/send, unwind ${fmt(r.unwindMs, 0)} ms, heap ${fmt(r.heapMB, 0)} MB`);
  }
  lines.push(`native yield*  ${nat ? `${int(nat.maxDepth)} (${nat.error ?? "no failure"} at ${int(nat.firstFailing)})` : "—"}`);
  lines.push(`${pyName.padEnd(15)}${cpy ? `${int(cpy.maxDepth)} (${cpy.failure} at ${int(cpy.firstFailingDepth)}, default recursion limit ${cpy.defaultRecursionLimit})` : "—"}`);
  lines.push("", "create + prime, ns per object (median)");
  lines.push(`coroutine(genFn)()          ${fmt(t["create:coroutil"]?.median)}`);
  lines.push(`genFn() + .next()           ${fmt(t["create:native"]?.median)}`);
  lines.push("", "size as shipped: the packed package bundled for the browser, minified, gzip -9 (esbuild / Rollup)");
  lines.push(`coroutil, import *                  ${int(shipped.all.esbuild.gzip)} / ${int(shipped.all.rollup.gzip)} bytes gzip (${int(shipped.all.esbuild.minified)} / ${int(shipped.all.rollup.minified)} minified)`);
  lines.push(`coroutil, import { coroutine, send } ${int(shipped.two.esbuild.gzip)} / ${int(shipped.two.rollup.gzip)} bytes gzip`);
  lines.push(regen ? `${regen.label}: ${int(regen.gzip)} bytes gzip (${int(regen.minified)} minified)` : "regenerator-runtime: not installed here, not measured");
  lines.push("", "SPEC targets");
  for (const x of targets) lines.push(`${x.pass ? "PASS" : "FAIL"}  ${x.name}: ${x.measured}`);
  lines.push("(ratios: median of per-round ratios of back-to-back samples)");
  console.log(lines.join("\n"));

  // ---- chart
  const date = new Date().toISOString().slice(0, 10);
  const cpu = os.cpus()[0]?.model?.trim() ?? "unknown CPU";
  const cores = os.cpus().length;
  const natNote = nat ? `RangeError past depth ${int(nat.maxDepth)}` : "";
  const pyNote = cpy ? `RecursionError past depth ${int(cpy.maxDepth)}` : "";
  const svg = renderDepthChart(
    [
      { label: `coroutil (yield from)\nran depth ${deepest ? int(deepest.depth) : "?"}`, color: "#1f6fd1", marker: "circle", points: DEPTHS.map((d) => ({ depth: d, ns: co(d) ?? null })) },
      { label: `native yield*\n${natNote}`, color: "#e0701b", marker: "square", points: DEPTHS.map((d) => ({ depth: d, ns: na(d) ?? null })) },
      { label: `${pyName} yield from\n${pyNote}`, color: "#2a9d4b", marker: "triangle", points: DEPTHS.map((d) => ({ depth: d, ns: cp(d) ?? null })) },
    ],
    {
      title: "Cost of one send through a chain of nested delegations",
      subtitle: `Node ${process.version}, ${cpu} (${cores} cores)${cpy ? `, ${pyName}` : ""}; ${date}; median of ${SAMPLES} samples; load ${Math.max(loadBefore, loadAfter).toFixed(1)}${busy ? " (busy)" : ""}`,
      reference: co(0) ? { ns: 2 * co(0)!, label: "SPEC bound for coroutil: 2x its depth-0 send" } : undefined,
    },
  );

  // ---- RESULTS.md
  const md: string[] = [];
  md.push("## Runtime", "");
  md.push(`Measured ${date} by \`npm run bench:runtime\` (bench/runtime.ts; CPython twin bench/runtime_twin.py run in the same run).`);
  md.push(`Machine: Node ${process.version}, ${cpu}, ${cores} cores, ${cpy ? `${pyName}` : "no CPython"}.`);
  md.push(`Machine load during the run: ${loadNote}${busy ? " — **the machine was busy: timings are unreliable**" : ""}.`);
  md.push(`The timings run against the package as built (\`dist/\`, what users install). Figures are medians of ${SAMPLES} samples of about ${SAMPLE_MS} ms each, taken round-robin; the loop's own cost is included (about 1 ns in JS, more in CPython).`);
  md.push("", "### ns per send by delegation depth", "");
  md.push(`| depth | coroutil \`yield from(x)\` | native \`yield*\` | ${pyName} \`yield from\` |`, "|---:|---:|---:|---:|");
  for (const d of DEPTHS) md.push(`| ${int(d)} | ${fmt(co(d))} | ${fmt(na(d))} | ${fmt(cp(d))} |`);
  md.push("");
  md.push(`coroutil: a chain of \`track\`ed generators, each \`return (yield from(inner)) + 1\`, driven by \`Coroutine.send(v)\`. Native: the same chain with \`yield*\`, driven by \`gen.next(v)\`. CPython: \`yield from\`, \`gen.send(v)\`.`);
  md.push(`coroutil's JS face \`Coroutine.next(v)\` at depth 0: ${fmt(t["coroutil-next:0"]?.median)} ns; the free function \`send(c, v)\`: ${fmt(t["coroutil-free:0"]?.median)} ns.`);
  if (cpy && cpy.timingRecursionLimit !== cpy.defaultRecursionLimit) {
    md.push(`CPython's depth-1000 chain needs \`sys.setrecursionlimit\`; it was timed with a limit of ${cpy.timingRecursionLimit}.`);
  }
  md.push("", "![ns per send against delegation depth](depth-chart.svg)", "");
  md.push("### Deepest chain", "");
  md.push("| | deepest chain that ran | what stopped it |", "|---|---:|---|");
  md.push(`| coroutil | ${deepest ? int(deepest.depth) : "—"} | ${deepFailure ?? `nothing (largest depth tried)`} |`);
  md.push(`| native \`yield*\` | ${nat ? int(nat.maxDepth) : "—"} | ${nat ? `${nat.error} at depth ${int(nat.firstFailing)}` : "—"} |`);
  md.push(`| ${pyName} | ${cpy ? int(cpy.maxDepth) : "—"} | ${cpy ? `${cpy.failure} at depth ${int(cpy.firstFailingDepth)} (default recursion limit ${cpy.defaultRecursionLimit})` : "—"} |`);
  md.push("");
  md.push("coroutil chains, built inside out by a loop, run in a child process with `--max-old-space-size=8192` (default stack size):", "");
  md.push("| depth | build | prime (descend) | ns per send | unwind (return through every level) | heap used |", "|---:|---:|---:|---:|---:|---:|");
  for (const r of deep.filter((x) => x.ok)) {
    md.push(`| ${int(r.depth)} | ${fmt(r.buildMs, 0)} ms | ${fmt(r.primeMs, 0)} ms | ${fmt(r.nsPerSend)} | ${fmt(r.unwindMs, 0)} ms | ${fmt(r.heapMB, 0)} MB |`);
  }
  md.push("", "### Creating and priming", "");
  md.push("| | ns per object |", "|---|---:|");
  md.push(`| \`coroutine(genFn)()\` (create, wrap, prime) | ${fmt(t["create:coroutil"]?.median)} |`);
  md.push(`| native \`genFn()\` then \`.next()\` | ${fmt(t["create:native"]?.median)} |`);
  md.push("", "### Size", "");
  md.push("The packed package (`npm pack`) installed into an empty project and bundled for the browser as users bundle it: esbuild (`--bundle --minify --format=esm --platform=browser`) and Rollup (`@rollup/plugin-node-resolve` with `browser: true`, `@rollup/plugin-terser`), gzip level 9:", "");
  md.push("| entry | esbuild | Rollup |", "|---|---|---|");
  md.push(`| \`export * from "coroutil"\` | **${int(shipped.all.esbuild.gzip)} B** (${int(shipped.all.esbuild.minified)} minified) | **${int(shipped.all.rollup.gzip)} B** (${int(shipped.all.rollup.minified)} minified) |`);
  md.push(`| \`import { coroutine, send } from "coroutil"\` | ${int(shipped.two.esbuild.gzip)} B | ${int(shipped.two.rollup.gzip)} B |`);
  md.push(`| \`coroutil/trampoline\` on top of the runtime (only code compiled with \`trampoline: "all"\` imports it) | ${int(shipped.trampoline.esbuild.gzip)} B | ${int(shipped.trampoline.rollup.gzip)} B |`, "");
  md.push(regen ? `For comparison, bundled from its source by esbuild (minified, gzip -9): ${regen.label}: ${int(regen.gzip)} bytes (${int(regen.minified)} minified).` : "regenerator-runtime is not installed in this project, so it was not measured here.");
  md.push("", "### SPEC targets", "");
  md.push("| target | measured | result |", "|---|---|---|");
  for (const x of targets) md.push(`| ${x.name} | ${x.measured} | ${x.pass ? "PASS" : "**FAIL**"} |`);
  md.push("", "The two ratios that decide PASS/FAIL are medians of per-round ratios (the two samples of a round are taken back to back), which is steadier than a ratio of medians on a shared machine; \"best-of\" is the ratio of the fastest samples, for reference.");

  if (write) {
    writeFileSync(path.join(HERE, "depth-chart.svg"), svg);
    writeSection(path.join(HERE, "RESULTS.md"), "## Runtime", md.join("\n"));
    log(`\nwrote bench/depth-chart.svg and the "## Runtime" section of bench/RESULTS.md`);
  }
  log(`bench:runtime took ${fmt((performance.now() - started) / 1000, 1)} s`);
}

const child = option("--child");
if (child === "timing") childTiming();
else if (child === "deep") childDeep();
else if (child === "native-depth") childNativeDepth();
else await main();
