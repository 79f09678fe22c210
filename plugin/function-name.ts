import type { NodePath, types as t } from "@babel/core";

/**
 * The name a function goes by in tracebacks: its own id, a method's key (`#key` when private), or
 * the name it gets from `const f = function* () {}`, `{ f: function* () {} }` or `f = function* () {}`.
 * Null when it has none (computed keys, anonymous callbacks).
 */
export function functionName(fn: NodePath<t.Function>): string | null {
  const node = fn.node;
  if ((node.type === "FunctionDeclaration" || node.type === "FunctionExpression") && node.id) return node.id.name;
  if (node.type === "ClassPrivateMethod") return `#${node.key.id.name}`;
  if (node.type === "ClassMethod" || node.type === "ObjectMethod") return node.computed ? null : keyName(node.key);
  const parent = fn.parent;
  if (parent.type === "VariableDeclarator" && parent.init === node) return keyName(parent.id);
  if ((parent.type === "ObjectProperty" || parent.type === "ClassProperty") && parent.value === node) {
    return parent.computed ? null : keyName(parent.key);
  }
  if (parent.type === "AssignmentExpression" && parent.right === node) return keyName(parent.left);
  if (parent.type === "ExportDefaultDeclaration") return "default";
  return null;
}

function keyName(node: t.Node): string | null {
  if (node.type === "Identifier") return node.name;
  if (node.type === "StringLiteral") return node.value;
  if (node.type === "NumericLiteral") return String(node.value);
  return null;
}
