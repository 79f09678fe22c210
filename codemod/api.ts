import { babelErrorLine } from "./babel-file.js";
import { ejectSource, type EjectOptions } from "./eject.js";
import type { PrimeOptions, PrimeReport } from "./prime.js";
import { runCodemod, type CodemodOptions, type CodemodResult } from "./run.js";
import { splitText } from "./text.js";

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

/** Ejects source text (BOM and line endings kept); throws on a syntax error or input the plugin rejects. */
export function ejectText(text: string, fileName = "input.ts", options: EjectOptions = {}): string {
  const { bom, body } = splitText(text);
  try {
    return bom + ejectSource(body, fileName, options);
  } catch (error) {
    if ((error as { code?: string }).code === "BABEL_PARSE_ERROR") throw new SyntaxError(`${fileName} does not parse: ${babelErrorLine(error)}`);
    throw error;
  }
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
