import fc from "fast-check";
import { programs } from "./generate.js";
import { valueAt } from "./replay.js";
import { runPrograms, type RunOptions } from "./harness.js";
import type { Program } from "./program.js";
import { size } from "./simplify.js";

export { size };
import type { Form } from "./render-ts.js";

/** A divergent program made small by fast-check, and the path that replays it (`--seed S --path P`). */
export interface Shrunk {
  /** true when the time limit stopped shrinking (the program is the smallest found by then) */
  interrupted: boolean;
  program: Program;
  path: string;
  /** programs run while shrinking */
  runs: number;
}

/**
 * Shrinks program `index` of run `seed`, which diverges in `form`, with fast-check's own shrinker:
 * each candidate fast-check proposes runs under python3 and coroutil, and the smallest program
 * that still diverges comes back with the path that replays it.
 */
export async function shrink(
  seed: number,
  index: number,
  form: Form,
  opts: Omit<RunOptions, "seed" | "runs" | "only" | "forms"> & { shrinkMs?: number },
  log: (msg: string) => void = () => {},
): Promise<Shrunk> {
  let runs = 0;
  const diverges = async (p: Program): Promise<boolean> => {
    const candidate = { ...p, id: `${seed}-${index}-s${runs++}` };
    const r = await runPrograms([candidate], [index], { ...opts, forms: [form] });
    const found = r.divergences.length > 0;
    if (found && runs > 1) log(`shrink: ${size(candidate)} statements, ${candidate.ops.length} operations still diverge`);
    return found;
  };
  // Each candidate costs a python3 and a node process, and fast-check would try every choice the
  // program was made of: stop after a time limit with the smallest divergent program found so far.
  const result = await fc.check(
    fc.asyncProperty(programs, async (p) => !(await diverges(p))),
    { seed, path: String(index), interruptAfterTimeLimit: opts.shrinkMs ?? 180_000 },
  );
  if (!result.failed || !result.counterexample || result.counterexamplePath === null) {
    throw new Error(`program ${index} of seed ${seed} does not diverge in the ${form} form`);
  }
  return { program: { ...result.counterexample[0], id: `${seed}-${index}-min` }, path: result.counterexamplePath, runs, interrupted: result.interrupted };
}

/** The program fast-check generates at `path` for `seed` (a shrunk one too), to replay it. */
export function programAt(seed: number, path: string): Program {
  return { ...valueAt(programs, seed, path), id: `${seed}-${path.replaceAll(":", "_")}` };
}
