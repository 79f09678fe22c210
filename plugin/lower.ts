import type { NodePath, types as t } from "@babel/core";
import { unshadowParams } from "./shadowed-params.js";

type Visitors = { environmentVisitor<S>(visitor: object): object };

/**
 * Rewrites a generator in place into the contract's shape:
 * `function f(a, b = 1) { return wrap(function* () { body }.apply(this, arguments)); }`.
 * Parameters, name, directives and decorators stay on the outer function, so hoisting, `length`,
 * call-time defaults and strictness are kept. The body keeps its original nodes (and locations).
 */
export function lowerGenerator(
  types: typeof t,
  visitors: Visitors,
  fn: NodePath<t.Function>,
  wrap: t.Expression,
): void {
  const node = fn.node;
  const hasSuper = fn.isMethod() && usesSuper(visitors, fn);
  unshadowParams(types, fn);
  const body = node.body as t.BlockStatement;
  const inner = types.functionExpression(null, [], types.blockStatement(body.body), true, false);
  inner.body.loc = body.loc;
  inner.loc = body.loc;
  const call = types.callExpression(wrap, [
    types.callExpression(types.memberExpression(inner, types.identifier("apply")), [
      types.thisExpression(),
      types.identifier("arguments"),
    ]),
  ]);
  const ret = types.returnStatement(call);
  ret.loc = body.loc;
  body.body = [ret];
  node.generator = false;
  if (hasSuper) {
    const innerPath = fn.get("body.body.0.argument.arguments.0.callee.object") as NodePath<t.FunctionExpression>;
    // A `function*` has no `super`: capture it in the method (arrow helpers), as async-to-generator does.
    innerPath.unwrapFunctionEnvironment();
  }
}

function usesSuper(visitors: Visitors, fn: NodePath<t.Function>): boolean {
  let found = false;
  fn.get("body").traverse(
    visitors.environmentVisitor({
      Super(path: NodePath) {
        found = true;
        path.stop();
      },
    }) as never,
  );
  return found;
}
