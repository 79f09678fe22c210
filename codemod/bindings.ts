import { Node, SyntaxKind, ts, type ImportDeclaration, type SourceFile, type Symbol as MorphSymbol } from "ts-morph";

export const RUNTIME = "coroutil";

/** The names a file binds to imports from "coroutil": named (by exported name) and namespaces. */
export interface CoroutilBindings {
  /** exported name -> local names bound by non-type-only named imports */
  named: Map<string, string[]>;
  /** local names of `import * as co from "coroutil"` */
  namespaces: string[];
  /** import declarations from "coroutil" */
  declarations: ImportDeclaration[];
}

export function coroutilBindings(sourceFile: SourceFile): CoroutilBindings {
  const named = new Map<string, string[]>();
  const namespaces: string[] = [];
  const declarations: ImportDeclaration[] = [];
  for (const decl of sourceFile.getImportDeclarations()) {
    if (decl.getModuleSpecifierValue() !== RUNTIME) continue;
    declarations.push(decl);
    if (decl.isTypeOnly()) continue;
    const ns = decl.getNamespaceImport();
    if (ns) namespaces.push(ns.getText());
    for (const spec of decl.getNamedImports()) {
      if (spec.isTypeOnly()) continue;
      const exported = spec.getNameNode().getText();
      const local = spec.getAliasNode()?.getText() ?? exported;
      named.set(exported, [...(named.get(exported) ?? []), local]);
    }
  }
  return { named, namespaces, declarations };
}

function importedNameOf(symbol: MorphSymbol | undefined): { exported: string } | { namespace: true } | undefined {
  for (const decl of symbol?.getDeclarations() ?? []) {
    if (Node.isImportSpecifier(decl)) {
      const importDecl = decl.getImportDeclaration();
      if (importDecl.getModuleSpecifierValue() === RUNTIME && !importDecl.isTypeOnly() && !decl.isTypeOnly()) {
        return { exported: decl.getNameNode().getText() };
      }
    } else if (Node.isNamespaceImport(decl)) {
      const importDecl = decl.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
      if (importDecl?.getModuleSpecifierValue() === RUNTIME && !importDecl.isTypeOnly()) return { namespace: true };
    }
  }
  return undefined;
}

/**
 * The runtime export an expression refers to when it is bound to an import from
 * "coroutil" (`from`, a renamed `from`, or `co.from`), else undefined. Bare names
 * that are not bound to the import (shadowed, globals) are never recognised.
 */
export function runtimeExportOf(expr: Node, bindings: CoroutilBindings): string | undefined {
  while (Node.isParenthesizedExpression(expr)) expr = expr.getExpression();
  if (Node.isIdentifier(expr)) {
    if (![...bindings.named.values()].some((locals) => locals.includes(expr.getText()))) return undefined;
    const imported = importedNameOf(expr.getSymbol());
    return imported && "exported" in imported ? imported.exported : undefined;
  }
  if (Node.isPropertyAccessExpression(expr)) {
    const object = expr.getExpression();
    if (!Node.isIdentifier(object) || !bindings.namespaces.includes(object.getText())) return undefined;
    const imported = importedNameOf(object.getSymbol());
    return imported && "namespace" in imported ? expr.getName() : undefined;
  }
  return undefined;
}

/** Identifiers in the file that refer to a given import binding (by local name). */
export function referencesToLocal(sourceFile: SourceFile, local: string): Node[] {
  return codeIdentifiers(sourceFile).filter((id) => {
    if (id.getText() !== local) return false;
    const parent = id.getParent();
    if (Node.isImportSpecifier(parent) || Node.isNamespaceImport(parent)) return false;
    const imported = importedNameOf(id.getSymbol());
    return imported !== undefined;
  });
}

const NAME_PARENTS = new Set([
  SyntaxKind.PropertyAccessExpression,
  SyntaxKind.PropertyAssignment,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.PropertyDeclaration,
  SyntaxKind.PropertySignature,
  SyntaxKind.MethodSignature,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
  SyntaxKind.EnumMember,
  SyntaxKind.QualifiedName,
  SyntaxKind.JsxAttribute,
]);

/** Identifier texts used as names of bindings or references (not as property names). */
export function namesInUse(sourceFile: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const id of codeIdentifiers(sourceFile)) {
    const parent = id.getParent();
    if (parent && NAME_PARENTS.has(parent.getKind()) && (parent as any).getNameNode?.() === id) continue;
    if (Node.isImportSpecifier(parent) && parent.getAliasNode() && parent.getNameNode() === id) continue;
    names.add(id.getText());
  }
  return names;
}

/** Identifiers of the code (not of JSDoc comments, where `@coroutine` is a tag name). */
export function codeIdentifiers(sourceFile: SourceFile): Node[] {
  return sourceFile
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .filter((id) => (id.compilerNode.flags & ts.NodeFlags.JSDoc) === 0);
}
