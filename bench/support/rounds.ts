// One workload's timing in one process: its variants run in alternation, round after round, so a
// change of load affects them alike; each variant returns a checksum, which must agree.

export interface Timing {
  /** milliseconds of each round, per variant */
  ms: Record<string, number[]>;
  /** a variant that could not run (e.g. native `yield*` overflowing the stack), with why */
  failed: Record<string, string>;
  checksum: unknown;
}

/** Runs `rounds` rounds of every variant (after one warm-up round), in alternation. */
export function timeRounds(variants: Record<string, () => unknown>, rounds: number): Timing {
  const ms: Record<string, number[]> = {};
  const failed: Record<string, string> = {};
  let checksum: unknown;
  let reference = "";
  for (let round = -1; round < rounds; round++) {
    for (const [name, run] of Object.entries(variants)) {
      if (failed[name]) continue;
      const start = performance.now();
      let result: unknown;
      try {
        result = run();
      } catch (e) {
        failed[name] = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        continue;
      }
      const took = performance.now() - start;
      if (checksum === undefined) {
        checksum = result;
        reference = name;
      } else if (result !== checksum) {
        throw new Error(`${name} computed ${String(result)}, ${reference} computed ${String(checksum)}`);
      }
      if (round >= 0) (ms[name] ??= []).push(took);
    }
  }
  return { ms, failed, checksum };
}

/** The rounds given on the command line (`--rounds=N`), else `fallback`. */
export function roundsArg(fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith("--rounds="));
  return arg ? Number(arg.slice("--rounds=".length)) : fallback;
}

/** Prints a workload's result as one JSON line, what bench/recursion.ts reads. */
export function report(result: Record<string, unknown>): void {
  console.log(JSON.stringify(result));
}
