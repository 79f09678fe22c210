import type { NodePath, types as t } from "@babel/core";
import { findDecorated, findTagged } from "./annotations.js";
import { findRuntimeBindings, findRuntimeUses, type RuntimeBindings } from "./bindings.js";
import { findMarkers, type Marker } from "./markers.js";
import { fileHasTag, skipTags } from "./tags.js";
import { isWrapped } from "./wrapped.js";

export type { Marker } from "./markers.js";
export { findRuntimeBindings, findRuntimeUses, NAMESPACE, runtimeNameOf, type RuntimeBindings } from "./bindings.js";
export { overloadSignatures } from "./tags.js";

/** A generator the transforms turn into a `coroutine(…)` (annotated) or `track(…)` (has markers only). */
export interface Target {
  fn: NodePath<t.Function>;
  /** Annotated `@coroutine`: primed on creation (`coroutine`), else `track`. */
  primed: boolean;
  /** The runtime's `@coroutine` decorators on it, to drop. */
  decorators: NodePath<t.Decorator>[];
  /** The JSDoc comments carrying `@coroutine` for it. */
  tags: t.Comment[];
  /** Already handed to `coroutine(…)`/`track(…)` (the plugin's or eject's own output): not to wrap again. */
  wrapped: boolean;
}

/** What a file holds for the transforms: the runtime's bindings, the markers, the generators to wrap. */
export interface Recognised {
  bindings: RuntimeBindings;
  /** Every checked `yield from(x)`, in source order. */
  markers: Marker[];
  /** With `trampolineAll`: every other `yield*` in a non-async generator not tagged `@coroutine-skip`, in source order. */
  delegations: NodePath<t.YieldExpression>[];
  /** Innermost first, so rewriting an outer function never moves a path still to be used. */
  targets: Target[];
}

/**
 * The one reading of coroutil's syntax, shared by the Babel plugin and `coroutil codemod eject`:
 * which functions are annotated (JSDoc `@coroutine`, or the runtime's decorator), which
 * expressions are delegation markers, and which identifiers are bound to the runtime (imports
 * from one of `sources`, renamed or namespaced, and `require` — never a bare name). Null when the
 * file has nothing to do. A misuse throws the code-frame error `path.buildCodeFrameError` gives,
 * with the message from `contract.ts` (what was wrong, what to write instead).
 */
export function recognise(
  program: NodePath<t.Program>,
  comments: readonly t.Comment[] | null | undefined,
  sources: ReadonlySet<string>,
  { trampolineAll = false } = {},
): Recognised | null {
  const tagged = fileHasTag(comments);
  // Bail-out: no binding of the runtime and no `@coroutine` comment means nothing to do.
  if (!tagged && !trampolineAll && !program.node.body.some((s) => isRuntimeSource(s, sources))) return null;
  const bindings = findRuntimeBindings(program, sources);
  const uses = findRuntimeUses(bindings);
  const markers = findMarkers(uses, bindings);
  const annotated = [...findDecorated(uses, bindings), ...(tagged ? findTagged(program, bindings) : [])];
  const delegations = trampolineAll ? findDelegations(program, markers) : [];
  if (!markers.length && !annotated.length && !delegations.length) return null;

  const targets = new Map<t.Function, Target>();
  for (const { fn, decorator, tags, wrapped } of annotated) {
    const target = targets.get(fn.node) ?? { fn, primed: true, decorators: [], tags: [], wrapped };
    if (decorator) target.decorators.push(decorator);
    target.tags.push(...tags);
    targets.set(fn.node, target);
  }
  const hosts = [...markers.map((m) => m.generator), ...delegations.map((d) => d.getFunctionParent()!)];
  for (const generator of hosts) {
    if (!targets.has(generator.node)) {
      targets.set(generator.node, { fn: generator, primed: false, decorators: [], tags: [], wrapped: isWrapped(generator, bindings) });
    }
  }
  const order = [...targets.values()].sort((a, b) => depth(b.fn) - depth(a.fn));
  return { bindings, markers: markers.sort((a, b) => (a.call.node.start ?? 0) - (b.call.node.start ?? 0)), delegations, targets: order };
}

/**
 * `trampoline: "all"`: the `yield*` expressions that are not markers, in non-async generators not
 * tagged `@coroutine-skip` (each becomes a trampolined delegation with JavaScript's semantics).
 */
function findDelegations(program: NodePath<t.Program>, markers: readonly Marker[]): NodePath<t.YieldExpression>[] {
  const marked = new Set<t.Node>(markers.map((m) => m.yieldExpr.node));
  const skipped = new Map<t.Node, boolean>();
  const found: NodePath<t.YieldExpression>[] = [];
  program.traverse({
    YieldExpression(path) {
      if (!path.node.delegate || marked.has(path.node)) return;
      const fn = path.getFunctionParent();
      if (!fn || !fn.node.generator || fn.node.async) return;
      let skip = skipped.get(fn.node);
      if (skip === undefined) skipped.set(fn.node, (skip = skipTags(fn).length > 0));
      if (!skip) found.push(path);
    },
  });
  return found;
}

function isRuntimeSource(statement: t.Statement, sources: ReadonlySet<string>): boolean {
  if (statement.type === "ImportDeclaration") return sources.has(statement.source.value);
  if (statement.type !== "VariableDeclaration") return false;
  return statement.declarations.some((d) => {
    const init = d.init?.type === "MemberExpression" ? d.init.object : d.init;
    return init?.type === "CallExpression" && init.arguments[0]?.type === "StringLiteral" && sources.has(init.arguments[0].value);
  });
}

function depth(path: NodePath): number {
  let n = 0;
  for (let p: NodePath | null = path; p; p = p.parentPath) n++;
  return n;
}
