import type { NodePath, types as t } from "@babel/core";
import type { Edit } from "./edits.js";

const ITERATOR_TYPES = new Set(["Generator", "Iterator", "IterableIterator"]);

export type Annotation = t.Function["returnType"];

/** The type node inside a `: T` annotation. */
export function typeOf(annotation: Annotation | t.Identifier["typeAnnotation"]): t.TSType | undefined {
  return annotation?.type === "TSTypeAnnotation" ? annotation.typeAnnotation : undefined;
}

export function typeText(annotation: t.Identifier["typeAnnotation"], text: string): string | undefined {
  const type = typeOf(annotation);
  return type ? text.slice(type.start!, type.end!) : undefined;
}

/** Y, R, S of a written Generator/Iterator/IterableIterator type (TypeScript's defaults filled in), or undefined. */
export function iteratorTypeArguments(annotation: Annotation, text: string): string[] | undefined {
  const type = typeOf(annotation);
  if (type?.type !== "TSTypeReference" || type.typeName.type !== "Identifier" || !ITERATOR_TYPES.has(type.typeName.name)) return undefined;
  const instantiation = (type as { typeArguments?: t.TSTypeParameterInstantiation | null }).typeArguments ?? type.typeParameters;
  const args = (instantiation?.params ?? []).map((a) => text.slice(a.start!, a.end!));
  return [args[0] ?? "unknown", args[1] ?? "any", args[2] ?? "any"];
}

/**
 * The inner generator's type when the written one is an `Iterator`/`IterableIterator` (which
 * `coroutine(…)` does not take): the `Generator<Y, R, S>` with the same arguments.
 */
export function generatorTypeOf(annotation: Annotation, text: string): string | undefined {
  const type = typeOf(annotation);
  const args = iteratorTypeArguments(annotation, text);
  if (!args || (type as t.TSTypeReference).typeName.type !== "Identifier" || ((type as t.TSTypeReference).typeName as t.Identifier).name === "Generator") return undefined;
  return `Generator<${args.join(", ")}>`;
}

/** The edit writing a function's `Iterator`/`IterableIterator` return type as that `Generator` (none if it is one). */
export function generatorTypeEdits(annotation: Annotation, text: string): Edit[] {
  const asGenerator = generatorTypeOf(annotation, text);
  return asGenerator ? [{ start: typeOf(annotation)!.start!, end: typeOf(annotation)!.end!, text: asGenerator }] : [];
}

/**
 * For an exported function or method whose generator type is written out, the written
 * `Coroutine<Y, R, S>` return type it keeps (exported API keeps an explicit type, e.g. for
 * isolatedDeclarations); undefined where inference does.
 */
export function exportedCoroutineType(fn: NodePath<t.Function>, text: string): ((coroutineName: string) => string) | undefined {
  const args = iteratorTypeArguments(fn.node.returnType, text);
  if (!args) return undefined;
  let exported = false;
  const parent = fn.parentPath!;
  if (fn.isFunctionDeclaration()) exported = parent.isExportNamedDeclaration() || parent.isExportDefaultDeclaration();
  else if (fn.isClassMethod()) {
    const owner = parent.parentPath!;
    const ownerExported = owner.isClassDeclaration() && (owner.parentPath.isExportNamedDeclaration() || owner.parentPath.isExportDefaultDeclaration());
    exported = ownerExported && fn.node.accessibility !== "private";
  } else if (fn.isFunctionExpression()) {
    const declaration = parent.parentPath;
    exported = parent.isVariableDeclarator() && parent.node.init === fn.node && !!declaration?.parentPath?.isExportNamedDeclaration();
  }
  return exported ? (coroutineName) => `${coroutineName}<${args.join(", ")}>` : undefined;
}

/** The type to give `this` in a wrapped body (TypeScript only). */
export function thisType(fn: NodePath<t.Function>, text: string): string {
  const first = fn.node.params[0];
  if (first?.type === "Identifier" && first.name === "this") return typeText(first.typeAnnotation, text) ?? "any";
  if (fn.isClassMethod()) {
    const owner = fn.parentPath.parentPath!.node as t.Class;
    if (!owner.id) return "any";
    if (fn.node.static) return `typeof ${owner.id.name}`;
    const params = owner.typeParameters?.type === "TSTypeParameterDeclaration" ? owner.typeParameters.params.map((p) => (typeof p.name === "string" ? p.name : (p.name as t.Identifier).name)) : [];
    return params.length ? `${owner.id.name}<${params.join(", ")}>` : owner.id.name;
  }
  return "any";
}

