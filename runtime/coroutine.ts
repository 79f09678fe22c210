import { GeneratorExit, raised, RuntimeError, StopIteration } from "./errors.js";
import { From } from "./from.js";

/** A generator's state, as Python's `inspect.getgeneratorstate`. */
export type GeneratorState = "GEN_CREATED" | "GEN_RUNNING" | "GEN_SUSPENDED" | "GEN_CLOSED";

// The states, a closed union written only by this class. FRESH: suspended at
// the yield `coroutine()` primed it to, not resumed since (SPEC rule 7).
// RUNNING: resumed on its own (a coroutine on a chain runs when its chain does).
// (Const enums: a build writes their values in place, and a minifier has nothing left to keep.)
const enum Status {
  CREATED,
  SUSPENDED,
  FRESH,
  RUNNING,
  CLOSED,
}
const STATES = ["CREATED", "SUSPENDED", "SUSPENDED", "RUNNING", "CLOSED"] as const;

// What a coroutine wraps: a generator the caller may also hold (registered,
// so it has one `Coroutine`), a native generator first met already started,
// one nobody else sees (made by `coroutine`/`track` or the plugin), a plain
// iterator delegate (its yields are data, `throw`/`return` optional), or the
// adapter behind `yield* from(x)` (coroutil's frame: PEP 479 does not apply).
/** @internal */
export const enum Origin {
  SHARED,
  MET,
  OWN,
  PLAIN,
  ADAPTER,
}

/** How a generator is resumed: the name of its method. */
type Mode = "next" | "throw" | "return";
type AnyIterator = Iterator<unknown, unknown, unknown>;
type Any = Coroutine<any, any, any>;

/** Python's "already executing" fault (a ValueError there; a TypeError, as in JS engines, here). */
const executing = (entry: Function) => raised(new TypeError("generator already executing"), entry);

/**
 * Native generators the runtime has wrapped, so each has one `Coroutine`: it is kept on the
 * generator under a symbol (a side table of short-lived generators costs the garbage collector
 * far more). A frozen generator cannot take it and gets a new `Coroutine` each time it is met.
 */
const COROUTINE = Symbol("coroutil");

/** The coroutine of a generator the runtime has seen, if any; a Coroutine is its own (its getter below). */
export const known = (gen: any): Any | undefined => gen?.[COROUTINE];

/** An object's `Symbol.toStringTag` ("Generator", "AsyncGenerator", …). */
export const tag = (x: any): string | undefined => x?.[Symbol.toStringTag];

/**
 * A delegation chain: `chain[0]`, the base, delegates to `chain[1]`, …; the top frame is the one
 * that runs. A chain runs while its base is RUNNING, and every frame on it with it.
 */
type Chain = Any[];

/**
 * An adapter behind `yield* from(x)` that has run its first step and is not linked yet: the frame
 * whose generator is doing the `yield*` links it when that generator's step returns. (Written on this
 * rare path only: a send writes nothing here.)
 */
let unlinked: Any | undefined;

/** The class itself, for its own body. */
let Co: typeof Coroutine;

/**
 * One generator with Python's coroutine face (`send`, `throwInto`, `close`,
 * `state`, `yieldFrom`) and the JS iterator face (`next`, `throw`, `return`).
 *
 * Delegation is a trampoline: a body that yields a `from(x)` marker pushes
 * the delegate onto its chain, and every resume steps the top frame only, so
 * a send costs the same at any depth and no JS stack grows with it.
 *
 * @example
 * const c = new Coroutine((function* () { const x = yield 1; return x; })());
 * c.send(undefined); // 1
 * c.send(2);         // throws StopIteration with .value 2
 */
// A Coroutine is an iterator object as a generator is (its prototype inherits
// from the engine's %IteratorPrototype%, below), so with a lib that types
// iterator helpers (esnext: `map`, `filter`, …) it has them where a generator does.
export interface Coroutine<Y = unknown, R = unknown, S = unknown> extends IteratorObject<Y, R, S> {}

export class Coroutine<Y = unknown, R = unknown, S = unknown> {
  #it: AnyIterator;
  #origin: Origin;
  #status: Status;
  /** the chain this coroutine is on (delegating, or delegated to) */
  #chain: Chain | undefined;
  /** the delegate's coroutine; with no frame above it on the chain, it is linked at the next resume */
  #inner: Any | undefined;
  /** the iterator delegated to, as Python's `gi_yieldfrom` */
  #yf: unknown;
  /** where the current delegation is ("file:line:column", from the plugin), for tracebacks */
  #site: string | undefined;
  /** the value yielded at priming (rule 7) */
  #primed: unknown;
  /** an adapter's host: the coroutine doing the `yield*` */
  #host: Any | undefined;

