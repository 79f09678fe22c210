import type { NodePath, types as t } from "@babel/core";
import { functionName } from "./function-name.js";
import { unshadowParams } from "./shadowed-params.js";

type Visitors = { environmentVisitor<S>(visitor: object): object };

/**
 * Rewrites a generator in place into a function that returns a `Coroutine`, the function keeping
 * its name, `length`, hoisting, decorators and export. Where it can, it gets the fast shape: one
 * generator function per source function, created once beside it (after a declaration, so hoisted
 * too; before the statement that holds an expression or a method), and called per call:
 *
 * `function f(a) { return wrap(_f, this, arguments, "f"); } function* _f(a, b = 1) { body }`
 *
 * A method or expression whose body needs its place (`super`, private names, its own name, the
 * class's name, a binding between it and that statement) makes its generator per call:
 * `m(a, b = 1) { return wrap(function* () { body }, this, arguments, "m"); }`.
 * Either way the body keeps its original nodes (and locations).
 */
export function lowerGenerator(types: typeof t, visitors: Visitors, fn: NodePath<t.Function>, wrap: t.Expression): void {
  if (fn.isFunctionDeclaration()) return lowerDeclaration(types, fn, wrap);
  const place = hoistingPlace(fn);
  if (!place) return lowerInPlace(types, visitors, fn, wrap);
  const { statement, strict } = place;
  const name = functionName(fn)?.replace(/^#/, "") ?? "generator";
  const generator = split(types, fn, statement.parentPath!.scope.generateUidIdentifier(name), wrap);
  if (strict) generator.body.directives.unshift(types.directive(types.directiveLiteral("use strict")));
  // A comment between the statement and the one before it leads the statement, not the generator.
  const lead = new Set(statement.node.leadingComments ?? []);
  const before = typeof statement.key === "number" && statement.key > 0 ? statement.getSibling(statement.key - 1).node : null;
  if (before?.trailingComments && lead.size) before.trailingComments = before.trailingComments.filter((c) => !lead.has(c));
  statement.insertBefore(generator);
}

function lowerDeclaration(types: typeof t, fn: NodePath<t.FunctionDeclaration>, wrap: t.Expression): void {
  const generator = split(types, fn, fn.scope.parent.generateUidIdentifier(fn.node.id?.name ?? "generator"), wrap);
  const statement = fn.parentPath.isExportDeclaration() ? fn.parentPath : fn;
  // Comments after the declaration (a JSDoc of the next statement among them) stay after it.
  generator.trailingComments = statement.node.trailingComments;
  statement.node.trailingComments = null;
  statement.insertAfter(generator);
}

/**
 * Turns `fn` into the wrapper, `return wrap(id, this, arguments)`, and returns the generator
 * function declaration `id` that takes its parameters and body.
 */
function split(types: typeof t, fn: NodePath<t.Function>, id: t.Identifier, wrap: t.Expression): t.FunctionDeclaration {
  const node = fn.node;
  const body = node.body as t.BlockStatement;
  const generator = types.functionDeclaration(id, node.params as t.FunctionDeclaration["params"], body, true, false);
  generator.loc = node.loc;
  // The wrapper takes as many parameters as the generator counts in its `length` (those before the
  // first default or rest), so `f.length` is kept; arguments reach the generator whole.
  const params: t.Identifier[] = [];
  for (const param of node.params) {
    if (param.type === "Identifier" && param.name === "this") continue; // TypeScript's `this` parameter
    if (param.type === "AssignmentPattern" || param.type === "RestElement") break;
    params.push(param.type === "Identifier" ? types.identifier(param.name) : fn.scope.generateUidIdentifier("arg"));
  }
  const strict = body.directives.filter((d) => d.value.value === "use strict").map((d) => types.cloneNode(d));
  const call = types.callExpression(wrap, wrapArguments(types, fn, types.cloneNode(id)));
  const ret = types.returnStatement(call);
  ret.loc = body.loc;
  node.params = params;
  node.body = types.blockStatement([ret], strict);
  node.body.loc = body.loc;
  node.generator = false;
  return generator;
}

/** `generator, this, arguments` and, when the source function has one, its name (the coroutine's `name`). */
function wrapArguments(types: typeof t, fn: NodePath<t.Function>, generator: t.Expression): t.Expression[] {
  const name = functionName(fn);
  const args = [generator, types.thisExpression(), types.identifier("arguments")];
  return name ? [...args, types.stringLiteral(name)] : args;
}

/**
 * The statement before which a method's or an expression's generator can be declared once, or
 * null: everything its parameters and body name must mean the same there, and nothing in them may
 * need the function's own place (`super`, private names, a function expression's own name, the
 * class being defined, whose outer name is not set while its static parts run).
 */
export function hoistingPlace(fn: NodePath<t.Function>): { statement: NodePath<t.Statement>; strict: boolean } | null {
  // (Babel's statement parent always stands in a list of statements, where a declaration can go.)
  const statement = fn.getStatementParent()!;
  // A class body is strict code and the statement before it need not be (a script): the generator
  // then says "use strict", which a function with non-simple parameters may not.
  const strict = fn.isInStrictMode() && !statement.isInStrictMode();
  if (strict && !fn.node.params.every((p) => p.type === "Identifier")) return null;
  const classes = new Set<t.Node>();
  for (let p: NodePath | null = fn.parentPath; p && p !== statement.parentPath; p = p.parentPath) {
    if (p.isClass()) classes.add(p.node);
  }
  const place = statement.parentPath!.scope; // the statement's own scope, if it makes one, is not the place
  let ok = true;
  const check = {
    // Types name no runtime bindings (they are stripped).
    "TSType|TSTypeAnnotation|TSTypeParameterDeclaration|TSTypeParameterInstantiation"(path: NodePath) {
      path.skip();
    },
    "Super|PrivateName"(path: NodePath) {
      ok = false;
      path.stop();
    },
    ReferencedIdentifier(path: NodePath<t.Identifier | t.JSXIdentifier>) {
      const name = path.node.name;
      const binding = path.scope.getBinding(name);
      if (!binding) return;
      const inside = binding.scope === fn.scope ? binding.kind !== "local" : isWithin(binding.scope.path, fn);
      const same = inside || (place.getBinding(name) === binding && !classes.has(binding.path.node));
      if (!same) {
        ok = false;
        path.stop();
      }
    },
  };
  for (const part of [...(fn.get("params") as NodePath[]), fn.get("body") as NodePath]) {
    if (ok) part.traverse(check as never);
  }
  return ok ? { statement, strict } : null;
}

/** Whether `path` is `fn` or inside it. */
function isWithin(path: NodePath, fn: NodePath): boolean {
  return path === fn || !!path.findParent((p) => p === fn);
}

function lowerInPlace(types: typeof t, visitors: Visitors, fn: NodePath<t.Function>, wrap: t.Expression): void {
  const node = fn.node;
  const hasSuper = fn.isMethod() && usesSuper(visitors, fn);
  unshadowParams(types, fn);
  const body = node.body as t.BlockStatement;
  const inner = types.functionExpression(null, [], types.blockStatement(body.body), true, false);
  inner.body.loc = body.loc;
  inner.loc = body.loc;
  const call = types.callExpression(wrap, wrapArguments(types, fn, inner));
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
