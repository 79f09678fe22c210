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
  /** local name -> exported name, for named imports */
  locals: Map<string, string>;
  /** locals that something else in the file also declares: only the checker can tell uses apart */
  shadowed: Set<string>;
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
  // Top-level `const { from } = require("coroutil")` / `const co = require("coroutil")`, as the plugin reads scripts.
  const requireNames = new Set<Node>();
  for (const statement of sourceFile.getVariableStatements()) {
    for (const decl of statement.getDeclarations()) {
      if (!isRuntimeRequire(decl.getInitializer())) continue;
      const name = decl.getNameNode();
      if (Node.isIdentifier(name)) {
        namespaces.push(name.getText());
        requireNames.add(name);
      } else if (Node.isObjectBindingPattern(name)) {
        for (const element of name.getElements()) {
          const local = element.getNameNode();
          if (!Node.isIdentifier(local) || element.getDotDotDotToken()) continue;
          const exported = element.getPropertyNameNode()?.getText() ?? local.getText();
          named.set(exported, [...(named.get(exported) ?? []), local.getText()]);
          requireNames.add(local);
        }
      }
    }
  }
  const locals = new Map<string, string>();
  for (const [exported, names] of named) for (const local of names) locals.set(local, exported);
  const shadowed = new Set<string>();
  if (locals.size || namespaces.length) {
    for (const id of codeIdentifiers(sourceFile)) {
      const text = id.getText();
      if ((locals.has(text) || namespaces.includes(text)) && !requireNames.has(id) && declares(id)) shadowed.add(text);
    }
  }
  return { named, namespaces, declarations, locals, shadowed };
}

/** `require("coroutil")` */
function isRuntimeRequire(node: Node | undefined): boolean {
  if (!Node.isCallExpression(node)) return false;
  const callee = node.getExpression();
  const [arg, extra] = node.getArguments();
  return Node.isIdentifier(callee) && callee.getText() === "require" && !extra && Node.isStringLiteral(arg) && arg.getLiteralValue() === RUNTIME;
}

function importedNameOf(symbol: MorphSymbol | undefined): { exported: string } | { namespace: true } | undefined {
  for (const decl of symbol?.getDeclarations() ?? []) {
    if (Node.isImportSpecifier(decl)) {
      const importDecl = decl.getImportDeclaration();
      if (importDecl.getModuleSpecifierValue() === RUNTIME && !importDecl.isTypeOnly() && !decl.isTypeOnly()) {
        return { exported: decl.getNameNode().getText() };
      }
    } else if (Node.isBindingElement(decl)) {
      const declaration = decl.getParent()?.getParent();
      if (Node.isVariableDeclaration(declaration) && isRuntimeRequire(declaration.getInitializer())) {
        return { exported: decl.getPropertyNameNode()?.getText() ?? decl.getName() };
      }
    } else if (Node.isVariableDeclaration(decl)) {
      if (isRuntimeRequire(decl.getInitializer()) && Node.isIdentifier(decl.getNameNode())) return { namespace: true };
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
    if (!bindings.locals.has(expr.getText())) return undefined;
    if (!bindings.shadowed.has(expr.getText())) return bindings.locals.get(expr.getText());
    const imported = importedNameOf(expr.getSymbol());
    return imported && "exported" in imported ? imported.exported : undefined;
  }
  if (Node.isPropertyAccessExpression(expr)) {
    const object = expr.getExpression();
    if (!Node.isIdentifier(object) || !bindings.namespaces.includes(object.getText())) return undefined;
    if (!bindings.shadowed.has(object.getText())) return expr.getName();
    const imported = importedNameOf(object.getSymbol());
    return imported && "namespace" in imported ? expr.getName() : undefined;
  }
  return undefined;
}

/** Identifiers in the file that refer to a given import binding (by local name). */
export function referencesToLocal(sourceFile: SourceFile, local: string, bindings?: CoroutilBindings): Node[] {
  const exact = !bindings || bindings.shadowed.has(local);
  return codeIdentifiers(sourceFile).filter((id) => {
    if (id.getText() !== local) return false;
    const parent = id.getParent();
    if (Node.isImportSpecifier(parent) || Node.isNamespaceImport(parent)) return false;
    if (!exact) return !isPropertyName(id);
    return importedNameOf(id.getSymbol()) !== undefined;
  });
}

function isPropertyName(id: Node): boolean {
  const parent = id.getParent();
  return !!parent && NAME_PARENTS.has(parent.getKind()) && (parent as unknown as { getNameNode?(): Node }).getNameNode?.() === id;
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
    if (isPropertyName(id)) continue;
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

/** Whether an identifier is the name a value declaration binds (not the import itself). */
export function declares(id: Node): boolean {
  const parent = id.getParent();
  if (!parent) return false;
  const named =
    Node.isVariableDeclaration(parent) ||
    Node.isParameterDeclaration(parent) ||
    Node.isFunctionDeclaration(parent) ||
    Node.isFunctionExpression(parent) ||
    Node.isClassDeclaration(parent) ||
    Node.isClassExpression(parent) ||
    Node.isBindingElement(parent) ||
    Node.isEnumDeclaration(parent) ||
    Node.isModuleDeclaration(parent) ||
    Node.isImportClause(parent) ||
    Node.isNamespaceImport(parent);
  if (named) return (parent as unknown as { getNameNode(): Node | undefined }).getNameNode() === id;
  if (Node.isImportSpecifier(parent)) {
    return parent.getImportDeclaration().getModuleSpecifierValue() !== RUNTIME && (parent.getAliasNode() ?? parent.getNameNode()) === id;
  }
  return false;
}