  /**
   * Wraps a generator object; prefer `track(gen)`, which returns the one
   * `Coroutine` a generator has.
   * @param gen a generator object, not yet started
   * @param name the generator function's name, for tracebacks
   */
  constructor(gen: Generator<Y, R, S> | Iterator<Y, R, S>, name = "", /** @internal */ origin: Origin = Origin.SHARED) {
    this.#it = gen as AnyIterator;
    this.name = name;
    this.#origin = origin;
    this.#status = origin === Origin.MET ? Status.SUSPENDED : Status.CREATED;
    if (origin < Origin.OWN) {
      try {
        (gen as any)[COROUTINE] = this;
      } catch {
        // a frozen generator: met again, it gets another Coroutine
      }
    }
  }

  /** @internal Advances a new coroutine to its first yield and remembers that value (rule 7). */
  _prime(entry: Function): this {
    if (this.#status === Status.CREATED) {
      this.#primed = this.send(undefined as S, entry);
      this.#status = Status.FRESH;
    }
    return this;
  }

  /** @internal Itself: a generator the runtime has seen keeps its coroutine under the same key. */
  get [COROUTINE](): this {
    return this;
  }

  /** The generator function's name, as Python's `__name__` (and, as that, writable). */
  declare name: string;

  /** Python's `inspect.getgeneratorstate(gen)`. */
  get state(): GeneratorState {
    return `GEN_${STATES[this.#status !== Status.CLOSED && this.#running() ? Status.RUNNING : this.#status]}`;
  }

  /** Python's `gi_yieldfrom`: the iterator this coroutine is delegating to. */
  get yieldFrom(): Iterator<unknown> | undefined {
    // Suspended in `yield* from(x)`, it reports what its adapter delegates to.
    return this.#running() ? undefined : (this.#adapterBelow()?.yieldFrom ?? (this.#yf as Iterator<unknown> | undefined));
  }

  /**
   * Python's `gen.send(v)`: resumes, returns the next yielded value; throws
   * {@link StopIteration} carrying the return value when the body returns.
   */
  send(value: S, /** @internal the public function called (the free `send`), cut off errors' stacks */ entry: Function = this.send): Y {
    if (value !== undefined && this.#status === Status.CREATED) {
      throw raised(new TypeError("can't send non-None value to a just-started generator"), entry);
    }
    return yielded(this.#step(value, entry), entry);
  }

  /** Python's `gen.throw(err)`: raises `err` at the suspension point. */
  throwInto(err: unknown, /** @internal as `send`'s */ entry: Function = this.throwInto): Y {
    return yielded(this.throw(err, entry), entry);
  }

  /**
   * Python's `gen.close()`: raises {@link GeneratorExit} inside; returns the
   * return value if the body returned (Python 3.13), else `undefined`.
   */
  close(/** @internal as `send`'s */ entry: Function = this.close): R | undefined {
    // A never-started generator is closed by JS without running its body.
    return this.#trampoline("throw", new GeneratorExit(), entry, true).value as R | undefined;
  }

  /** The JS protocol's `next`: `v` is ignored on a never-started coroutine. */
  next(...[value]: [] | [S]): IteratorResult<Y, R>;
  next(value?: S): IteratorResult<Y, R> {
    return this.#step(value);
  }

  /** The JS protocol's `throw`: as `throwInto`, with a JS result. */
  throw(err: unknown, /** @internal as `send`'s */ entry?: Function): IteratorResult<Y, R> {
    return this.#trampoline("throw", err, entry);
  }

  /** The JS protocol's `return`: finally blocks run, innermost delegate first. */
  return(value: R): IteratorResult<Y, R> {
    return this.#trampoline("return", value);
  }

  /** Itself (inherited from %IteratorPrototype%, as a generator's). */
  declare [Symbol.iterator]: () => this;

  #running(): boolean {
    const base = this.#chain?.[0] ?? this;
    return base.#status === Status.RUNNING;
  }

