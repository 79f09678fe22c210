import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Project, ts } from "ts-morph";

const LOOSE_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  noLib: true,
  noResolve: true,
  jsx: ts.JsxEmit.Preserve,
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
};

/** A project with no files on disk: enough to parse and bind one file at a time (eject). */
export function memoryProject(): Project {
  return new Project({ useInMemoryFileSystem: true, compilerOptions: LOOSE_OPTIONS, skipLoadingLibFiles: true });
}

/** The nearest tsconfig.json at or above `from` (a file or folder), if any. */
export function findTsconfig(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, "tsconfig.json");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A project on disk for the language service (prime): the tsconfig's files
 * when there is one (so references across the project are found), plus the
 * files being processed.
 */
export function diskProject(tsconfig: string | undefined, files: readonly string[]): Project {
  const project = tsconfig
    ? new Project({ tsConfigFilePath: tsconfig, compilerOptions: { allowJs: true }, skipFileDependencyResolution: true })
    : new Project({ compilerOptions: { ...LOOSE_OPTIONS, noLib: false, noResolve: false } });
  for (const file of files) if (!project.getSourceFile(file)) project.addSourceFileAtPath(file);
  return project;
}
