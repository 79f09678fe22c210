import type { NodePath, types as t } from "@babel/core";
import { runtimeNameOf, type RuntimeBindings } from "./bindings.js";

const WRAPPERS = new Set(["coroutine", "track"]);

/** Whether `call` calls the runtime's `coroutine` or `track`. */
function isWrapperCall(call: NodePath | null | undefined, bindings: RuntimeBindings): call is NodePath<t.CallExpression> {
  return !!call?.isCallExpression() && WRAPPERS.has(runtimeNameOf(call.get("callee"), bindings) ?? "");
}

/** Skips parentheses and TypeScript's value-preserving wrappers (`f<T>` among them) upwards. */
function outward(path: NodePath): NodePath {
  let p = path;
  while (p.parentPath && (p.parentPath.isParenthesizedExpression() || p.parentPath.isTSAsExpression() || p.parentPath.isTSSatisfiesExpression() || p.parentPath.isTSNonNullExpression() || p.parentPath.isTSInstantiationExpression())) p = p.parentPath;
  return p;
}

/**
 * Whether a generator is already handed to the runtime's `coroutine(…)`/`track(…)`, so neither the
 * plugin nor eject wraps it again: a generator expression passed as an argument (as it is, called,
 * or through `.call`/`.apply`: `coroutine(function* f() {…})`, the plugin's
 * `_coroutine(function* () {…}, this, arguments)`), or a declaration passed by name as the first
 * argument (`coroutine(fGenerator, this, arguments)`, `track(fGenerator<T>, this, arguments)`).
 */
export function isWrapped(fn: NodePath<t.Function>, bindings: RuntimeBindings): boolean {
  const node = fn.node;
  if (!node.generator || node.async) return false;
  if (node.type === "FunctionDeclaration") {
    if (!node.id) return false;
    const binding = fn.parentPath.scope.getBinding(node.id.name);
    return !!binding?.referencePaths.some((ref) => {
      const arg = outward(ref);
      return arg.key === 0 && arg.listKey === "arguments" && isWrapperCall(arg.parentPath, bindings);
    });
  }
  if (node.type !== "FunctionExpression") return false;
  let arg = outward(fn);
  const member = arg.parentPath;
  if (member?.isMemberExpression() && arg.key === "object" && !member.node.computed && member.node.property.type === "Identifier" && ["call", "apply"].includes(member.node.property.name)) {
    arg = member;
  }
  const called = arg.parentPath;
  if (called?.isCallExpression() && arg.key === "callee") arg = outward(called);
  return arg.listKey === "arguments" && isWrapperCall(arg.parentPath, bindings);
}

/** Whether `call` is the plugin's own `_coroutine(generator, this, arguments[, name])` (or `_track(…)`). */
function isLoweredCall(call: NodePath, bindings: RuntimeBindings): call is NodePath<t.CallExpression> {
  if (!isWrapperCall(call, bindings)) return false;
  const [generator, self, args, name, extra] = call.node.arguments;
  return (
    !!generator &&
    !extra &&
    (!name || name.type === "StringLiteral") &&
    self?.type === "ThisExpression" &&
    args?.type === "Identifier" &&
    args.name === "arguments"
  );
}

/**
 * Whether `fn` is the outer function of the plugin's output (its body ends in
 * `return _coroutine(…, this, arguments)` with a wrapped generator): a `@coroutine` JSDoc that stays
 * on it is no error and nothing to do.
 */
export function isLoweredWrapper(fn: NodePath<t.Function>, bindings: RuntimeBindings): boolean {
  if (fn.node.generator || fn.node.body.type !== "BlockStatement") return false;
  const statements = (fn.get("body") as NodePath<t.BlockStatement>).get("body");
  const last = statements[statements.length - 1];
  if (!last?.isReturnStatement()) return false;
  const call = last.get("argument") as NodePath;
  if (!isLoweredCall(call, bindings)) return false;
  const first = call.get("arguments")[0]!;
  const generator = first.isTSInstantiationExpression() ? first.get("expression") : first;
  if (generator.isFunctionExpression()) return isWrapped(generator, bindings);
  if (!generator.isIdentifier()) return false;
  const declaration = fn.scope.getBinding(generator.node.name)?.path;
  return !!declaration?.isFunctionDeclaration() && isWrapped(declaration, bindings);
}
