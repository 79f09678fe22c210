import { Node, SyntaxKind, VariableDeclarationKind, type Identifier, type Project, type SourceFile, type Statement } from "ts-morph";
import { applyEdits, type Edit } from "./edits.js";
import { fileFacts, type FileFacts } from "./file-facts.js";
import { enclosingFunction, isAsync, isGenerator, isGeneratorLike, type GeneratorLike } from "./functions.js";
import { addTagEdit } from "./jsdoc.js";
import { lineColumn, lineEndAfter, lineStartOf, splitText, withEol } from "./text.js";
import { ejectSource } from "./eject.js";

/** A generator function prime left alone, with the creation site it could not prove safe and why. */
export interface PrimeReport {
  file: string;
  line: number;
  column: number;
  name: string;
  reason: string;
}

export interface PrimeOptions {
  /**
   * Write the `/** @coroutine *\/` tag, which only the Babel plugin understands (for projects
   * that compile with it). Default: the runtime form, `coroutine(…)` and its import, as eject
   * writes it, so the code behaves the same under plain node, tsc or any bundler.
   */
  tag?: boolean;
}

export interface PrimeOutcome {
  /** new full text (without BOM, the file's line endings) of each file that changes */
  texts: Map<string, string>;
  reports: PrimeReport[];
}

interface Candidate {
  fn: GeneratorLike;
  name: Identifier;
  /** where the JSDoc goes: the declaration, or the function expression of `const g = function* …` */
  anchor: Node;
}

/** A creation site: its edits, and the start of a runtime `next` callee it removes (whose import may go). */
type Site = { ok: true; file: SourceFile; edits: Edit[]; dropsNext?: number } | { ok: false; at: Node; reason: string };

/** The plugin recogniser's reading of each file, made once per file. */
const facts = new WeakMap<SourceFile, FileFacts>();
function factsOf(sf: SourceFile): FileFacts {
  let found = facts.get(sf);
  if (!found) facts.set(sf, (found = fileFacts(sf.getFullText(), sf.getFilePath())));
  return found;
}

/**
 * Finds generator functions in `files` whose every creation, across the
 * project, is followed at once by a priming `.next()`/`next(gen)`; annotates
 * them `@coroutine` and removes the priming calls. Anything it cannot prove is
 * left alone and reported with the creation site and the reason.
 */
export function primeProject(project: Project, files: readonly string[], options: PrimeOptions = {}): PrimeOutcome {
  const editable = new Set(files.map((f) => project.getSourceFileOrThrow(f)));
  const editsByFile = new Map<SourceFile, Edit[]>();
  const dropsByFile = new Map<SourceFile, Set<number>>();
  const reports: PrimeReport[] = [];
  const report = (at: Node, name: string, reason: string): void => {
    const sf = at.getSourceFile();
    const { line, column } = lineColumn(sf.getFullText(), at.getStart());
    reports.push({ file: sf.getFilePath(), line, column, name, reason });
  };

  for (const sf of editable) {
    for (const candidate of candidates(sf)) {
      const name = candidate.name.getText();
      if (isExported(candidate)) {
        report(candidate.name, name, "exported: creation sites in code outside the project can't be checked");
        continue;
      }
      if (!yieldsItself(candidate.fn)) {
        report(candidate.name, name, "its body never yields, so priming would end it (StopIteration)");
        continue;
      }
      const references = candidate.name.findReferencesAsNodes();
      const sites = references
        .filter((ref) => ref !== candidate.name && !isTypePosition(ref))
        .map((ref) => analyseSite(ref, editable));
      if (sites.length === 0) continue;
      const bad = sites.find((s): s is Extract<Site, { ok: false }> => !s.ok);
      if (bad) {
        report(bad.at, name, bad.reason);
        continue;
      }
      const own = editsByFile.get(sf) ?? [];
      own.push(addTagEdit(candidate.anchor));
      editsByFile.set(sf, own);
      for (const site of sites as Extract<Site, { ok: true }>[]) {
        editsByFile.set(site.file, [...(editsByFile.get(site.file) ?? []), ...site.edits]);
        if (site.dropsNext !== undefined) dropsByFile.set(site.file, (dropsByFile.get(site.file) ?? new Set()).add(site.dropsNext));
      }
    }
  }

  const texts = new Map<string, string>();
  for (const [sf, edits] of editsByFile) {
    const drops = dropsByFile.get(sf);
    if (drops) edits.push(...factsOf(sf).dropImports(drops));
    const eol = splitText(sf.getFullText()).eol;
    texts.set(sf.getFilePath(), applyEdits(sf.getFullText(), edits.map((e) => ({ ...e, text: withEol(e.text, eol) }))));
  }
  if (!options.tag) {
    // The runtime form: the tagged file ejected, so nothing depends on a build step.
    for (const [path, text] of texts) texts.set(path, ejectSource(text, path));
  }
  return { texts, reports };
}

