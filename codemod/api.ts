import { ejectSourceFile } from "./eject.js";
import { syntaxErrors } from "./parse.js";
import { primeProject, type PrimeOptions, type PrimeReport } from "./prime.js";
import { memoryProject } from "./project.js";
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
export function ejectText(text: string, fileName = "input.ts"): string {
  const { bom, body } = splitText(text);
  const sf = memoryProject().createSourceFile(`/${fileName}`, body);
  const errors = syntaxErrors(sf);
  if (errors.length) throw new SyntaxError(`${fileName} does not parse: ${errors[0]}`);
  return bom + ejectSourceFile(sf);
}

/** Primes in-memory files (name -> text) as one project; returns the new texts and what was left alone. */
export function primeTexts(
  files: Readonly<Record<string, string>>,
  options: PrimeOptions = {},
): { texts: Record<string, string>; reports: PrimeReport[] } {
  const project = memoryProject();
  const boms = new Map<string, string>();
  for (const [name, text] of Object.entries(files)) {
    const { bom, body } = splitText(text);
    const sf = project.createSourceFile(`/${name}`, body);
    const errors = syntaxErrors(sf);
    if (errors.length) throw new SyntaxError(`${name} does not parse: ${errors[0]}`);
    boms.set(sf.getFilePath(), bom);
  }
  const outcome = primeProject(project, [...boms.keys()], options);
  const texts: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    const next = outcome.texts.get(`/${name}`);
    texts[name] = next === undefined ? text : (boms.get(`/${name}`) ?? "") + next;
  }
  const reports = outcome.reports.map((r) => ({ ...r, file: r.file.replace(/^\//, "") }));
  return { texts, reports };
}
