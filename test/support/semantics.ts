// Shared by the semantics tests: finds the twins, runs the Python side and a batch of TypeScript
// cases, and formats a readable line-by-line comparison.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const semanticsDir = join(repoRoot, "fixtures", "semantics");
export const supportDir = join(semanticsDir, "_support");
const runner = join(repoRoot, "test", "support", "semantics-runner.ts");

export interface Twin {
  name: string;
  dir: string;
  py: string;
  ts: string;
}

export function listTwins(): Twin[] {
  return readdirSync(semanticsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith("_"))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(semanticsDir, name);
      return { name, dir, py: join(dir, "case.py"), ts: join(dir, "case.ts") };
    })
    .filter((t) => existsSync(t.py) && existsSync(t.ts));
}

const pyRunner = join(repoRoot, "test", "support", "semantics_runner.py");

/**
 * Runs Python twins in one interpreter (test/support/semantics_runner.py); if that batch dies, each
 * file runs alone. An uncaught exception ends a trace with `uncaught Name: message`.
 */
export function runPythonCases(files: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const run = (batch: string[], timeout: number) => {
    const r = spawnSync("python3", [pyRunner, ...batch], {
      encoding: "utf8",
      cwd: repoRoot,
      env: { ...process.env, PYTHONPATH: supportDir, PYTHONDONTWRITEBYTECODE: "1", PYTHONIOENCODING: "utf-8" },
      timeout,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error || r.status !== 0) return undefined;
    try {
      return JSON.parse(r.stdout) as Record<string, string[]>;
    } catch {
      return undefined;
    }
  };
  const batch = run(files, 60_000);
  for (const f of files) out.set(f, batch?.[f] ?? run([f], 15_000)?.[f] ?? ["<python case crashed or timed out>"]);
  return out;
}

/**
 * Runs TypeScript/JavaScript case files in one child process (tsx, source condition). If the batch
 * dies (a hang or a crash), each file is rerun alone so one bad case cannot hide the others.
 */
export function runScripts(files: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const batch = spawnBatch(files, 60_000);
  if (batch) {
    for (const f of files) out.set(f, batch[f] ?? ["<no output recorded>"]);
    return out;
  }
  for (const f of files) {
    const one = spawnBatch([f], 15_000);
    out.set(f, one?.[f] ?? ["<case crashed or timed out>"]);
  }
  return out;
}

function spawnBatch(files: string[], timeout: number): Record<string, string[]> | undefined {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=coroutil:source", "--stack-size=4000", runner, ...files],
    { encoding: "utf8", cwd: repoRoot, timeout, maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.status !== 0 || r.error) return undefined;
  try {
    return JSON.parse(r.stdout) as Record<string, string[]>;
  } catch {
    return undefined;
  }
}

/**
 * Compares two traces; when they differ, returns an Error for uvu that names the first differing line
 * and carries both traces, numbered, as its details (and no JS stack: the traces say it all).
 */
export function compareTraces(
  expected: string[],
  actual: string[],
  labels = ["python", "coroutil"],
): (Error & { details: string }) | undefined {
  const n = Math.max(expected.length, actual.length);
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) {
      first = i;
      break;
    }
  }
  if (first < 0) return undefined;
  const fmt = (lines: string[]) =>
    lines.map((l, i) => `${String(i + 1).padStart(3)}${i === first ? ">" : " "} ${l}`).join("\n");
  const summary = `traces differ at line ${first + 1}: ${labels[0]} printed ${JSON.stringify(expected[first] ?? "<end of output>")}, ${labels[1]} printed ${JSON.stringify(actual[first] ?? "<end of output>")}`;
  const details = [`--- ${labels[0]}`, fmt(expected), `--- ${labels[1]}`, fmt(actual), ""].join("\n");
  const err = Object.assign(new Error(summary), { details });
  err.stack = summary;
  return err;
}
