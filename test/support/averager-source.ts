// Source text for the programs the integration tests build and run: a `@coroutine` averager that
// yields the running average and returns it when sent undefined.
export const AVERAGER = `/** @coroutine */
function* averager(): Generator<number | undefined, number, number | undefined> {
  let total = 0, count = 0, average: number | undefined;
  for (;;) {
    const v = yield average;
    if (v === undefined) return average!;
    total += v;
    average = total / ++count;
  }
}
`;