/**
 * The parameters of a wrapper that hands `arguments` on, typed as written, and the written `this`
 * type. Those that count in `length` (before the first default or rest) keep a place each (`_a: A`,
 * `_1: [B, C]`); in TypeScript the rest follow as one rest tuple, so callers may still pass them and
 * `length` stays: `_tree: Tree, ..._more: [depth?: number, ...names: string[]]`. Undefined in
 * TypeScript when one of them has no written type (nor a literal default that gives one).
 */
export function wrapperParams(params: t.Function["params"], javascript: boolean, text: string): { params: string[]; thisType?: string } | undefined {
  const out: string[] = [];
  const more: string[] = [];
  let thisType: string | undefined;
  for (const [i, param] of params.entries()) {
    if (param.type === "Identifier" && param.name === "this") {
      thisType = typeText(param.typeAnnotation, text);
      continue;
    }
    const counts = !more.length && (param.type === "Identifier" || param.type === "ObjectPattern" || param.type === "ArrayPattern");
    if (javascript) {
      if (!counts) break;
      out.push(param.type === "Identifier" ? `_${param.name}` : `_${i}`);
      continue;
    }
    const target = param.type === "AssignmentPattern" ? param.left : param.type === "RestElement" ? param.argument : param;
    const type = typeText(((param.type === "RestElement" ? param : target) as t.Identifier).typeAnnotation, text) ?? (param.type === "AssignmentPattern" ? literalType(param.right) : undefined);
    if (!type) return undefined;
    const label = target.type === "Identifier" ? target.name : `arg${i}`;
    if (counts) out.push(`_${label === `arg${i}` ? i : label}${param.type === "Identifier" && param.optional ? "?" : ""}: ${type}`);
    else more.push(param.type === "RestElement" ? `...${label}: ${type}` : `${label}?: ${type}`);
  }
  let rest = "_more";
  while (out.some((p) => p.startsWith(`${rest}:`) || p.startsWith(`${rest}?:`))) rest = `_${rest}`;
  if (more.length) out.push(`...${rest}: [${more.join(", ")}]`);
  return { params: out, thisType };
}

/** The type TypeScript gives an unannotated parameter defaulting to a literal (`step = 1`: number). */
function literalType(value: t.Expression): string | undefined {
  if (value.type === "UnaryExpression" && value.operator === "-") value = value.argument;
  if (value.type === "NumericLiteral") return "number";
  if (value.type === "StringLiteral" || (value.type === "TemplateLiteral" && !value.expressions.length)) return "string";
  if (value.type === "BooleanLiteral") return "boolean";
  if (value.type === "BigIntLiteral") return "bigint";
  return undefined;
}

type TypeParameters = t.Function["typeParameters"] | t.Class["typeParameters"];

/**
 * Type parameters a generator declared elsewhere takes over (a class's and a method's, or a
 * function's), so it is written `walkGenerator<T, U>` where it is called: their declarations with
 * defaults and variance dropped (a function may not have them, and every call gives all arguments),
 * and their names. Undefined for Flow's.
 */
export function carriedTypeParameters(lists: readonly TypeParameters[], text: string): { declare: string; names: string[] } | undefined {
  const declared: string[] = [];
  const names: string[] = [];
  for (const list of lists) {
    if (!list || list.type === "Noop") continue;
    if (list.type !== "TSTypeParameterDeclaration") return undefined;
    for (const p of list.params) {
      names.push(typeof p.name === "string" ? p.name : (p.name as t.Identifier).name);
      const written = text.slice(p.start!, p.default ? p.default.start! : p.end!).replace(/\s*=\s*$/, "");
      declared.push(written.replace(/^((in|out)\s+)+/, ""));
    }
  }
  return names.length ? { declare: `<${declared.join(", ")}>`, names } : { declare: "", names };
}

/** `name<A, B>`, or `name` when there are no type arguments. */
export function instantiated(name: string, typeArguments: readonly string[]): string {
  return typeArguments.length ? `${name}<${typeArguments.join(", ")}>` : name;
}
