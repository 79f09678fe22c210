// Type-level checks of the runtime API, compiled by `tsc --noEmit` and never run (not a *.test.ts).
// Each `@ts-expect-error` line must fail to compile; if it ever compiles, tsc reports the directive.
import { Coroutine, coroutine, from, next, send, StopIteration, throwInto, track, yieldFrom } from "coroutil";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const check = <T extends true>(): T => true as T;

const averager = coroutine(function* averager(
  start: number,
  label?: string,
): Generator<number | undefined, [count: number, average: number], number> {
  let total = start;
  let count = 0;
  for (;;) {
    total += yield count ? total / count : undefined;
    count += 1;
    if (label === "stop") return [count, total / count];
  }
});

// coroutine(fn) keeps the parameter types and returns a typed Coroutine.
check<Equals<Parameters<typeof averager>, [start: number, label?: string]>>();
check<Equals<ReturnType<typeof averager>, Coroutine<number | undefined, [count: number, average: number], number>>>();
const avg = averager(0, "demo");
averager(0);
// @ts-expect-error the first parameter is a number
averager("zero");
// @ts-expect-error too many arguments
averager(0, "demo", 3);

// send(c, v) accepts only the send type and returns the yield type.
const y1: number | undefined = send(avg, 10);
const y2: number | undefined = avg.send(20);
// @ts-expect-error the send type is number
send(avg, "ten");
// @ts-expect-error the send type is number
avg.send("ten");
// @ts-expect-error the yield type is number | undefined, not string
const notString: string = send(avg, 1);
check<Equals<ReturnType<typeof send<number | undefined, [number, number], number>>, number | undefined>>();
const primed: number | undefined = next(avg);
const afterThrow: number | undefined = throwInto(avg, new Error("reset"));

// track(fn) keeps the parameters too, and the JS face stays typed.
const counter = track(function* counter(limit: number): Generator<number, string, void> {
  for (let i = 0; i < limit; i++) yield i;
  return "done";
});
check<Equals<Parameters<typeof counter>, [limit: number]>>();
const step: IteratorResult<number, string> = counter(3).next();
for (const n of counter(2)) {
  const asNumber: number = n;
  // @ts-expect-error items are numbers
  const asString: string = n;
  void asNumber;
  void asString;
}

// yield* from(x) evaluates to the delegate's return type.
function* inner(): Generator<string, { total: number }, boolean> {
  const ok = yield "inner";
  return { total: ok ? 1 : 0 };
}
const outer = coroutine(function* outer() {
  const r = yield* from(inner());
  check<Equals<typeof r, { total: number }>>();
  const total: number = r.total;
  // @ts-expect-error r is { total: number }, not a string
  const wrong: string = r;
  const again = yield* yieldFrom(inner());
  check<Equals<typeof again, { total: number }>>();
  return total + again.total;
});
type Parts<C> = C extends Coroutine<infer Y, infer R, infer S> ? [Y, R, S] : never;
check<Equals<Parts<ReturnType<typeof outer>>[0], string>>();
check<Equals<Parts<ReturnType<typeof outer>>[1], number>>();
check<Equals<Parts<ReturnType<typeof outer>>[2], boolean>>();
// @ts-expect-error the send type stays boolean, as with native yield* (undefined is not a boolean)
outer().send(undefined);
// @ts-expect-error the outer coroutine receives what inner receives: booleans
send(outer(), 42);
// @ts-expect-error the free function is as strict: the value sent does not widen the send type
send(outer(), undefined);

// from() takes iterables only.
function* bad() {
  // @ts-expect-error a number is not iterable
  yield* from(42);
}

// StopIteration carries a typed value.
const stop = new StopIteration<[number, number]>([1, 2]);
const pair: [number, number] = stop.value;

void [y1, y2, notString, primed, afterThrow, step, bad, pair];
