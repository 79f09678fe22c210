/**
 * Divergences already reported to the runtime's owner and not fixed yet. The CI batch
 * (test/fuzz.test.ts) accepts a line pair matching one of these, and says so; `npm run fuzz`
 * reports them like any other unless given --mask-known. Remove an entry once its fix lands.
 */
export interface Known {
  /** what the bug is, and where it was reported */
  bug: string;
  python: RegExp;
  coroutil: RegExp;
}

export const KNOWN: Known[] = [];

/** The first line where the traces differ, ignoring line pairs that a known bug explains. */
export function firstUnknownDifference(
  python: readonly string[],
  coroutil: readonly string[],
  known: readonly Known[],
  masked: Set<Known>,
): number {
  const n = Math.max(python.length, coroutil.length);
  for (let i = 0; i < n; i++) {
    const p = python[i];
    const c = coroutil[i];
    if (p === c) continue;
    const k = p !== undefined && c !== undefined ? known.find((k) => k.python.test(p) && k.coroutil.test(c)) : undefined;
    if (k === undefined) return i;
    masked.add(k);
  }
  return -1;
}
