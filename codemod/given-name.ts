import { types as t, type NodePath } from "@babel/core";

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
 * The name a generator function expression would show as `fn.name`, to be written as its own id
 * when it moves into `coroutine(function* name(…) {…})` (where its place no longer names it): the
 * id it has, the name its place gives (`const f =`, `f =`, `f ||=`, `{ f: … }`, a class field `f =`,
 * a default `f = …`), or "" where its place gives none (an argument, a `return`, an array …).
 * Undefined when the name cannot be written so or would change what the body means: a name that is
 * no identifier (`{ "a-b": … }`, a computed key), a place whose naming is not read here, or a body
 * that uses the name (there it would mean the bare generator function, not the coroutine).
 */
export function givenName(fn: NodePath<t.FunctionExpression>): string | undefined {
  if (fn.node.id) {
    const own = fn.scope.getOwnBinding(fn.node.id.name);
    return own?.kind === "local" && (own.referenced || own.constantViolations.length) ? undefined : fn.node.id.name;
  }
  const name = placeName(fn);
  if (name === undefined || name === "") return name;
  if (!t.isValidIdentifier(name) || name === "eval" || name === "arguments") return undefined;
  return capturesName(fn, name) ? undefined : name;
}

/** The name `fn`'s place gives it ("" for none), or undefined for a place not read here. */
function placeName(fn: NodePath<t.FunctionExpression>): string | undefined {
  const parent = fn.parentPath;
  const node = parent.node;
  if (NAMELESS.has(node.type)) return "";
  if ((parent.isCallExpression() || parent.isNewExpression() || parent.isOptionalCallExpression()) && fn.listKey === "arguments") return "";
  if (parent.isVariableDeclarator()) return parent.node.id.type === "Identifier" ? parent.node.id.name : "";
  if (parent.isAssignmentPattern()) return parent.node.left.type === "Identifier" ? parent.node.left.name : "";
  if (parent.isAssignmentExpression()) {
    const { left, operator } = parent.node;
    if (left.type === "MemberExpression" || !["=", "||=", "&&=", "??="].includes(operator)) return "";
    return left.type === "Identifier" ? left.name : undefined;
  }
  if ((parent.isObjectProperty() || parent.isClassProperty()) && !parent.node.computed) {
    const key = parent.node.key;
    const name = key.type === "Identifier" ? key.name : key.type === "StringLiteral" ? key.value : undefined;
    return name === "__proto__" && parent.isObjectProperty() ? undefined : name;
  }
  return undefined;
}

/**
 * Whether `fn` (parameters or body) refers to an outer `name` (reads, writes, `typeof name`), which
 * its own id `name` would capture. Property names and labels are no references.
 */
function capturesName(fn: NodePath<t.FunctionExpression>, name: string): boolean {
  const outer = fn.scope.parent?.getBinding(name);
  let captured = false;
  fn.traverse({
    Identifier(path) {
      if (path.node.name !== name || isPropertyName(path) || path.parentPath.isLabeledStatement() || path.parentPath.isBreakStatement() || path.parentPath.isContinueStatement()) return;
      if (path.scope.getBinding(name) === outer) captured = true;
    },
  });
  return captured;
}

function isPropertyName(path: NodePath<t.Identifier>): boolean {
  return (path.key === "property" || path.key === "key") && !(path.parent as { computed?: boolean }).computed;
}
