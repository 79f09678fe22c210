import { dirname } from "node:path";
import type { NodePath, types as t } from "@babel/core";
import { nearestPackageType } from "../plugin/package-type.js";
import { NAMESPACE, type RuntimeBindings } from "../plugin/recognise/index.js";
import type { Edit } from "./edits.js";

/**
 * Gives the local text for runtime exports eject writes (`coroutine`, `from`, …), reusing the
 * file's bindings of the runtime where they reach the place of use, and makes the edits that add
 * the missing ones (extending an existing `import { … } from "coroutil"` when there is one) and
 * drop specifiers the transform left unused. Added names never clash with names in the file.
 */
export class ImportPlan {
  private readonly added = new Map<string, string>();
  private readonly removed = new Set<t.Node>();
  private inUse: Set<string> | undefined;

  constructor(
    private readonly program: NodePath<t.Program>,
    private readonly bindings: RuntimeBindings,
    private readonly text: string,
    private readonly fileName: string,
    private readonly module: string,
    private readonly sources: ReadonlySet<string>,
  ) {}

  /** The expression to write for runtime export `name` at `at` (`from`, `_from`, `co.from`). */
  use(name: string, at: NodePath): string {
    for (const [binding, exported] of this.bindings) {
      if (exported === name && at.scope.getBinding(binding.identifier.name) === binding) return binding.identifier.name;
    }
    const added = this.added.get(name);
    if (added) return added;
    if (!this.namedTarget()) {
      for (const [binding, exported] of this.bindings) {
        if (exported === NAMESPACE && at.scope.getBinding(binding.identifier.name) === binding) return `${binding.identifier.name}.${name}`;
      }
    }
    this.inUse ??= namesInUse(this.program);
    let local = name;
    for (let n = 1; this.inUse.has(local) || [...this.added.values()].includes(local); n++) local = n === 1 ? `_${name}` : `_${name}${n}`;
    this.added.set(name, local);
    return local;
  }

  /** A name like `base` that nothing in the file uses (reserved from then on). */
  freshName(base: string): string {
    this.inUse ??= namesInUse(this.program);
    let name = base;
    for (let n = 2; this.inUse.has(name); n++) name = `${base}${n}`;
    this.inUse.add(name);
    return name;
  }

  /** Drops an import specifier the transform made unused. */
  drop(specifier: t.Node): void {
    this.removed.add(specifier);
  }

  private imports(): t.ImportDeclaration[] {
    return this.program.node.body.filter((s): s is t.ImportDeclaration => s.type === "ImportDeclaration");
  }

  private namedTarget(): t.ImportDeclaration | undefined {
    return this.imports().find((d) => {
      if (!this.sources.has(d.source.value) || d.importKind === "type") return false;
      const named = d.specifiers.some((s) => s.type === "ImportSpecifier");
      return named || !d.specifiers.length;
    });
  }

