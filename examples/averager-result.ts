// The averager returning a result: instead of yielding every average, it yields nothing and, when
// the STOP sentinel arrives, returns a Result record. A direct caller collects it from
// StopIteration.value; a delegating generator gets it as the value of `yield from(averager())`.
// Python twin: averager-result.py.
import { from, getGeneratorState, getYieldFrom, send, StopIteration } from "coroutil";

const STOP = Symbol("STOP");

/** Python's None is undefined: print it as None, as the twin does. */
const num = (x: number | undefined): string => (x === undefined ? "None" : String(x));

class Result {
  constructor(
    readonly count: number,
    readonly average: number | undefined,
  ) {}
  toString(): string {
    return `Result(count=${this.count}, average=${num(this.average)})`;
  }
}

/** @coroutine */
function* averager(): Generator<undefined, Result, number | typeof STOP> {
  let total = 0;
  let count = 0;
  let average: number | undefined;
  while (true) {
    const term = yield;
    if (term === STOP) break;
    console.log(`  averager received: ${term}`);
    total += term;
    count += 1;
    average = total / count;
  }
  return new Result(count, average);
}

// A generator using `yield from(x)` is typed Generator<unknown, R, any>: in TypeScript the value of a
// `yield` is the generator's TNext, which cannot stand for the delegate's return value.
/** @coroutine */
function* compute(): Generator<unknown, Result, any> {
  // averager() is already primed; coroutil's yield from does not advance it a second time.
  const result: Result = yield from(averager());
  console.log(`  compute: yield from returned ${result}`);
  return result;
}

function drive(name: string, coro: Generator<unknown, Result, number | typeof STOP>, values: number[]): Result {
  for (const value of values) send(coro, value);
  try {
    send(coro, STOP);
  } catch (exc) {
    if (!(exc instanceof StopIteration)) throw exc;
    console.log(`  ${name} stopped: StopIteration.value = ${exc.value}`);
    return exc.value as Result;
  }
  throw new Error(`${name} did not stop at STOP`);
}

console.log("1. Directly: send 10, 20, 30, then STOP");
const direct = drive("averager", averager(), [10, 20, 30]);
console.log(`  collected: ${direct.count} values, average ${num(direct.average)}`);

console.log("2. Through a delegating generator: send 6.5, 8, then STOP to compute()");
const comp = compute();
console.log(`  compute() is ${getGeneratorState(comp)}, delegating: ${getYieldFrom(comp) !== undefined ? "yes" : "no"}`);
const delegated = drive("compute", comp, [6.5, 8]);
console.log(`  collected: ${delegated.count} values, average ${num(delegated.average)}`);

console.log("3. STOP at once: the average is None");
console.log(`  collected: ${drive("averager", averager(), [])}`);
