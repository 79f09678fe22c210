import { resolve } from "node:path";
import { quickSyntaxErrors, syntaxErrors } from "./parse.js";
import { primeProject, type PrimeOptions, type PrimeReport } from "./prime.js";
import { diskProject, findTsconfig, memoryProject } from "./project.js";
import { finish, message, type FileOutcome } from "./finish.js";
import { readSource } from "./safe-io.js";
import { splitText } from "./text.js";

interface PrimeRun {
  cwd: string;
  paths: readonly string[];
  project?: string;
  tag?: boolean;
  write: boolean;
}

/**
 * `coroutil codemod prime` over the collected files, as one ts-morph project (creation sites are
 * searched across files): appends each file's outcome and returns what was left alone.
 */
export async function primeFiles(files: readonly string[], run: PrimeRun, outcomes: FileOutcome[], progress: (file: string) => void): Promise<PrimeReport[]> {
  const parsed: { file: string; raw: string; bytes: Buffer }[] = [];
  const checker = memoryProject();
  for (const file of files) {
    try {
      const { text: raw, bytes } = readSource(file);
      let errors = quickSyntaxErrors(file, splitText(raw).body);
      if (!errors) {
        const sf = checker.createSourceFile(file, splitText(raw).body, { overwrite: true });
        errors = syntaxErrors(sf);
        checker.removeSourceFile(sf);
      }
      if (errors.length) outcomes.push({ file, status: "failed", reason: `does not parse: ${errors[0]}` });
      else parsed.push({ file, raw, bytes });
    } catch (error) {
      outcomes.push({ file, status: "failed", reason: message(error) });
    }
  }
  try {
    const tsconfig = run.project ? resolve(run.cwd, run.project) : findTsconfig(resolve(run.cwd, run.paths[0]!));
    const project = diskProject(tsconfig, parsed.map((p) => p.file));
    const outcome = primeProject(project, parsed.map((p) => p.file), { tag: run.tag });
    for (const { file, raw, bytes } of parsed) {
      const { bom, body } = splitText(raw);
      const next = outcome.texts.get(project.getSourceFileOrThrow(file).getFilePath());
      if (next === undefined || next === body) outcomes.push({ file, status: "unchanged" });
      else outcomes.push(finish(file, raw, bytes, bom + next, run.write));
      progress(file);
      await new Promise((next) => setImmediate(next));
    }
    return outcome.reports;
  } catch (error) {
    for (const { file } of parsed) outcomes.push({ file, status: "failed", reason: message(error) });
    return [];
  }
}

/** Primes in-memory files (name -> text) as one project: the new texts and what was left alone. */
export function primeInMemory(
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
