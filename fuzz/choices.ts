import type fc from "fast-check";

/** The random choices a program is built from, drawn from fast-check's random source (uniform, no bias). */
export class Choices {
  constructor(private readonly mrng: fc.Random) {}
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return this.mrng.nextInt(lo, hi);
  }
  chance(p: number): boolean {
    return this.mrng.nextDouble() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.mrng.nextInt(0, xs.length - 1)]!;
  }
  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let r = this.mrng.nextDouble() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [k, w] of entries) if ((r -= w) < 0) return k;
    return entries[entries.length - 1]![0];
  }
}
