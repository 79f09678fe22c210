import pc from "picocolors";
import { createTwoFilesPatch } from "diff";
import { relative } from "node:path";
import type { CodemodResult } from "./run.js";

type Colors = Pick<typeof pc, "green" | "red" | "cyan" | "bold" | "dim" | "yellow">;
const plain: Colors = { green: String, red: String, cyan: String, bold: String, dim: String, yellow: String } as Colors;

/** Unified diff of one changed file (paths relative to `cwd`), coloured when `color`. */
export function fileDiff(file: string, before: string, after: string, cwd: string, color: boolean): string {
  const name = relative(cwd, file).split("\\").join("/");
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after);
  if (!color) return patch;
  return patch
    .split("\n")
    .map((line) =>
      line.startsWith("+++") || line.startsWith("---")
        ? pc.bold(line)
        : line.startsWith("+")
          ? pc.green(line)
          : line.startsWith("-")
            ? pc.red(line)
            : line.startsWith("@@")
              ? pc.cyan(line)
              : line,
    )
    .join("\n");
}

/**
 * The run's summary: failures, skips and prime's reports one per line, then
 * "scanned N files, changed N, unchanged N, skipped N, failed N, time 0.12s".
 */
export function formatSummary(result: CodemodResult, cwd: string, color: boolean, check = false): string {
  const c = color ? pc : plain;
  const rel = (file: string) => relative(cwd, file).split("\\").join("/") || file;
  const lines: string[] = [];
  for (const o of result.files) {
    if (o.status === "failed") lines.push(`${c.red("failed")}  ${rel(o.file)}: ${o.reason}`);
    else if (o.status === "skipped") lines.push(`${c.yellow("skipped")} ${rel(o.file)}: ${o.reason}`);
  }
  if (result.leftovers.length) {
    lines.push(`${c.yellow("cleaned")} removed ${result.leftovers.length} temp file(s) an interrupted earlier run left: ${result.leftovers.map(rel).join(", ")}`);
  }
  for (const r of result.reports) {
    lines.push(`${c.yellow("left alone")} ${rel(r.file)}:${r.line}:${r.column} ${r.name}: ${r.reason}`);
  }
  if (check || !result.wrote) {
    for (const o of result.files) if (o.status === "changed") lines.push(`${c.cyan("would change")} ${rel(o.file)}`);
  }
  const n = result.counts;
  const mode = check ? " (check: nothing written)" : result.wrote ? "" : " (dry run: nothing written)";
  lines.push(
    `${c.bold(`coroutil codemod ${result.transform}`)}: scanned ${n.scanned} files, changed ${n.changed}, unchanged ${n.unchanged}, ` +
      `skipped ${n.skipped}, failed ${n.failed}, time ${(result.milliseconds / 1000).toFixed(2)}s${mode}`,
  );
  return lines.join("\n") + "\n";
}