  /** Edits for the import changes ("\n" line endings); empty when none. */
  edits(): Edit[] {
    const text = this.text;
    const specs = [...this.added].map(([name, local]) => (name === local ? name : `${name} as ${local}`));
    const edits: Edit[] = [];
    const target = this.namedTarget();
    const touched = new Set<t.ImportDeclaration>();
    for (const decl of this.imports()) if (decl.specifiers.some((s) => this.removed.has(s))) touched.add(decl);
    if (target && specs.length) touched.add(target);
    for (const decl of touched) {
      const elements = decl.specifiers.filter((s): s is t.ImportSpecifier => s.type === "ImportSpecifier");
      const kept = elements.filter((e) => !this.removed.has(e));
      const extra = decl === target ? specs : [];
      const hasDefault = decl.specifiers.some((s) => s.type === "ImportDefaultSpecifier");
      if (kept.length === elements.length) {
        const last = elements[elements.length - 1];
        if (last) {
          edits.push({ start: last.end!, end: last.end!, text: extra.map((s) => `, ${s}`).join("") });
          continue;
        }
        const head = text.slice(decl.start!, decl.source.start!);
        const open = head.indexOf("{");
        if (open !== -1) edits.push({ start: decl.start! + open, end: decl.start! + head.lastIndexOf("}") + 1, text: `{ ${extra.join(", ")} }` });
        else edits.push({ start: decl.source.start!, end: decl.source.start!, text: `{ ${extra.join(", ")} } from ` });
        continue;
      }
      const texts = [...kept.map((e) => text.slice(e.start!, e.end!)), ...extra];
      if (texts.length === 0 && !hasDefault) {
        let end = decl.end!;
        while (text[end] === " " || text[end] === "\t") end++;
        if (text[end] === "\r") end++;
        if (text[end] === "\n") end++;
        edits.push({ start: decl.start!, end, text: "" });
        continue;
      }
      if (texts.length === 0) {
        const defaultEnd = decl.specifiers.find((s) => s.type === "ImportDefaultSpecifier")!.end!;
        const close = text.lastIndexOf("}", decl.source.start!);
        edits.push({ start: defaultEnd, end: close + 1, text: "" });
        continue;
      }
      const between = elements.length > 1 ? text.slice(elements[0]!.end!, elements[1]!.start!) : ", ";
      const sep = between.includes("\n") ? between : ", ";
      edits.push({ start: elements[0]!.start!, end: elements[elements.length - 1]!.end!, text: texts.join(sep) });
    }
    if (!target && specs.length) edits.push(this.newImport(specs));
    return edits;
  }

  private newImport(specs: string[]): Edit {
    const text = this.text;
    const body = this.program.node.body;
    const imports = this.imports();
    const model = imports[0];
    const quote = model ? text[model.source.start!]! : '"';
    const semi = model ? (text[model.end! - 1] === ";" ? ";" : "") : usesSemicolons(body, text) ? ";" : "";
    const list = specs.join(", ");
    const esm = imports.length > 0 || body.some((s) => s.type.startsWith("Export")) || !this.isCommonJs();
    const line = esm ? `import { ${list} } from ${quote}${this.module}${quote}${semi}` : `const { ${list} } = require(${quote}${this.module}${quote})${semi}`;
    const last = imports[imports.length - 1];
    if (last) return { start: last.end!, end: last.end!, text: `\n${line}` };
    let at = 0;
    if (text.startsWith("#!")) at = text.indexOf("\n") + 1 || text.length;
    for (const directive of this.program.node.directives) {
      at = directive.end!;
      while (text[at] === "\r" || text[at] === "\n") at++;
    }
    return { start: at, end: at, text: `${line}\n` };
  }

  private isCommonJs(): boolean {
    const path = this.fileName;
    if (/\.c[jt]s$/.test(path)) return true;
    if (!/\.[jt]sx?$/.test(path) || /^\s*(?:import|export)\b/m.test(this.text)) return false;
    if (/\brequire\s*\(/.test(this.text)) return true;
    // No module syntax either way: a .js file is what its package.json says (Node's rule: CommonJS
    // unless "type": "module"), so the import written into it runs under plain node.
    if (!/\.jsx?$/.test(path)) return false;
    const type = nearestPackageType(dirname(path));
    return type !== null && type !== "module";
  }
}

/** Every identifier name the file uses (code and types), so an added name clashes with none. */
function namesInUse(program: NodePath<t.Program>): Set<string> {
  const names = new Set<string>();
  program.traverse({
    Identifier(path) {
      names.add(path.node.name);
    },
    JSXIdentifier(path) {
      names.add(path.node.name);
    },
  });
  return names;
}

function usesSemicolons(body: readonly t.Statement[], text: string): boolean {
  const statements = body.filter((s) => s.type === "ExpressionStatement" || s.type === "VariableDeclaration");
  return statements.length === 0 || statements.some((s) => text[s.end! - 1] === ";");
}
