import type { NodePath, types as t } from "@babel/core";
import type { Edit } from "./edits.js";
import { lineEndAfter } from "./text.js";

/** The offset of the `(` opening a function's parameters (after its `*` and id or key, outside comments). */
export function openParenOffset(fn: NodePath<t.Function>, star: number, text: string): number {
  const node = fn.node as { id?: t.Node | null; key?: t.Node };
  let at = node.key?.end ?? node.id?.end ?? star + 1;
  while (text[at] !== "(") {
    if (text.startsWith("/*", at)) at = text.indexOf("*/", at + 2) + 2;
    else if (text.startsWith("//", at)) at = lineEndAfter(text, at);
    else at++;
  }
  return at;
}

/** The offset of a generator's `*` (after any decorators and modifiers, outside comments). */
export function asteriskOffset(fn: NodePath<t.Function>, text: string): number {
  const node = fn.node as t.Function & { decorators?: t.Decorator[] | null; key?: t.Node; id?: t.Node | null };
  let at = node.decorators?.length ? node.decorators[node.decorators.length - 1]!.end! : node.start!;
  const limit = node.key?.start ?? node.id?.start ?? node.params[0]?.start ?? node.body.start!;
  while (at < limit) {
    if (text.startsWith("/*", at)) at = text.indexOf("*/", at + 2) + 2;
    else if (text.startsWith("//", at)) at = lineEndAfter(text, at);
    else if (text[at] === "*") return at;
    else at++;
  }
  throw new Error("codemod: no `*` found before a generator's name; this is a codemod bug, please report it");
}

/** The edit that takes a generator's `*` away (a space stays where words would join: `static*m` -> `static m`). */
export function asteriskRemoval(star: number, text: string): Edit {
  const glue = /[\w$]/.test(text[star - 1] ?? "") && /[\w$#[]/.test(text[star + 1] ?? "") ? " " : "";
  return { start: star, end: star + 1, text: glue };
}

/**
 * The edit giving a function a first parameter `this: type` (TypeScript), before its first
 * parameter or inside its empty `()` at `open`; none when it has a `this` parameter already.
 */
export function thisParameterEdits(fn: NodePath<t.Function>, open: number, type: string): Edit[] {
  const first = fn.node.params[0];
  if (first?.type === "Identifier" && first.name === "this") return [];
  return [first ? { start: first.start!, end: first.start!, text: `this: ${type}, ` } : { start: open + 1, end: open + 1, text: `this: ${type}` }];
}
