import { Node, SyntaxKind, type CallExpression, type FunctionDeclaration, type SourceFile, type YieldExpression } from "ts-morph";
import { coroutilBindings, namesInUse, referencesToLocal, runtimeExportOf, type CoroutilBindings } from "./bindings.js";
import { applyEdits, type Edit } from "./edits.js";
import { bodyUses, enclosingFunction, isAsync, isGenerator, isGeneratorLike, type GeneratorLike } from "./functions.js";
import { ImportPlan } from "./imports.js";
import { coroutineTags, removeTagEdits } from "./jsdoc.js";
import { isJavaScriptFile } from "./parse.js";
import { lineColumn, lineEndAfter, lineStartOf, splitText, withEol } from "./text.js";

/** Raised for input the plugin would reject; the message says where and what to write instead. */
export class CodemodInputError extends Error {}

const MARKERS = new Set(["from", "yieldFrom"]);

/**
 * Eject one source file: markers become `yield* from(x)`, annotated generators a
 * `coroutine(…)` wrapping and generators with markers a `track(…)` wrapping, so
 * the file needs only the runtime. Returns the new text of the file (line
 * endings as the file's: generated text uses "\n" and the caller converts).
 */
export function ejectSourceFile(sourceFile: SourceFile): string {
  const text = sourceFile.getFullText();
  if (!text.includes("coroutil") && !text.includes("@coroutine")) return text;
  const bindings = coroutilBindings(sourceFile);
  const plan = new ImportPlan(sourceFile, bindings);
  const edits: Edit[] = [];
  const fail = (node: Node, message: string): never => {
    const { line, column } = lineColumn(text, node.getStart());
    throw new CodemodInputError(`${line}:${column} ${message}`);
  };

  const withMarkers = new Set<GeneratorLike>();
  const replacedCallees = new Map<string, number>();
  if (bindings.locals.size || bindings.namespaces.length) {
    for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const name = runtimeExportOf(call.getExpression(), bindings);
      if (!name || !MARKERS.has(name)) continue;
      const label = call.getExpression().getText();
      const fn = enclosingFunction(call);
      if (!fn || !isGeneratorLike(fn) || !isGenerator(fn)) {
        const outer = fn?.getFirstAncestor((a) => isGeneratorLike(a) && isGenerator(a));
        fail(
          call,
          outer
            ? `\`${label}(x)\` is inside a nested non-generator function, so the enclosing generator cannot delegate to it; move \`yield ${label}(x)\` to the generator's own body`
            : `\`${label}(x)\` marks a delegation and only works in a generator body; write \`yield ${label}(x)\` inside a \`function*\``,
        );
      }
      const generator = fn as GeneratorLike;
      if (isAsync(generator)) fail(call, `\`yield ${label}(x)\` cannot be used in an async generator; write function* without async`);
      const parent = call.getParent();
      if (!Node.isYieldExpression(parent) || parent.getExpression() !== call) {
        fail(call, `\`${label}(x)\` is a delegation marker and does nothing unless it is yielded; write \`yield ${label}(x)\``);
      }
      if (call.getArguments().length !== 1) fail(call, `\`${label}()\` takes exactly one argument, the iterable to delegate to; write \`yield ${label}(x)\``);
      withMarkers.add(generator);
      edits.push(...markerEdits(parent as YieldExpression, call, name, bindings, plan, replacedCallees));
    }
  }
  for (const [local, count] of replacedCallees) {
    if (referencesToLocal(sourceFile, local, bindings).length === count) {
      for (const decl of bindings.declarations) {
        for (const spec of decl.getNamedImports()) if ((spec.getAliasNode() ?? spec.getNameNode()).getText() === local) plan.drop(spec);
      }
    }
  }

  const targets = new Map<GeneratorLike, "coroutine" | "track" | "none">();
  for (const fn of sourceFile.getDescendants().filter(isGeneratorLike)) {
    if (!fn.getBody()) continue; // an overload signature: its JSDoc belongs to the implementation
    const tags = coroutineTags(fn);
    const decorators = Node.isMethodDeclaration(fn)
      ? fn.getDecorators().filter((d) => runtimeExportOf(d.getCallExpression() ? d.getCallExpressionOrThrow() : d.getExpression(), bindings) === "coroutine")
      : [];
    const annotated = tags.length > 0 || decorators.length > 0;
    if (annotated && !isGenerator(fn)) {
      fail(fn, "@coroutine is for generator functions; write function* (or *method) or drop the tag");
    }
    if (annotated && isAsync(fn)) fail(fn, "@coroutine can't annotate an async generator; use a plain function*");
    for (const tag of tags) edits.push(...removeTagEdits(text, tag));
    for (const decorator of decorators) edits.push(removeDecoratorEdit(text, decorator));
    if (annotated) targets.set(fn, alreadyWrapped(fn, bindings) ? "none" : "coroutine");
    else if (withMarkers.has(fn)) targets.set(fn, alreadyWrapped(fn, bindings) ? "none" : "track");
  }

  const javascript = isJavaScriptFile(sourceFile.getFilePath());
  const usedNames = namesInUse(sourceFile);
  for (const [fn, wrapper] of targets) {
    if (wrapper === "none") continue;
    const uses = bodyUses(fn);
    if (uses.superKeyword) {
      fail(uses.superKeyword, "eject can't move a body that uses super into a coroutine(…) wrapping; call a helper method instead of super here");
    }
    const exportedType = javascript ? undefined : exportedCoroutineType(fn);
    if (!exportedType && Node.isFunctionDeclaration(fn) && canBeConst(fn, text)) {
      edits.push(...constEdits(fn, plan.use(wrapper)));
      continue;
    }
    const hoisted = Node.isFunctionDeclaration(fn) ? hoistedEdits(fn, wrapper, plan, javascript, usedNames) : undefined;
    if (hoisted) {
      edits.push(...hoisted);
      continue;
    }
    const outerType = exportedType ? () => exportedType(plan.use("Coroutine")) : undefined;
    edits.push(...wrapEdits(fn, plan.use(wrapper), uses, javascript, outerType));
  }

  edits.push(...plan.edits());
  const eol = splitText(text).eol;
  return edits.length ? applyEdits(text, edits.map((e) => ({ ...e, text: withEol(e.text, eol) }))) : text;
}

