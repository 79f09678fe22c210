// Each benchmark owns one `## ` section of bench/RESULTS.md and rewrites only that.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

/** Replaces (or appends) the section headed `title` in `file` with `body`, atomically. */
export function writeSection(file: string, title: string, body: string): void {
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
