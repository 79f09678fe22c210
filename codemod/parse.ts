import { ts, type SourceFile } from "ts-morph";
import { isJavaScriptFile, lineColumn } from "./text.js";


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

function scriptKind(fileName: string): ts.ScriptKind {
  if (/\.tsx$/i.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.jsx$/i.test(fileName)) return ts.ScriptKind.JSX;
  if (isJavaScriptFile(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/**
 * Syntax errors of a TypeScript text without building a program (the fast path for
 * files the codemod only scans); undefined when only a program can tell (JavaScript
 * files, where TypeScript syntax is also an error).
 */
export function quickSyntaxErrors(fileName: string, text: string): string[] | undefined {
  const kind = scriptKind(fileName);
  if (kind === ts.ScriptKind.JS || kind === ts.ScriptKind.JSX) return undefined;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  if (!diagnostics) return undefined;
  return diagnostics.map((d) => {
    const at = d.start === undefined ? "" : (({ line, column }) => `${line}:${column} `)(lineColumn(text, d.start));
    return `${at}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}
