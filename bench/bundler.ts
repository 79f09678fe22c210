// Bundler overhead (issue: at most +10%): a Vite production build of a corpus of a few hundred
// modules, with and without coroutil/vite, alternating round by round in one process. The corpus
// is the .js files of the @babel/* packages' lib/ folders (ordinary code that does not use
// coroutil, as most of a project's files do not), each imported by one entry module.
// Writes the `## Bundler` section of bench/RESULTS.md. Flags: --rounds=N, --no-write.
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import coroutil from "coroutil/vite";
import { writeSection } from "./support/results-section.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const argv = process.argv.slice(2);
const ROUNDS = Number(argv.find((a) => a.startsWith("--rounds="))?.slice(9) ?? 7);
const log = (msg: string) => process.stderr.write(`${msg}\n`);

/** Copies the @babel/*\/lib folders into a temp project with one entry that imports every .js file. */
function corpus(): { dir: string; files: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "coroutil-bench-vite-"));
  const babel = path.join(ROOT, "node_modules/@babel");
  const entries: string[] = [];
  for (const pkg of readdirSync(babel)) {
    const lib = path.join(babel, pkg, "lib");
    try {
      if (!statSync(lib).isDirectory()) continue;
    } catch {
      continue;
    }
    cpSync(lib, path.join(dir, "src", pkg), { recursive: true });
    for (const file of readdirSync(lib, { recursive: true }) as string[]) {
      if (file.endsWith(".js")) entries.push(`./${pkg}/${file.split(path.sep).join("/")}`);
    }
  }
  writeFileSync(path.join(dir, "src/index.js"), entries.map((e, i) => `export * as m${i} from ${JSON.stringify(e)};`).join("\n") + "\n");
  return { dir, files: entries.length };
}

async function buildOnce(dir: string, withPlugin: boolean): Promise<number> {
  const start = performance.now();
  await build({
    root: dir,
    logLevel: "silent",
    configFile: false,
    plugins: withPlugin ? [coroutil()] : [],
    build: {
      outDir: path.join(dir, withPlugin ? "out-with" : "out-without"),
      emptyOutDir: true,
      minify: false,
      lib: { entry: path.join(dir, "src/index.js"), formats: ["es"], fileName: "bundle" },
      rollupOptions: { external: (id) => !id.startsWith(".") && !path.isAbsolute(id), onwarn: () => {} },
    },
  });
  return performance.now() - start;
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0]!;
  const { dir, files } = corpus();
  log(`vite build of ${files} modules, ${ROUNDS} rounds each way…`);
  const without: number[] = [];
  const withPlugin: number[] = [];
  try {
    await buildOnce(dir, false); // warm-up
    await buildOnce(dir, true);
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2) {
        withPlugin.push(await buildOnce(dir, true));
        without.push(await buildOnce(dir, false));
      } else {
        without.push(await buildOnce(dir, false));
        withPlugin.push(await buildOnce(dir, true));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const loadAfter = os.loadavg()[0]!;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const ratios = withPlugin.map((w, i) => w / without[i]!);
  const added = (median(ratios) - 1) * 100;
  const best = (Math.min(...withPlugin) / Math.min(...without) - 1) * 100;
  const pct = (v: number) => `${v >= 0 ? "+" : ""}${v.toFixed(1)}%`;
  const loadNote = `load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, on ${os.cpus().length} cores`;
  console.log(`vite build, ${files} modules: without ${median(without).toFixed(0)} ms, with coroutil/vite ${median(withPlugin).toFixed(0)} ms (median); added ${pct(added)} (median of rounds), ${pct(best)} (best against best)`);
  console.log(`${added <= 10 ? "PASS" : "FAIL"}  at most +10%`);
  console.log(loadNote);
  if (argv.includes("--no-write")) return;
  const md = [
    "## Bundler",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:bundler\` (bench/bundler.ts), ${ROUNDS} rounds each way, alternating.`,
    `Machine: Node ${process.version}, ${os.cpus()[0]?.model?.trim() ?? "unknown CPU"}, ${os.cpus().length} cores. Machine load: ${loadNote}.`,
    `A Vite production build (library mode, not minified) of ${files} modules, the .js files of the @babel/* packages' lib/ folders (none uses coroutil), with and without \`coroutil/vite\`: the plugin's text check returns every file untouched without a parse.`,
    "",
    "| build | median time | added time |",
    "|---|---:|---:|",
    `| without coroutil/vite | ${median(without).toFixed(0)} ms | |`,
    `| with coroutil/vite | ${median(withPlugin).toFixed(0)} ms | ${pct(added)} (median of per-round ratios; best against best ${pct(best)}) |`,
    "",
    `Target: at most +10% — ${added <= 10 ? "PASS" : "**FAIL**"}.`,
  ];
  writeSection(path.join(HERE, "RESULTS.md"), "## Bundler", md.join("\n"));
  log("wrote the Bundler section of bench/RESULTS.md");
}

await main();
