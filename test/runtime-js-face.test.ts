// The JavaScript face of a Coroutine (iterator protocol, decorator, wrappers, errors, tracebacks):
// what has no CPython twin, checked against what JS itself does where JS has the behaviour.
import { execFileSync } from "node:child_process";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import {
  Coroutine,
  GeneratorExit,
  RuntimeError,
  StopIteration,
  close,
  coroutine,
  from,
  getGeneratorState,
  getYieldFrom,
  next,
  send,
  throwInto,
  track,
} from "coroutil";
import { innermost } from "../fixtures/semantics/_support/show.js";

const Face = suite("runtime: the JS face");

function* countTo(n: number) {
  for (let i = 1; i <= n; i++) yield i;
  return "counted";
}

Face("for…of and spread iterate a Coroutine like the generator it wraps", () => {
  const seen: number[] = [];
  for (const x of track(countTo)(3)) seen.push(x);
  assert.equal(seen, [...countTo(3)]);
  assert.equal([...track(countTo)(3)], [1, 2, 3]);
  const chained = track(function* chained() {
    const r = yield* from(track(countTo)(2));
    yield r;
  });
  assert.equal([...chained()], [1, 2, "counted"]);
});

Face("a Coroutine is its own iterator", () => {
  const c = track(countTo)(1);
  assert.is(c[Symbol.iterator](), c);
  assert.instance(c, Coroutine);
});

Face("a Coroutine inherits the engine's iterator prototype, as a generator does (iterator helpers where the engine has them)", () => {
  const generator = countTo(3);
  const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(generator)));
  const c = track(countTo)(3);
  assert.is(Object.getPrototypeOf(Object.getPrototypeOf(c)), iteratorPrototype);
  assert.is(Object.getPrototypeOf(c), Coroutine.prototype);
  // Node 22 and later give iterators map/filter/toArray…: a Coroutine gets them as the generator does.
  assert.is(typeof (c as any).map, typeof (generator as any).map);
  if (typeof (generator as any).map === "function") {
    assert.equal((c as any).map((x: number) => x * 10).toArray(), (generator as any).map((x: number) => x * 10).toArray());
  }
});

Face("native yield* over a Coroutine passes values, sends and the return value through", () => {
  const got: unknown[] = [];
  const inner = track(function* inner() {
    got.push(yield "a");
    got.push(yield "b");
    return "inner result";
  });
  function* host() {
    const r = yield* inner();
    return ["host got", r];
  }
  const h = host();
  assert.equal(h.next(), { value: "a", done: false });
  assert.equal(h.next(1), { value: "b", done: false });
  assert.equal(h.next(2), { value: ["host got", "inner result"], done: true });
  assert.equal(got, [1, 2]);
});

Face("return() runs finally blocks innermost first through a delegation chain", () => {
  const order: string[] = [];
  const level = track(function* level(n: number): Generator<unknown, unknown, unknown> {
    try {
      if (n === 0) yield "leaf";
      else yield* from(level(n - 1));
    } finally {
      order.push(`finally ${n}`);
    }
    return undefined;
  });
  const top = level(2);
  assert.equal(top.next(), { value: "leaf", done: false });
  assert.equal(top.return("bye"), { value: "bye", done: true });
  assert.equal(order, ["finally 0", "finally 1", "finally 2"]);
  assert.is(top.state, "GEN_CLOSED");
});

Face("return() through `yield from(x)` in a body driven by a Coroutine also runs the finally blocks in order", () => {
  const order: string[] = [];
  const leaf = track(function* leaf() {
    try {
      yield 1;
    } finally {
      order.push("leaf");
    }
  });
  const top = track(function* top(): Generator<unknown, void, unknown> {
    try {
      yield from(leaf());
    } finally {
      order.push("top");
    }
  });
  const t = top();
  t.next();
  assert.equal(t.return(undefined), { value: undefined, done: true });
  assert.equal(order, ["leaf", "top"]);
});

