import { resolve } from "node:path";
import type { NodePath, types as t } from "@babel/core";
import { messages, RUNTIME_MODULE } from "../plugin/contract.js";
import { overloadSignatures, recognise, type Recognised, type Target } from "../plugin/recognise/index.js";
import { parseOnly, withProgram } from "./babel-file.js";
import { applyEdits, type Edit } from "./edits.js";
import { givenName } from "./given-name.js";
import { ImportPlan } from "./import-plan.js";
import { removeTagEdits, tagIn } from "./tag-edits.js";
import { isJavaScriptFile, lineEndAfter, lineStartOf, splitText, withEol } from "./text.js";

/** Raised for input the plugin would reject; the message says where and what to write instead. */
export class CodemodInputError extends Error {}

/** Options of eject. */
export interface EjectOptions {
  /** The module the runtime is imported from, as the Babel plugin's option of that name (default "coroutil"). */
  runtimeModule?: string;
}

/**
 * Ejects one file's text (no BOM): markers become `yield* from(x)`, annotated generators a
 * `coroutine(…)` wrapping and generators with markers a `track(…)` wrapping, so the file needs
 * only the runtime. What to change comes from the plugin's recogniser, so eject accepts and refuses
 * exactly what the plugin does; the changes are text edits on the original (magic-string), so
 * every untouched byte stays. A syntax error throws Babel's error; input the plugin rejects throws
 * {@link CodemodInputError} (`line:column message` and the code frame).
 */
export function ejectSource(text: string, fileName: string, options: EjectOptions = {}): string {
  const module = options.runtimeModule ?? RUNTIME_MODULE;
  if (!text.includes(RUNTIME_MODULE) && !text.includes(module) && !text.includes("@coroutine")) {
    parseOnly(text, fileName); // still refuse a file that does not parse
    return text;
  }
  const sources = new Set([RUNTIME_MODULE, module]);
  let edits: Edit[];
  try {
    edits = withProgram(text, fileName, (program, comments) => {
      const found = recognise(program, comments, sources);
      if (!found) return [];
      const plan = new ImportPlan(program, found.bindings, text, fileName, module, sources);
      const targets = [...found.targets].sort((a, b) => a.fn.node.start! - b.fn.node.start!);
      return [...markerEdits(found, plan, text), ...targets.flatMap((target) => targetEdits(target, plan, text, isJavaScriptFile(fileName))), ...plan.edits()];
    });
  } catch (error) {
    throw inputError(error, fileName);
  }
  if (!edits.length) return text;
  const eol = splitText(text).eol;
  return applyEdits(text, edits.map((e) => ({ ...e, text: withEol(e.text, eol) })));
}

/**
 * A code-frame error of the recogniser (or of eject itself) as a CodemodInputError:
 * `line:column message`, then the code frame. Parse errors pass through.
 */
function inputError(error: unknown, fileName: string): unknown {
  if (!(error instanceof Error) || (error as { code?: string }).code === "BABEL_PARSE_ERROR") return error;
  const prefix = `${resolve(fileName)}: `;
  const [head, ...frame] = (error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message).split("\n");
  const at = /^>\s*(\d+) \|.*\n\s*\|(\s*)\^/m.exec(frame.join("\n"));
  if (!at) return error;
  return new CodemodInputError(`${at[1]}:${at[2]!.length} ${head}\n${frame.join("\n")}`);
}

