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

const TAG = /(^|[\s*])@coroutine(?![\w$-])/;

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
  for (let holder: Node | undefined = node; holder; holder = heldBy(holder)) {
    for (const doc of leadingJsDocs(holder)) {
      if (seen.has(doc.start)) continue;
      seen.add(doc.start);
      const comment = text.slice(doc.start, doc.end);
      const match = TAG.exec(comment);
      if (!match) continue;
      const tagStart = doc.start + match.index + match[1]!.length;
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

/** Edits removing a tag: the whole comment when nothing else is left in it, else the tag (and its line). */
export function removeTagEdits(text: string, tag: CoroutineTag): Edit[] {
  const comment = text.slice(tag.commentStart, tag.commentEnd);
  const rest = (comment.slice(0, tag.tagStart - tag.commentStart) + comment.slice(tag.tagEnd - tag.commentStart))
    .replace(/^\/\*\*/, "")
    .replace(/\*\/$/, "")
    .replace(/^[ \t]*\*/gm, "");
  if (rest.trim() === "") {
    const lineStart = lineStartOf(text, tag.commentStart);
    const lineEnd = lineEndAfter(text, tag.commentEnd);
    const before = text.slice(lineStart, tag.commentStart);
    const after = text.slice(tag.commentEnd, lineEnd);
    if (/^[ \t]*$/.test(before) && /^[ \t]*\r?\n?$/.test(after)) return [{ start: lineStart, end: lineEnd, text: "" }];
    let end = tag.commentEnd;
    while (text[end] === " " || text[end] === "\t") end++;
    return [{ start: tag.commentStart, end, text: "" }];
  }
  const lineStart = Math.max(lineStartOf(text, tag.tagStart), tag.commentStart);
  const lineEnd = Math.min(lineEndAfter(text, tag.tagStart), tag.commentEnd);
  const line = text.slice(lineStart, lineEnd);
  if (lineStart > tag.commentStart && lineEnd < tag.commentEnd && /^[ \t]*\*?[ \t]*@coroutine[ \t]*\r?\n$/.test(line)) {
    return [{ start: lineStart, end: lineEnd, text: "" }];
  }
  let start = tag.tagStart;
  let end = tag.tagEnd;
  if (text[start - 1] === " ") start--;
  else if (text[end] === " ") end++;
  return [{ start, end, text: "" }];
}

/** Edit adding `@coroutine` to a function's JSDoc, or a new `/** @coroutine *\/` before it. */
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
    return text[close - 1] === " " || text[close - 1] === "\t"
      ? { start: close, end: close, text: "@coroutine " }
      : { start: close, end: close, text: " @coroutine " };
  }
  const start = node.getStart();
  const lineStart = lineStartOf(text, start);
  if (/^[ \t]*$/.test(text.slice(lineStart, start))) {
    return { start, end: start, text: `/** @coroutine */\n${indentOf(text, start)}` };
  }
  return { start, end: start, text: "/** @coroutine */ " };
}
