// A Babel parse error as a plain SyntaxError, with the hint for `yield from x` (Python, not JavaScript).
import { messages } from "./contract.js";

interface BabelParseError {
  code?: unknown;
  pos?: number;
  loc?: { line: number; column: number; index?: number };
  message: string;
}

/**
 * Babel's parse error as a plain `SyntaxError` (`file:line:col: reason` and the code frame, no parser
 * internals); for a Python habit, `yield from x` (which JavaScript reads as `yield from` followed by junk),
 * it says what to write instead. Any other error is returned unchanged.
 */
export function withPythonHint(error: unknown, code: string, path: string): unknown {
  const parseError = error as BabelParseError | null;
  if (parseError?.code !== "BABEL_PARSE_ERROR" || !parseError.loc) return error;
  const { line, column } = parseError.loc;
  const frameAt = parseError.message.indexOf("\n\n");
  const frame = frameAt === -1 ? "" : parseError.message.slice(frameAt);
  const head = frameAt === -1 ? parseError.message : parseError.message.slice(0, frameAt);
  let reason = head.startsWith(path + ": ") ? head.slice(path.length + 2) : head;
  reason = reason.replace(/\s*\(\d+:\d+\)$/, "");
  const index = parseError.pos ?? parseError.loc.index;
  const before = index === undefined ? "" : code.slice(Math.max(0, index - 200), index);
  const habit = /\b(yield\s*\*?)\s+(from|yieldFrom)\s*$/.exec(before);
  let errorCode = "BABEL_PARSE_ERROR";
  if (habit && index !== undefined && !/^\s*\(/.test(code.slice(index))) {
    const keyword = habit[1]!.replace(/\s+/g, "");
    const marker = habit[2]!;
    reason = messages.pythonHabit(keyword, marker);
    errorCode = "COROUTIL_YIELD_FROM_SYNTAX";
  }
  const message = `${path}:${line}:${column + 1}: ${reason}${frame}`;
  const syntaxError = new SyntaxError(message);
  // The hook's own frames say nothing about the user's file: the one frame shown is the error's location.
  syntaxError.stack = `SyntaxError: ${message}\n    at ${path}:${line}:${column + 1}`;
  Object.assign(syntaxError, { code: errorCode });
  return syntaxError;
}