function candidates(sf: SourceFile): Candidate[] {
  const found: Candidate[] = [];
  for (const fn of sf.getDescendants().filter(isGeneratorLike)) {
    if (!isGenerator(fn) || isAsync(fn) || !fn.getBody() || factsOf(sf).annotatedBodies.has(fn.getBody()!.getStart())) continue;
    if (Node.isFunctionDeclaration(fn)) {
      const name = fn.getNameNode();
      if (name) found.push({ fn, name, anchor: fn });
    } else if (Node.isFunctionExpression(fn)) {
      const decl = fn.getParent();
      if (!Node.isVariableDeclaration(decl) || decl.getInitializer() !== fn) continue;
      const list = decl.getParent();
      const statement = list?.getParent();
      const name = decl.getNameNode();
      if (!Node.isIdentifier(name) || !Node.isVariableDeclarationList(list) || !Node.isVariableStatement(statement)) continue;
      if (list.getDeclarations().length !== 1 || list.getDeclarationKind() !== VariableDeclarationKind.Const) continue;
      found.push({ fn, name, anchor: fn });
    }
  }
  return found;
}

function isExported(candidate: Candidate): boolean {
  const { fn, name } = candidate;
  if (Node.isFunctionDeclaration(fn) && (fn.isExported() || fn.isDefaultExport())) return true;
  const statement = fn.getFirstAncestorByKind(SyntaxKind.VariableStatement);
  if (statement && statement.getParent() === fn.getSourceFile() && statement.isExported()) return true;
  const sf = fn.getSourceFile();
  for (const decl of sf.getExportDeclarations()) {
    for (const spec of decl.getNamedExports()) if (spec.getNameNode().getText() === name.getText()) return true;
  }
  for (const assignment of sf.getExportAssignments()) {
    if (assignment.getExpression().getText() === name.getText()) return true;
  }
  return false;
}

function yieldsItself(fn: GeneratorLike): boolean {
  return fn.getDescendantsOfKind(SyntaxKind.YieldExpression).some((y) => enclosingFunction(y) === fn);
}

function isTypePosition(ref: Node): boolean {
  return ref.getFirstAncestor((a) => Node.isTypeQuery(a) || Node.isTypeReference(a)) !== undefined;
}

function analyseSite(ref: Node, editable: Set<SourceFile>): Site {
  const call = ref.getParent();
  if (Node.isExportSpecifier(call) || Node.isExportAssignment(call)) {
    return { ok: false, at: ref, reason: "exported: creation sites in code outside the project can't be checked" };
  }
  if (!Node.isCallExpression(call) || call.getExpression() !== ref) {
    return { ok: false, at: ref, reason: "used as a value (stored or passed on), so its creations can't be followed" };
  }
  if (!editable.has(ref.getSourceFile())) {
    return { ok: false, at: call, reason: "created in a file outside the paths being changed" };
  }
  const sf = ref.getSourceFile();
  const parent = call.getParent();

  // avg().next();
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === call && parent.getName() === "next") {
    const nextCall = parent.getParent();
    if (!Node.isCallExpression(nextCall) || nextCall.getExpression() !== parent) {
      return { ok: false, at: call, reason: "its .next is taken without calling it" };
    }
    if (nextCall.getArguments().length) return { ok: false, at: call, reason: "a value is passed to the first next()" };
    if (!Node.isExpressionStatement(nextCall.getParent())) return { ok: false, at: call, reason: "the priming next() result is used" };
    return { ok: true, file: sf, edits: [{ start: call.getEnd(), end: nextCall.getEnd(), text: "" }] };
  }

  let target: Node | undefined;
  let statement: Node | undefined;
  if (Node.isVariableDeclaration(parent) && parent.getInitializer() === call && Node.isIdentifier(parent.getNameNode())) {
    const list = parent.getParent();
    if (Node.isVariableDeclarationList(list) && list.getDeclarations().length === 1) {
      target = parent.getNameNode();
      statement = list.getParent();
    }
  } else if (
    Node.isBinaryExpression(parent) &&
    parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
    parent.getRight() === call &&
    Node.isExpressionStatement(parent.getParent())
  ) {
    const left = parent.getLeft();
    if (Node.isIdentifier(left) || (Node.isPropertyAccessExpression(left) && /^[\w$.]+$/.test(left.getText()))) {
      target = left;
      statement = parent.getParent();
    }
  }
  if (!target || !statement) return { ok: false, at: call, reason: escapeReason(call) };

  const next = nextStatement(statement);
  const priming = next && primingCall(next, target);
  if (!next || !priming) return { ok: false, at: call, reason: "not primed right after its creation" };
  if (priming.kind === "conditional") return { ok: false, at: call, reason: "conditional priming (the next() is inside another statement)" };
  if (priming.kind === "args") return { ok: false, at: call, reason: "a value is passed to the first next()" };
  if (priming.kind === "used") return { ok: false, at: call, reason: "the priming next() result is used" };
  return { ok: true, file: sf, edits: [removeStatementEdit(sf.getFullText(), statement, next)], dropsNext: priming.nextLocal };
}

