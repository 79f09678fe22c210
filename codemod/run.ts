import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { ejectSourceFile } from "./eject.js";
import { collectFiles } from "./files.js";
import { quickSyntaxErrors, syntaxErrors } from "./parse.js";
import { primeProject, type PrimeReport } from "./prime.js";
import { diskProject, findTsconfig, memoryProject } from "./project.js";
import { readSource, removeLeftovers, writeSource } from "./safe-io.js";
import { splitText } from "./text.js";

export type Transform = "eject" | "prime";

export interface CodemodOptions {
  /** files or folders; default the current folder */
  paths?: readonly string[];
  /** where relative paths and globs start; default process.cwd() */
  cwd?: string;
  /** compute everything, write nothing */
  dryRun?: boolean;
  /** write nothing; the result's exitCode is 1 when anything would change */
  check?: boolean;
  /** tsconfig.json for prime's project (else found upward from the first path / cwd) */
  project?: string;
  include?: readonly string[];
  exclude?: readonly string[];
  /** prime: write the `@coroutine` JSDoc tag (for projects that compile with the plugin) instead of `coroutine(…)` */
  tag?: boolean;
  /** called after each file */
  onProgress?: (done: number, total: number, file: string) => void;
}

export type FileStatus = "changed" | "unchanged" | "skipped" | "failed";

export interface FileOutcome {
  file: string;
  status: FileStatus;
  reason?: string;
  /** original and new text (BOM included) of a changed file */
  before?: string;
  after?: string;
}

/** Temp files of an interrupted earlier run that this run found and removed. */
export interface Leftovers {
  removed: string[];
}

export interface CodemodResult {
  transform: Transform;
  files: FileOutcome[];
  /** prime: functions left alone and why */
  reports: PrimeReport[];
  counts: Record<FileStatus | "scanned", number>;
  /** true when files were written */
  wrote: boolean;
  milliseconds: number;
  /** 2 when a file failed, else 1 when --check found changes, else 0 */
  exitCode: 0 | 1 | 2;
  /** temp files a killed earlier run left in the folders given, removed now */
  leftovers: string[];
}

/** Runs eject or prime over PATHS; per-file errors are reported and never stop the run. */
export async function runCodemod(transform: Transform, options: CodemodOptions = {}): Promise<CodemodResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const paths = options.paths?.length ? options.paths : ["."];
  const write = !options.dryRun && !options.check;
  // First, what a killed earlier run left (an original it set aside is put back, then scanned).
  const leftovers = write ? removeLeftovers(paths.map((p) => resolve(cwd, p))) : [];
  const collected = collectFiles(paths, cwd, options.include, options.exclude);
  const outcomes: FileOutcome[] = [
    ...collected.missing.map((file): FileOutcome => ({ file, status: "failed", reason: "no such file or folder" })),
    ...collected.skipped.map(({ file, reason }): FileOutcome => ({ file, status: "skipped", reason })),
  ];

  const total = collected.files.length;
  let done = 0;
  const progress = (file: string): void => options.onProgress?.(++done, total, file);
  let reports: PrimeReport[] = [];

  if (transform === "eject") {
    const project = memoryProject();
    for (const file of collected.files) {
      outcomes.push(ejectFile(project, file, write));
      progress(file);
      // Between files, a SIGINT or SIGTERM handler can run: no write is half done then.
      await new Promise((next) => setImmediate(next));
    }
  } else {
    const parsed: { file: string; raw: string; bytes: Buffer }[] = [];
    const checker = memoryProject();
    for (const file of collected.files) {
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
      const tsconfig = options.project ? relativeTo(cwd, options.project) : findTsconfig(relativeTo(cwd, paths[0]!));
      const project = diskProject(tsconfig, parsed.map((p) => p.file));
      const outcome = primeProject(project, parsed.map((p) => p.file), { tag: options.tag });
      reports = outcome.reports;
      for (const { file, raw, bytes } of parsed) {
        const { bom, body } = splitText(raw);
        const next = outcome.texts.get(project.getSourceFileOrThrow(file).getFilePath());
        if (next === undefined || next === body) outcomes.push({ file, status: "unchanged" });
        else outcomes.push(finish(file, raw, bytes, bom + next, write));
        progress(file);
        await new Promise((next) => setImmediate(next));
      }
    } catch (error) {
      for (const { file } of parsed) outcomes.push({ file, status: "failed", reason: message(error) });
    }
  }

  const counts = { scanned: collected.files.length, changed: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const o of outcomes) counts[o.status]++;
  const exitCode = counts.failed ? 2 : options.check && counts.changed ? 1 : 0;
  return {
    transform,
    files: outcomes,
    reports,
    counts,
    wrote: write,
    milliseconds: performance.now() - started,
    exitCode,
    leftovers,
  };
}

function ejectFile(project: ReturnType<typeof memoryProject>, file: string, write: boolean): FileOutcome {
  let sf;
  try {
    const { text: raw, bytes } = readSource(file);
    const { bom, body } = splitText(raw);
    if (!body.includes("coroutil") && !body.includes("@coroutine")) {
      let errors = quickSyntaxErrors(file, body);
      if (!errors) {
        sf = project.createSourceFile(file, body, { overwrite: true });
        errors = syntaxErrors(sf);
      }
      return errors.length ? { file, status: "failed", reason: `does not parse: ${errors[0]}` } : { file, status: "unchanged" };
    }
    sf = project.createSourceFile(file, body, { overwrite: true });
    const errors = quickSyntaxErrors(file, body) ?? syntaxErrors(sf);
    if (errors.length) return { file, status: "failed", reason: `does not parse: ${errors[0]}` };
    const next = ejectSourceFile(sf);
    if (next === body) return { file, status: "unchanged" };
    return finish(file, raw, bytes, bom + next, write, project);
  } catch (error) {
    return { file, status: "failed", reason: message(error) };
  } finally {
    if (sf && !sf.wasForgotten()) project.removeSourceFile(sf);
  }
}

/**
 * Checks the new text parses, then writes it atomically (temp file + rename, only over the bytes
 * that were read) unless dry.
 */
function finish(
  file: string,
  before: string,
  bytes: Buffer,
  after: string,
  write: boolean,
  project = memoryProject(),
): FileOutcome {
  const checkName = `${file}.coroutil-check${file.slice(file.lastIndexOf("."))}`;
  let errors = quickSyntaxErrors(checkName, splitText(after).body);
  if (!errors) {
    const check = project.createSourceFile(checkName, splitText(after).body, { overwrite: true });
    errors = syntaxErrors(check);
    project.removeSourceFile(check);
  }
  if (errors.length) {
    return { file, status: "failed", reason: `the codemod's output would not parse (${errors[0]}); file left as it was — please report this` };
  }
  if (write) {
    try {
      writeSource(file, after, bytes);
    } catch (error) {
      return { file, status: "failed", reason: message(error) };
    }
  }
  return { file, status: "changed", before, after };
}

function relativeTo(cwd: string, path: string): string {
  return resolve(cwd, path);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
