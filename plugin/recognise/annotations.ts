import type { NodePath, types as t } from "@babel/core";
import { messages } from "../contract.js";
import type { RuntimeBindings, RuntimeUse } from "./bindings.js";
import { coroutineTags } from "./tags.js";
import { isLoweredWrapper, isWrapped } from "./wrapped.js";

/** A generator annotated `@coroutine`: by the decorator (to drop) or by JSDoc tags (to drop in eject). */
export interface Annotated {
  fn: NodePath<t.Function>;
  decorator?: NodePath<t.Decorator>;
  tags: t.Comment[];
  /** Already handed to `coroutine(…)`/`track(…)` (the plugin's or eject's own output): nothing to wrap. */
  wrapped: boolean;
}

/** Generator methods decorated with the runtime's `coroutine` (`@coroutine`, `@co.coroutine`). */
export function findDecorated(uses: readonly RuntimeUse[], bindings: RuntimeBindings): Annotated[] {
  const found: Annotated[] = [];
  for (const use of uses) {
    if (use.name !== "coroutine") continue;
    const decorator = use.path.parentPath;
    if (!decorator?.isDecorator() || use.path.key !== "expression") continue;
    const method = decorator.parentPath;
    if (!method.isClassMethod() && !method.isClassPrivateMethod()) {
      throw decorator.buildCodeFrameError(messages.decoratorOnNonMethod());
    }
    found.push({ fn: method, decorator, tags: [], wrapped: !check(method, bindings) });
  }
  return found;
}

/** Generator functions whose leading JSDoc has `@coroutine` (one walk over the file's functions). */
export function findTagged(program: NodePath<t.Program>, bindings: RuntimeBindings): Annotated[] {
  const found: Annotated[] = [];
  program.traverse({
    Function(fn) {
      const tags = coroutineTags(fn);
      if (tags.length && !isLoweredWrapper(fn, bindings)) found.push({ fn, tags, wrapped: !check(fn, bindings) });
    },
  });
  return found;
}

/** Whether an annotated function is to be wrapped (false: it already is); throws on misuse. */
function check(fn: NodePath<t.Function>, bindings: RuntimeBindings): boolean {
  const { node } = fn;
  if (node.generator && node.async) throw frameAt(fn, messages.tagOnAsyncGenerator(describe(node)));
  if (!node.generator) throw frameAt(fn, messages.tagOnNonGenerator(describe(node)));
  return !isWrapped(fn, bindings);
}

function frameAt(fn: NodePath<t.Function>, message: string): Error {
  const key = fn.isMethod() ? fn.get("key") : fn.isFunctionDeclaration() && fn.node.id ? fn.get("id") : fn;
  return (key as NodePath).buildCodeFrameError(message);
}

function describe(node: t.Function): string {
  const kind = node.async ? "async " : "";
  if ((node.type === "ClassMethod" || node.type === "ObjectMethod") && node.key.type === "Identifier" && !node.computed) {
    return node.kind === "get" || node.kind === "set" ? `the ${node.kind}ter \`${node.key.name}\`` : `the ${kind}method \`${node.key.name}\``;
  }
  if (node.type === "ClassPrivateMethod") return `the ${kind}method \`#${node.key.id.name}\``;
  if (node.type === "ArrowFunctionExpression") return `this ${kind}arrow function`;
  const fn = node.generator ? "generator" : "function";
  if ((node.type === "FunctionDeclaration" || node.type === "FunctionExpression") && node.id) {
    return `the ${kind}${fn} \`${node.id.name}\``;
  }
  return `this ${kind}${fn}`;
}
