import { types as t, type NodePath } from "@babel/core";
import { functionName } from "../plugin/function-name.js";
import { hoistingPlace } from "../plugin/lower.js";
import { overloadSignatures } from "../plugin/recognise/index.js";
import type { Edit } from "./edits.js";
import { asteriskOffset, asteriskRemoval, openParenOffset, thisParameterEdits } from "./function-text.js";
import { carriedTypeParameters, generatorTypeEdits, instantiated, iteratorTypeArguments, thisType, wrapperParams } from "./generator-types.js";
import type { ImportPlan } from "./import-plan.js";
import { lineEndAfter, lineStartOf } from "./text.js";

type Movable = t.ClassMethod | t.ClassPrivateMethod | t.ObjectMethod | t.FunctionExpression;

/** What the moved form needs from the file around it. */
export interface MoveContext {
  plan: ImportPlan;
  text: string;
  javascript: boolean;
  /** every function eject rewrites in the file */
  targets: readonly NodePath<t.Function>[];
}

/**
 * The form of a generator method, or of a function expression that cannot simply be wrapped in
 * place, with one generator function for all calls, where the plugin gives it one: the generator,
 * with the function's parameters and body (moved, with the edits inside them, one level less
 * indented), is declared on the lines before the statement holding it, and the function keeps its
 * place (so its name, `length` and what its place makes of it) and hands `this` and `arguments` on:
 * `function* walkGenerator(this: Walker, node: Node): Generator<…> {…}` then
 * `class Walker { walk(_node: Node): Coroutine<…> { return track(walkGenerator, this, arguments, "walk"); } }`.
 * Undefined (the per-call wrapping serves) where the plugin would not hoist it (`super`, private
 * names, the class's own name, an expression's own name, a binding between it and that statement),
 * where the statement is sloppy code or shares its first line, where another function to move lies
 * inside it, and in TypeScript where the moved text would not type-check: overloads, untyped
 * parameters, no written `Generator` type, or a read of a member outside code may not read. Type
 * parameters of the method and its class go with the generator (`walkGenerator<T>` at the call).
 */
export function movedGeneratorEdits(fn: NodePath<Movable>, wrapperName: string, usesThis: boolean, context: MoveContext): Edit[] | undefined {
  const { plan, text, javascript } = context;
  const { node } = fn;
  const place = hoistingPlace(fn);
  if (!place || place.strict || ("kind" in node && node.kind !== "method")) return undefined;
  if (context.targets.some((other) => other !== fn && (other.isMethod() || other.isFunctionExpression()) && other.findParent((p) => p === fn))) return undefined;
  const types = iteratorTypeArguments(node.returnType, text);
  const params = wrapperParams(node.params, javascript, text);
  if (!params) return undefined;
  if (!javascript && (!types || overloadSignatures(fn).length || !readsOnlyOpenMembers(fn))) return undefined;
  // a static method does not see its class's type parameters
  const owner = (fn.isClassMethod() || fn.isClassPrivateMethod()) && !fn.node.static ? (fn.parentPath.parentPath!.node as t.Class) : undefined;
  const carried = carriedTypeParameters([owner?.typeParameters, node.typeParameters], text);
  if (!carried) return undefined;
  // type parameters of anything else between it and the statement would not reach the generator
  for (let p = fn.parentPath; p && p !== place.statement; p = p.parentPath!) {
    if (p.node !== owner && (p.node as { typeParameters?: unknown }).typeParameters) return undefined;
  }
  let statement: NodePath = place.statement;
  if (statement.parentPath?.isExportDeclaration()) statement = statement.parentPath;
  // before the statement's comments that start their own lines (one ending a line above is not its)
  const starts = [...(statement.node.leadingComments ?? []).map((c) => c.start!), statement.node.start!];
  const to = starts.find((at) => at <= statement.node.start! && /^[ \t]*$/.test(text.slice(lineStartOf(text, at), at)));
  if (to === undefined) return undefined;
  const indent = text.slice(lineStartOf(text, to), to);

  const star = asteriskOffset(fn, text);
  const open = openParenOffset(fn, star, text);
  const end = node.body.end!;
  const generator = plan.freshName(`${t.toIdentifier(nameOf(fn))}Generator`);
  const returns = javascript ? "" : `: ${plan.use("Coroutine", statement)}<${types!.join(", ")}>`;
  const name = functionName(fn);
  // the coroutine's name is the function's (as the plugin passes it), not its generator's
  const call = `${plan.use(wrapperName, statement)}(${instantiated(generator, carried.names)}, this, arguments${name ? `, ${JSON.stringify(name)}` : ""})`;
  // a function's wrapper body uses `this`, which TypeScript wants typed (a method's is its class)
  const signature = javascript || !fn.isFunctionExpression() ? params.params : [`this: ${params.thisType ?? "unknown"}`, ...params.params];
  const edits: Edit[] = [
    asteriskRemoval(star, text),
    { start: open, end, text: "", to },
    { start: open, end: open, text: `function* ${generator}${carried.declare}`, right: true },
    { start: open, end: open, text: `(${signature.join(", ")})${returns} { return ${call}; }` },
    { start: end, end, text: `\n\n${indent}` },
  ];
  if (!javascript && usesThis) edits.push(...thisParameterEdits(fn, open, thisType(fn, text)));
  edits.push(...generatorTypeEdits(node.returnType, text));
  return [...edits, ...dedentEdits(fn, open, end, text.slice(lineStartOf(text, star)).match(/^[ \t]*/)![0], indent, text)];
}

