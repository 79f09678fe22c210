import { Node, ts } from "ts-morph";
import type { Edit } from "./edits.js";
import { indentOf, lineStartOf } from "./text.js";

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
