// The running averager: a coroutine that receives numbers through send() and yields the average
// so far after each one. `/** @coroutine */` primes it on creation, so the first send() already
// counts; sending the STOP sentinel makes it return, which the caller sees as StopIteration.
// Python twin: running-averager.py.
import { getGeneratorState, send, StopIteration } from "coroutil";

const STOP = Symbol("STOP");

/** @coroutine */
function* averager(): Generator<number | undefined, void, number | typeof STOP> {
  let total = 0;
  let count = 0;
  let average: number | undefined;
  while (true) {
    const term = yield average;
    if (term === STOP) break;
    total += term;
    count += 1;
    average = total / count;
  }
  console.log(`averager: got STOP after ${count} values, returning`);
}

const avg = averager();
console.log(`averager() is primed at creation: ${getGeneratorState(avg)}`);
for (const value of [10, 30, 5, 22, 16]) {
  console.log(`send(${value}) -> average so far ${send(avg, value)}`);
}
try {
  send(avg, STOP);
} catch (exc) {
  if (!(exc instanceof StopIteration)) throw exc;
  console.log("send(STOP) -> StopIteration: the averager has returned");
}
console.log(`state now: ${getGeneratorState(avg)}`);