// return() has no Python counterpart; native `yield*` is the oracle. Each scenario builds the same chain
// three ways (native yield*, `yield* from(x)`, trampolined `yield from(x)`) and replays next/return/next.
type Delegate = (x: Iterable<unknown>) => Generator<unknown, unknown, unknown>;
const ways: [string, Delegate, boolean][] = [
  ["native yield*", function* (x) { return yield* x; }, false],
  ["yield* from(x)", function* (x) { return yield* from(x); }, true],
  ["yield from(x)", function* (x): Generator<unknown, unknown, unknown> { return yield from(x); }, true],
];
function plainIterator(withReturn: boolean): IterableIterator<string> {
  const it: IterableIterator<string> = { [Symbol.iterator]: () => it, next: () => ({ done: false, value: "it" }) };
  if (withReturn) it.return = (v?: unknown) => ({ done: true, value: `it returned ${String(v)}` });
  return it;
}
const returnScenarios: Record<string, (d: Delegate, wrap: boolean) => Generator<unknown, unknown, unknown>> = {
  "finally blocks that yield, three levels": (d, wrap) => {
    const w = <A extends unknown[]>(f: (...a: A) => Generator<unknown, unknown, unknown>) => (wrap ? track(f) : f);
    const leaf = w(function* () { try { yield "leaf"; } finally { yield "leaf finally"; } });
    const mid = w(function* () { try { return yield* d(leaf()); } finally { yield "mid finally"; } });
    return w(function* () { try { return yield* d(mid()); } finally { yield "top finally"; } })();
  },
  "a plain iterator with return()": (d, wrap) => {
    const top = function* () { try { return yield* d(plainIterator(true)); } finally { yield "top finally"; } };
    return wrap ? track(top)() : top();
  },
  "a plain iterator without return()": (d, wrap) => {
    const top = function* () { try { return yield* d(plainIterator(false)); } finally { yield "top finally"; } };
    return wrap ? track(top)() : top();
  },
  "a delegate whose finally returns": (d, wrap) => {
    const inner = function* () { try { yield "a"; } finally { return "overridden"; } };
    const top = function* () { const r = yield* d(inner()); yield `top got ${String(r)}`; };
    return wrap ? track(top)() : top();
  },
  "a delegate whose finally delegates to generators that yield nothing (found by the fuzzer's JavaScript mode)": (d, wrap) => {
    const w = <A extends unknown[]>(f: (...a: A) => Generator<unknown, unknown, unknown>) => (wrap ? track(f) : f);
    const empty = w(function* () { return "empty"; });
    const inner = w(function* () { try { yield "a"; } finally { yield* d([]); yield* d(empty()); } return "inner end"; });
    const top = function* () { const r = yield* d(inner()); yield `top continued with ${String(r)}`; };
    return wrap ? track(top)() : top();
  },
  "a delegate whose finally delegates to a generator that yields (return() answered, then next() ends it normally)": (d, wrap) => {
    const w = <A extends unknown[]>(f: (...a: A) => Generator<unknown, unknown, unknown>) => (wrap ? track(f) : f);
    const yielder = w(function* () { yield "from finally"; return "yielder end"; });
    const inner = w(function* () { try { yield "a"; } finally { yield* d(yielder()); } return "inner end"; });
    const top = function* () { const r = yield* d(inner()); yield `top continued with ${String(r)}`; };
    return wrap ? track(top)() : top();
  },
  "a delegate whose finally throws": (d, wrap) => {
    const inner = function* () { try { yield "a"; } finally { throw new Error("inner finally"); } };
    const top = function* () { try { yield* d(inner()); } catch (e) { yield `caught ${(e as Error).message}`; } };
    return wrap ? track(top)() : top();
  },
};
function replay(g: Generator<unknown, unknown, unknown>): string[] {
  const log: string[] = [];
  const step = (op: string, f: () => unknown) => {
    try {
      log.push(`${op} ${JSON.stringify(f())}`);
    } catch (e) {
      log.push(`${op} threw ${String(e)}`);
    }
  };
  step("next", () => g.next());
  step("return", () => g.return("R"));
  for (let i = 0; i < 3; i++) step("next", () => g.next());
  return log;
}
for (const [scenario, build] of Object.entries(returnScenarios)) {
  Face(`return() with ${scenario} behaves as native yield* does`, () => {
    const [native, ...others] = ways.map(([, d, wrap]) => replay(build(d, wrap)));
    others.forEach((log, i) => assert.equal(log, native, ways[i + 1]![0]));
  });
}

