import type { NodePath, types as t } from "@babel/core";
import { RUNTIME_MODULE } from "../plugin/contract.js";
import { findRuntimeBindings, findRuntimeUses, recognise } from "../plugin/recognise/index.js";
import { withProgram } from "./babel-file.js";
import type { Edit } from "./edits.js";
import { ImportPlan } from "./import-plan.js";

/**
 * What the plugin's recogniser says of one file, in offsets of its text, for prime (which works on
 * ts-morph's tree for its cross-file search but reads coroutil's syntax as the plugin does).
 */
export interface FileFacts {
  /** Body start offsets of the generators already annotated `@coroutine` (JSDoc or decorator). */
  annotatedBodies: Set<number>;
  /** Start offset of each expression that names a runtime export (`next`, `co.next`) -> that export. */
  runtimeNames: Map<number, string>;
  /** Edits that drop the import specifiers whose every use starts at one of `removed`. */
  dropImports(removed: ReadonlySet<number>): Edit[];
}

/** Reads a file (no BOM) with the plugin's recogniser; throws the recogniser's error for input the plugin rejects. */
export function fileFacts(text: string, fileName: string): FileFacts {
  const sources = new Set([RUNTIME_MODULE]);
  let drop: FileFacts["dropImports"] = () => [];
  const annotatedBodies = new Set<number>();
  const runtimeNames = new Map<number, string>();
  withProgram(text, fileName, (program, comments) => {
    const found = recognise(program, comments, sources);
    for (const target of found?.targets ?? []) if (target.primed) annotatedBodies.add(target.fn.node.body.start!);
    const bindings = found?.bindings ?? findRuntimeBindings(program, sources);
    for (const use of findRuntimeUses(bindings)) runtimeNames.set(use.path.node.start!, use.name);
    drop = (removed) => {
      const plan = new ImportPlan(program as NodePath<t.Program>, bindings, text, fileName, RUNTIME_MODULE, sources);
      for (const binding of bindings.keys()) {
        const uses = binding.referencePaths;
        if (binding.path.isImportSpecifier() && uses.length && uses.every((ref) => removed.has(ref.node.start!))) plan.drop(binding.path.node);
      }
      return plan.edits();
    };
  });
  return { annotatedBodies, runtimeNames, dropImports: (removed) => drop(removed) };
}
