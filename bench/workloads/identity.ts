// trampoline: "all" and generator identity (issue: a trampolined generator function returning an
// object that is a generator). The designs tried, written by hand in the shape the plugin would emit
// for each, on the tree walk (65,535 nodes) and on creation (a generator that delegates once, run to
// the end), against native `yield*`:
// - today: the function returns the `Coroutine` that drives its body (what the plugin emits);
// - shell: it returns a real generator (a shell whose body is `return yield* coroutine`, with its
//   function's prototype), the coroutine kept on the shell so that a delegation takes it;
// - handoff: the same shell without the stored link: a delegation starts the unstarted shell with a
//   flag up and the shell hands its coroutine over instead of running it;
// - guarded: handoff, also right for a shell started before it is delegated to (its `yield*` goes
//   through a guard that hands the coroutine over when the flag is up).
// It also counts the reads of `done` and `value` a consumer's `next()` makes on a hand-written
// iterator's result through each design (ECMA-262 yield*: `done` once, `value` never, the same object).
// Run by bench/identity.ts against the package as built.
import { track, type Coroutine } from "coroutil";
import { delegate } from "coroutil/trampoline";
import { report, roundsArg, timeRounds } from "../support/rounds.js";
import { build, sum, walkNative, type Node } from "./tree.js";

const root = build(16)!;

// The runtime's registry key is not exported: read it off a generator the runtime has adopted.
const probe = (function* () {})();
track(probe);
const KEY = Object.getOwnPropertySymbols(probe)[0]!;
const GeneratorPrototype = Object.getPrototypeOf(probe) && Object.getPrototypeOf(Object.getPrototypeOf(probe));

type Body = (this: unknown, ...args: any[]) => Generator<any, any, any>;
type Make = (body: Body, self: unknown, args: IArguments) => any;

// today
const today: Make = (body, self, args) => track(body as any, self, args, body.name);
// shell, the coroutine stored on it
function* storedShell(c: Coroutine): Generator<any> {
  return yield* c;
}
const shell: Make = (body, self, args) => {
  const c = track(body as any, self, args, body.name);
  const w: any = storedShell(c);
  w[KEY] = c;
  return w;
};
// handoff
let handoff: unknown;
const HAND = {};
function* handShell(c: Coroutine): Generator<any> {
  if (handoff === HAND) {
    handoff = c;
    return;
  }
  return yield* c;
}
const handed: Make = (body, self, args) => handShell(track(body as any, self, args, body.name));
/** What `yield*` becomes with a handoff: a shell not yet finished hands its coroutine over. */
const take = (w: any) => {
  const proto = Object.getPrototypeOf(w);
  if (proto !== handShell.prototype && proto !== guardShell.prototype) return delegate(w);
  let c: unknown = HAND;
  handoff = HAND;
  try {
    GeneratorPrototype.next.call(w);
  } finally {
    c = handoff;
    handoff = undefined;
  }
  return delegate(c === HAND ? w : (c as any));
};
// guarded handoff
class Guard {
  constructor(private readonly c: Coroutine) {}
  next(v: unknown) {
    if (handoff === HAND) {
      handoff = this.c;
      return { done: false, value: undefined };
    }
    return this.c.next(v as never);
  }
  throw(e: unknown) {
    return this.c.throw(e);
  }
  return(v: unknown) {
    return this.c.return(v as never);
  }
  [Symbol.iterator]() {
    return this;
  }
}
function* guardShell(c: Coroutine): Generator<any> {
  if (handoff === HAND) {
    handoff = c;
    return;
  }
  return yield* new Guard(c);
}
const guarded: Make = (body, self, args) => guardShell(track(body as any, self, args, body.name));

