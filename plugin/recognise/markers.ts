import type { NodePath, types as t } from "@babel/core";
import { MARKERS, messages } from "../contract.js";
import type { RuntimeBindings, RuntimeUse } from "./bindings.js";
import { isWrapped } from "./wrapped.js";

/** A checked `yield from(x)` / `yield* from(x)`. */
export interface Marker {
  call: NodePath<t.CallExpression>;
  yieldExpr: NodePath<t.YieldExpression>;
  generator: NodePath<t.Function>;
  /** The runtime export the callee names: `from` or `yieldFrom`. */
  name: string;
  /** Already `from(x, "site")` in the plugin's own output: nothing to rewrite. */
  done: boolean;
}

/** Wrappers that leave the value alone: `yield from(x) as T`, `yield from(x)!`, `yield (from(x))`. */
const TRANSPARENT = new Set(["TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion", "ParenthesizedExpression"]);

/**
 * Checks every call of the runtime's `from`/`yieldFrom` and returns the delegations to lower.
 * Throws a code-frame error for a misuse.
 */
export function findMarkers(uses: readonly RuntimeUse[], bindings: RuntimeBindings): Marker[] {
  const markers: Marker[] = [];
  for (const use of uses) {
    if (!MARKERS.has(use.name)) continue;
    const call = use.path.parentPath;
    if (!call?.isCallExpression() || use.path.key !== "callee") continue;
    const label = calleeLabel(use.path.node);
    const fn = call.getFunctionParent();
    if (!fn || !fn.node.generator) {
      const outer = fn?.findParent((p) => p.isFunction() && !!p.node.generator);
      throw call.buildCodeFrameError(
        outer ? messages.markerInNestedFunction(label) : messages.markerOutsideGenerator(label),
      );
    }
    if (fn.node.async) throw call.buildCodeFrameError(messages.markerInAsyncGenerator(label));
    let operand: NodePath = call;
    while (TRANSPARENT.has(operand.parentPath!.node.type) && operand.key === "expression") operand = operand.parentPath!;
    const yieldExpr = operand.parentPath!;
    if (!yieldExpr.isYieldExpression() || operand.key !== "argument") {
      throw call.buildCodeFrameError(messages.markerNotYielded(label));
    }
    const args = call.node.arguments;
    const single = args.length === 1 && args[0]!.type !== "SpreadElement";
    // The plugin's own output: from(x, "site") or from(x, "site", "function name").
    const withSite =
      (args.length === 2 || args.length === 3) &&
      args[0]!.type !== "SpreadElement" &&
      args.slice(1).every((a) => a.type === "StringLiteral") &&
      isWrapped(fn, bindings);
    if (!single && !withSite) {
      const got = args.some((a) => a.type === "SpreadElement") ? "a spread argument" : String(args.length);
      throw call.buildCodeFrameError(messages.markerArity(label, got));
    }
    markers.push({ call, yieldExpr, generator: fn, name: use.name, done: withSite && !yieldExpr.node.delegate });
  }
  return markers;
}

function calleeLabel(node: t.Expression): string {
  if (node.type === "SequenceExpression") node = node.expressions[node.expressions.length - 1]!;
  if (node.type === "Identifier") return node.name;
  if (node.type === "MemberExpression" && node.object.type === "Identifier" && node.property.type === "Identifier") {
    return `${node.object.name}.${node.property.name}`;
  }
  return "from";
}
