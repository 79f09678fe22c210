import type { NodePath, types as t } from "@babel/core";

/**
 * A body-level `var` that redeclares a parameter shares the parameter's binding (and value). Once the
 * body moves into the inner `function* ()`, such a `var` would declare a fresh `undefined` binding,
 * so it is turned into a plain assignment to the parameter: `var a = 1` -> `a = 1`, `var a;` -> nothing,
 * `for (var a of xs)` -> `for (a of xs)`. Other names in the same declaration stay declared.
 */
export function unshadowParams(types: typeof t, fn: NodePath<t.Function>): void {
  // Babel's scope records such a `var` as a reassignment of the parameter: look only when there is one.
  const redeclared = Object.values(fn.scope.bindings).some(
    (b) => b.kind === "param" && b.constantViolations.some((v) => v.isVariableDeclarator() || !!v.findParent((p) => p.isVariableDeclarator())),
  );
  if (!redeclared) return;
  const params = new Set<string>();
  for (const param of fn.node.params) {
    for (const name of Object.keys(types.getBindingIdentifiers(param as t.Node))) params.add(name);
  }
  if (!params.size) return;
  const binds = (id: t.LVal | t.VoidPattern) => Object.keys(types.getBindingIdentifiers(id as t.Node)).some((n) => params.has(n));
  (fn.get("body") as NodePath<t.BlockStatement>).traverse({
    Function(path) {
      path.skip();
    },
    VariableDeclaration(path) {
      const { node } = path;
      if (node.kind !== "var" || !node.declarations.some((d) => binds(d.id))) return;
      const keep: t.VariableDeclarator[] = [];
      const assign: t.Expression[] = [];
      for (const d of node.declarations) {
        if (!binds(d.id)) {
          keep.push(d);
          continue;
        }
        for (const name of Object.keys(types.getBindingIdentifiers(d.id as t.Node))) {
          if (!params.has(name)) keep.push(types.variableDeclarator(types.identifier(name)));
        }
        if (d.init) assign.push(types.assignmentExpression("=", d.id as t.LVal, d.init));
      }
      const parent = path.parentPath;
      if ((parent.isForInStatement() || parent.isForOfStatement()) && path.key === "left") {
        const target = node.declarations[0]!.id as t.LVal;
        if (keep.length) (fn.get("body") as NodePath<t.BlockStatement>).unshiftContainer("body", types.variableDeclaration("var", keep));
        path.replaceWith(target);
        return;
      }
      const declaration = keep.length ? [types.variableDeclaration("var", keep)] : [];
      const expression = assign.length ? (assign.length === 1 ? assign[0]! : types.sequenceExpression(assign)) : null;
      if (parent.isForStatement() && path.key === "init") {
        if (keep.length) (fn.get("body") as NodePath<t.BlockStatement>).unshiftContainer("body", declaration);
        if (expression) path.replaceWith(expression);
        else path.remove();
        return;
      }
      const statements = [...declaration, ...(expression ? [types.expressionStatement(expression)] : [])];
      if (statements.length) path.replaceWithMultiple(statements);
      else path.remove();
    },
  });
}
