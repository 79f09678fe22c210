/** One replacement of `text[start, end)` by `text`, in original offsets. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits; insertions at one offset keep their order. */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  const sorted = edits
    .map((edit, order) => ({ ...edit, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) {
      throw new Error(`codemod: overlapping edits at offset ${edit.start}; this is a codemod bug, please report it`);
    }
    out += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + source.slice(at);
}
