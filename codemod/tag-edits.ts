import type { Edit } from "./edits.js";
import { lineEndAfter, lineStartOf } from "./text.js";

/** A `@coroutine` tag in a JSDoc comment: offsets of the comment and of the tag. */
export interface CoroutineTag {
  commentStart: number;
  commentEnd: number;
  tagStart: number;
  tagEnd: number;
}

/** A block tag, as JSDoc (and the plugin) reads them: first on its line, after the optional leading `*`. */
const TAG = /(^|[\n\r\u2028\u2029])([\t ]*\**[\t ]*)@coroutine(?![\w$-])/;

/** The `@coroutine` tag of the `/** … *\/` comment at `[start, end)` of `text`, or undefined. */
export function tagIn(text: string, start: number, end: number): CoroutineTag | undefined {
  const match = TAG.exec(text.slice(start + 2, end - 2));
  if (!match) return undefined;
  const tagStart = start + 2 + match.index + match[1]!.length + match[2]!.length;
  return { commentStart: start, commentEnd: end, tagStart, tagEnd: tagStart + "@coroutine".length };
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
    if (/^[ \t]*$/.test(before) && /^[ \t]*(?:\r\n?|\n)?$/.test(after)) return [{ start: lineStart, end: lineEnd, text: "" }];
    let end = tag.commentEnd;
    while (text[end] === " " || text[end] === "\t") end++;
    return [{ start: tag.commentStart, end, text: "" }];
  }
  const lineStart = Math.max(lineStartOf(text, tag.tagStart), tag.commentStart);
  const lineEnd = Math.min(lineEndAfter(text, tag.tagStart), tag.commentEnd);
  const line = text.slice(lineStart, lineEnd);
  if (lineStart > tag.commentStart && lineEnd < tag.commentEnd && /^[ \t]*\*?[ \t]*@coroutine[ \t]*(?:\r\n?|\n)$/.test(line)) {
    return [{ start: lineStart, end: lineEnd, text: "" }];
  }
  const tagLinePrefix = text.slice(lineStartOf(text, tag.tagStart), tag.tagStart);
  const afterTag = text.slice(tag.tagEnd, tag.commentEnd);
  if (lineStart > tag.commentStart && /^[ \t]*\*?[ \t]*$/.test(tagLinePrefix) && /^[ \t]*\*\/$/.test(afterTag)) {
    // ` * @coroutine */` closing the comment: the comment now closes on the line before.
    let start = lineStartOf(text, tag.tagStart) - 1;
    if (text[start] === "\n" && text[start - 1] === "\r") start--;
    while (text[start - 1] === " " || text[start - 1] === "\t") start--;
    return [{ start, end: tag.commentEnd - 2, text: " " }];
  }
  let start = tag.tagStart;
  let end = tag.tagEnd;
  if (text[start - 1] === " ") start--;
  else if (text[end] === " ") end++;
  return [{ start, end, text: "" }];
}