/** Every marker becomes `yield* from(x)`: the `*` added, `yieldFrom` renamed (its import dropped when unused). */
function markerEdits(found: Recognised, plan: ImportPlan, text: string): Edit[] {
  const edits: Edit[] = [];
  const replaced = new Map<NonNullable<ReturnType<NodePath["scope"]["getBinding"]>>, number>();
  for (const { call, yieldExpr, name, done } of found.markers) {
    if (done) continue;
    if (!yieldExpr.node.delegate) {
      const at = yieldExpr.node.start! + "yield".length;
      edits.push({ start: at, end: at, text: "*" });
    }
    if (name !== "yieldFrom") continue;
    const callee = call.get("callee");
    const node = callee.isSequenceExpression() ? callee.node.expressions[callee.node.expressions.length - 1]! : callee.node;
    if (node.type === "MemberExpression") {
      const prop = node.property;
      edits.push({ start: prop.start!, end: prop.end!, text: prop.type === "StringLiteral" ? `${text[prop.start!]}from${text[prop.start!]}` : "from" });
    } else if (node.type === "Identifier") {
      const binding = call.scope.getBinding(node.name)!;
      replaced.set(binding, (replaced.get(binding) ?? 0) + 1);
      edits.push({ start: node.start!, end: node.end!, text: plan.use("from", call) });
    }
  }
  for (const [binding, count] of replaced) {
    if (binding.referencePaths.length === count && binding.path.isImportSpecifier()) plan.drop(binding.path.node);
  }
  return edits;
}

function targetEdits({ fn, primed, decorators, tags, wrapped }: Target, plan: ImportPlan, text: string, javascript: boolean): Edit[] {
  const edits: Edit[] = [];
  for (const comment of tags) {
    const tag = tagIn(text, comment.start!, comment.end!);
    if (tag) edits.push(...removeTagEdits(text, tag));
  }
  for (const decorator of decorators) edits.push(removeDecoratorEdit(text, decorator.node));
  if (wrapped) return edits;
  const wrapper = primed ? "coroutine" : "track";
  const uses = bodyUses(fn);
  if (uses.superKeyword) throw uses.superKeyword.buildCodeFrameError(messages.superInEjectedBody());
  const exportedType = javascript ? undefined : exportedCoroutineType(fn, text);
  if (!exportedType && fn.isFunctionDeclaration() && canBeConst(fn)) return [...edits, ...constEdits(fn, plan.use(wrapper, fn.parentPath), text)];
  const hoisted = fn.isFunctionDeclaration() ? hoistedEdits(fn, wrapper, plan, javascript, text) : undefined;
  if (hoisted) return [...edits, ...hoisted];
  const inPlace = !exportedType && fn.isFunctionExpression() ? expressionEdits(fn, uses, javascript, text) : undefined;
  if (inPlace) return [...edits, ...inPlace(plan.use(wrapper, fn.parentPath))];
  const outerType = exportedType ? () => exportedType(plan.use("Coroutine", fn)) : undefined;
  return [...edits, ...wrapEdits(fn, plan.use(wrapper, fn), uses, javascript, text, outerType)];
}

function removeDecoratorEdit(text: string, decorator: t.Decorator): Edit {
  const start = decorator.start!;
  let end = decorator.end!;
  const lineStart = lineStartOf(text, start);
  const lineEnd = lineEndAfter(text, end);
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*\r?\n$/.test(text.slice(end, lineEnd))) return { start: lineStart, end: lineEnd, text: "" };
  while (text[end] === " " || text[end] === "\t") end++;
  return { start, end, text: "" };
}

/** What a generator body refers to that must flow into a wrapped body (nested non-arrow functions aside). */
interface BodyUses {
  thisKeyword: boolean;
  argumentsObject: boolean;
  superKeyword: NodePath | undefined;
}

function bodyUses(fn: NodePath<t.Function>): BodyUses {
  const uses: BodyUses = { thisKeyword: false, argumentsObject: false, superKeyword: undefined };
  fn.get("body").traverse({
    Function(path) {
      if (!path.isArrowFunctionExpression()) path.skip();
    },
    ClassProperty(path) {
      path.skip();
    },
    ClassPrivateProperty(path) {
      path.skip();
    },
    StaticBlock(path) {
      path.skip();
    },
    ThisExpression() {
      uses.thisKeyword = true;
    },
    Super(path) {
      uses.superKeyword ??= path;
    },
    Identifier(path) {
      if (path.node.name === "arguments" && path.isReferencedIdentifier()) uses.argumentsObject = true;
    },
  });
  return uses;
}

