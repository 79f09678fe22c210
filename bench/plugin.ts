// Plugin benchmark (`npm run bench:plugin`): what coroutil/babel adds to a Babel run.
// - real corpus: the .js files under node_modules/@babel/*/lib, compiled by Babel with no plugins and by
//   Babel + coroutil/babel, in the same run, round-robin (the target: at most 10% added);
// - marker-dense corpus: generated files full of `/** @coroutine */` generators and `yield from(x)`.
// Prints a table and writes the `## Plugin` section of bench/RESULTS.md (other sections are left alone).
// Flags: --quick (fewer rounds), --rounds=N, --no-write (print only).
import { transformSync, type PluginItem } from "@babel/core";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import coroutil from "coroutil/babel";
import { writeSection } from "./support/results-section.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const TARGET_ADDED = 0.1;

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string) => argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
const QUICK = flag("--quick");
const ROUNDS = Number(option("--rounds") ?? (QUICK ? 3 : 7));

const log = (msg: string) => process.stderr.write(`${msg}\n`);

interface Source {
  name: string;
  code: string;
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && entry.name.endsWith(".js")) out.push(full);
  }
}

/** The .js files under node_modules/@babel/<package>/lib, sorted for a stable order. */
function babelCorpus(): Source[] {
  const scope = path.join(ROOT, "node_modules/@babel");
  const files: string[] = [];
  for (const pkg of readdirSync(scope).sort()) {
    const lib = path.join(scope, pkg, "lib");
    if (existsSync(lib) && statSync(lib).isDirectory()) walk(lib, files);
  }
  return files.sort().map((file) => ({ name: path.relative(ROOT, file), code: readFileSync(file, "utf8") }));
}

/** 200 files, each 10 groups of a plain leaf generator and two `@coroutine`s delegating with `yield from`. */
function markerCorpus(): Source[] {
  const files: Source[] = [];
  for (let i = 0; i < 200; i++) {
    const lines = ['import { from } from "coroutil";', ""];
    for (let j = 0; j < 10; j++) {
      const id = `${i}_${j}`;
      lines.push(
        `function* leaf${id}(n) {`,
        "  let total = 0;",
        "  for (let k = 0; k < n; k++) total += yield k;",
        "  return total;",
        "}",
        "/** @coroutine */",
        `function* mid${id}(n = 3) {`,
        `  const a = yield from(leaf${id}(n));`,
        `  const b = yield from(leaf${id}(a));`,
        "  return a + b;",
        "}",
        "/** Drives mid, forever. @coroutine */",
        `export function* top${id}(log = console.log) {`,
        "  for (;;) {",
        `    const r = yield from(mid${id}());`,
        "    log(r);",
        "  }",
        "}",
        "",
      );
    }
    files.push({ name: `generated/markers${i}.js`, code: lines.join("\n") });
  }
  return files;
}

function compile(source: Source, plugins: PluginItem[], parserPlugins: string[] = []): string {
  const result = transformSync(source.code, {
    filename: path.join(ROOT, source.name),
    babelrc: false,
    configFile: false,
    sourceType: "unambiguous",
    compact: false,
    parserOpts: { plugins: parserPlugins as never[] },
    plugins,
  });
  if (!result?.code) throw new Error(`no output for ${source.name}`);
  return result.code;
}

interface Side {
  name: string;
  plugins: PluginItem[];
  parserPlugins?: string[];
}

const BASE: Side = { name: "Babel", plugins: [] };
const WITH_PLUGIN: Side = { name: "+ coroutil", plugins: [coroutil] };
/** Diagnostic: the parser's `decorators` syntax, which coroutil/babel enables (for `@coroutine *m() {}`), alone. */
const DECORATORS_SYNTAX: Side = { name: "+ decorators syntax", plugins: [], parserPlugins: ["decorators"] };

