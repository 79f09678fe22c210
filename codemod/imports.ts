import { dirname } from "node:path";
import { nearestPackageType } from "../plugin/package-type.js";
import { Node, type ImportDeclaration, type SourceFile } from "ts-morph";
import { RUNTIME, codeIdentifiers, declares, namesInUse, type CoroutilBindings } from "./bindings.js";
import type { Edit } from "./edits.js";

/**
 * Gives the local text for runtime exports a transform needs (`coroutine`,
 * `from`, …), reusing imports from "coroutil" where the file has them, and
 * makes the edits that add the missing ones (extending an existing
 * `import { … } from "coroutil"` when there is one) and drop specifiers the
 * transform left unused. Added names never clash with names in the file.
 */
export class ImportPlan {
  private readonly added = new Map<string, string>();
  private readonly removed = new Set<Node>();
  private inUse: Set<string> | undefined;

  constructor(
    private readonly sourceFile: SourceFile,
    private readonly bindings: CoroutilBindings,
  ) {}

  /** The expression to write for runtime export `name` (`from`, `_from`, `co.from`). */
  use(name: string): string {
    const existing = this.bindings.named.get(name);
    if (existing?.length && this.unshadowed(existing[0]!)) return existing[0]!;
    if (this.added.has(name)) return this.added.get(name)!;
    if (!this.namedTarget() && this.bindings.namespaces.length) return `${this.bindings.namespaces[0]}.${name}`;
    this.inUse ??= namesInUse(this.sourceFile);
    let local = name;
    for (let n = 1; this.inUse.has(local) || [...this.added.values()].includes(local); n++) {
      local = n === 1 ? `_${name}` : `_${name}${n}`;
    }
    this.added.set(name, local);
    return local;
  }

  /** Drops an import specifier the transform made unused. */
  drop(specifier: Node): void {
    this.removed.add(specifier);
  }

  /** True when nothing else in the file declares `local` (so it still means the import). */
  private unshadowed(local: string): boolean {
    return !codeIdentifiers(this.sourceFile).some((id) => id.getText() === local && declares(id));
  }

  private namedTarget(): ImportDeclaration | undefined {
    return this.bindings.declarations.find(
      (d) => !d.isTypeOnly() && (d.getNamedImports().length > 0 || (!d.getNamespaceImport() && !d.getDefaultImport())),
    );
  }

  /** Edits for the import changes, `eol`-free ("\n"); empty when none. */
  edits(): Edit[] {
    const specs = [...this.added].map(([name, local]) => (name === local ? name : `${name} as ${local}`));
    const edits: Edit[] = [];
    const target = this.namedTarget();
    const touched = new Set<ImportDeclaration>();
    for (const spec of this.removed) {
      const decl = spec.getFirstAncestor((a): a is ImportDeclaration => Node.isImportDeclaration(a));
      if (decl) touched.add(decl);
    }
    if (target && specs.length) touched.add(target);
    for (const decl of touched) {
      const elements = decl.getNamedImports();
      const kept = elements.filter((e) => !this.removed.has(e));
      const extra = decl === target ? specs : [];
      if (kept.length === elements.length) {
        const last = elements[elements.length - 1];
        if (last) edits.push({ start: last.getEnd(), end: last.getEnd(), text: extra.map((s) => `, ${s}`).join("") });
        else {
          const braces = decl.getImportClause()!.getNamedBindings()!;
          edits.push({ start: braces.getStart(), end: braces.getEnd(), text: `{ ${extra.join(", ")} }` });
        }
        continue;
      }
      const texts = [...kept.map((e) => e.getText()), ...extra];
      if (texts.length === 0 && !decl.getDefaultImport()) {
        const start = decl.getStart();
        const text = this.sourceFile.getFullText();
        let end = decl.getEnd();
        while (text[end] === " " || text[end] === "\t") end++;
        if (text[end] === "\r") end++;
        if (text[end] === "\n") end++;
        edits.push({ start, end, text: "" });
        continue;
      }
      const first = elements[0]!;
      const between = elements.length > 1 ? this.sourceFile.getFullText().slice(elements[0]!.getEnd(), elements[1]!.getStart()) : ", ";
      const sep = between.includes("\n") ? between : ", ";
      if (texts.length === 0) {
        const clause = decl.getImportClause()!;
        edits.push({ start: clause.getDefaultImport()!.getEnd(), end: clause.getNamedBindings()!.getEnd(), text: "" });
      } else edits.push({ start: first.getStart(), end: elements[elements.length - 1]!.getEnd(), text: texts.join(sep) });
    }
    if (!target && specs.length) edits.push(this.newImport(specs));
    return edits;
  }

  private newImport(specs: string[]): Edit {
    const sf = this.sourceFile;
    const text = sf.getFullText();
    const imports = sf.getImportDeclarations();
    const model = imports[0];
    const quote = model?.getModuleSpecifier().getText()[0] ?? '"';
    const semi = model ? (model.getText().trimEnd().endsWith(";") ? ";" : "") : statementsUseSemicolons(sf) ? ";" : "";
    const list = specs.join(", ");
    const esm = imports.length > 0 || sf.getExportDeclarations().length > 0 || !isCommonJs(sf);
    const line = esm
      ? `import { ${list} } from ${quote}${RUNTIME}${quote}${semi}`
      : `const { ${list} } = require(${quote}${RUNTIME}${quote})${semi}`;
    const last = imports[imports.length - 1];
    if (last) return { start: last.getEnd(), end: last.getEnd(), text: `\n${line}` };
    let at = 0;
    if (text.startsWith("#!")) at = text.indexOf("\n") + 1 || text.length;
    for (const statement of sf.getStatements()) {
      if (!Node.isExpressionStatement(statement) || !Node.isStringLiteral(statement.getExpression())) break;
      at = statement.getEnd();
      while (text[at] === "\r" || text[at] === "\n") at++;
    }
    return { start: at, end: at, text: `${line}\n` };
  }
}

function isCommonJs(sf: SourceFile): boolean {
  const path = sf.getFilePath();
  if (/\.c[jt]s$/.test(path)) return true;
  if (!/\.[jt]sx?$/.test(path) || /^\s*(?:import|export)\b/m.test(sf.getFullText())) return false;
  if (/\brequire\s*\(/.test(sf.getFullText())) return true;
  // No module syntax either way: a .js file is what its package.json says (Node's rule: CommonJS
  // unless "type": "module"), so the import written into it runs under plain node.
  if (!/\.jsx?$/.test(path)) return false;
  const type = nearestPackageType(dirname(path));
  return type !== null && type !== "module";
}

function statementsUseSemicolons(sf: SourceFile): boolean {
  const statements = sf.getStatements().filter((s) => Node.isExpressionStatement(s) || Node.isVariableStatement(s));
  return statements.length === 0 || statements.some((s) => s.getText().endsWith(";"));
}
