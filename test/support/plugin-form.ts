// Turns a semantics twin written in runtime form into the same program in plugin form:
//   const name = coroutine(function* name(args) {   ->   /** @coroutine */ function* name(args) {
//   });  (same indentation)                          ->   }
//   yield* from(x)                                   ->   yield from(x)
// `track(function* ...)` wrappings are left as they are.

const PRIMED = /^(\s*)(export\s+)?const (\w+) = coroutine\(function\* (\w+)(\(.*\)(?:: .+)?) \{$/;

/** The plugin-form text of a runtime-form twin; throws if a `coroutine(function*` is not in the one-line form. */
export function toPluginForm(source: string, file = "case.ts"): string {
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = PRIMED.exec(line);
    if (!m) {
      if (/\bcoroutine\(\s*(?:function\s*\*|$)/.test(line)) {
        throw new Error(
          `${file}:${i + 1}: write a primed coroutine as one line "const name = coroutine(function* name(args) {" ` +
            `closed by "});" at the same indentation, got: ${line.trim()}`,
        );
      }
      continue;
    }
    const [, indent, exported = "", constName, fnName, params] = m;
    if (constName !== fnName) {
      throw new Error(`${file}:${i + 1}: the constant and the generator must share a name (${constName} vs ${fnName})`);
    }
    const end = lines.findIndex((l, j) => j > i && l === `${indent}});`);
    if (end < 0) throw new Error(`${file}:${i + 1}: no closing "${indent}});" for coroutine ${constName}`);
    lines[i] = `${indent}${exported}/** @coroutine */ function* ${fnName}${params} {`;
    lines[end] = `${indent}}`;
  }
  return lines.join("\n").replace(/\byield\*\s*from\(/g, "yield from(");
}