/** CPU seconds (user + system) this process spends on one compile. */
function timed(file: Source, side: Side): number {
  const start = process.cpuUsage();
  compile(file, side.plugins, side.parserPlugins);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * One round: every file compiled once by each side, back to back, in an order that rotates from file to file,
 * so a busy machine slows every side alike. Adds CPU seconds per side to `totals`, keeps each file's fastest.
 */
function round(files: Source[], index: number, sides: Side[], totals: number[], best: number[][]): void {
  files.forEach((file, i) => {
    for (let k = 0; k < sides.length; k++) {
      const s = (i + index + k) % sides.length;
      const t = timed(file, sides[s]!);
      totals[s]! += t;
      best[s]![i] = Math.min(best[s]![i] ?? Infinity, t);
    }
  });
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Ratio {
  /** Median over rounds of (this side's time / Babel alone's), taken in the same round. */
  median: number;
  min: number;
  max: number;
  /** Each file's fastest compile over the rounds, summed per side: the ratio least disturbed by other load. */
  best: number;
}

interface Measured {
  label: string;
  files: number;
  changed: number;
  /** files/s per side, from the median round. */
  rates: number[];
  /** Per side, against the first (Babel alone). */
  ratios: Ratio[];
}

function measure(label: string, files: Source[], sides: Side[]): Measured {
  // Files Babel alone cannot compile are left out of every side.
  const usable = files.filter((file) => {
    try {
      compile(file, BASE.plugins);
      return true;
    } catch {
      return false;
    }
  });
  if (usable.length < files.length) log(`${label}: ${files.length - usable.length} file(s) Babel cannot compile, left out`);
  const changed = usable.filter((file) => compile(file, BASE.plugins) !== compile(file, WITH_PLUGIN.plugins)).length;
  round(usable, 0, sides, sides.map(() => 0), sides.map(() => [])); // warm-up
  const best: number[][] = sides.map(() => []);
  const times: number[][] = sides.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    const totals = sides.map(() => 0);
    round(usable, r, sides, totals, best);
    totals.forEach((t, s) => times[s]!.push(t));
    const parts = sides.map((side, s) => `${side.name} ${totals[s]!.toFixed(2)} s`).join(", ");
    log(`${label}: round ${r + 1}/${ROUNDS} (CPU): ${parts}; coroutil ratio ${(totals[1]! / totals[0]!).toFixed(3)}`);
  }
  const ratios = sides.map((_, s) => {
    const perRound = times[s]!.map((t, r) => t / times[0]![r]!);
    return { median: median(perRound), min: Math.min(...perRound), max: Math.max(...perRound), best: sum(best[s]!) / sum(best[0]!) };
  });
  return { label, files: usable.length, changed, rates: times.map((t) => usable.length / median(t)), ratios };
}

const fmt = (v: number, digits = 1) =>
  v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (ratio: number) => `${ratio >= 1 ? "+" : ""}${fmt((ratio - 1) * 100, 1)}%`;

function main(): void {
  const started = performance.now();
  const real = measure("@babel/*/lib corpus", babelCorpus(), [BASE, WITH_PLUGIN, DECORATORS_SYNTAX]);
  const dense = measure("marker-dense corpus", markerCorpus(), [BASE, WITH_PLUGIN]);

  const cpus = os.cpus();
  const machine = `Node ${process.version}, ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores`;
  const date = new Date().toISOString().slice(0, 10);
  const added = real.ratios[1]!;
  const meetsTarget = added.median <= 1 + TARGET_ADDED;

  const table = [
    "| corpus | files | files changed by the plugin | Babel alone (files/s) | Babel + coroutil (files/s) | added time (median of rounds; min … max) | added time (best of rounds per file) |",
    "|---|---:|---:|---:|---:|---|---:|",
    ...[real, dense].map((m) => {
      const r = m.ratios[1]!;
      return (
        `| ${m.label} | ${m.files} | ${m.changed} | ${fmt(m.rates[0]!)} | ${fmt(m.rates[1]!)} | ` +
        `${pct(r.median)} (${pct(r.min)} … ${pct(r.max)}) | ${pct(r.best)} |`
      );
    }),
  ];
  const decorators = real.ratios[2]!;
  const md = [
    "## Plugin",
    "",
    `Measured ${date} by \`npm run bench:plugin\` (bench/plugin.ts), ${ROUNDS} rounds.`,
    `Machine: ${machine}.`,
    "Each round compiles every file once with `@babel/core` and no plugins and once with `@babel/core` + `coroutil/babel` " +
      "(`transformSync`, `sourceType: \"unambiguous\"`, `compact: false`, no config files), the compiles of a file " +
      "back to back, in an order that rotates from file to file. Times are the process's CPU time (user + system), " +
      "which a busy machine disturbs less than wall time. files/s are from the median round; the added time is the " +
      "median of the per-round ratios, and, in the last column, the ratio of the sums of each file's fastest compile " +
      "over all rounds (the figure least disturbed by other load).",
    "",
    ...table,
    "",
    "- @babel/*/lib corpus: the .js files under node_modules/@babel/*/lib (no coroutil in them: this measures what the " +
      "plugin costs a project's ordinary files, where it bails out at once).",
    "- marker-dense corpus: 200 generated files, each 10 groups of a plain generator and two `/** @coroutine */` " +
      "generators delegating with `yield from(x)` (20 annotated generators, 30 markers per file).",
    `- For comparison, Babel with only the parser's \`decorators\` syntax, which the plugin enables so that ` +
      `\`@coroutine *m() {}\` parses, measured in the same rounds on the real corpus: ${pct(decorators.median)} ` +
      `(median of rounds; best of rounds per file: ${pct(decorators.best)}).`,
    `- Load average while measuring: ${os.loadavg().map((l) => l.toFixed(1)).join(", ")} (the machine is shared; ` +
      "the CPU-time figures are steadier than wall time would be, still indicative).",
    "",
    `Target: at most 10% added on the real corpus — ${meetsTarget ? "PASS" : "**FAIL**"} (${pct(added.median)}, median of rounds).`,
  ];

  process.stdout.write(`\n${table.join("\n")}\n\n${md.at(-1)}\n`);
  if (!flag("--no-write")) {
    writeSection(path.join(HERE, "RESULTS.md"), "## Plugin", md.join("\n"));
    log(`\nwrote the "## Plugin" section of bench/RESULTS.md`);
  }
  log(`bench:plugin took ${fmt((performance.now() - started) / 1000)} s`);
}

main();
