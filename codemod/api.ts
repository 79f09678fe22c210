import type { PrimeOptions, PrimeReport } from "./prime.js";
import { runCodemod, type CodemodOptions, type CodemodResult } from "./run.js";

/** `coroutil codemod eject PATHS…` as a function: rewrites annotations and markers into plain runtime calls. */
export function eject(paths: readonly string[], options: Omit<CodemodOptions, "paths"> = {}): Promise<CodemodResult> {
  return runCodemod("eject", { ...options, paths });
}

/**
 * `coroutil codemod prime PATHS…` as a function: makes generators whose every creation is primed at
 * once prime themselves (`coroutine(…)`; with `tag`, the `@coroutine` JSDoc tag).
 */
export function prime(paths: readonly string[], options: Omit<CodemodOptions, "paths"> = {}): Promise<CodemodResult> {
  return runCodemod("prime", { ...options, paths });
}


/**
 * Primes in-memory files (name -> text) as one project; returns the new texts and what was left
 * alone. Asynchronous because prime loads the type checker (ts-morph) on first use.
 */
export async function primeTexts(
  files: Readonly<Record<string, string>>,
  options: PrimeOptions = {},
): Promise<{ texts: Record<string, string>; reports: PrimeReport[] }> {
  const { primeInMemory } = await import("./prime-files.js");
  return primeInMemory(files, options);
}

export { ejectText } from "./eject-text.js";
