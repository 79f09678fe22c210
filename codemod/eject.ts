import { resolve } from "node:path";
import type { NodePath, types as t } from "@babel/core";
import { messages, RUNTIME_MODULE } from "../plugin/contract.js";
import { overloadSignatures, recognise, type Recognised, type Target } from "../plugin/recognise/index.js";
import { parseOnly, withProgram } from "./babel-file.js";
import { applyEdits, type Edit } from "./edits.js";
import { givenName } from "./given-name.js";
import { asteriskOffset, asteriskRemoval, openParenOffset, thisParameterEdits } from "./function-text.js";
import { carriedTypeParameters, exportedCoroutineType, generatorTypeEdits, generatorTypeOf, instantiated, iteratorTypeArguments, thisType, wrapperParams } from "./generator-types.js";
import { ImportPlan } from "./import-plan.js";
import { movedGeneratorEdits, type MoveContext } from "./moved-generator.js";
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
      const context: MoveContext = { plan, text, javascript: isJavaScriptFile(fileName), targets: targets.map((target) => target.fn) };
      return [...markerEdits(found, plan, text), ...targets.flatMap((target) => targetEdits(target, context)), ...plan.edits()];
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

function targetEdits({ fn, primed, decorators, tags, wrapped }: Target, context: MoveContext): Edit[] {
  const { plan, text, javascript } = context;
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
  const movable = fn.isClassMethod() || fn.isClassPrivateMethod() || fn.isObjectMethod() || fn.isFunctionExpression();
  const moved = movable ? movedGeneratorEdits(fn, wrapper, uses.thisKeyword, context) : undefined;
  if (moved) return [...edits, ...moved];
  const outerType = exportedType ? () => exportedType(plan.use("Coroutine", fn)) : undefined;
  return [...edits, ...wrapEdits(fn, plan.use(wrapper, fn), uses, javascript, text, outerType)];
}

function removeDecoratorEdit(text: string, decorator: t.Decorator): Edit {
  const start = decorator.start!;
  let end = decorator.end!;
  const lineStart = lineStartOf(text, start);
  const lineEnd = lineEndAfter(text, end);
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*(?:\r\n?|\n)$/.test(text.slice(end, lineEnd))) return { start: lineStart, end: lineEnd, text: "" };
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
  edits.push(...generatorTypeEdits(node.returnType, text));
  return edits;
}

/**
 * The hoisted form, for a declaration something uses before its line: the declaration stays a
 * (hoisted) function that hands its `this` and `arguments` to one generator function declared
 * beside it, as the plugin does:
 * `function f(this: unknown, _a: A): Coroutine<Y, R, S> { return coroutine(fGenerator, this, arguments, "f"); }`
 * then `function* fGenerator(a: A, b = 1): Generator<Y, R, S> {…}`. In TypeScript it needs what
 * the wrapper's signature is written from: a written `Generator` return type and typed parameters
 * (no overloads); else undefined (the per-call wrapping serves). Type parameters stay on both, the
 * call naming them (`fGenerator<T>`). An anonymous `export default function* () {…}` stays
 * anonymous; its generator is `defaultGenerator`.
 */
function hoistedEdits(fn: NodePath<t.FunctionDeclaration>, wrapperName: string, plan: ImportPlan, javascript: boolean, text: string): Edit[] | undefined {
  const { node } = fn;
  if (overloadSignatures(statementOf(fn)).length) return undefined;
  const types = iteratorTypeArguments(node.returnType, text);
  const carried = carriedTypeParameters([node.typeParameters], text);
  if (!carried) return undefined;
  if (!javascript && !types) return undefined;
  const wrapper = wrapperParams(node.params, javascript, text);
  if (!wrapper) return undefined;
  const { params, thisType = "unknown" } = wrapper;
  const name = node.id?.name ?? ""; // `export default function* () {…}` stays anonymous
  const generator = plan.freshName(`${name || "default"}Generator`);
  const signature = javascript ? params.join(", ") : [`this: ${thisType}`, ...params].join(", ");
  const returns = javascript ? "" : `: ${plan.use("Coroutine", fn.parentPath)}<${types!.join(", ")}>`;
  const indent = /^[ \t]*/.exec(text.slice(lineStartOf(text, node.start!)))![0];
  // the coroutine's name is the function's (as the plugin passes it), not its generator's
  const call = `${plan.use(wrapperName, fn.parentPath)}(${instantiated(generator, carried.names)}, this, arguments${name ? `, ${JSON.stringify(name)}` : ""})`;
  const typeParameters = node.typeParameters ? text.slice(node.typeParameters.start!, node.typeParameters.end!) : "";
  let end = node.id?.end ?? asteriskOffset(fn, text) + 1;
  if (!node.id && text[end] === " ") end++;
  const edits: Edit[] = [{ start: node.start!, end, text: `function ${name}${typeParameters}(${signature})${returns} { return ${call}; }\n${indent}function* ${generator}` }];
  edits.push(...generatorTypeEdits(node.returnType, text));
  return edits;
}

/**
 * A generator function expression's form: `coroutine(function* f(…) {…})` in its place, one
 * generator function for all calls, its name written as its id where its place gave it one. In
 * TypeScript its parameters must be typed or have defaults (its place no longer types them) and it
 * takes no type parameters (the wrapper's type would lose them; the moved form carries them); a
 * body using `this` gets a `this: any` parameter, as a method's wrapped body does.
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
    if (!javascript && uses.thisKeyword) edits.push(...thisParameterEdits(fn, openParenOffset(fn, star, text), "any"));
    edits.push(...generatorTypeEdits(node.returnType, text));
    edits.push({ start: node.end!, end: node.end!, text: ")" });
    return edits;
  };
}

/** Whether a parameter's type is written or comes from its default (`a: A`, `a = x`, `...a: A[]`, `{ a }: A`). */
function typedParam(param: t.Function["params"][number]): boolean {
  return param.type === "AssignmentPattern" || ("typeAnnotation" in param && !!param.typeAnnotation);
}

function wrapEdits(fn: NodePath<t.Function>, wrapper: string, uses: BodyUses, javascript: boolean, text: string, outerType?: () => string): Edit[] {
  const node = fn.node;
  const edits: Edit[] = [];
  const star = asteriskOffset(fn, text);
  edits.push(asteriskRemoval(star, text));

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

