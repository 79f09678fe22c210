import { Node, SyntaxKind, type FunctionDeclaration, type FunctionExpression, type MethodDeclaration } from "ts-morph";

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
