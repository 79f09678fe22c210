import type { NodePath, types as t } from "@babel/core";
import { unshadowParams } from "./shadowed-params.js";

type Visitors = { environmentVisitor<S>(visitor: object): object };

/**
 * Rewrites a generator in place into a function that returns a `Coroutine`, the function keeping
 * its name, `length`, hoisting, decorators and export. A function declaration gets the fast shape,
 * one generator function per source function, declared beside it (so hoisted too):
 *
 * `function f(a) { return wrap(_f, this, arguments); } function* _f(a, b = 1) { body }`
 *
 * Every other form (expressions, object and class methods, where a sibling declaration would lose
 * `super`, private names or the closure) makes its generator per call:
 * `function f(a, b = 1) { return wrap(function* () { body }, this, arguments); }`.
 * Either way the body keeps its original nodes (and locations).
 */
export function lowerGenerator(types: typeof t, visitors: Visitors, fn: NodePath<t.Function>, wrap: t.Expression): void {
  if (fn.isFunctionDeclaration()) lowerDeclaration(types, fn, wrap);
  else lowerInPlace(types, visitors, fn, wrap);
}

function lowerDeclaration(types: typeof t, fn: NodePath<t.FunctionDeclaration>, wrap: t.Expression): void {
  const node = fn.node;
  const id = fn.scope.parent.generateUidIdentifier(node.id?.name ?? "generator");
  const generator = types.functionDeclaration(id, node.params, node.body, true, false);
  generator.loc = node.loc;
  // The wrapper takes as many parameters as the generator counts in its `length` (those before the
  // first default or rest), so `f.length` is kept; arguments reach the generator whole.
  const params: t.FunctionDeclaration["params"] = [];
  for (const param of node.params) {
    if (param.type === "Identifier" && param.name === "this") continue; // TypeScript's `this` parameter
    if (param.type === "AssignmentPattern" || param.type === "RestElement") break;
    params.push(param.type === "Identifier" ? types.identifier(param.name) : fn.scope.generateUidIdentifier("arg"));
  }
  const strict = node.body.directives.filter((d) => d.value.value === "use strict").map((d) => types.cloneNode(d));
  const call = types.callExpression(wrap, [types.cloneNode(id), types.thisExpression(), types.identifier("arguments")]);
  const ret = types.returnStatement(call);
  ret.loc = node.body.loc;
  node.params = params;
  node.body = types.blockStatement([ret], strict);
  node.body.loc = generator.body.loc;
  node.generator = false;
  const statement = fn.parentPath.isExportDeclaration() ? fn.parentPath : fn;
  // Comments after the declaration (a JSDoc of the next statement among them) stay after it.
  generator.trailingComments = statement.node.trailingComments;
  statement.node.trailingComments = null;
  statement.insertAfter(generator);
}

function lowerInPlace(types: typeof t, visitors: Visitors, fn: NodePath<t.Function>, wrap: t.Expression): void {
  const node = fn.node;
  const hasSuper = fn.isMethod() && usesSuper(visitors, fn);
  unshadowParams(types, fn);
  const body = node.body as t.BlockStatement;
  const inner = types.functionExpression(null, [], types.blockStatement(body.body), true, false);
  inner.body.loc = body.loc;
  inner.loc = body.loc;
  const call = types.callExpression(wrap, [inner, types.thisExpression(), types.identifier("arguments")]);
  const ret = types.returnStatement(call);
  ret.loc = body.loc;
  body.body = [ret];
  node.generator = false;
  if (hasSuper) {
    const innerPath = fn.get("body.body.0.argument.arguments.0") as NodePath<t.FunctionExpression>;
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
