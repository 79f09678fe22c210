import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PY_EPILOGUE, PY_PRELUDE, pythonCall, renderPythonProgram } from "./render-python.js";
import { TS_IMPORT, TS_PRELUDE, renderTsProgram, tsCall, type Form } from "./render-ts.js";
import type { Program } from "./program.js";

/** The standalone Python twin of one program. */
export function pythonTwin(p: Program): string {
  return PY_PRELUDE + "\n" + renderPythonProgram(p) + pythonCall(p) + PY_EPILOGUE;
}

/** The standalone coroutil twin of one program, in one form. */
export function tsTwin(p: Program, form: Form): string {
  const how =
    form === "runtime"
      ? "// Runtime form: runs as it is (tsx with the coroutil:source condition).\n"
      : "// Plugin form: compile with coroutil/babel (and @babel/preset-typescript) before running.\n";
  return how + TS_IMPORT + TS_PRELUDE + "\n" + renderTsProgram(p, form) + tsCall(p);
}

/**
 * Writes `<dir>/<seed>-<n>/` with both twins (every form) and every trace of
 * a divergent program; returns the folder.
 */
export function writeFailure(dir: string, p: Program, traces: Record<string, string[] | undefined>): string {
  const folder = join(dir, p.id);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "program.py"), pythonTwin(p));
  writeFileSync(join(folder, "runtime.ts"), tsTwin(p, "runtime"));
  writeFileSync(join(folder, "plugin.ts"), tsTwin(p, "plugin"));
  writeFileSync(join(folder, "program.json"), JSON.stringify(p, null, 1) + "\n");
  // plugin8 compiles plugin.ts with Babel 8: no file of its own.
  for (const [name, lines] of Object.entries(traces)) {
    if (lines) writeFileSync(join(folder, `${name}.txt`), lines.join("\n") + "\n");
  }
  return folder;
}