Face("next(v) on a never-started coroutine ignores v, as a native generator does", () => {
  const native = (function* (): Generator<string, unknown, unknown> {
    return yield "first";
  })();
  const c = track(function* (): Generator<string, unknown, unknown> {
    return yield "first";
  })();
  assert.equal(c.next("ignored" as never), native.next("ignored" as never));
  assert.is(c.state, "GEN_SUSPENDED");
  assert.throws(() => send(track(countTo)(1), 5 as never), /can't send non-None value to a just-started generator/);
});

Face("throw() and return() give {value, done} results, like a native generator's", () => {
  const make = () =>
    function* catcher(): Generator<string, string, unknown> {
      try {
        yield "waiting";
      } catch (e) {
        yield `caught ${String(e)}`;
      }
      return "done";
    };
  for (const [name, gen] of [
    ["native", make()()],
    ["coroutine", track(make())()],
  ] as const) {
    gen.next();
    assert.equal(gen.throw("x"), { value: "caught x", done: false }, name);
    assert.equal(gen.next(), { value: "done", done: true }, name);
    assert.equal(gen.return("again"), { value: "again", done: true }, name);
    assert.throws(() => gen.throw(new RangeError("late")), RangeError, name);
  }
});

Face("throw() that makes the body return gives done: true with the return value", () => {
  const c = track(function* () {
    try {
      yield 1;
    } catch {
      return "returned on throw";
    }
  })();
  c.next();
  assert.equal(c.throw(new Error("x")), { value: "returned on throw", done: true });
});

class Averager {
  calls = 0;
  constructor(readonly label: string) {}

  @coroutine
  *run(start: number): Generator<string, number, number> {
    this.calls += 1;
    let total = start;
    for (;;) total += yield `${this.label}: ${total}`;
  }
}

Face("@coroutine on a class generator method returns a primed Coroutine with `this` bound", () => {
  const a = new Averager("avg");
  // A TS decorator cannot change the method's declared type; at run time it returns a Coroutine.
  const c = a.run(10) as unknown as Coroutine<string, number, number>;
  assert.instance(c, Coroutine);
  assert.is(getGeneratorState(c), "GEN_SUSPENDED");
  assert.is(a.calls, 1);
  assert.is(send(c, 5), "avg: 15");
  assert.is(c.send(1), "avg: 16");
});

class Methods {
  @coroutine
  static *counter(start: number): Generator<number, void, unknown> {
    for (let i = start; ; i++) yield i;
  }

  @coroutine
  *#secret(): Generator<string, void, unknown> {
    yield "primed secret";
  }

  secret() {
    return this.#secret() as unknown as Coroutine<string, void, unknown>;
  }
}

Face("@coroutine also primes static and private generator methods", () => {
  const c = Methods.counter(5) as unknown as Coroutine<number, void, unknown>;
  assert.is(c.state, "GEN_SUSPENDED");
  assert.is(next(c), 6, "priming consumed the first value, 5");
  const s = new Methods().secret();
  assert.instance(s, Coroutine);
  assert.is(s.state, "GEN_SUSPENDED");
});

Face("@coroutine on something other than a method fails at class definition, saying what it is for", () => {
  try {
    class Misused {
      // @ts-expect-error a getter is not a generator method
      @coroutine get value() {
        return 1;
      }
    }
    assert.unreachable(`decorating a getter should throw (${Misused.name})`);
  } catch (e) {
    assert.instance(e, TypeError);
    assert.match((e as Error).message, /generator method/);
  }
});

Face("coroutine(generatorObject) wraps and primes that generator; track(generatorObject) only wraps it", () => {
  const primed = coroutine(countTo(3));
  assert.instance(primed, Coroutine);
  assert.is(primed.state, "GEN_SUSPENDED");
  assert.is(next(primed), 2);
  const tracked = track(countTo(3));
  assert.is(tracked.state, "GEN_CREATED");
  assert.is(next(tracked), 1);
});

Face("coroutine and track keep the name and parameter count", () => {
  function* pair(a: number, b: number) {
    yield a + b;
  }
  for (const wrapped of [coroutine(pair), track(pair), coroutine(track(pair)), track(track(pair))]) {
    assert.is(wrapped.name, "pair");
    assert.is(wrapped.length, 2);
  }
});

Face("wrapping an already wrapped function never primes or wraps twice", () => {
  let starts = 0;
  function* counted() {
    starts += 1;
    const x: unknown = yield "first";
    yield x;
  }
  const twice = coroutine(coroutine(counted));
  const c = twice();
  assert.is(starts, 1);
  assert.is(c.state, "GEN_SUSPENDED");
  assert.is(send(c, "second"), "second", "the first send reaches the first yield, so it primed once");
  const primedOnce = coroutine(track(counted))();
  assert.is(send(primedOnce, "x"), "x");
  assert.is(track(track(counted))().state, "GEN_CREATED");
  const gen = counted();
  assert.is(track(gen), track(gen), "one Coroutine per generator object");
  const co = track(gen);
  assert.is(track(co), co);
});

