// A property test of eject's byte discipline (fast-check generates and shrinks): over random files
// of valid UTF-8 text around a program to eject, with or without BOM, with LF, CRLF, CR and mixtures,
// every byte outside the program is the same after eject, and a second eject changes nothing.
import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ejectText } from "coroutil/codemod";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { listCases } from "./support/fixture-tree.js";

const PROGRAM = [
  'import { from } from "coroutil";',
  "",
  "/** @coroutine */",
  "function* inner(): Generator<number, void, unknown> {",
  "  yield 1;",
  "}",
  "",
  "function* outer(): Generator<unknown, void, unknown> {",
  "  yield from(inner());",
  "}",
];

const eol = fc.constantFrom("\n", "\r\n", "\r");
/** A comment line of any Unicode text but line terminators (JS ends a `//` comment at U+2028/2029 too). */
const comment = fc
  .string({ unit: "grapheme", maxLength: 30 })
  .filter((s) => !/[\n\r\u2028\u2029]/.test(s))
  .map((s) => `// ${s}`);
const lines = fc.array(fc.tuple(comment, eol), { maxLength: 6 }).map((ls) => ls.map(([c, e]) => c + e).join(""));

const Bytes = suite("eject keeps every byte it does not edit");

Bytes("random UTF-8 text, BOM or not, LF/CRLF/CR and mixtures: untouched bytes stay, and a second eject changes nothing", () => {
  fc.assert(
    fc.property(fc.boolean(), lines, eol, lines, (bom, before, programEol, after) => {
      const body = PROGRAM.join(programEol) + programEol;
      const prefix = (bom ? "\uFEFF" : "") + before;
      const input = prefix + body + after;
      const once = ejectText(input, "file.ts");
      assert.ok(once.startsWith(prefix), "the bytes before the program changed");
      assert.ok(once.endsWith(after), "the bytes after the program changed");
      const replacements = (t: string) => t.split("\uFFFD").length;
      assert.is(replacements(once), replacements(input), "a replacement character appeared");
      assert.match(once, /yield\* from\(inner\(\)\)/);
      assert.is(ejectText(once, "file.ts"), once, "a second eject changed the file");
      // The program's own untouched lines keep their bytes, line ending included.
      for (const line of ["  yield 1;", "function* outer(): Generator<unknown, void, unknown> {"]) {
        assert.ok(once.includes(line + programEol), `lost "${line}" with its line ending`);
      }
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 150), seed: process.env.CI ? 20261203 : undefined },
  );
});

// Every form eject writes (const, hoisted, in place, moved: the eject fixtures hold each) keeps the file's
// line ending: the fixture with its LF turned into CR alone, or CRLF, ejects to the expected output turned the same way.
const withEnding = (text: string, eol: string) => text.replace(/\n/g, eol);
for (const c of listCases<{ runtimeModule?: string }>("codemod").filter((c) => c.group === "eject" && !c.options.throws)) {
  const input = readFileSync(c.source, "utf8");
  if (input.includes("\r")) continue;
  const expected = readFileSync(join(c.dir, `output${c.ext}`), "utf8");
  for (const [label, eol] of [["CR", "\r"], ["CRLF", "\r\n"]] as const) {
    Bytes(`${c.name} with ${label} line endings ejects to its expected output with ${label} line endings`, () => {
      const once = ejectText(withEnding(input, eol), basename(c.source), { runtimeModule: c.options.runtimeModule });
      assert.fixture(once, withEnding(expected, eol));
    });
  }
}

Bytes.run();
