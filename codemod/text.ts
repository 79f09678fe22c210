/** A file's text split into BOM, body and its line ending, so edits keep both. */
export interface SourceText {
  bom: string;
  body: string;
  eol: "\n" | "\r\n" | "\r";
}

export function splitText(raw: string): SourceText {
  const bom = raw.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = bom ? raw.slice(1) : raw;
  // The file's line ending is its first one (LF, CRLF or CR alone); LF for a file of one line.
  const first = /\r\n?|\n/.exec(body)?.[0] ?? "\n";
  return { bom, body, eol: first as SourceText["eol"] };
}

/** Text the codemod generates uses "\n"; this gives it the file's line ending. */
export function withEol(text: string, eol: string): string {
  return eol === "\n" ? text : text.replace(/\r?\n/g, eol);
}

/** Offset of the first line terminator (LF, CR; a CRLF starts at its CR) at or after `from`, or -1. */
function terminatorAt(text: string, from: number): number {
  const lf = text.indexOf("\n", from);
  const cr = text.indexOf("\r", from);
  return cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = terminatorAt(text, 0); i !== -1 && i < offset; i = terminatorAt(text, lineStart)) {
    line++;
    lineStart = text.startsWith("\r\n", i) ? i + 2 : i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1;
}

/** Offset just past the line ending of the line holding `offset` (or text end). */
export function lineEndAfter(text: string, offset: number): number {
  const at = terminatorAt(text, offset);
  return at === -1 ? text.length : text.startsWith("\r\n", at) ? at + 2 : at + 1;
}

/** Leading whitespace of the line holding `offset`. */
export function indentOf(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** A file is JavaScript (no type syntax may be written into it) by extension. */
export function isJavaScriptFile(fileName: string): boolean {
  return /\.(?:js|jsx|mjs|cjs)$/i.test(fileName);
}