// Each design's walk and `once`, written out for each (shared code would share the engine's type
// feedback between designs and slow them all).
function* leaf(n: number): Generator<number, number> {
  yield n;
  return n + 1;
}
function walkToday(this: unknown, _n: Node): any {
  return today(_walkToday, this, arguments);
}
function* _walkToday(n: Node): Generator<any> {
  if (n.left) yield delegate(walkToday(n.left));
  yield n.value;
  if (n.right) yield delegate(walkToday(n.right));
}
function onceToday(this: unknown, _n: number): any {
  return today(_onceToday, this, arguments);
}
function* _onceToday(n: number): Generator<any, number> {
  return yield delegate(leaf(n));
}
function walkShell(this: unknown, _n: Node): any {
  return shell(_walkShell, this, arguments);
}
function* _walkShell(n: Node): Generator<any> {
  if (n.left) yield delegate(walkShell(n.left));
  yield n.value;
  if (n.right) yield delegate(walkShell(n.right));
}
function onceShell(this: unknown, _n: number): any {
  return shell(_onceShell, this, arguments);
}
function* _onceShell(n: number): Generator<any, number> {
  return yield delegate(leaf(n));
}
function walkHanded(this: unknown, _n: Node): any {
  return handed(_walkHanded, this, arguments);
}
function* _walkHanded(n: Node): Generator<any> {
  if (n.left) yield take(walkHanded(n.left));
  yield n.value;
  if (n.right) yield take(walkHanded(n.right));
}
function onceHanded(this: unknown, _n: number): any {
  return handed(_onceHanded, this, arguments);
}
function* _onceHanded(n: number): Generator<any, number> {
  return yield take(leaf(n));
}
function walkGuarded(this: unknown, _n: Node): any {
  return guarded(_walkGuarded, this, arguments);
}
function* _walkGuarded(n: Node): Generator<any> {
  if (n.left) yield take(walkGuarded(n.left));
  yield n.value;
  if (n.right) yield take(walkGuarded(n.right));
}
function onceGuarded(this: unknown, _n: number): any {
  return guarded(_onceGuarded, this, arguments);
}
function* _onceGuarded(n: number): Generator<any, number> {
  return yield take(leaf(n));
}
const designs = {
  today: { walk: walkToday, once: onceToday },
  shell: { walk: walkShell, once: onceShell },
  handoff: { walk: walkHanded, once: onceHanded },
  guarded: { walk: walkGuarded, once: onceGuarded },
};

function* leafNative(n: number): Generator<number, number> {
  yield n;
  return n + 1;
}
function* onceNative(n: number): Generator<number, number> {
  return yield* leafNative(n);
}

const N = 200_000;
const drive = (make: (n: number) => Iterator<number, number>) => {
  let total = 0;
  for (let i = 0; i < N; i++) {
    const g = make(i);
    total += g.next().value;
    total += g.next().value;
  }
  return total;
};

/** What a consumer's `next()` reads of a hand-written iterator's result, through one design. */
function reads(make: Make | undefined) {
  let done = 0;
  let value = 0;
  const result = {
    get done() {
      done++;
      return false;
    },
    get value() {
      value++;
      return 1;
    },
  };
  const iterator = { [Symbol.iterator]: () => iterator, next: () => result };
  function* nativeBody(): Generator<any> {
    yield* iterator;
  }
  function* body(): Generator<any> {
    yield delegate(iterator);
  }
  const g: any = make ? make(body, undefined, [] as unknown as IArguments) : nativeBody();
  const same = g.next() === result;
  return {
    done,
    value,
    same,
    generator: Object.prototype.toString.call(g) === "[object Generator]",
    brand: (() => {
      try {
        GeneratorPrototype.next.call(make ? make(body, undefined, [] as unknown as IArguments) : nativeBody());
        return true;
      } catch {
        return false;
      }
    })(),
  };
}

// One design per process (`--design=NAME`), beside native `yield*`, so no design's type feedback
// reaches another's.
const name = (process.argv.find((a) => a.startsWith("--design="))?.slice("--design=".length) ?? "today") as keyof typeof designs;
const chosen = designs[name];
const makers: Record<keyof typeof designs, Make> = { today, shell, handoff: handed, guarded };
const rounds = roundsArg(9);
report({
  workload: "identity",
  design: name,
  tree: timeRounds({ native: () => sum(walkNative(root)), [name]: () => sum(chosen.walk(root)) }, rounds),
  creation: timeRounds({ native: () => drive(onceNative), [name]: () => drive(chosen.once) }, rounds),
  reads: { native: reads(undefined), [name]: reads(makers[name]) },
});
