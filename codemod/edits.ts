import MagicString from "magic-string";

/** One replacement of `text[start, end)` by `text`, in original offsets. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies non-overlapping edits with magic-string (every byte outside them stays); insertions at
 * one offset keep their order.
 */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  const sorted = edits.map((edit, order) => ({ ...edit, order })).sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  const out = new MagicString(source);
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error(`codemod: overlapping edits at offset ${edit.start}; this is a codemod bug, please report it`);
    if (edit.start === edit.end) out.appendLeft(edit.start, edit.text);
    else if (edit.text) out.update(edit.start, edit.end, edit.text);
    else out.remove(edit.start, edit.end);
    at = edit.end;
  }
  return out.toString();
}