/** The statement a declaration stands in: its `export` when exported. */
function statementOf(fn: NodePath<t.FunctionDeclaration>): NodePath {
  return fn.parentPath.isExportNamedDeclaration() || fn.parentPath.isExportDefaultDeclaration() ? fn.parentPath : fn;
}

/**
 * Whether a generator declaration can become `const f = coroutine(function* f(…) {…});`, the form
 * a person writes (one generator function for all calls): nothing may use `f` before that line
 * runs — no use above it, none inside a function declaration (hoisted, so callable earlier), none
 * in its own body (there `f` would be the bare generator), no assignment to it — and it has no
 * overloads, type parameters (which the wrapper's type cannot carry) or `export default`, and
 * stands at the top of a module, script or function body (where `const` scopes as it did).
 */
function canBeConst(fn: NodePath<t.FunctionDeclaration>): boolean {
  const { node } = fn;
  const statement = statementOf(fn);
  if (!node.id || fn.parentPath.isExportDefaultDeclaration() || node.typeParameters || overloadSignatures(statement).length) return false;
  const holder = statement.parentPath;
  if (!holder?.isProgram() && !(holder?.isBlockStatement() && holder.parentPath.isFunction())) return false;
  const binding = fn.parentPath.scope.getBinding(node.id.name);
  if (!binding || binding.constantViolations.length) return false;
  return binding.referencePaths.every((ref) => ref.node.start! > node.end! && !ref.findParent((p) => p.isFunctionDeclaration()));
}

/** `function* f(…): T {…}` -> `const f = wrapper(function* f(…): T {…});`, every other byte as it was. */
function constEdits(fn: NodePath<t.FunctionDeclaration>, wrapper: string, text: string): Edit[] {
  const { node } = fn;
  const name = node.id!.name;
  const edits: Edit[] = [
    { start: node.start!, end: node.id!.end!, text: `const ${name} = ${wrapper}(function* ${name}` },
    { start: node.body.end!, end: node.body.end!, text: ");" },
  ];
  const asGenerator = generatorTypeOf(node.returnType, text);
  if (asGenerator) edits.push({ start: typeOf(node.returnType)!.start!, end: typeOf(node.returnType)!.end!, text: asGenerator });
  return edits;
}

/**
 * The hoisted form, for a declaration something uses before its line: the declaration stays a
 * (hoisted) function that hands its `this` and `arguments` to one generator function declared
 * beside it, as the plugin does:
 * `function f(this: unknown, _a: A): Coroutine<Y, R, S> { return coroutine(fGenerator, this, arguments); }`
 * then `function* fGenerator(a: A, b = 1): Generator<Y, R, S> {…}`. In TypeScript it needs what
 * the wrapper's signature is written from: a written `Generator` return type and typed parameters
 * (no type parameters, no overloads); else undefined (the per-call wrapping serves). An anonymous
 * `export default function* () {…}` stays anonymous; its generator is `defaultGenerator`.
 */
