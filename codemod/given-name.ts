import { types as t, type NodePath } from "@babel/core";
import { placeName } from "../plugin/function-name.js";

/**
 * The name a generator function expression would show as `fn.name`, to be written as its own id
 * when it moves into `coroutine(function* name(…) {…})` (where its place no longer names it): the
 * id it has, the name its place gives (the plugin's {@link placeName}: `const f =`, `{ f: … }` …),
 * or "" where its place gives none (an argument, a `return`, an array …).
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
