// Creating a generator that delegates once and running it to the end, as a user writes it with the
// plugin (`yield* from(leaf())`, the leaf a plain generator), against the same with native `yield*`.
// Run by bench/recursion.ts under the register hook; twin: creation.py.
import { from } from "coroutil";
import { report, roundsArg, timeRounds } from "../support/rounds.js";

function* leaf(n: number): Generator<number, number, any> {
  yield n;
  return n + 1;
}

function* once(n: number): Generator<number, number, any> {
  const r: number = yield* from(leaf(n));
  return r;
}

function* onceNative(n: number): Generator<number, number, any> {
  const r = yield* leaf(n);
  return r;
}

const N = 200_000;

function drive(make: (n: number) => Iterator<number, number, any>): number {
  let total = 0;
  for (let i = 0; i < N; i++) {
    const g = make(i);
    total += g.next().value;
    total += g.next().value;
  }
  return total;
}

report({
  workload: "creation",
  generators: N,
  ...timeRounds({ coroutil: () => drive(once), native: () => drive(onceNative) }, roundsArg(9)),
});