function markerEdits(
  yieldExpr: YieldExpression,
  call: CallExpression,
  name: string,
  bindings: CoroutilBindings,
  plan: ImportPlan,
  replaced: Map<string, number>,
): Edit[] {
  const edits: Edit[] = [];
  if (!yieldExpr.compilerNode.asteriskToken) {
    const at = yieldExpr.getStart() + "yield".length;
    edits.push({ start: at, end: at, text: "*" });
  }
  if (name === "yieldFrom") {
    let callee: Node = call.getExpression();
    while (Node.isParenthesizedExpression(callee)) callee = callee.getExpression();
    if (Node.isPropertyAccessExpression(callee)) {
      const nameNode = callee.getNameNode();
      edits.push({ start: nameNode.getStart(), end: nameNode.getEnd(), text: "from" });
    } else {
      const local = callee.getText();
      replaced.set(local, (replaced.get(local) ?? 0) + 1);
      edits.push({ start: callee.getStart(), end: callee.getEnd(), text: plan.use("from") });
    }
  }
  return edits;
}

/**
 * A generator already handed to `coroutine(…)`/`track(…)`: an expression (as is, called, or via
 * call/apply), or a declaration passed by name, as `coroutine(fGenerator, this, arguments)`.
 */
function alreadyWrapped(fn: GeneratorLike, bindings: CoroutilBindings): boolean {
  if (Node.isFunctionDeclaration(fn)) {
    const name = fn.getName();
    return (
      !!name &&
      fn
        .getSourceFile()
        .getDescendantsOfKind(SyntaxKind.CallExpression)
        .some((call) => {
          const first = call.getArguments()[0];
          const wrapper = Node.isIdentifier(first) && first.getText() === name ? runtimeExportOf(call.getExpression(), bindings) : undefined;
          return wrapper === "coroutine" || wrapper === "track";
        })
    );
  }
  if (!Node.isFunctionExpression(fn)) return false;
  let node: Node = fn;
  const up = (): Node | undefined => {
    let parent = node.getParent();
    while (parent && Node.isParenthesizedExpression(parent)) parent = parent.getParent();
    return parent;
  };
  let parent = up();
  if (Node.isPropertyAccessExpression(parent) && ["call", "apply"].includes(parent.getName())) {
    node = parent;
    parent = up();
  }
  if (Node.isCallExpression(parent) && parent.getExpression() !== node) {
    // node is an argument: coroutine(function* …)
  } else if (Node.isCallExpression(parent)) {
    node = parent;
    parent = up();
  }
  if (!Node.isCallExpression(parent) || !parent.getArguments().includes(node)) return false;
  const wrapper = runtimeExportOf(parent.getExpression(), bindings);
  return wrapper === "coroutine" || wrapper === "track";
}

