import MagicString from "magic-string";

/**
 * One replacement of `text[start, end)` by `text`, in original offsets. An insertion joins the
 * text before it, or with `right` the text after it (so it moves with a moved range that starts
 * there). With `to`, the edit moves `text[start, end)` to offset `to` instead (its `text` unused),
 * and the edits inside it move along. An `optional` edit is dropped where it overlaps another.
 */
export interface Edit {
  start: number;
  end: number;
  text: string;
  right?: boolean;
  to?: number;
  optional?: boolean;
}

/**
 * Applies non-overlapping edits and moves with magic-string (every byte outside them stays);
 * insertions at one offset keep their order.
 */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  const out = new MagicString(source);
  for (const move of edits) if (move.to !== undefined) out.move(move.start, move.end, move.to);
  const required = edits.filter((edit) => !edit.optional && edit.to === undefined);
  const overlaps = (a: Edit, b: Edit) => a.start < b.end && b.start < a.end;
  const sorted = edits
    .filter((edit) => edit.to === undefined && !(edit.optional && required.some((other) => overlaps(edit, other))))
    .map((edit, order) => ({ ...edit, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error(`codemod: overlapping edits at offset ${edit.start}; this is a codemod bug, please report it`);
    if (edit.start === edit.end && edit.right) out.prependRight(edit.start, edit.text);
    else if (edit.start === edit.end) out.appendLeft(edit.start, edit.text);
    else if (edit.text) out.update(edit.start, edit.end, edit.text);
    else out.remove(edit.start, edit.end);
    at = edit.end;
  }
  return out.toString();
}
