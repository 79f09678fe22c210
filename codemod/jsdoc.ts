import { Node, ts } from "ts-morph";
import type { Edit } from "./edits.js";
import { indentOf, lineEndAfter, lineStartOf } from "./text.js";

/** A `@coroutine` tag in a JSDoc comment: offsets of the comment and of the tag. */
export interface CoroutineTag {
  commentStart: number;
  commentEnd: number;
  tagStart: number;
  tagEnd: number;
}

/** A block tag, as JSDoc (and the plugin) reads them: first on its line, after the optional leading `*`. */
const TAG = /(^|\n)([\t ]*\**[\t ]*)@coroutine(?![\w$-])/;

/** Offset of the `@coroutine` block tag in a `/** … *\/` comment's text, or -1. */
function tagOffset(comment: string): number {
  const value = comment.slice(2, -2);
  const match = TAG.exec(value);
  return match ? 2 + match.index + match[1]!.length + match[2]!.length : -1;
}

/** JSDoc comments leading a function or method (also before `export`, after decorators/modifiers). */
export function leadingJsDocs(node: Node): { start: number; end: number }[] {
  const text = node.getSourceFile().getFullText();
  const positions = [node.getPos()];
  const modifiers = (node.compilerNode as { modifiers?: readonly ts.Node[] }).modifiers ?? [];
  for (const modifier of modifiers) positions.push(modifier.end);
  const seen = new Set<number>();
  const docs: { start: number; end: number }[] = [];
  for (const pos of positions) {
    // Comments after a token on the same line count as leading here, as Babel attaches them.
    const ranges = [...(ts.getTrailingCommentRanges(text, pos) ?? []), ...(ts.getLeadingCommentRanges(text, pos) ?? [])];
    for (const range of ranges) {
      if (range.kind !== ts.SyntaxKind.MultiLineCommentTrivia || seen.has(range.pos)) continue;
      if (!text.startsWith("/**", range.pos) || text.startsWith("/**/", range.pos)) continue;
      seen.add(range.pos);
      docs.push({ start: range.pos, end: range.end });
    }
  }
  return docs.sort((a, b) => a.start - b.start);
}

/**
 * The `@coroutine` tags leading a function, or what holds it (as the plugin reads them):
 * `export`, a one-declarator `const f = function* () {}`, an object or class property,
 * `x.y = function* () {}`, parentheses and `as`/`satisfies`.
 */
export function coroutineTags(node: Node): CoroutineTag[] {
  const text = node.getSourceFile().getFullText();
  const tags: CoroutineTag[] = [];
  const seen = new Set<number>();
  const holders: Node[] = [];
  for (let holder: Node | undefined = node; holder; holder = heldBy(holder)) holders.push(holder);
  // TypeScript overloads: the JSDoc may sit on a signature; the generator is the implementation.
  if ((Node.isFunctionDeclaration(node) || Node.isMethodDeclaration(node)) && node.getBody()) holders.push(...node.getOverloads());
  for (const holder of holders) {
    for (const doc of leadingJsDocs(holder)) {
      if (seen.has(doc.start)) continue;
      seen.add(doc.start);
      const offset = tagOffset(text.slice(doc.start, doc.end));
      if (offset === -1) continue;
      const tagStart = doc.start + offset;
      tags.push({ commentStart: doc.start, commentEnd: doc.end, tagStart, tagEnd: tagStart + "@coroutine".length });
    }
  }
  return tags;
}

function heldBy(child: Node): Node | undefined {
  const parent = child.getParent();
  if (!parent) return undefined;
  if (Node.isVariableDeclaration(parent)) return parent.getInitializer() === child ? parent : undefined;
  if (Node.isVariableDeclarationList(parent)) return parent.getDeclarations().length === 1 ? parent : undefined;
  if (Node.isVariableStatement(parent)) return parent;
  if (Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent)) return parent.getInitializer() === child ? parent : undefined;
  if (Node.isBinaryExpression(parent)) {
    return parent.getOperatorToken().getKind() === ts.SyntaxKind.EqualsToken && parent.getRight() === child ? parent : undefined;
  }
  if (Node.isExpressionStatement(parent) || Node.isExportAssignment(parent)) return parent;
  if (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent)) return parent;
  return undefined;
}

/**
 * Edit adding `@coroutine` to a function's JSDoc as a block tag on its own line (a one-line
 * JSDoc becomes a multi-line one), or a new `/** @coroutine *\/` before the function.
 */
export function addTagEdit(node: Node): Edit {
  const text = node.getSourceFile().getFullText();
  const docs = leadingJsDocs(node);
  const doc = docs[docs.length - 1];
  if (doc) {
    const close = doc.end - 2;
    const closeLineStart = lineStartOf(text, close);
    if (closeLineStart > doc.start && /^[ \t]*$/.test(text.slice(closeLineStart, close))) {
      const indent = text.slice(closeLineStart, close);
      return { start: closeLineStart, end: closeLineStart, text: `${indent}* @coroutine\n` };
    }
    const indent = indentOf(text, doc.start);
    let contentEnd = close;
    while (text[contentEnd - 1] === " " || text[contentEnd - 1] === "\t") contentEnd--;
    if (closeLineStart > doc.start) {
      return { start: contentEnd, end: close, text: `\n${indent} * @coroutine\n${indent} ` };
    }
    let contentStart = doc.start + 3;
    while (text[contentStart] === " " || text[contentStart] === "\t") contentStart++;
    const content = text.slice(contentStart, contentEnd);
    return { start: doc.start, end: doc.end, text: `/**\n${indent} * ${content}\n${indent} * @coroutine\n${indent} */` };
  }
  const start = node.getStart();
  const lineStart = lineStartOf(text, start);
  if (/^[ \t]*$/.test(text.slice(lineStart, start))) {
    return { start, end: start, text: `/** @coroutine */\n${indentOf(text, start)}` };
  }
  return { start, end: start, text: "/** @coroutine */ " };
}
