import type { NodePath, PluginPass, types as t } from "@babel/core";
import { findDecorated, findTagged, type Annotated } from "./annotations.js";
import { functionName } from "./function-name.js";
import { lowerGenerator } from "./lower.js";
import { isLoweredInner } from "./lowered-shape.js";
import { findMarkers } from "./markers.js";
import type { ResolvedOptions } from "./options.js";
import { findRuntimeBindings, findRuntimeUses } from "./runtime-bindings.js";
import { runtimeImporter } from "./runtime-import.js";
import { siteFile, siteOf } from "./site.js";
import { fileHasTag } from "./tag.js";

export interface Api {
  types: typeof t;
  traverse: { visitors: { environmentVisitor<S>(visitor: object): object } };
}

/**
 * Lowers a whole file, once, on entering its Program (before any other plugin's visitors reach
 * the generators, so preset-env's regenerator sees the lowered code).
 */
export function transformProgram(api: Api, program: NodePath<t.Program>, state: PluginPass, options: ResolvedOptions): void {
  const sources = new Set(["coroutil", options.runtimeModule]);
  const file = state.file;
  const tagged = fileHasTag(file.ast.comments);
  // Bail-out: no import of the runtime and no `@coroutine` comment means nothing to do.
  if (!tagged && !program.node.body.some((s) => isRuntimeSource(s, sources))) return;

  const bindings = findRuntimeBindings(program, sources);
  const uses = findRuntimeUses(bindings);
  const markers = findMarkers(uses, bindings);
  const annotated: Annotated[] = [...findDecorated(uses, bindings), ...(tagged ? findTagged(program, bindings) : [])];
  if (!markers.length && !annotated.length) return;

  const { types } = api;
  const name = runtimeImporter(types, program, options.runtimeModule);
  const where = siteFile(file.opts.filename, file.opts.cwd ?? file.opts.root);

  const targets = new Map<t.Function, { fn: NodePath<t.Function>; annotated: boolean; decorators: t.Decorator[] }>();
  for (const { fn, decorator } of annotated) {
    const target = targets.get(fn.node) ?? { fn, annotated: true, decorators: [] };
    if (decorator) target.decorators.push(decorator);
    targets.set(fn.node, target);
  }
  for (const marker of markers) {
    if (marker.done) continue;
    const { call, yieldExpr, generator } = marker;
    const site = siteOf(where, yieldExpr.node);
    const fnName = functionName(generator);
    call.node.callee = name("from");
    if (site) {
      call.node.arguments = [call.node.arguments[0]!, types.stringLiteral(site)];
      if (fnName) call.node.arguments.push(types.stringLiteral(fnName));
    }
    yieldExpr.node.delegate = false;
    if (!targets.has(generator.node) && !isLoweredInner(generator, bindings)) {
      targets.set(generator.node, { fn: generator, annotated: false, decorators: [] });
    }
  }

  // Innermost first, so lowering an outer generator never moves a path still to be used.
  const order = [...targets.values()].sort((a, b) => depth(b.fn) - depth(a.fn));
  for (const { fn, annotated: primed, decorators } of order) {
    const node = fn.node as t.Function & { decorators?: t.Decorator[] | null };
    if (decorators.length && node.decorators) {
      const rest = node.decorators.filter((d) => !decorators.includes(d));
      node.decorators = rest.length ? rest : null;
    }
    lowerGenerator(types, api.traverse.visitors, fn, name(primed ? "coroutine" : "track"));
  }
  program.scope.crawl();
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
