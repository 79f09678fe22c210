// Walking a linked list by recursive delegation (`yield* from(walk(node.next))`): the cost per item
// at 1,000, 10,000 and 100,000 items, coroutil with the plugin against native `yield*` (which
// overflows the stack before 10,000). Run by bench/recursion.ts under the register hook; twin:
// linked-list.py.
import { from } from "coroutil";
import { report, roundsArg, timeRounds } from "../support/rounds.js";

interface Cell {
  value: number;
  next: Cell | null;
}

function* walk(cell: Cell): Generator<number, void, any> {
  yield cell.value;
  if (cell.next) yield* from(walk(cell.next));
}

function* walkNative(cell: Cell): Generator<number, void, any> {
  yield cell.value;
  if (cell.next) yield* walkNative(cell.next);
}

function list(length: number): Cell {
  let head: Cell | null = null;
  for (let i = length - 1; i >= 0; i--) head = { value: i, next: head };
  return head!;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

const results: Record<string, unknown> = {};
for (const length of [1_000, 10_000, 100_000]) {
  const head = list(length);
  results[length] = timeRounds({ coroutil: () => sum(walk(head)), native: () => sum(walkNative(head)) }, roundsArg(7));
}
report({ workload: "linked-list", lengths: results });