  /**
   * A send or `next`, the hot path: the frame that runs (this coroutine, or
   * the top of the chain it is the base of) is stepped in place; the
   * trampoline takes over for anything else, or for what that step did
   * other than yield a value (a marker, a return, an exception).
   */
  #step(value: unknown, entry?: Function): IteratorResult<Y, R> {
    const chain = this.#chain;
    const node = chain ? chain[chain.length - 1]! : this;
    // (An exhausted generator is done: the trampoline sees to that.)
    // (A plain iterator on top is stepped by the trampoline, which reads its results as yield* does.)
    if (this.#status > Status.FRESH || (chain && (chain[0] !== this || node.#origin === Origin.PLAIN)) || node.#inner) {
      return this.#trampoline("next", value, entry);
    }
    this.#status = Status.RUNNING;
    // (An adapter left from before this step was driven by no coroutine: it is nobody's.)
    unlinked = undefined;
    let r: IteratorResult<unknown, unknown>;
    try {
      r = node.#it.next(value);
    } catch (e) {
      node.#adapted();
      return this.#trampoline("next", e, entry, false, null);
    }
    node.#adapted();
    // Returned with nothing to pop: closed here, not in the trampoline. (An adapter behind
    // `yield* from(x)` never ends here: its body ends when its delegate returns, in the trampoline.)
    if (r.done && !chain) {
      this.#status = Status.CLOSED;
      return r as IteratorResult<Y, R>;
    }
    if (r.done || isMarker(r.value)) return this.#trampoline("next", undefined, entry, false, r);
    this.#status = Status.SUSPENDED;
    return r as IteratorResult<Y, R>;
  }

  /**
   * The trampoline: this coroutine is the base of its chain; the loop steps
   * the top frame and then pushes (a marker was yielded), pops with a return
   * value, or pops and raises in the frame below. `first` is what the top
   * frame, stepped in place, already returned (null: it threw `value`).
   * `entry` is the public function called (by default the method named by
   * `mode`): what the runtime raises here starts its stack at the caller's line.
   */
  #trampoline(
    mode: Mode,
    value: unknown,
    entry: Function = this[mode],
    closing?: boolean,
    first?: IteratorResult<unknown, unknown> | null,
  ): IteratorResult<Y, R> {
    if (first === undefined && this.#running()) throw executing(entry);
    // This coroutine's chain with it at the base: made, or split off the frames below it (sent to
    // directly, a frame of a chain leaves the frames below it delegating to it: the top of theirs is
    // linked again when resumed).
    let frames = this.#chain;
    if (frames?.[0] !== this) this.#move(this, (frames = []));
    // Resumed in any way, a primed coroutine is no longer fresh (rule 7).
    if (this.#status !== Status.CLOSED) this.#status = Status.RUNNING;
    try {
      const fault = this.#link(frames, entry);
      // Closing (close(), or GeneratorExit thrown at a delegating base) runs
      // innermost first (PEP 380): each frame above the base is closed by its
      // delegator's `_i.close()`, then resumed with GeneratorExit or with
      // what closing its delegate raised. `frontier` is the frame whose
      // close() is running; frames pushed meanwhile sit above it and are
      // driven normally. -1: nothing is being closed.
      const baseCloses = -!closing;
      const original = value;
      let frontier = mode === "throw" && value instanceof GeneratorExit && frames.length > 1 ? frames.length - 1 : baseCloses;
      // The frames resumed by return() in this run: one that ends before any value is yielded out
      // ends by that return (ECMA-262 yield*), though it delegated again in a finally block.
      let returned: Any[] | undefined;
      if (fault) {
        mode = "throw";
        value = fault;
      } else if (frontier > 0) {
        value = new GeneratorExit();
      }
      // `r`: the top frame's result; null: it threw `value`; undefined: it is to be resumed.
      for (let r = first, done = first?.done; ; r = undefined) {
        const top = frames.length - 1;
        const node = frames[top]!;
        const closeSemantics = top === frontier;
        // A plain iterator or an exhausted generator raises from no frame:
        // StopIteration there means "done", and PEP 479 does not apply.
        const frameless = node.#origin === Origin.PLAIN || node.#status === Status.CLOSED;
        if (r === undefined) {
          const it = node.#it as any;
          unlinked = undefined;
          try {
            if (closeSemantics && node.#origin === Origin.PLAIN) {
              it.return?.();
              r = { done: true, value: undefined };
            } else if (mode !== "next" && !it[mode] && top > 0) {
              // PEP 380: a delegate without throw() gets the exception raised
              // in its delegator and is not closed; JS return passes through.
              frontier = this.#pop(frames, top, frontier, baseCloses);
              continue;
            } else {
              if (!frameless && top) node.#status = Status.SUSPENDED;
              if (mode === "return") (returned ??= []).push(node);
              r = (mode === "next" ? it.next(value) : it[mode](value)) as IteratorResult<unknown, unknown>;
            }
            // ECMA-262 yield*: a delegate's result has `done` read once, `value` only when done, and
            // what their getters throw is raised in the delegator. (The base's result is returned as it is.)
            if ((done = r.done) && top) r = { done, value: r.value };
          } catch (e) {
            r = null;
            value = e;
          }
          node.#adapted();
        }
        if (r === null) {
          if (frameless && value instanceof StopIteration) {
            r = { done: true, value: value.value };
          } else {
            node.#status = Status.CLOSED;
            // PEP 479: a StopIteration escaping a generator's frame becomes a RuntimeError.
            if (!frameless && value instanceof StopIteration && node.#origin !== Origin.ADAPTER) {
              value = raised(new RuntimeError("generator raised StopIteration", { cause: value }), entry);
            }
            if (!closeSemantics || !(value instanceof GeneratorExit)) {
              if (top === 0) throw value;
              // A trampoline takes delegating generators off the JS stack: put them back in the error's
              // `stack`, one line for each delegation it passes through; a line already there is not
              // repeated (an error re-raised through the same level, or recursion through the same
              // `yield from`, as Python folds it).
              const below = frames[top - 1]!;
              const line = `\n    at ${below.name || "<anonymous>"} (${below.#site || "yield from"})`;
              try {
                // A frozen error stays as it is (where the engine's `stack` is an accessor, freezing would not stop the write).
                // (Not only an `Error`: one from another realm has a stack too; a value without one throws here.)
                if (!Object.isFrozen(value) && !(value as Error).stack!.includes(line)) (value as Error).stack += line;
              } catch {
                // a read-only stack stays as it is
              }
              frontier = this.#pop(frames, top, frontier, baseCloses);
              mode = "throw";
              continue;
            }
            r = { done: true, value: undefined };
          }
          done = true;
        }
        if (!done) {
          if (node.#origin !== Origin.PLAIN && isMarker(r!.value)) {
            try {
              this.#delegate(frames, node, r!.value, entry);
            } catch (e) {
              // raised in the top frame: `node`, or the frame delegating to an executing generator
              mode = "throw";
              value = e;
              continue;
            }
            const child = node.#inner!;
            if (child.#status !== Status.FRESH || frames.at(-1)!.#reachesActive()) {
              mode = "next";
              value = undefined;
              continue;
            }
            // Rule 7: a primed delegate not resumed since starts the delegation with its priming value.
            child.#status = Status.SUSPENDED;
            r = { done: false, value: child.#primed };
          }
          if (frontier < 0) return r as IteratorResult<Y, R>;
          // A frame being closed yielded (itself, or through a delegation it
          // started): its close() refuses, and the frame stays suspended.
          value = raised(new RuntimeError("generator ignored GeneratorExit"), entry);
          if (frontier === 0) throw value;
          frontier = this.#pop(frames, frontier, frontier, baseCloses);
          mode = "throw";
          continue;
        }
        node.#status = Status.CLOSED;
        if (top === 0) return r as IteratorResult<Y, R>;
        frontier = this.#pop(frames, top, frontier, baseCloses);
        value = r!.value;
        if (closeSemantics) {
          // Closed: GeneratorExit is raised in its delegator, which is closing too.
          mode = "throw";
          value = top > 1 ? new GeneratorExit() : original;
        } else {
          // A frame ended by return() (even after delegating in a finally block) returns in its delegator.
          mode = returned?.includes(node) ? "return" : "next";
        }
      }
    } finally {
      if (this.#status === Status.RUNNING) this.#status = Status.SUSPENDED;
      // Not delegating any more, the base goes back to the hot path.
      if (frames.length === 1) this.#chain = undefined;
      // An adapter: once closed, its host no longer delegates to it; run once, it is to be linked.
      const host = this.#host;
      if (this.#status === Status.CLOSED) {
        if (host && host.#yf === this) host.#yf = undefined;
      } else if (this.#origin === Origin.ADAPTER && !host) unlinked = this;
    }
  }

  /** Moves `n` onto `target`, with the frames above it on its chain, if it is on one. */
  #move(n: Any, target: Chain): void {
    const source = n.#chain;
    for (const f of source ? source.splice(source.indexOf(n)) : [n]) {
      f.#chain = target;
      target.push(f);
    }
  }

  /**
   * Links the top frame's delegation, and its delegate's, onto `chain`, up
   * to a delegate that is executing: then returns the error to raise in the
   * frame delegating to it, whose delegation ends (as CPython's `send` into
   * a running generator would).
   */
  #link(frames: Chain, entry: Function): TypeError | undefined {
    for (let top: Any, d: Any | undefined; (d = (top = frames.at(-1)!).#inner); ) {
      if (d.#running()) {
        top.#undelegate();
        return executing(entry);
      }
      this.#move(d, frames);
    }
  }

  /**
   * Starts `node`'s delegation to `marker.target` (PEP 380 rule 1): pushes
   * the delegate and what it delegates to. Throws what is to be raised in
   * the top frame then (`node`, unless the chain reached an executing generator).
   */
  #delegate(chain: Chain, node: Any, marker: From, entry: Function): void {
    const target = marker.target as Iterable<unknown> | null | undefined;
    const fn = target?.[Symbol.iterator];
    if (typeof fn !== "function") throw raised(new TypeError(`${String(target)} is not iterable`), entry);
    const it = fn.call(target) as AnyIterator;
    const child =
      known(it) ??
      new Co(it, "", tag(it) === "Generator" ? Origin.SHARED : Origin.PLAIN);
    if (child.#running()) throw executing(entry);
    node.#inner = child;
    node.#yf = it;
    node.#site = marker.site;
    node.name ||= marker.fn ?? "";
    const fault = this.#link(chain, entry);
    if (fault) throw fault;
  }

  /**
   * Ends the delegation of frame `from - 1`, which becomes the top; the frames
   * above stay linked to each other. A frame being closed that is popped hands
   * the closing down to its delegator: returns the new frontier.
   */
  #pop(frames: Any[], from: number, frontier: number, baseCloses: number): number {
    while (frames.length > from) frames.pop()!.#chain = undefined;
    frames[from - 1]!.#undelegate();
    return frontier >= from ? (from > 1 ? from - 1 : baseCloses) : frontier;
  }

  #undelegate(): void {
    this.#inner = this.#yf = this.#site = undefined;
  }

  /** Whether this top frame, suspended in a `yield* from(x)` adapter, leads through it to an executing generator. */
  #reachesActive(): boolean {
    for (let n = this.#adapterBelow(); n; n = n.#inner ?? n.#adapterBelow()) {
      if (n.#running()) return true;
    }
    return false;
  }

  /**
   * This frame's generator has just run: an adapter published during its step is this frame's (one left
   * from before, driven by no coroutine, say by a plain generator at top level, was dropped as it began).
   */
  #adapted(): void {
    const c = unlinked;
    // (Cleared before the step, it is written only when an adapter was published during it.)
    if (c) {
      unlinked = undefined;
      if (!this.#inner) {
        c.#host = this;
        c.name = this.name;
        this.#yf = c;
      }
    }
  }

  #adapterBelow(): Any | undefined {
    const yf = this.#yf;
    return yf instanceof Co && yf.#host === this ? yf : undefined;
  }

  static {
    // (The class names itself only here: a bundler then keeps `class Coroutine`, never `_Coroutine`.)
    Co = this;
    // %IteratorPrototype%: the iterator helpers where the engine has them, as a generator has.
    Object.setPrototypeOf(this.prototype, Object.getPrototypeOf(Object.getPrototypeOf([].keys())));
    // The iterator behind `yield* from(x)`: a coroutine whose body is
    // `return yield from(x)`, known to the coroutine doing the `yield*`.
    From.prototype[Symbol.iterator] = function (this: From) {
      return new Co(adapter(this), "", Origin.ADAPTER);
    };
  }
}

/** Whether a yielded value is a `from(x)` marker (`instanceof` is false for a primitive or `null`). */
const isMarker = (x: unknown): x is From => typeof x === "object" && x instanceof From;

/** Python's face of a result: the value yielded, or StopIteration with the value returned. */
function yielded<Y>(r: IteratorResult<Y, unknown>, entry: Function): Y {
  if (r.done) throw raised(new StopIteration(r.value), entry);
  return r.value;
}

function* adapter(marker: From): Generator<unknown, unknown, unknown> {
  return yield marker;
}
