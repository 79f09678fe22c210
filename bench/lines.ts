// The SPEC's performance targets on every Node line, side by side in one run (SPEC section 2: measured
// on the active LTS, 24, with the other lines beside it). Runs bench/runtime.ts and bench/recursion.ts
// (without writing their own sections) on this machine's node and on each line of
// scripts/node-lines.mjs, reads their PASS/FAIL lines, and writes the `## Node lines` section of
// bench/RESULTS.md. Flags: --quick (fewer samples), --no-write (print only), --only=runtime|recursion.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { envFor, install, LINES } from "../scripts/node-lines.mjs";
import { buildOnce } from "./support/as-shipped.js";
import { writeSection } from "./support/results-section.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REFERENCE = "24";
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const write = !argv.includes("--no-write");
const only = argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const benches = [
  { name: "runtime", args: ["bench/runtime.ts", "--no-write", ...(quick ? ["--quick"] : [])] },
  { name: "recursion", args: ["bench/recursion.ts", "--no-write", ...(quick ? ["--rounds=3"] : [])] },
].filter((b) => !only || b.name === only);

interface Run {
  label: string;
  version: string;
  targets: Map<string, { pass: boolean; measured: string }>;
}

function runOn(label: string, env: NodeJS.ProcessEnv): Run {
  const node = spawnSync("node", ["--version"], { env, encoding: "utf8" }).stdout.trim();
  const targets = new Map<string, { pass: boolean; measured: string }>();
  for (const bench of benches) {
    process.stderr.write(`${label} (${node}): ${bench.name}…\n`);
    const r = spawnSync("node", ["--import", "tsx", "--conditions=coroutil:source", ...bench.args], {
      cwd: ROOT,
      env,
      encoding: "utf8",
      maxBuffer: 1 << 24,
      stdio: ["ignore", "pipe", "inherit"],
    });
    for (const line of (r.stdout ?? "").split("\n")) {
      const m = /^(PASS|FAIL)\s+(.*): (.*)$/.exec(line);
      if (m) targets.set(m[2]!, { pass: m[1] === "PASS", measured: m[3]!.replace(/\s*\(.*$/, "") });
    }
    if (r.status !== 0) targets.set(`${bench.name} benchmark ran`, { pass: false, measured: `exit ${r.status}` });
  }
  return { label, version: node, targets };
}

buildOnce(ROOT); // one build for every line (the mark is in process.env, which each line's env copies)
const runs: Run[] = [runOn("this machine", process.env)];
for (const line of LINES) {
  const env = envFor(install(line));
  // (run from a line's own PATH, this machine's node is that line: measured once)
  const version = spawnSync("node", ["--version"], { env, encoding: "utf8" }).stdout.trim();
  if (!runs.some((r) => r.version === version)) runs.push(runOn(`node ${line}`, env));
}

const names = [...new Set(runs.flatMap((r) => [...r.targets.keys()]))];
const loadAfter = os.loadavg()[0]!;
const header = ["| target |", ...runs.map((r) => ` ${r.version}${r.version.startsWith(`v${REFERENCE}.`) ? " (reference)" : ""} |`)].join("");
const table = [header, `|---|${runs.map(() => "---|").join("")}`];
for (const name of names) {
  table.push(`| ${name} |${runs.map((r) => { const t = r.targets.get(name); return t ? ` ${t.pass ? "PASS" : "**FAIL**"} ${t.measured} |` : " — |"; }).join("")}`);
}
const date = new Date().toISOString().slice(0, 10);
const cpu = os.cpus()[0]?.model?.trim() ?? "unknown CPU";
const md = [
  "## Node lines",
  "",
  `\`npx tsx bench/lines.ts${quick ? " --quick" : ""}\`, ${date}: each SPEC target of bench/runtime.ts and bench/recursion.ts on this machine's node and on every maintained line, one after another in one run. The contract is judged on Node ${REFERENCE}, the active LTS. Machine: ${cpu}, ${os.cpus().length} cores; load average (1 min) ${loadAfter.toFixed(2)} at the end.`,
  "",
  ...table,
];
console.log(md.join("\n"));
if (write) writeSection(path.join(ROOT, "bench/RESULTS.md"), "## Node lines", md.join("\n"));
