import type { NodePath, types as t } from "@babel/core";

/**
 * The name a function goes by in tracebacks: its own id, a method's key (`#key` when private), or
 * the name its place gives it ({@link placeName}). Null when it has none (computed keys, anonymous
 * callbacks).
 */
export function functionName(fn: NodePath<t.Function>): string | null {
  const node = fn.node;
  if ((node.type === "FunctionDeclaration" || node.type === "FunctionExpression") && node.id) return node.id.name;
  if (node.type === "ClassPrivateMethod") return `#${node.key.id.name}`;
  if (node.type === "ClassMethod" || node.type === "ObjectMethod") return node.computed ? null : keyName(node.key);
  return placeName(fn) || null;
}

/** Parents that give a function expression no name (ES NamedEvaluation does not run there). */
const NAMELESS = new Set([
  "ArrayExpression",
  "ReturnStatement",
  "ArrowFunctionExpression",
  "ConditionalExpression",
  "LogicalExpression",
  "SequenceExpression",
  "YieldExpression",
  "AwaitExpression",
  "SpreadElement",
]);

/**
 * The `name` an anonymous function gets from its place, as ES's NamedEvaluation gives it:
 * `const f =`, `f =`, `f ||=`, `{ f: … }` (`"a-b"`, `1` too), a class field `f =`, a default
 * `f = …`, `export default`; "" where its place gives none (an argument, a `return`, `a.b =`,
 * `__proto__:` …); undefined for a place not read here.
 */
export function placeName(fn: NodePath<t.Function>): string | undefined {
  const parent = fn.parentPath!;
  const node = parent.node;
  if (NAMELESS.has(node.type)) return "";
  if ((parent.isCallExpression() || parent.isNewExpression() || parent.isOptionalCallExpression()) && fn.listKey === "arguments") return "";
  if (parent.isExportDefaultDeclaration()) return "default";
  if (parent.isVariableDeclarator()) return parent.node.id.type === "Identifier" ? parent.node.id.name : "";
  if (parent.isAssignmentPattern()) return parent.node.left.type === "Identifier" ? parent.node.left.name : "";
  if (parent.isAssignmentExpression()) {
    const { left, operator } = parent.node;
    if (left.type === "MemberExpression" || !["=", "||=", "&&=", "??="].includes(operator)) return "";
    return left.type === "Identifier" ? left.name : undefined;
  }
  if ((parent.isObjectProperty() || parent.isClassProperty()) && !parent.node.computed) {
    const name = keyName(parent.node.key);
    // `{ __proto__: f }` sets the prototype; no name is given
    return name === "__proto__" && parent.isObjectProperty() ? "" : (name ?? undefined);
  }
  return undefined;
}

function keyName(node: t.Node): string | null {
  if (node.type === "Identifier") return node.name;
  if (node.type === "StringLiteral") return node.value;
  if (node.type === "NumericLiteral") return String(node.value);
  return null;
}
