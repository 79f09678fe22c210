import type { NodePath, types as t } from "@babel/core";

type Binding = NonNullable<ReturnType<NodePath["scope"]["getBinding"]>>;

/** A binding of the whole runtime module (`import * as co`, `const co = require(...)`). */
export const NAMESPACE = "*";

/** The runtime's bindings in a file: local binding -> export name, or {@link NAMESPACE}. */
export type RuntimeBindings = Map<Binding, string>;

/** One place that names a runtime export: `from`, `co.from`, `(0, _co.from)`. */
export interface RuntimeUse {
  name: string;
  path: NodePath<t.Expression>;
}

/**
 * Finds the file's bindings of the runtime: value imports (named, renamed, namespace) from one of
 * `sources`, and top-level `require(source)` (plain or destructured), the form Babel's import
 * helper writes in scripts.
 */
export function findRuntimeBindings(program: NodePath<t.Program>, sources: ReadonlySet<string>): RuntimeBindings {
  const found: RuntimeBindings = new Map();
  const scope = program.scope;
  for (const statement of program.node.body) {
    if (statement.type === "ImportDeclaration") {
      if (!sources.has(statement.source.value) || statement.importKind === "type") continue;
      for (const spec of statement.specifiers) {
        if (spec.type === "ImportSpecifier" && spec.importKind === "type") continue;
        const binding = scope.getBinding(spec.local.name);
        if (!binding) continue;
        if (spec.type === "ImportNamespaceSpecifier") found.set(binding, NAMESPACE);
        else if (spec.type === "ImportSpecifier") found.set(binding, exportName(spec.imported));
      }
    } else if (statement.type === "VariableDeclaration") {
      for (const decl of statement.declarations) {
        const init = decl.init;
        if (init?.type === "MemberExpression" && isRequireOf(init.object, sources) && decl.id.type === "Identifier") {
          // `var _track = require("coroutil").track`, as Babel's import helper writes in scripts
          const name = memberName(init);
          const binding = scope.getBinding(decl.id.name);
          if (name && binding) found.set(binding, name);
          continue;
        }
        if (!isRequireOf(init, sources)) continue;
        if (decl.id.type === "Identifier") {
          const binding = scope.getBinding(decl.id.name);
          if (binding) found.set(binding, NAMESPACE);
        } else if (decl.id.type === "ObjectPattern") {
          for (const prop of decl.id.properties) {
            if (prop.type !== "ObjectProperty" || prop.computed || prop.value.type !== "Identifier") continue;
            const key = prop.key.type === "Identifier" ? prop.key.name : prop.key.type === "StringLiteral" ? prop.key.value : null;
            const binding = key && scope.getBinding(prop.value.name);
            if (key && binding) found.set(binding, key);
          }
        }
      }
    }
  }
  return found;
}

function exportName(node: t.Identifier | t.StringLiteral): string {
  return node.type === "Identifier" ? node.name : node.value;
}

function isRequireOf(node: t.Node | null | undefined, sources: ReadonlySet<string>): boolean {
  return (
    node?.type === "CallExpression" &&
    node.callee.type === "Identifier" &&
    node.callee.name === "require" &&
    node.arguments.length === 1 &&
    node.arguments[0]!.type === "StringLiteral" &&
    sources.has(node.arguments[0].value)
  );
}

/** Every place in the file that names one of the runtime's exports (by binding, never by bare name). */
export function findRuntimeUses(bindings: RuntimeBindings): RuntimeUse[] {
  const uses: RuntimeUse[] = [];
  for (const [binding, name] of bindings) {
    for (const ref of binding.referencePaths) {
      if (name !== NAMESPACE) {
        uses.push({ name, path: widen(ref as NodePath<t.Expression>) });
        continue;
      }
      const member = ref.parentPath;
      if (member?.isMemberExpression() && ref.key === "object") {
        const prop = memberName(member.node);
        if (prop !== null) uses.push({ name: prop, path: widen(member) });
      }
    }
  }
  return uses;
}

/** The runtime export an expression names, if it does: `_coroutine`, `co.coroutine`, `(0, co.coroutine)`. */
export function runtimeNameOf(path: NodePath, bindings: RuntimeBindings): string | null {
  let node = path.node;
  let scope = path.scope;
  if (isZeroSequence(node)) node = (node as t.SequenceExpression).expressions[1]!;
  if (node.type === "Identifier") {
    const name = bindings.get(scope.getBinding(node.name)!);
    return name && name !== NAMESPACE ? name : null;
  }
  if (node.type === "MemberExpression" && node.object.type === "Identifier") {
    const binding = scope.getBinding(node.object.name);
    return binding && bindings.get(binding) === NAMESPACE ? memberName(node) : null;
  }
  return null;
}

function memberName(node: t.MemberExpression): string | null {
  if (!node.computed && node.property.type === "Identifier") return node.property.name;
  if (node.computed && node.property.type === "StringLiteral") return node.property.value;
  return null;
}

function isZeroSequence(node: t.Node): boolean {
  return (
    node.type === "SequenceExpression" &&
    node.expressions.length === 2 &&
    node.expressions[0]!.type === "NumericLiteral" &&
    node.expressions[0].value === 0
  );
}

/** `(0, co.from)` is how Babel calls an import without a `this`: treat the sequence as the use. */
function widen(path: NodePath<t.Expression>): NodePath<t.Expression> {
  const parent = path.parentPath;
  if (parent?.isSequenceExpression() && isZeroSequence(parent.node) && path.key === 1) return parent;
  return path;
}