function removeDecoratorEdit(text: string, decorator: Node): Edit {
  const start = decorator.getStart();
  let end = decorator.getEnd();
  const lineStart = lineStartOf(text, start);
  const lineEnd = lineEndAfter(text, end);
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*\r?\n$/.test(text.slice(end, lineEnd))) {
    return { start: lineStart, end: lineEnd, text: "" };
  }
  while (text[end] === " " || text[end] === "\t") end++;
  return { start, end, text: "" };
}

/**
 * Whether a generator declaration can become `const f = coroutine(function* f(…) {…});`, the form
 * a person writes (one generator function for all calls): nothing may use `f` before that line
 * runs — no use above it, none inside a function declaration (hoisted, so callable earlier), none
 * in its own body (there `f` would be the bare generator) — and it has no overloads, type
 * parameters (which the wrapper's type cannot carry) or `export default`. Else the hoisted form.
 */
function canBeConst(fn: FunctionDeclaration, text: string): boolean {
  const nameNode = fn.getNameNode();
  if (!nameNode || !fn.getBody() || fn.isDefaultExport() || fn.getOverloads().length || fn.getTypeParameters().length) return false;
  const name = nameNode.getText();
  if (!text.includes(name)) return true;
  const end = fn.getEnd();
  return fn
    .getSourceFile()
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .every((id) => {
      if (id === nameNode || id.getText() !== name) return true;
      const parent = id.getParent();
      if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) return true;
      return id.getStart() > end && !id.getFirstAncestor((a) => Node.isFunctionDeclaration(a));
    });
}

/** `function* f(…): T {…}` -> `const f = wrapper(function* f(…): T {…});`, every other byte as it was. */
function constEdits(fn: FunctionDeclaration, wrapper: string): Edit[] {
  const keyword = fn.getFirstChildByKindOrThrow(SyntaxKind.FunctionKeyword);
  const name = fn.getNameNodeOrThrow();
  const body = fn.getBodyOrThrow();
  const edits: Edit[] = [
    { start: keyword.getStart(), end: name.getEnd(), text: `const ${name.getText()} = ${wrapper}(function* ${name.getText()}` },
    { start: body.getEnd(), end: body.getEnd(), text: ");" },
  ];
  const typeNode = fn.getReturnTypeNode();
  const asGenerator = typeNode && generatorTypeOf(typeNode);
  if (typeNode && asGenerator) edits.push({ start: typeNode.getStart(), end: typeNode.getEnd(), text: asGenerator });
  return edits;
}

/**
 * The hoisted form, for a declaration something uses before its line: the declaration stays a
 * (hoisted) function that hands its `this` and `arguments` to one generator function declared
 * beside it, as the plugin does:
 * `function f(this: unknown, _a: A): Coroutine<Y, R, S> { return coroutine(fGenerator, this, arguments); }`
 * then `function* fGenerator(a: A, b = 1): Generator<Y, R, S> {…}`. In TypeScript it needs what
 * the wrapper's signature is written from: a written `Generator` return type and typed parameters
 * (no type parameters, no overloads); else undefined (the per-call wrapping serves).
 */
