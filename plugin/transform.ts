import type { NodePath, PluginPass, types as t } from "@babel/core";
import { functionName } from "./function-name.js";
import { lowerGenerator } from "./lower.js";
import type { ResolvedOptions } from "./options.js";
import { recognise } from "./recognise/index.js";
import { runtimeImporter } from "./runtime-import.js";
import { siteFile, siteOf } from "./site.js";
import { RUNTIME_MODULE, TRAMPOLINE_SUBPATH } from "./contract.js";

export interface Api {
  types: typeof t;
  traverse: { visitors: { environmentVisitor<S>(visitor: object): object } };
}

/**
 * Lowers a whole file, once, on entering its Program (before any other plugin's visitors reach
 * the generators, so preset-env's regenerator sees the lowered code), from what `recognise` found.
 */
export function transformProgram(api: Api, program: NodePath<t.Program>, state: PluginPass, options: ResolvedOptions): void {
  const file = state.file;
  const trampolineAll = options.trampoline === "all";
  const found = recognise(program, file.ast.comments, new Set([RUNTIME_MODULE, options.runtimeModule]), { trampolineAll });
  if (!found) return;

  const { types } = api;
  const name = runtimeImporter(types, program, options.runtimeModule);
  const trampolineName = runtimeImporter(types, program, `${options.runtimeModule}/${TRAMPOLINE_SUBPATH}`);
  const where = siteFile(file.opts.filename, file.opts.cwd ?? file.opts.root);
  for (const { call, yieldExpr, generator, done } of found.markers) {
    if (done) continue;
    const site = siteOf(where, yieldExpr.node);
    const fnName = functionName(generator);
    call.node.callee = name("from");
    if (site) {
      call.node.arguments = [call.node.arguments[0]!, types.stringLiteral(site)];
      if (fnName) call.node.arguments.push(types.stringLiteral(fnName));
    }
    yieldExpr.node.delegate = false;
  }
  // trampoline: "all": `yield* x` -> `yield delegate(x, site, name)`, JavaScript's yield* on the trampoline.
  for (const yieldExpr of found.delegations) {
    const site = siteOf(where, yieldExpr.node);
    const fnName = functionName(yieldExpr.getFunctionParent()!);
    const args: t.Expression[] = [yieldExpr.node.argument!];
    if (site) args.push(types.stringLiteral(site), ...(fnName ? [types.stringLiteral(fnName)] : []));
    yieldExpr.node.argument = types.callExpression(trampolineName("delegate"), args);
    yieldExpr.node.delegate = false;
  }
  for (const { fn, primed, decorators, wrapped } of found.targets) {
    const node = fn.node as t.Function & { decorators?: t.Decorator[] | null };
    if (decorators.length && node.decorators) {
      const drop = new Set(decorators.map((d) => d.node));
      const rest = node.decorators.filter((d) => !drop.has(d));
      node.decorators = rest.length ? rest : null;
    }
    if (!wrapped) lowerGenerator(types, api.traverse.visitors, fn, name(primed ? "coroutine" : "track"));
  }
  program.scope.crawl();
}
