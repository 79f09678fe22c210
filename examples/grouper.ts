// The grouper: for each key of a data set, the client creates a delegating generator, grouper(),
// that runs averager() through `yield from` and stores the result it returns. The client talks to
// grouper only; every value it sends passes straight through to the averager, and the sentinel
// (undefined, Python's None) makes the averager return its Result into grouper's results.
// Python twin: grouper.py.
import { from, send } from "coroutil";

interface Result {
  count: number;
  average: number | undefined;
}

/** The subgenerator: averages what it receives until it receives undefined. */
function* averager(): Generator<undefined, Result, number | undefined> {
  let total = 0;
  let count = 0;
  let average: number | undefined;
  while (true) {
    const term = yield;
    if (term === undefined) break;
    total += term;
    count += 1;
    average = total / count;
  }
  return { count, average };
}

/**
 * The delegating generator: one per key; each averager's result lands in results[key].
 * @coroutine
 */
function* grouper(results: Map<string, Result>, key: string): Generator<unknown, never, any> {
  while (true) {
    results.set(key, yield from(averager()));
    console.log(`  grouper ${key}: averager returned, starting a new one`);
  }
}

/** The client: feeds each group's values to a fresh grouper, then ends its averager with undefined. */
function main(data: Record<string, number[]>): void {
  const results = new Map<string, Result>();
  for (const [key, values] of Object.entries(data)) {
    const group = grouper(results, key);
    console.log(`sending ${values.length} values for ${key}`);
    for (const value of values) send(group, value);
    send(group, undefined);
  }
  report(results);
}

function report(results: Map<string, Result>): void {
  console.log("report:");
  for (const [key, result] of [...results].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [group, unit] = key.split(";");
    const average = result.average === undefined ? "-" : result.average.toFixed(2);
    console.log(`${String(result.count).padStart(2)} ${group!.padEnd(5)} averaging ${average}${unit}`);
  }
}

main({
  "girls;kg": [40.9, 38.5, 44.3, 42.2, 45.2, 41.7, 44.5, 38.0, 40.6, 44.5],
  "girls;m": [1.6, 1.51, 1.4, 1.3, 1.41, 1.39, 1.33, 1.46, 1.45, 1.43],
  "boys;kg": [39.0, 40.8, 43.2, 40.8, 43.1, 38.6, 41.4, 40.6, 36.3],
  "boys;m": [1.38, 1.5, 1.32, 1.25, 1.37, 1.48, 1.25, 1.49, 1.46],
});
