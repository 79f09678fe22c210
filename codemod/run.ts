import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { messages, missingPackage } from "../plugin/contract.js";
import { babelErrorLine } from "./babel-file.js";
import { ejectSource } from "./eject.js";
import { collectFiles } from "./files.js";
import type { PrimeReport } from "./prime.js";
import { finish, message, type FileOutcome, type FileStatus } from "./finish.js";
import { readSource, removeLeftovers } from "./safe-io.js";
import { splitText } from "./text.js";

export type Transform = "eject" | "prime";

/** A tool's optional peer dependency is missing; the message says in one line what to install. */
export class MissingPeerError extends Error {}

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
  /** eject: the module the runtime is imported from, as the Babel plugin's `runtimeModule` option (default "coroutil") */
  runtimeModule?: string;
  /** prime: write the `@coroutine` JSDoc tag (for projects that compile with the plugin) instead of `coroutine(…)` */
  tag?: boolean;
  /** called after each file */
  onProgress?: (done: number, total: number, file: string) => void;
}

export type { FileOutcome, FileStatus } from "./finish.js";

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
    for (const file of collected.files) {
      outcomes.push(ejectFile(file, write, options.runtimeModule));
      progress(file);
      // Between files, a SIGINT or SIGTERM handler can run: no write is half done then.
      await new Promise((next) => setImmediate(next));
    }
  } else {
    // Prime needs the type checker (ts-morph); eject never loads it.
    let primeFiles: typeof import("./prime-files.js").primeFiles;
    try {
      ({ primeFiles } = await import("./prime-files.js"));
    } catch (error) {
      if (missingPackage(error, ["ts-morph"])) throw new MissingPeerError(messages.missingPeer("coroutil codemod prime", ["ts-morph"], "codemod prime"));
      throw error;
    }
    reports = await primeFiles(collected.files, { cwd, paths, project: options.project, tag: options.tag, write }, outcomes, progress);
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

function ejectFile(file: string, write: boolean, runtimeModule: string | undefined): FileOutcome {
  try {
    const { text: raw, bytes } = readSource(file);
    const { bom, body } = splitText(raw);
    let next: string;
    try {
      next = ejectSource(body, file, { runtimeModule });
    } catch (error) {
      if ((error as { code?: string }).code === "BABEL_PARSE_ERROR") return { file, status: "failed", reason: `does not parse: ${babelErrorLine(error)}` };
      throw error;
    }
    if (next === body) return { file, status: "unchanged" };
    return finish(file, raw, bytes, bom + next, write);
  } catch (error) {
    return { file, status: "failed", reason: message(error) };
  }
}