function hoistedEdits(fn: FunctionDeclaration, wrapper: string, plan: ImportPlan, javascript: boolean, used: Set<string>): Edit[] | undefined {
  const nameNode = fn.getNameNode();
  const body = fn.getBody();
  if (!nameNode || !body || fn.isDefaultExport() || fn.getOverloads().length || fn.getTypeParameters().length) return undefined;
  const typeNode = fn.getReturnTypeNode();
  const types = typeNode && Node.isTypeReference(typeNode) && ITERATOR_TYPES.has(typeNode.getTypeName().getText()) ? typeArguments(typeNode) : undefined;
  if (!javascript && !types) return undefined;
  const params: string[] = [];
  let thisType = "unknown";
  for (const [i, param] of fn.getParameters().entries()) {
    if (param.getName() === "this") {
      thisType = param.getTypeNode()?.getText() ?? "unknown";
      continue;
    }
    if (param.hasInitializer() || param.isRestParameter()) break;
    const type = param.getTypeNode()?.getText();
    if (!javascript && !type) return undefined;
    const name = Node.isIdentifier(param.getNameNode()) ? `_${param.getName()}` : `_${i}`;
    params.push(javascript ? name : `${name}${param.hasQuestionToken() ? "?" : ""}: ${type}`);
  }
  const name = nameNode.getText();
  let generator = `${name}Generator`;
  for (let n = 2; used.has(generator); n++) generator = `${name}Generator${n}`;
  used.add(generator);
  const signature = javascript ? params.join(", ") : [`this: ${thisType}`, ...params].join(", ");
  const returns = javascript ? "" : `: ${plan.use("Coroutine")}<${types!.join(", ")}>`;
  const keyword = fn.getFirstChildByKindOrThrow(SyntaxKind.FunctionKeyword);
  const text = fn.getSourceFile().getFullText();
  const indent = /^[ \t]*/.exec(text.slice(lineStartOf(text, keyword.getStart())))![0];
  const edits: Edit[] = [
    {
      start: keyword.getStart(),
      end: nameNode.getEnd(),
      text: `function ${name}(${signature})${returns} { return ${plan.use(wrapper)}(${generator}, this, arguments); }\n${indent}function* ${generator}`,
    },
  ];
  const asGenerator = typeNode && generatorTypeOf(typeNode);
  if (typeNode && asGenerator) edits.push({ start: typeNode.getStart(), end: typeNode.getEnd(), text: asGenerator });
  return edits;
}

