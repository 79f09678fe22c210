/** A file's text split into BOM, body and its line ending, so edits keep both. */
export interface SourceText {
  bom: string;
  body: string;
  eol: "\n" | "\r\n";
}

export function splitText(raw: string): SourceText {
  const bom = raw.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = bom ? raw.slice(1) : raw;
  const crlf = body.indexOf("\r\n");
  const lf = body.indexOf("\n");
  return { bom, body, eol: crlf !== -1 && crlf === lf - 1 ? "\r\n" : "\n" };
}

/** Text the codemod generates uses "\n"; this gives it the file's line ending. */
export function withEol(text: string, eol: string): string {
  return eol === "\n" ? text : text.replace(/\r?\n/g, eol);
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** Offset just past the line ending of the line holding `offset` (or text end). */
export function lineEndAfter(text: string, offset: number): number {
  const nl = text.indexOf("\n", offset);
  return nl === -1 ? text.length : nl + 1;
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
