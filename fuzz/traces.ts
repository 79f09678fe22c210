/** Splits a batch's output into one trace per program, keyed by program id. */
export function splitTraces(stdout: string): Map<string, string[]> {
  const traces = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of stdout.split("\n")) {
    if (line.startsWith("#### ")) {
      current = [];
      traces.set(line.slice(5), current);
    } else if (current !== undefined && line !== "") current.push(line);
  }
  return traces;
}

/** The first line where two traces differ, or -1 when they are identical. */
export function firstDifference(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}
