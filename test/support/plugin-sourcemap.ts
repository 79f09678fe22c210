// A tiny reader for source map v3 `mappings` (base64 VLQ), enough to ask where a generated
// position came from.

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

interface Segment {
  column: number;
  source?: number;
  line?: number;
  sourceColumn?: number;
}

function decodeLine(text: string, state: number[]): Segment[] {
  const segments: Segment[] = [];
  let column = 0;
  for (const part of text.split(",")) {
    if (!part) continue;
    const values: number[] = [];
    let value = 0;
    let shift = 0;
    for (const ch of part) {
      const digit = B64.indexOf(ch);
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += values[0]!;
    if (values.length >= 4) {
      state[0]! += values[1]!;
      state[1]! += values[2]!;
      state[2]! += values[3]!;
      segments.push({ column, source: state[0], line: state[1]! + 1, sourceColumn: state[2] });
    } else segments.push({ column });
  }
  return segments;
}

/** The original 1-based line of a generated 1-based line and 0-based column, or null if unmapped. */
export function originalLine(mappings: string, line: number, column: number): number | null {
  const state = [0, 0, 0];
  const lines = mappings.split(";");
  for (let i = 0; i < lines.length; i++) {
    const segments = decodeLine(lines[i]!, state);
    if (i !== line - 1) continue;
    let best: Segment | undefined;
    for (const s of segments) if (s.column <= column && s.line !== undefined) best = s;
    return best?.line ?? null;
  }
  return null;
}
