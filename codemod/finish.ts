import { parseError } from "./babel-file.js";
import { writeSource } from "./safe-io.js";
import { splitText } from "./text.js";

export type FileStatus = "changed" | "unchanged" | "skipped" | "failed";

export interface FileOutcome {
  file: string;
  status: FileStatus;
  reason?: string;
  /** original and new text (BOM included) of a changed file */
  before?: string;
  after?: string;
}

/**
 * Checks the new text parses, then writes it atomically (temp file + rename, only over the bytes
 * that were read) unless dry.
 */
export function finish(file: string, before: string, bytes: Buffer, after: string, write: boolean): FileOutcome {
  const error = parseError(splitText(after).body, file);
  if (error) return { file, status: "failed", reason: `the codemod's output would not parse (${error}); file left as it was — please report this` };
  if (write) {
    try {
      writeSource(file, after, bytes);
    } catch (error) {
      return { file, status: "failed", reason: message(error) };
    }
  }
  return { file, status: "changed", before, after };
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