/**
 * Edits that take the method's extra indentation off the lines of the moved text, except lines
 * inside strings and template literals (their text would change).
 */
function dedentEdits(fn: NodePath<Movable>, start: number, end: number, methodIndent: string, indent: string, text: string): Edit[] {
  if (!methodIndent.startsWith(indent) || methodIndent === indent) return [];
  const extra = methodIndent.slice(indent.length);
  const keep: [number, number][] = [];
  fn.traverse({
    "TemplateLiteral|StringLiteral"(path: NodePath) {
      keep.push([path.node.start!, path.node.end!]);
    },
  } as never);
  const edits: Edit[] = [];
  for (let line = lineEndAfter(text, start); line < end; line = lineEndAfter(text, line)) {
    if (!text.startsWith(extra, line) || keep.some(([a, b]) => line > a && line < b)) continue;
    // optional: a line another edit removes whole (a tag's comment, a decorator) is left to it
    edits.push({ start: line, end: line + extra.length, text: "", optional: true });
  }
  return edits;
}

/**
 * Whether every member the method reads by name (`this.x`, `other.x`) may be read outside its class
 * in TypeScript: none is `private` or `protected` here, and, in a class that extends another (whose
 * members are not read here), each is declared in this class.
 */
function readsOnlyOpenMembers(fn: NodePath<Movable>): boolean {
  if (!fn.isClassMethod() && !fn.isClassPrivateMethod()) return true;
  const owner = fn.parentPath.parentPath as NodePath<t.Class>;
  const open = new Set<string>();
  const hidden = new Set<string>();
  const sort = (key: t.Node, accessibility: string | null | undefined) => {
    if (key.type === "Identifier") (accessibility === "private" || accessibility === "protected" ? hidden : open).add(key.name);
  };
  for (const member of owner.node.body.body) {
    if ("key" in member && !("computed" in member && member.computed)) sort(member.key, (member as { accessibility?: string | null }).accessibility);
    if (member.type === "ClassMethod" && member.kind === "constructor") {
      for (const param of member.params) if (param.type === "TSParameterProperty" && param.parameter.type === "Identifier") sort(param.parameter, param.accessibility);
    }
  }
  const inherits = !!owner.node.superClass;
  let ok = true;
  fn.traverse({
    "MemberExpression|OptionalMemberExpression"(path: NodePath<t.MemberExpression>) {
      const { property, computed } = path.node;
      if (computed || property.type !== "Identifier") return;
      if (hidden.has(property.name) || (inherits && path.node.object.type === "ThisExpression" && !open.has(property.name))) {
        ok = false;
        path.stop();
      }
    },
  } as never);
  return ok;
}

/** What to call a moved generator: the function's name, or for `[Symbol.iterator]` `iterator`. */
function nameOf(fn: NodePath<Movable>): string {
  const key = "key" in fn.node && fn.node.computed ? fn.node.key : undefined;
  if (key?.type === "MemberExpression" && !key.computed && key.property.type === "Identifier") return key.property.name;
  return functionName(fn)?.replace(/^#/, "") || "generator";
}
