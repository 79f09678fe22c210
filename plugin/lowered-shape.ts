import type { NodePath, types as t } from "@babel/core";
import { runtimeNameOf, type RuntimeBindings } from "./runtime-bindings.js";

/**
 * Whether `call` is the plugin's own `_coroutine(generator, this, arguments)` (or `_track(...)`),
 * the call its lowered functions return.
 */
function isLoweredCall(call: NodePath, bindings: RuntimeBindings): call is NodePath<t.CallExpression> {
  if (!call.isCallExpression()) return false;
  const [generator, self, args, extra] = call.node.arguments;
  if (!generator || extra || self?.type !== "ThisExpression" || args?.type !== "Identifier" || args.name !== "arguments") return false;
  const name = runtimeNameOf(call.get("callee"), bindings);
  return name === "coroutine" || name === "track";
}

/**
 * Whether `fn` is the generator of the plugin's own output: the `function* () {...}` passed to
 * `_coroutine(function* () {...}, this, arguments)`, or the `function* _f(...) {...}` declared
 * beside a lowered declaration and passed by name.
 */
export function isLoweredInner(fn: NodePath<t.Function>, bindings: RuntimeBindings): boolean {
  const node = fn.node;
  if (!node.generator || node.async) return false;
  if (node.type === "FunctionExpression") {
    return !node.params.length && fn.key === 0 && isLoweredCall(fn.parentPath, bindings);
  }
  if (node.type !== "FunctionDeclaration" || !node.id) return false;
  const binding = fn.parentPath.scope.getBinding(node.id.name);
  return !!binding?.referencePaths.some((ref) => ref.key === 0 && isLoweredCall(ref.parentPath!, bindings));
}

/** Whether `fn` is the outer function of the plugin's output: its body ends in `return _coroutine(…, this, arguments)`. */
export function isLoweredWrapper(fn: NodePath<t.Function>, bindings: RuntimeBindings): boolean {
  if (fn.node.generator || fn.node.body.type !== "BlockStatement") return false;
  const statements = (fn.get("body") as NodePath<t.BlockStatement>).get("body");
  const last = statements[statements.length - 1];
  if (!last?.isReturnStatement()) return false;
  const call = last.get("argument") as NodePath;
  if (!isLoweredCall(call, bindings)) return false;
  const generator = call.get("arguments")[0]!;
  if (generator.isFunctionExpression()) return isLoweredInner(generator, bindings);
  if (!generator.isIdentifier()) return false;
  const declaration = fn.scope.getBinding(generator.node.name)?.path;
  return !!declaration?.isFunctionDeclaration() && isLoweredInner(declaration, bindings);
}
