import { ts, type SourceFile } from "ts-morph";
import { lineColumn } from "./text.js";

/** A file is JavaScript (no type syntax may be written into it) by extension. */
export function isJavaScriptFile(fileName: string): boolean {
  return /\.(?:js|jsx|mjs|cjs)$/i.test(fileName);
}

/** Syntax errors of a file as "line:column message", empty when it parses. */
export function syntaxErrors(sourceFile: SourceFile): string[] {
  const program = sourceFile.getProject().getProgram().compilerObject;
  const node = sourceFile.compilerNode;
  const text = node.getFullText();
  return program.getSyntacticDiagnostics(node).map((d) => {
    const at = d.start === undefined ? "" : (({ line, column }) => `${line}:${column} `)(lineColumn(text, d.start));
    return `${at}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}