function escapeReason(call: Node): string {
  const parent = call.getParent();
  if (Node.isReturnStatement(parent) || Node.isArrowFunction(parent)) return "returned before priming";
  if (Node.isYieldExpression(parent)) return "delegated to or yielded before priming";
  if (Node.isCallExpression(parent) || Node.isNewExpression(parent)) return "passed to another function before priming";
  if (Node.isForOfStatement(parent) || Node.isSpreadElement(parent)) return "iterated instead of primed";
  return "escapes before priming (not assigned to a variable and primed at once)";
}

function nextStatement(statement: Node): Statement | undefined {
  const sibling = statement.getNextSibling();
  return sibling && Node.isStatement(sibling) ? sibling : undefined;
}

function isPrimingExpr(node: Node, target: Node): boolean {
  if (!Node.isCallExpression(node)) return false;
  const callee = node.getExpression();
  if (Node.isPropertyAccessExpression(callee) && callee.getName() === "next" && sameTarget(callee.getExpression(), target)) return true;
  const args = node.getArguments();
  return args.length === 1 && sameTarget(args[0]!, target) && factsOf(node.getSourceFile()).runtimeNames.get(unparenthesized(callee).getStart()) === "next";
}

/** Classifies the statement after the creation: `T.next()` / `next(T)` alone, with a value, used, or nested (conditional). */
function primingCall(
  node: Node,
  target: Node,
): { kind: "ok" | "args" | "used" | "conditional"; nextLocal?: number } | undefined {
  const expr = Node.isExpressionStatement(node) ? node.getExpression() : undefined;
  if (expr && Node.isCallExpression(expr) && isPrimingExpr(expr, target)) {
    const callee = expr.getExpression();
    const method = Node.isPropertyAccessExpression(callee) && callee.getName() === "next" && sameTarget(callee.getExpression(), target);
    if (expr.getArguments().length > (method ? 0 : 1)) return { kind: "args" };
    return method ? { kind: "ok" } : { kind: "ok", nextLocal: unparenthesized(callee).getStart() };
  }
  const nested = node.getFirstDescendant((d) => isPrimingExpr(d, target));
  if (!nested) return undefined;
  return Node.isExpressionStatement(node) || Node.isVariableStatement(node) ? { kind: "used" } : { kind: "conditional" };
}

function unparenthesized(node: Node): Node {
  while (Node.isParenthesizedExpression(node)) node = node.getExpression();
  return node;
}

function sameTarget(expr: Node, target: Node): boolean {
  if (expr.getText() !== target.getText()) return false;
  if (Node.isIdentifier(expr) && Node.isIdentifier(target)) {
    return expr.getSymbol() === target.getSymbol();
  }
  return true;
}

function removeStatementEdit(text: string, created: Node, statement: Node): Edit {
  const start = statement.getStart();
  const end = statement.getEnd();
  const lineStart = lineStartOf(text, start);
  const lineEnd = lineEndAfter(text, end);
  const aloneBefore = /^[ \t]*$/.test(text.slice(lineStart, start));
  const aloneAfter = /^[ \t]*\r?\n?$/.test(text.slice(end, lineEnd));
  if (aloneBefore && aloneAfter) return { start: lineStart, end: lineEnd, text: "" };
  if (aloneBefore) {
    let stop = end;
    while (text[stop] === " " || text[stop] === "\t") stop++;
    return { start, end: stop, text: "" };
  }
  return { start: created.getEnd(), end, text: "" };
}
