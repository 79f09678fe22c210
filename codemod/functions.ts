import { Node, SyntaxKind, ts, type FunctionDeclaration, type FunctionExpression, type MethodDeclaration } from "ts-morph";

/** The function forms that can be generators. */
export type GeneratorLike = FunctionDeclaration | FunctionExpression | MethodDeclaration;

export function isGeneratorLike(node: Node): node is GeneratorLike {
  return Node.isFunctionDeclaration(node) || Node.isFunctionExpression(node) || Node.isMethodDeclaration(node);
}

export function isGenerator(node: GeneratorLike): boolean {
  return node.compilerNode.asteriskToken !== undefined;
}

export function isAsync(node: GeneratorLike): boolean {
  return node.hasModifier(SyntaxKind.AsyncKeyword);
}

/** Nodes that start a new `this`/`arguments` scope. */
function isFunctionBoundary(node: Node): boolean {
  return (
    isGeneratorLike(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node) ||
    Node.isClassStaticBlockDeclaration(node)
  );
}

/** The nearest enclosing function of a node (arrow functions included). */
export function enclosingFunction(node: Node): Node | undefined {
  for (let parent = node.getParent(); parent; parent = parent.getParent()) {
    if (isFunctionBoundary(parent) || Node.isArrowFunction(parent)) return parent;
  }
  return undefined;
}

/** What a generator body refers to that must flow into a wrapped body. */
export interface BodyUses {
  thisKeyword: boolean;
  argumentsObject: boolean;
  superKeyword: Node | undefined;
}

export function bodyUses(fn: GeneratorLike): BodyUses {
  const uses: BodyUses = { thisKeyword: false, argumentsObject: false, superKeyword: undefined };
  const body = fn.getBody();
  if (!body) return uses;
  const visit = (node: ts.Node): void => {
    if (isBoundary(node)) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword) uses.thisKeyword = true;
    else if (node.kind === ts.SyntaxKind.SuperKeyword) uses.superKeyword ??= fn.getSourceFile().getDescendantAtPos(node.getStart(fn.getSourceFile().compilerNode));
    else if (ts.isIdentifier(node) && node.text === "arguments" && !isNamePosition(node)) uses.argumentsObject = true;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body.compilerNode, visit);
  return uses;
}

function isBoundary(node: ts.Node): boolean {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isAccessor(node) ||
    ts.isClassStaticBlockDeclaration(node) ||
    ts.isPropertyDeclaration(node)
  );
}

function isNamePosition(id: ts.Identifier): boolean {
  const parent = id.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === id) || (ts.isPropertyAssignment(parent) && parent.name === id);
}