function wrapEdits(
  fn: GeneratorLike,
  wrapper: string,
  uses: ReturnType<typeof bodyUses>,
  javascript: boolean,
  /** the outer function's written return type, when it keeps one */
  outerType?: () => string,
): Edit[] {
  const sf = fn.getSourceFile();
  const text = sf.getFullText();
  const edits: Edit[] = [];
  const asterisk = fn.compilerNode.asteriskToken!;
  const starStart = asterisk.getStart(sf.compilerNode);
  const before = text[starStart - 1] ?? "";
  const after = text[starStart + 1] ?? "";
  const glue = /[\w$]/.test(before) && /[\w$#[]/.test(after) ? " " : "";
  edits.push({ start: starStart, end: starStart + 1, text: glue });

  let returnType = "";
  const typeNode = fn.getReturnTypeNode();
  if (typeNode) {
    const closeParen = fn.getFirstChildByKindOrThrow(SyntaxKind.CloseParenToken);
    returnType = text.slice(closeParen.getEnd(), typeNode.getEnd()).replace(/^\s+/, "");
    const asGenerator = generatorTypeOf(typeNode);
    if (asGenerator) returnType = `: ${asGenerator}`;
    const outer = outerType?.() ?? "";
    edits.push({ start: closeParen.getEnd(), end: typeNode.getEnd(), text: outer ? `: ${outer}` : "" });
  }

  let thisParam = "";
  let invoke = "()";
  if (uses.thisKeyword && !javascript) thisParam = `this: ${thisType(fn)}`;
  if (uses.argumentsObject) {
    invoke = `.apply(${uses.thisKeyword ? "this" : "undefined"}, arguments${javascript ? "" : " as any"})`;
  } else if (uses.thisKeyword) invoke = ".call(this)";
  const body = fn.getBody();
  if (!body) return [];
  const open = body.getStart();
  const close = body.getEnd() - 1;
  const returnTypeText = returnType ? returnType : "";
  edits.push({ start: open, end: open + 1, text: `{ return ${wrapper}(function* (${thisParam})${returnTypeText} {` });
  edits.push({ start: close, end: close + 1, text: `}${invoke}); }` });
  return edits;
}

const ITERATOR_TYPES = new Set(["Generator", "Iterator", "IterableIterator"]);

/**
 * For an exported function or method whose generator type is written out, the
 * written `Coroutine<Y, R, S>` return type it keeps (exported API keeps an
 * explicit type, e.g. for isolatedDeclarations); undefined where inference does.
 * TypeScript's defaults for the missing arguments are kept (`any` for R and S).
 */
function exportedCoroutineType(fn: GeneratorLike): ((coroutineName: string) => string) | undefined {
  const typeNode = fn.getReturnTypeNode();
  if (!typeNode || !Node.isTypeReference(typeNode)) return undefined;
  const typeName = typeNode.getTypeName().getText();
  if (!ITERATOR_TYPES.has(typeName)) return undefined;
  let exported = false;
  if (Node.isFunctionDeclaration(fn)) exported = fn.isExported() || fn.isDefaultExport();
  else if (Node.isMethodDeclaration(fn)) {
    const owner = fn.getParent();
    exported = Node.isClassDeclaration(owner) && (owner.isExported() || owner.isDefaultExport()) && !fn.hasModifier(SyntaxKind.PrivateKeyword) && !Node.isPrivateIdentifier(fn.getNameNode());
  } else {
    const statement = fn.getFirstAncestorByKind(SyntaxKind.VariableStatement);
    exported = !!statement && statement.isExported() && statement.getDeclarations().some((d) => d.getInitializer() === fn);
  }
  if (!exported) return undefined;
  const args = typeArguments(typeNode);
  return (coroutineName) => `${coroutineName}<${args.join(", ")}>`;
}

/** Y, R, S of a written Generator/Iterator/IterableIterator type, TypeScript's defaults filled in. */
function typeArguments(typeNode: Node): string[] {
  const args = Node.isTypeReference(typeNode) ? typeNode.getTypeArguments().map((a) => a.getText()) : [];
  return [args[0] ?? "unknown", args[1] ?? "any", args[2] ?? "any"];
}

/**
 * The inner generator's type when the written one is an `Iterator`/`IterableIterator`
 * (which `coroutine(…)` does not take): the `Generator<Y, R, S>` with the same arguments.
 */
function generatorTypeOf(typeNode: Node): string | undefined {
  if (!Node.isTypeReference(typeNode)) return undefined;
  const name = typeNode.getTypeName().getText();
  if (name === "Generator" || !ITERATOR_TYPES.has(name)) return undefined;
  return `Generator<${typeArguments(typeNode).join(", ")}>`;
}

/** The type to give `this` in a wrapped body (TypeScript only). */
function thisType(fn: GeneratorLike): string {
  const declared = fn.getParameters()[0];
  if (declared && declared.getName() === "this") return declared.getTypeNode()?.getText() ?? "any";
  if (Node.isMethodDeclaration(fn)) {
    const owner = fn.getParent();
    if (Node.isClassDeclaration(owner) || Node.isClassExpression(owner)) {
      const name = owner.getName();
      if (!name) return "any";
      if (fn.isStatic()) return `typeof ${name}`;
      const params = owner.getTypeParameters().map((p) => p.getName());
      return params.length ? `${name}<${params.join(", ")}>` : name;
    }
  }
  return "any";
}
