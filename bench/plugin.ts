// Plugin benchmark (`npm run bench:plugin`): what coroutil/babel adds to a Babel run.
// - real corpus: the .js files under node_modules/@babel/*/lib, compiled by Babel with no plugins and by
//   Babel + coroutil/babel, in the same run, round-robin (the target: at most 10% added);
// - marker-dense corpus: generated files full of `/** @coroutine */` generators and `yield from(x)`.
// Prints a table and writes the `## Plugin` section of bench/RESULTS.md (other sections are left alone).
// Flags: --quick (fewer rounds), --rounds=N, --no-write (print only).
import { transformSync, type PluginItem } from "@babel/core";
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import coroutil from "coroutil/babel";

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

function compile(source: Source, plugins: PluginItem[]): string {
  const result = transformSync(source.code, {
    filename: path.join(ROOT, source.name),
    babelrc: false,
    configFile: false,
    sourceType: "unambiguous",
    compact: false,
    plugins,
  });
  if (!result?.code) throw new Error(`no output for ${source.name}`);
  return result.code;
}

const BASE: PluginItem[] = [];
const WITH_PLUGIN: PluginItem[] = [coroutil];

/** CPU seconds (user + system) this process spends on one compile. */
function timed(file: Source, plugins: PluginItem[]): number {
  const start = process.cpuUsage();
  compile(file, plugins);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * One round: every file compiled once by each side, the two back to back and in alternating order, so a
 * busy machine slows both sides alike. Returns CPU seconds per side.
 */
function round(files: Source[], index: number): { base: number; plugin: number } {
  let base = 0;
  let plugin = 0;
  files.forEach((file, i) => {
    if ((i + index) % 2 === 0) {
      base += timed(file, BASE);
      plugin += timed(file, WITH_PLUGIN);
    } else {
      plugin += timed(file, WITH_PLUGIN);
      base += timed(file, BASE);
    }
  });
  return { base, plugin };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Measured {
  label: string;
  files: number;
  baseRate: number;
  pluginRate: number;
  /** Median over rounds of (time with plugin / time without), the two taken back to back. */
  ratio: number;
  ratioMin: number;
  ratioMax: number;
  changed: number;
}

function measure(label: string, files: Source[]): Measured {
  // Files Babel alone cannot compile are left out of both sides.
  const usable = files.filter((file) => {
    try {
      compile(file, BASE);
      return true;
    } catch {
      return false;
    }
  });
  if (usable.length < files.length) log(`${label}: ${files.length - usable.length} file(s) Babel cannot compile, left out`);
  const changed = usable.filter((file) => compile(file, BASE) !== compile(file, WITH_PLUGIN)).length;
  round(usable, 0); // warm-up
  const base: number[] = [];
  const plugin: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const { base: b, plugin: p } = round(usable, r);
    base.push(b);
    plugin.push(p);
    ratios.push(p / b);
    log(`${label}: round ${r + 1}/${ROUNDS}: Babel ${b.toFixed(2)} s, + coroutil ${p.toFixed(2)} s (CPU), ratio ${(p / b).toFixed(3)}`);
  }
  return {
    label,
    files: usable.length,
    baseRate: usable.length / median(base),
    pluginRate: usable.length / median(plugin),
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    changed,
  };
}

const fmt = (v: number, digits = 1) =>
  v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (ratio: number) => `${ratio >= 1 ? "+" : ""}${fmt((ratio - 1) * 100, 1)}%`;

function writeSection(file: string, title: string, body: string): void {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === title);
  const section = body.trimEnd().split("\n");
  let next: string[];
  if (start === -1) {
    while (lines.length && lines[lines.length - 1] === "") lines.pop();
    next = [...lines, "", ...section, ""];
  } else {
    let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    if (end === -1) end = lines.length;
    const after = lines.slice(end);
    next = [...lines.slice(0, start), ...section, ...(after.length ? ["", ...after] : [""])];
  }
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, next.join("\n"));
  renameSync(tmp, file);
}

function main(): void {
  const started = performance.now();
  const real = measure("@babel/*/lib corpus", babelCorpus());
  const dense = measure("marker-dense corpus", markerCorpus());

  const cpus = os.cpus();
  const machine = `Node ${process.version}, ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores`;
  const date = new Date().toISOString().slice(0, 10);
  const pass_ = real.ratio <= 1 + TARGET_ADDED;

  const table = [
    "| corpus | files | files changed by the plugin | Babel alone (files/s) | Babel + coroutil (files/s) | added time (median of rounds; min … max) |",
    "|---|---:|---:|---:|---:|---|",
    ...[real, dense].map(
      (m) =>
        `| ${m.label} | ${m.files} | ${m.changed} | ${fmt(m.baseRate)} | ${fmt(m.pluginRate)} | ` +
        `${pct(m.ratio)} (${pct(m.ratioMin)} … ${pct(m.ratioMax)}) |`,
    ),
  ];
  const md = [
    "## Plugin",
    "",
    `Measured ${date} by \`npm run bench:plugin\` (bench/plugin.ts), ${ROUNDS} rounds.`,
    `Machine: ${machine}.`,
    "Each round compiles every file once with `@babel/core` and no plugins and once with `@babel/core` + `coroutil/babel` " +
      "(`transformSync`, `sourceType: \"unambiguous\"`, `compact: false`, no config files), the two compiles of a file " +
      "back to back, alternating which goes first. Times are the process's CPU time (user + system), which a busy " +
      "machine disturbs less than wall time. files/s are from the median round; the added time is the median of the " +
      "per-round ratios.",
    "",
    ...table,
    "",
    "- @babel/*/lib corpus: the .js files under node_modules/@babel/*/lib (no coroutil in them: this measures what the " +
      "plugin costs a project's ordinary files).",
    "- marker-dense corpus: 200 generated files, each 10 groups of a plain generator and two `/** @coroutine */` " +
      "generators delegating with `yield from(x)` (20 annotated generators, 30 markers per file).",
    "",
    `Target: at most 10% added on the real corpus — ${pass_ ? "PASS" : "**FAIL**"} (${pct(real.ratio)}).`,
  ];

  process.stdout.write(`\n${table.join("\n")}\n\n${md.at(-1)}\n`);
  if (!flag("--no-write")) {
    writeSection(path.join(HERE, "RESULTS.md"), "## Plugin", md.join("\n"));
    log(`\nwrote the "## Plugin" section of bench/RESULTS.md`);
  }
  log(`bench:plugin took ${fmt((performance.now() - started) / 1000)} s`);
}

main();