Face("getGeneratorState and getYieldFrom on an untracked native generator throw a TypeError that says how to track it", () => {
  const g = countTo(2);
  for (const fn of [getGeneratorState, getYieldFrom] as ((g: Generator) => unknown)[]) {
    try {
      fn(g);
      assert.unreachable(`${fn.name} should throw`);
    } catch (e) {
      assert.instance(e, TypeError);
      assert.match((e as Error).message, /track\(/);
    }
  }
  assert.is(getGeneratorState(track(g)), "GEN_CREATED", "tracking it afterwards works");
});

Face("the error classes are constructible with no arguments", () => {
  for (const Cls of [StopIteration, GeneratorExit, RuntimeError]) {
    const e = new Cls();
    assert.instance(e, Error);
    assert.instance(e, Cls);
    assert.is(e.name, Cls.name);
  }
  assert.is(new StopIteration().value, undefined);
});

Face("StopIteration carries the return value as .value (from its first argument)", () => {
  assert.equal(new StopIteration([1, 2]).value, [1, 2]);
  const c = coroutine(function* () {
    yield;
    return { total: 3 };
  })();
  try {
    send(c, undefined);
    assert.unreachable("send should throw StopIteration");
  } catch (e) {
    assert.instance(e, StopIteration);
    assert.equal((e as StopIteration).value, { total: 3 });
  }
});

Face("the free functions accept a native generator object", () => {
  const g = countTo(3);
  assert.is(next(g), 1);
  assert.is(send(g, undefined), 2);
  assert.throws(() => throwInto(g, new RangeError("in")), RangeError);
  assert.is(close(g), undefined);
});

// The errors the runtime raises for its caller start at the caller's line, not in the runtime.
const firstFrame = (e: unknown) => ((e as Error).stack ?? "").split("\n").find((l) => /^\s*at /.test(l))?.trim() ?? "";
const finished = coroutine(function* finishedBody() {
  const x = yield "ready";
  return x;
});
const catching = coroutine(function* catchingBody() {
  try {
    yield "ready";
  } catch {
    return "caught";
  }
});
const raisedBy = (call: () => unknown): unknown => {
  try {
    call();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
};

Face("a StopIteration from each way of resuming has the caller's line as its first frame", () => {
  const ways: Record<string, () => unknown> = {
    "send(c, v)": function sendFree() { return send(finished(), 1); },
    "c.send(v)": function sendMethod() { return finished().send(1); },
    "next(c)": function nextFree() { return next(finished()); },
    "throwInto(c, e)": function throwFree() { return throwInto(catching(), new Error("in")); },
    "c.throwInto(e)": function throwMethod() { return catching().throwInto(new Error("in")); },
  };
  for (const [way, call] of Object.entries(ways)) {
    const e = raisedBy(call);
    assert.instance(e, StopIteration, way);
    assert.match(firstFrame(e), new RegExp(`^at ${call.name} \\(`), `${way}:\n${(e as Error).stack}`);
  }
});

Face("a misuse's TypeError from send, next, throwInto, close and the state queries has the caller's line as its first frame", () => {
  const untracked = function* untrackedBody() {
    yield 1;
  };
  const ways: Record<string, () => unknown> = {
    "send(c, v) before the first yield": function sendTooEarly() { return send(track(untracked)(), 5); },
    "c.send(v) before the first yield": function sendMethodTooEarly() { return track(untracked)().send(5); },
    "send(42, v)": function sendToNumber() { return send(42 as never, 1); },
    "next({})": function nextOfObject() { return next({} as never); },
    "throwInto(null, e)": function throwIntoNull() { return throwInto(null as never, new Error("x")); },
    "close(async generator)": function closeAsync() { return close((async function* () {})() as never); },
    "getGeneratorState(untracked)": function stateOfUntracked() { return getGeneratorState(untracked()); },
    "getYieldFrom(untracked)": function yieldFromOfUntracked() { return getYieldFrom(untracked()); },
  };
  for (const [way, call] of Object.entries(ways)) {
    const e = raisedBy(call);
    assert.instance(e, TypeError, way);
    assert.match(firstFrame(e), new RegExp(`^at ${call.name} \\(`), `${way}:\n${(e as Error).stack}`);
  }
});

Face("'generator already executing' has the caller's line as its first frame, however the running coroutine is resumed", () => {
  const ways: Record<string, (me: Coroutine<unknown, unknown, unknown>) => unknown> = {
    "c.send(v)": function sendsToItself(me) { return me.send(1); },
    "send(c, v)": function sendsFreeToItself(me) { return send(me, 1); },
    "next(c)": function nextsItself(me) { return next(me); },
    "c.next()": function nextsItsMethod(me) { return me.next(); },
    "c.throw(e)": function throwsIntoItself(me) { return me.throw(new Error("x")); },
    "throwInto(c, e)": function throwsFreeIntoItself(me) { return throwInto(me, new Error("x")); },
    "c.return(v)": function returnsItself(me) { return me.return(1); },
    "c.close()": function closesItself(me) { return me.close(); },
    "close(c)": function closesFreeItself(me) { return close(me); },
  };
  for (const [way, call] of Object.entries(ways)) {
    // The body resumes the coroutine it runs in: the caller's line is in the body.
    let e: unknown;
    const c: Coroutine<string, void, unknown> = track(function* () {
      yield "ready";
      e = raisedBy(() => call(c));
    })();
    c.next();
    c.next();
    assert.instance(e, TypeError, way);
    assert.is((e as Error).message, "generator already executing", way);
    assert.match(firstFrame(e), new RegExp(`^at ${call.name} \\(`), `${way}:\n${(e as Error).stack}`);
  }
});

// A delegation marker yielded (`yield from(x)`, the plugin's form) is run by the caller's trampoline: an error
// the runtime raises there starts at the caller's line. Behind `yield* from(x)` an adapter runs it, resumed by
// the engine's `yield*`: the error starts at the delegating body's line, where Python's traceback points.
Face("'generator already executing' raised in a delegator for its running delegate starts at the caller's line, or at the yield* line", () => {
  const caught: Record<string, unknown> = {};
  const running: Coroutine<string, void, unknown> = track(function* () {
    yield "ready";
    caught.starts = raisedBy(function primesDelegator() {
      return coroutine(function* () {
        return yield from(running);
      })();
    });
    caught.adapter = raisedBy(() =>
      coroutine(function* delegatesByYieldStar() {
        return yield* from(running);
      })(),
    );
  })();
  running.next();
  running.next();

  // Resumed after its delegate was sent to directly, the delegator finds that delegate running.
  const inner: Coroutine<string, void, unknown> = track(function* () {
    yield "ready";
    yield "again";
    caught.resumed = raisedBy(function resumesOuter() {
      return outer.send(undefined);
    });
  })();
  const outer = coroutine(function* () {
    yield from(inner);
  })();
  inner.send(undefined);
  inner.next();

  for (const [way, frame] of [["starts", "primesDelegator"], ["resumed", "resumesOuter"], ["adapter", "delegatesByYieldStar"]]) {
    const e = caught[way!];
    assert.instance(e, TypeError, way);
    assert.is((e as Error).message, "generator already executing", way);
    assert.match(firstFrame(e), new RegExp(`^at ${frame} \\(`), `${way}:\n${(e as Error).stack}`);
  }
});

Face("'generator ignored GeneratorExit' starts at the caller's line, from the coroutine or from its delegate, or at the yield* line", () => {
  const stubborn = track(function* () {
    for (;;) {
      try {
        yield "still here";
      } catch {
        // catches GeneratorExit too, and goes on: the trap the porting guide warns of
      }
    }
  });
  const delegating = track(function* () {
    yield from(stubborn());
  });
  const byYieldStar = track(function* delegatesByYieldStar() {
    yield* from(stubborn());
  });
  const ways: Record<string, [() => unknown, string]> = {
    "close(c)": [function closesFree() { const c = stubborn(); c.next(); return close(c); }, "closesFree"],
    "c.close()": [function closesMethod() { const c = stubborn(); c.next(); return c.close(); }, "closesMethod"],
    "close(c), its delegate ignoring": [function closesDelegating() { const c = delegating(); c.next(); return close(c); }, "closesDelegating"],
    "close(c), its delegate behind yield* ignoring": [() => { const c = byYieldStar(); c.next(); return close(c); }, "delegatesByYieldStar"],
  };
  for (const [way, [call, frame]] of Object.entries(ways)) {
    const e = raisedBy(call);
    assert.instance(e, RuntimeError, way);
    assert.is((e as Error).message, "generator ignored GeneratorExit", way);
    assert.match(firstFrame(e), new RegExp(`^at ${frame} \\(`), `${way}:\n${(e as Error).stack}`);
  }
});

// CPython's twin of the next test: the innermost frame of each traceback, for errors raised inside a delegating body.
const IN_BODY_PY = `
import json, traceback
innermost = lambda e: traceback.extract_tb(e.__traceback__)[-1].name
out = {}

def not_iterable_body():
    yield "ready"
    yield from 5
g = not_iterable_body(); next(g)
try:
    g.send(None)
except TypeError as e:
    out["not iterable"] = innermost(e)

def stubborn():
    while True:
        try:
            yield "still here"
        except GeneratorExit:
            pass
def ignoring_delegate_body():
    yield from stubborn()
g = ignoring_delegate_body(); next(g)
try:
    g.close()
except RuntimeError as e:
    out["delegate ignores GeneratorExit"] = innermost(e)
try:
    g.throw(KeyError("end"))
except KeyError:
    pass

def delegates_to_running():
    yield from running
def running_body():
    yield "ready"
    try:
        next(delegates_to_running())
    except ValueError as e:
        out["delegate running"] = innermost(e)
running = running_body(); next(running)
try:
    next(running)
except StopIteration:
    pass
print(json.dumps(out))
`;

Face("behind yield* from(x), an error raised inside the delegating body starts at that body, where CPython's traceback has its innermost frame", () => {
  const python = JSON.parse(execFileSync("python3", ["-c", IN_BODY_PY], { encoding: "utf8" })) as Record<string, string>;
  const ours: Record<string, string> = {};

  const not_iterable_body = track(function* not_iterable_body() {
    yield "ready";
    yield* from(5 as never);
  });
  let g: Coroutine<unknown, unknown, unknown> = not_iterable_body();
  g.next();
  ours["not iterable"] = innermost(raisedBy(() => g.send(undefined)));

  const stubborn = track(function* stubborn() {
    for (;;) {
      try {
        yield "still here";
      } catch (e) {
        if (!(e instanceof GeneratorExit)) throw e;
      }
    }
  });
  const ignoring_delegate_body = track(function* ignoring_delegate_body() {
    yield* from(stubborn());
  });
  g = ignoring_delegate_body();
  g.next();
  ours["delegate ignores GeneratorExit"] = innermost(raisedBy(() => g.close()));
  raisedBy(() => g.throwInto(new Error("end")));

  const running: Coroutine<unknown, unknown, unknown> = track(function* running_body() {
    yield "ready";
    const delegates_to_running = track(function* delegates_to_running() {
      yield* from(running);
    });
    ours["delegate running"] = innermost(raisedBy(() => delegates_to_running().next()));
  })();
  running.next();
  running.next();

  assert.equal(Object.keys(python).sort(), ["delegate ignores GeneratorExit", "delegate running", "not iterable"]);
  assert.equal(ours, python);
});

Face("PEP 479's RuntimeError and a delegation to a non-iterable start at the caller's line, or at the yield* line", () => {
  const leaking = track(function* () {
    yield "ready";
    throw new StopIteration("leaked");
  });
  const notIterable = track(function* () {
    yield "ready";
    yield from(5 as never);
  });
  const notIterableByYieldStar = track(function* delegatesByYieldStar() {
    yield "ready";
    yield* from(5 as never);
  });
  const ways: Record<string, [() => unknown, Function, string]> = {
    "a StopIteration leaving a body": [function sendsIntoLeak() { const c = leaking(); c.next(); return send(c, 1); }, RuntimeError, "sendsIntoLeak"],
    "yield from(5)": [function sendsIntoBadDelegation() { const c = notIterable(); c.next(); return c.send(1); }, TypeError, "sendsIntoBadDelegation"],
    "yield* from(5)": [() => { const c = notIterableByYieldStar(); c.next(); return c.send(1); }, TypeError, "delegatesByYieldStar"],
  };
  for (const [way, [call, type, frame]] of Object.entries(ways)) {
    const e = raisedBy(call);
    assert.instance(e, type, way);
    assert.match(firstFrame(e), new RegExp(`^at ${frame} \\(`), `${way}:\n${(e as Error).stack}`);
  }
  const e = raisedBy(ways["a StopIteration leaving a body"]![0]) as Error;
  assert.instance(e.cause, StopIteration, "the StopIteration is its cause, with its own stack");
});

Face("coroutine and track given what they cannot drive, and a priming that returns, have the caller's line as their first frame", () => {
  const returnsAtOnce = coroutine(function* () {
    return 1;
  });
  const notAGenerator = coroutine((() => 5) as never) as () => unknown;
  const ways: Record<string, [() => unknown, Function]> = {
    "coroutine(42)": [function wrapsNumber() { return coroutine(42 as never); }, TypeError],
    "track(null)": [function tracksNull() { return track(null as never); }, TypeError],
    "coroutine(async generator function)": [function wrapsAsync() { return coroutine((async function* () {}) as never); }, TypeError],
    "track(async function)": [function tracksAsync() { return track((async () => 1) as never); }, TypeError],
    "a wrapped function that returns no generator": [function callsWrappedArrow() { return notAGenerator(); }, TypeError],
    "a primed body that returns at once": [function primesReturning() { return returnsAtOnce(); }, StopIteration],
    "the plugin's form, priming a body that returns at once": [
      function pluginFormPrimes() { return coroutine(function* () { return 1; }, undefined, []); },
      StopIteration,
    ],
    "@coroutine on a field": [function decoratesField() { return coroutine((() => {}) as never, { kind: "field" } as never); }, TypeError],
  };
  for (const [way, [call, type]] of Object.entries(ways)) {
    const e = raisedBy(call);
    assert.instance(e, type, way);
    assert.match(firstFrame(e), new RegExp(`^at ${call.name} \\(`), `${way}:\n${(e as Error).stack}`);
  }
});

Face("a StopIteration a program makes itself keeps its whole stack", () => {
  const e = (function makesOne() { return new StopIteration(3); })();
  assert.is(e.value, 3);
  assert.match(firstFrame(e), /^at makesOne \(/);
});

// Tracebacks: a trampoline takes delegating frames off the JS stack; the runtime writes them back.
const chainLines = (stack: string, names: string[]) =>
  stack.split("\n").filter((l) => names.some((n) => new RegExp(`^\\s*at ${n} \\(`).test(l)));

function tracebackChain(thrown: () => unknown) {
  const leaf = track(function* leafFrame() {
    yield "ready";
    throw thrown();
  });
  const middle = track(function* middleFrame() {
    yield from(leaf());
  });
  const top = track(function* topFrame() {
    yield from(middle());
  });
  const t = top();
  next(t);
  try {
    next(t);
  } catch (e) {
    return e;
  }
  throw new Error("the chain should have thrown");
}

Face("an Error propagating out of delegations gains the chain of delegators, innermost first, once a level", () => {
  const e = tracebackChain(() => new Error("deep")) as Error;
  const lines = chainLines(e.stack ?? "", ["middleFrame", "topFrame"]);
  assert.equal(
    lines.map((l) => l.trim().split(" ")[1]),
    ["middleFrame", "topFrame"],
    `stack:\n${e.stack}`,
  );
});

Face("a delegation site given to from() (as the plugin does) appears in the chain line", () => {
  const leaf = track(function* siteLeaf() {
    yield "ready";
    throw new Error("with a site");
  });
  const top = track(function* siteTop() {
    yield from(leaf(), "src/app.ts:12:5");
  });
  const t = top();
  next(t);
  try {
    next(t);
    assert.unreachable("the chain should have thrown");
  } catch (e) {
    assert.match((e as Error).stack ?? "", /\n\s*at siteTop \(src\/app\.ts:12:5\)/);
  }
});

Face("an error thrown through the same chain twice still gets one line a level", () => {
  const leaf = track(function* leafAgain() {
    for (;;) {
      try {
        yield "ready";
      } catch (e) {
        throw e;
      }
    }
  });
  const middle = track(function* middleAgain() {
    for (;;) {
      try {
        yield from(leaf());
      } catch {
        yield "middle recovered";
      }
    }
  });
  const top = track(function* topAgain() {
    yield from(middle());
  });
  const t = top();
  next(t);
  const err = new Error("twice");
  assert.is(throwInto(t, err), "middle recovered");
  next(t);
  assert.is(throwInto(t, err), "middle recovered");
  const lines = chainLines(err.stack ?? "", ["middleAgain", "topAgain"]);
  assert.equal(lines.map((l) => l.trim().split(" ")[1]), ["middleAgain"], `stack:\n${err.stack}`);
});

Face("an async generator or its function is a TypeError at once from every constructor and free function, never an unhandled rejection", async () => {
  let rejections = 0;
  const count = () => rejections++;
  process.on("unhandledRejection", count);
  try {
    async function* agen() {
      yield 1;
    }
    const calls: [string, () => unknown][] = [
      ["track(fn)", () => track(agen as never)],
      ["coroutine(fn)", () => coroutine(agen as never)],
      ["track(gen)", () => track(agen() as never)],
      ["coroutine(gen)", () => coroutine(agen() as never)],
      ["send", () => send(agen() as never, 1)],
      ["next", () => next(agen() as never)],
      ["throwInto", () => throwInto(agen() as never, new Error("x"))],
      ["close", () => close(agen() as never)],
      ["getGeneratorState", () => getGeneratorState(agen() as never)],
      ["getYieldFrom", () => getYieldFrom(agen() as never)],
    ];
    for (const [name, call] of calls) {
      try {
        call();
        assert.unreachable(`${name} accepted an async generator`);
      } catch (e) {
        assert.instance(e, TypeError, name);
        assert.match((e as Error).message, /^coroutil drives synchronous generators; .* is an AsyncGenerator/, name);
      }
    }
    await new Promise((r) => setTimeout(r, 10));
    assert.is(rejections, 0, "an unhandled rejection");
  } finally {
    process.off("unhandledRejection", count);
  }
});

Face("other wrong arguments are a TypeError naming what was expected and what came", () => {
  const cases: [string, () => unknown, RegExp][] = [
    ["send(plain object)", () => send({} as never, 1), /expected a generator object, got object/],
    ["next(number)", () => next(5 as never), /expected a generator object, got number/],
    ["close(null)", () => close(null as never), /expected a generator object, got null/],
    ["track(fn not a generator)()", () => (track((() => 42) as never) as () => unknown)(), /expected a generator object, got number/],
    ["coroutine(async function)", () => coroutine((async () => 1) as never), /coroutil drives synchronous generators; .* is an AsyncFunction/],
    ["track(fn returning an array)()", () => (track((() => [1]) as never) as () => unknown)(), /expected a generator object, got object/],
  ];
  for (const [name, call, message] of cases) {
    try {
      call();
      assert.unreachable(`${name} was accepted`);
    } catch (e) {
      assert.instance(e, TypeError, name);
      assert.match((e as Error).message, message, name);
    }
  }
});

Face("a frozen native generator can be delegated to and driven (it just keeps no Coroutine of its own)", () => {
  const frozen = Object.freeze(countTo(2));
  const outer = track(function* outerOfFrozen() {
    const r = yield from(frozen);
    return r;
  })();
  assert.equal([next(outer), next(outer)], [1, 2]);
  try {
    next(outer);
    assert.unreachable("outer should have returned");
  } catch (e) {
    assert.instance(e, StopIteration);
    assert.is((e as StopIteration).value, "counted");
  }
});

Face("a recursive delegation folds its repeated traceback line, as Python folds repeated frames", () => {
  const down = track(function* down(n: number): Generator<unknown, void, unknown> {
    if (n === 0) throw new Error("bottom");
    yield from(down(n - 1));
  });
  let e: Error | undefined;
  try {
    next(down(5));
  } catch (caught) {
    e = caught as Error;
  }
  assert.is(e?.message, "bottom");
  const added = (e!.stack ?? "").split("\n").filter((l) => l.trim() === "at down (yield from)");
  assert.is(added.length, 1, `stack:\n${e!.stack}`);
});

Face("non-Error throwables and frozen errors come out untouched", () => {
  assert.is(tracebackChain(() => "a string"), "a string");
  const obj = { code: 7 };
  assert.is(tracebackChain(() => obj), obj);
  assert.equal(obj, { code: 7 });
  let frozen: Error | undefined;
  let before = "";
  const e = tracebackChain(() => {
    frozen = new Error("frozen");
    before = frozen.stack ?? "";
    return Object.freeze(frozen);
  });
  assert.is(e, frozen);
  assert.is((e as Error).stack, before);
});

Face.run();
