// In-order walk of a balanced binary tree of 65,535 nodes (depth 16), a delegation per child:
// coroutil as a user writes it with the plugin (`yield* from(walk(child))`), and the same walk with
// native `yield*`, and that native walk compiled with `trampoline: "all"`; then both written as class
// methods (`yield* from(this.walk(child))` against `yield* this.walk(child)`). Run by bench/recursion.ts
// under the register hook; twin: tree.py.
import { from } from "coroutil";
import { report, roundsArg, timeRounds } from "../support/rounds.js";
import { isMain, trampolinedCopy } from "../support/trampolined.js";

export interface Node {
  value: number;
  left: Node | null;
  right: Node | null;
}

/** A balanced tree of 2^depth - 1 nodes numbered in order from `first`. */
export function build(depth: number, first = 0): Node | null {
  if (depth === 0) return null;
  const left = build(depth - 1, first);
  const value = first + 2 ** (depth - 1) - 1;
  return { value, left, right: build(depth - 1, value + 1) };
}

function* walk(node: Node): Generator<number, void, any> {
  if (node.left) yield* from(walk(node.left));
  yield node.value;
  if (node.right) yield* from(walk(node.right));
}

export function* walkNative(node: Node): Generator<number, void, any> {
  if (node.left) yield* walkNative(node.left);
  yield node.value;
  if (node.right) yield* walkNative(node.right);
}

/** The same walks as class methods, as AST visitors are written (the plugin lowers a method too). */
class Walker {
  *walk(node: Node): Generator<number, void, any> {
    if (node.left) yield* from(this.walk(node.left));
    yield node.value;
    if (node.right) yield* from(this.walk(node.right));
  }
  *walkNative(node: Node): Generator<number, void, any> {
    if (node.left) yield* this.walkNative(node.left);
    yield node.value;
    if (node.right) yield* this.walkNative(node.right);
  }
}
const walker = new Walker();

const DEPTH = 16;
const root = build(DEPTH)!;

export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

if (isMain(import.meta.url)) {
  // The native walk again, compiled with `trampoline: "all"`: plain `yield*` on the trampoline.
  const all = await trampolinedCopy<{ walkNative: typeof walkNative }>(import.meta.url);
  report({
    workload: "tree",
    nodes: 2 ** DEPTH - 1,
    ...timeRounds(
      {
        coroutil: () => sum(walk(root)),
        native: () => sum(walkNative(root)),
        all: () => sum(all.walkNative(root)),
        method: () => sum(walker.walk(root)),
        methodNative: () => sum(walker.walkNative(root)),
      },
      roundsArg(9),
    ),
  });
}