function hoistedEdits(fn: NodePath<t.FunctionDeclaration>, wrapper: string, plan: ImportPlan, javascript: boolean, text: string): Edit[] | undefined {
  const { node } = fn;
  if (node.typeParameters || overloadSignatures(statementOf(fn)).length) return undefined;
  const types = iteratorTypeArguments(node.returnType, text);
  if (!javascript && !types) return undefined;
  const params: string[] = [];
  let thisType = "unknown";
  for (const [i, param] of node.params.entries()) {
    if (param.type === "Identifier" && param.name === "this") {
      thisType = typeText(param.typeAnnotation, text) ?? "unknown";
      continue;
    }
    if (param.type !== "Identifier" && param.type !== "ObjectPattern" && param.type !== "ArrayPattern") break;
    const type = typeText(param.typeAnnotation, text);
    if (!javascript && !type) return undefined;
    const name = param.type === "Identifier" ? `_${param.name}` : `_${i}`;
    const optional = param.type === "Identifier" && param.optional ? "?" : "";
    params.push(javascript ? name : `${name}${optional}: ${type}`);
  }
  const name = node.id?.name ?? ""; // `export default function* () {…}` stays anonymous
  const generator = plan.freshName(`${name || "default"}Generator`);
  const signature = javascript ? params.join(", ") : [`this: ${thisType}`, ...params].join(", ");
  const returns = javascript ? "" : `: ${plan.use("Coroutine", fn.parentPath)}<${types!.join(", ")}>`;
  const indent = /^[ \t]*/.exec(text.slice(lineStartOf(text, node.start!)))![0];
  const call = `${plan.use(wrapper, fn.parentPath)}(${generator}, this, arguments)`;
  let end = node.id?.end ?? asteriskOffset(fn, text) + 1;
  if (!node.id && text[end] === " ") end++;
  const edits: Edit[] = [{ start: node.start!, end, text: `function ${name}(${signature})${returns} { return ${call}; }\n${indent}function* ${generator}` }];
  const asGenerator = generatorTypeOf(node.returnType, text);
  if (asGenerator) edits.push({ start: typeOf(node.returnType)!.start!, end: typeOf(node.returnType)!.end!, text: asGenerator });
  return edits;
}

/**
 * A generator function expression's form: `coroutine(function* f(…) {…})` in its place, one
 * generator function for all calls, its name written as its id where its place gave it one. In
 * TypeScript its parameters must be typed or have defaults (its place no longer types them) and it takes no type
 * parameters; a body using `this` gets a `this: any` parameter, as a method's wrapped body does.
 * Undefined where that cannot be (see {@link givenName}); the per-call wrapping serves there.
 */
function expressionEdits(fn: NodePath<t.FunctionExpression>, uses: BodyUses, javascript: boolean, text: string): ((wrapper: string) => Edit[]) | undefined {
  const { node } = fn;
  const name = givenName(fn);
  if (name === undefined) return undefined;
  if (!javascript && (node.typeParameters || !node.params.every(typedParam))) return undefined;
  return (wrapper) => {
    const star = asteriskOffset(fn, text);
    const edits: Edit[] = [{ start: node.start!, end: node.start!, text: `${wrapper}(` }];
    if (!node.id && name) {
      const at = text[star + 1] === " " ? star + 2 : star + 1;
      edits.push({ start: at, end: at, text: `${at === star + 1 ? " " : ""}${name}${text[at] === "(" ? "" : " "}` });
    }
    const first = node.params[0];
    if (!javascript && uses.thisKeyword && !(first?.type === "Identifier" && first.name === "this")) {
      const at = first ? first.start! : openParenOffset(fn, star, text) + 1;
      edits.push({ start: at, end: at, text: first ? "this: any, " : "this: any" });
    }
    const asGenerator = generatorTypeOf(node.returnType, text);
    if (asGenerator) edits.push({ start: typeOf(node.returnType)!.start!, end: typeOf(node.returnType)!.end!, text: asGenerator });
    edits.push({ start: node.end!, end: node.end!, text: ")" });
    return edits;
  };
}

/** Whether a parameter's type is written or comes from its default (`a: A`, `a = x`, `...a: A[]`, `{ a }: A`). */
function typedParam(param: t.Function["params"][number]): boolean {
  return param.type === "AssignmentPattern" || ("typeAnnotation" in param && !!param.typeAnnotation);
}

/** The offset of the `(` opening a function's parameters (after its `*` and id, outside comments). */
function openParenOffset(fn: NodePath<t.Function>, star: number, text: string): number {
  let at = (fn.node as { id?: t.Node | null }).id?.end ?? star + 1;
  while (text[at] !== "(") {
    if (text.startsWith("/*", at)) at = text.indexOf("*/", at + 2) + 2;
    else if (text.startsWith("//", at)) at = lineEndAfter(text, at);
    else at++;
  }
  return at;
}

