import type { NodePath, types as t } from "@babel/core";
import { runtimeNameOf, type RuntimeBindings } from "./runtime-bindings.js";

/**
 * Whether `fn` is the inner generator of the plugin's own output,
 * `_coroutine(function* () { ... }.apply(this, arguments))` (or `_track(...)`).
 */
export function isLoweredInner(fn: NodePath<t.Function>, bindings: RuntimeBindings): boolean {
  const node = fn.node;
  if (node.type !== "FunctionExpression" || !node.generator || node.async || node.params.length) return false;
  const member = fn.parentPath;
  if (!member?.isMemberExpression() || fn.key !== "object" || member.node.computed) return false;
  if (member.node.property.type !== "Identifier" || member.node.property.name !== "apply") return false;
  const apply = member.parentPath;
  if (!apply?.isCallExpression() || member.key !== "callee") return false;
  const [self, args, extra] = apply.node.arguments;
  if (extra || self?.type !== "ThisExpression" || args?.type !== "Identifier" || args.name !== "arguments") return false;
  const wrap = apply.parentPath;
  if (!wrap?.isCallExpression() || apply.key !== 0 || wrap.node.arguments.length !== 1) return false;
  const name = runtimeNameOf(wrap.get("callee"), bindings);
  return name === "coroutine" || name === "track";
}

/** Whether `fn` is the outer function of the plugin's output: its body ends in `return _coroutine(...)`. */
export function isLoweredWrapper(fn: NodePath<t.Function>, bindings: RuntimeBindings): boolean {
  if (fn.node.generator || fn.node.body.type !== "BlockStatement") return false;
  const statements = (fn.get("body") as NodePath<t.BlockStatement>).get("body");
  const last = statements[statements.length - 1];
  if (!last?.isReturnStatement()) return false;
  const wrap = last.get("argument");
  if (!wrap.isCallExpression() || wrap.node.arguments.length !== 1) return false;
  const apply = wrap.get("arguments")[0]!;
  if (!apply.isCallExpression()) return false;
  const member = apply.get("callee");
  if (!member.isMemberExpression()) return false;
  const inner = member.get("object");
  return inner.isFunctionExpression() && isLoweredInner(inner, bindings);
}
