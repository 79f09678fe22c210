// The benchmarks time coroutil as users install it: the package's built files (dist/, what
// `npm pack` ships), resolved as a user's import resolves them, never the TypeScript sources through
// tsx. (The sources are slower than what ships: run as modules, their top-level `let` and `const`,
// read on every send, carry the checks for use before initialisation that a build's `var` has not.)
import { execFileSync } from "node:child_process";
import path from "node:path";

/** Set in the environment once this checkout's dist/ is built, so child processes do not build again. */
const BUILT = "COROUTIL_BENCH_BUILT";

/** Builds dist/ from this checkout's sources, once per benchmark run (children inherit the mark). */
export function buildOnce(root: string): void {
  if (process.env[BUILT] === "1") return;
  execFileSync(process.execPath, [path.join(root, "scripts/build.mjs")], { cwd: root, stdio: "pipe" });
  process.env[BUILT] = "1";
}

/** Node's flags for a child that runs a TypeScript workload against the built package. */
export const childNodeArgs = ["--import", "tsx"];