/** The offset of a generator's `*` (after any decorators and modifiers, outside comments). */
function asteriskOffset(fn: NodePath<t.Function>, text: string): number {
  const node = fn.node as t.Function & { decorators?: t.Decorator[] | null; key?: t.Node; id?: t.Node | null };
  let at = node.decorators?.length ? node.decorators[node.decorators.length - 1]!.end! : node.start!;
  const limit = node.key?.start ?? node.id?.start ?? node.params[0]?.start ?? node.body.start!;
  while (at < limit) {
    if (text.startsWith("/*", at)) at = text.indexOf("*/", at + 2) + 2;
    else if (text.startsWith("//", at)) at = lineEndAfter(text, at);
    else if (text[at] === "*") return at;
    else at++;
  }
  throw new Error("codemod: no `*` found before a generator's name; this is a codemod bug, please report it");
}

function wrapEdits(fn: NodePath<t.Function>, wrapper: string, uses: BodyUses, javascript: boolean, text: string, outerType?: () => string): Edit[] {
  const node = fn.node;
  const edits: Edit[] = [];
  const star = asteriskOffset(fn, text);
  const glue = /[\w$]/.test(text[star - 1] ?? "") && /[\w$#[]/.test(text[star + 1] ?? "") ? " " : "";
  edits.push({ start: star, end: star + 1, text: glue });

  let returnType = "";
  const annotation = node.returnType;
  if (annotation && annotation.type === "TSTypeAnnotation") {
    returnType = text.slice(annotation.start!, annotation.end!);
    const asGenerator = generatorTypeOf(annotation, text);
    if (asGenerator) returnType = `: ${asGenerator}`;
    const outer = outerType?.() ?? "";
    edits.push({ start: annotation.start!, end: annotation.end!, text: outer ? `: ${outer}` : "" });
  }
  let thisParam = "";
  let invoke = "()";
  if (uses.thisKeyword && !javascript) thisParam = `this: ${thisType(fn, text)}`;
  if (uses.argumentsObject) invoke = `.apply(${uses.thisKeyword ? "this" : "undefined"}, arguments${javascript ? "" : " as any"})`;
  else if (uses.thisKeyword) invoke = ".call(this)";
  const body = node.body as t.BlockStatement;
  edits.push({ start: body.start!, end: body.start! + 1, text: `{ return ${wrapper}(function* (${thisParam})${returnType} {` });
  edits.push({ start: body.end! - 1, end: body.end!, text: `}${invoke}); }` });
  return edits;
}

const ITERATOR_TYPES = new Set(["Generator", "Iterator", "IterableIterator"]);

type Annotation = t.Function["returnType"];

/** The type node inside a `: T` annotation. */
function typeOf(annotation: Annotation | t.Identifier["typeAnnotation"]): t.TSType | undefined {
  return annotation?.type === "TSTypeAnnotation" ? annotation.typeAnnotation : undefined;
}

function typeText(annotation: t.Identifier["typeAnnotation"], text: string): string | undefined {
  const type = typeOf(annotation);
  return type ? text.slice(type.start!, type.end!) : undefined;
}

/** Y, R, S of a written Generator/Iterator/IterableIterator type (TypeScript's defaults filled in), or undefined. */
function iteratorTypeArguments(annotation: Annotation, text: string): string[] | undefined {
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
function generatorTypeOf(annotation: Annotation, text: string): string | undefined {
  const type = typeOf(annotation);
  const args = iteratorTypeArguments(annotation, text);
  if (!args || (type as t.TSTypeReference).typeName.type !== "Identifier" || ((type as t.TSTypeReference).typeName as t.Identifier).name === "Generator") return undefined;
  return `Generator<${args.join(", ")}>`;
}

/**
 * For an exported function or method whose generator type is written out, the written
 * `Coroutine<Y, R, S>` return type it keeps (exported API keeps an explicit type, e.g. for
 * isolatedDeclarations); undefined where inference does.
 */
function exportedCoroutineType(fn: NodePath<t.Function>, text: string): ((coroutineName: string) => string) | undefined {
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
function thisType(fn: NodePath<t.Function>, text: string): string {
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
