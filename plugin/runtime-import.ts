import type { NodePath, types as t } from "@babel/core";
import { addNamed } from "@babel/helper-module-imports";

/** Names the runtime's exports in a file: the import is added once per name, then cloned per use. */
export function runtimeImporter(
  types: typeof t,
  program: NodePath<t.Program>,
  source: string,
): (name: "coroutine" | "track" | "from" | "delegate") => t.Expression {
  const added = new Map<string, t.Expression>();
  return (name) => {
    let ref = added.get(name);
    if (!ref) {
      ref = addNamed(program, name, source, { nameHint: name }) as t.Expression;
      added.set(name, ref);
    }
    return types.cloneNode(ref);
  };
}
