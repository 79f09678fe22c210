// A three-stage push pipeline, source -> filter -> sink, one `send` per item (1,000,000 items):
// coroutil in the plugin form (`/** @coroutine */`, primed at creation), in the runtime form
// (`coroutine(function* …)` and the free function `send`), and the same pipeline on native
// generators primed by hand and driven by `next(v)`. Run by bench/recursion.ts under the register
// hook; twin: pipeline.py.
import { coroutine, send, type Coroutine } from "coroutil";
import { report, roundsArg, timeRounds } from "../support/rounds.js";

const N = 1_000_000;

interface Total {
  sum: number;
}

/** @coroutine */
function* sink(total: Total): Generator<undefined, never, number> {
  for (;;) total.sum += yield;
}

/** @coroutine */
function* filter(target: Coroutine<undefined, never, number>): Generator<undefined, never, number> {
  for (;;) {
    const x = yield;
    if (x % 3 !== 0) target.send(x);
  }
}

const sinkRuntime = coroutine(function* sink(total: Total): Generator<undefined, never, number> {
  for (;;) total.sum += yield;
});

const filterRuntime = coroutine(function* filter(target: Coroutine<undefined, never, number>): Generator<undefined, never, number> {
  for (;;) {
    const x = yield;
    if (x % 3 !== 0) send(target, x);
  }
});

function* sinkNative(total: Total): Generator<undefined, never, number> {
  for (;;) total.sum += yield;
}

function* filterNative(target: Generator<undefined, never, number>): Generator<undefined, never, number> {
  for (;;) {
    const x = yield;
    if (x % 3 !== 0) target.next(x);
  }
}

function plugin(): number {
  const total = { sum: 0 };
  const f = filter(sink(total) as unknown as Coroutine<undefined, never, number>) as unknown as Coroutine<undefined, never, number>;
  for (let i = 0; i < N; i++) f.send(i);
  return total.sum;
}

function runtime(): number {
  const total = { sum: 0 };
  const f = filterRuntime(sinkRuntime(total));
  for (let i = 0; i < N; i++) send(f, i);
  return total.sum;
}

function native(): number {
  const total = { sum: 0 };
  const s = sinkNative(total);
  s.next();
  const f = filterNative(s);
  f.next();
  for (let i = 0; i < N; i++) f.next(i);
  return total.sum;
}

report({ workload: "pipeline", items: N, ...timeRounds({ coroutil: plugin, runtime, native }, roundsArg(9)) });
