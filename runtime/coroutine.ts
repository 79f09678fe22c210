import { GeneratorExit, RuntimeError, StopIteration } from "./errors.js";
import { From } from "./from.js";

/** A generator's state, as Python's `inspect.getgeneratorstate`. */
export type GeneratorState = "GEN_CREATED" | "GEN_RUNNING" | "GEN_SUSPENDED" | "GEN_CLOSED";

export const CREATED = 0;
export const SUSPENDED = 1;
const CLOSED = 2;
/** Suspended at the yield `coroutine()` primed it to, not advanced since (SPEC rule 7). */
export const FRESH = 3;
type Status = typeof CREATED | typeof SUSPENDED | typeof CLOSED | typeof FRESH;

const STATES = ["GEN_CREATED", "GEN_SUSPENDED", "GEN_CLOSED", "GEN_SUSPENDED"] as const;
const EXECUTING = "generator already executing";

/** how a generator is resumed: the name of its method */
type Mode = "next" | "throw" | "return";

type AnyIterator = Iterator<unknown, unknown, unknown>;

/** Native generator objects the runtime has wrapped, so each has one `Coroutine`. */
export const tracked = new WeakMap<object, Coroutine<any, any, any>>();

/** The coroutine whose generator is executing now, if a trampoline resumed it. */
let current: Coroutine<any, any, any> | undefined;

const isGenerator = (x: unknown): boolean => Object.prototype.toString.call(x) === "[object Generator]";

/**
 * One generator with Python's coroutine face (`send`, `throwInto`, `close`,
 * `state`, `yieldFrom`) and the JS iterator face (`next`, `throw`, `return`).
 *
 * Delegation is a trampoline: when a body yields a {@link From} marker the
 * delegate goes on an explicit stack kept by the coroutine being driven (the
 * root), and every resume goes straight to the innermost delegate, so a send
 * costs the same at any depth and no JS call stack grows with it.
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
  /** the wrapped iterator */
  #it: AnyIterator;
  /** a plain iterator delegate: its yields are data, throw/return optional */
  #plain: boolean;
  /** @internal */
  _status: Status = CREATED;
  /** true while this coroutine is the root of an active drive */
  #running = false;
  /** the root whose stack holds this coroutine below it */
  #owner: Coroutine<any, any, any> | undefined;
  /** the delegate this coroutine is suspended in, and where */
  #inner: Coroutine<any, any, any> | undefined;
  /** the iterator `#inner` was made for (Python's gi_yieldfrom) */
  #yf: unknown;
  /** the marker of the current delegation: where it is, for tracebacks */
  #site: From | undefined;
  /** this root's chain: `[this, delegate, its delegate, …]` */
  #stack: Coroutine<any, any, any>[] | undefined;
  /** @internal the value yielded at priming */
  _primed: unknown = undefined;
  /** a name for tracebacks */
  #name: string;
  /** for a `yield* from(x)` adapter: the coroutine doing the `yield*` */
  #host: Coroutine<any, any, any> | undefined;
  /** errors this level has added its traceback line to (one line a level) */
  #seen: WeakSet<Error> | undefined;
  /** an adapter's body is no frame of the user's: PEP 479 does not apply */
  #adapter = false;

  /**
   * Wraps a generator object (one `Coroutine` per generator: prefer
   * `track(gen)`, which returns the existing one).
   * @param gen a generator object, not yet started
   * @param name the generator function's name, for tracebacks
   */
  constructor(gen: Generator<Y, R, S> | Iterator<Y, R, S>, name = "", plain = false, known = plain) {
    this.#it = gen as AnyIterator;
    this.#plain = plain;
    this.#name = name;
    if (!known) tracked.set(gen, this);
  }

  /** Python's `inspect.getgeneratorstate(gen)`. */
  get state(): GeneratorState {
    return this._status !== CLOSED && this.#active() ? "GEN_RUNNING" : STATES[this._status];
  }

  /** Python's `gi_yieldfrom`: the iterator this coroutine is delegating to. */
  get yieldFrom(): Iterator<unknown> | undefined {
    if (this.#active()) return undefined;
    const yf = this.#yf;
    return yf instanceof Coroutine && yf.#host === this ? yf.yieldFrom : (yf as Iterator<unknown> | undefined);
  }

  /**
   * Python's `gen.send(v)`: resumes, returns the next yielded value; throws
   * {@link StopIteration} carrying the return value when the body returns.
   */
  send(value: S): Y {
    if (this._status === CREATED && value !== undefined && !this.#active()) {
      throw new TypeError("can't send non-None value to a just-started generator");
    }
    const r = this.#step(value);
    if (r.done) throw new StopIteration(r.value);
    return r.value;
  }

  /** Any resume but a send: the general loop, from this root's stack. */
  #resume(mode: Mode, value: unknown, closing = false): IteratorResult<Y, R> {
    if (this.#active()) throw new TypeError(EXECUTING);
    // Resumed in any way, a primed coroutine is no longer fresh (rule 7); one
    // not delegating is resumed itself, which the loop marks.
    if (this.#inner) this._status = SUSPENDED;
    return this.#drive(this.#valid(), mode, value, closing, undefined);
  }

  /**
   * A send: the hot path. Kept small (so the engine inlines it), it resumes
   * a generator that is not delegating in place.
   */
  #step(value: unknown): IteratorResult<Y, R> {
    if (this.#inner) return this.#deep(value);
    if (this._status === CLOSED || this.#active()) return this.#resume("next", value);
    return this.#hot(this, value);
  }

  /** A send through a delegation: straight to the innermost generator. */
  #deep(value: unknown): IteratorResult<Y, R> {
    if (this.#active()) throw new TypeError(EXECUTING);
    this._status = SUSPENDED; // no longer fresh, as in #resume
    const stack = this.#valid();
    const leaf = stack[stack.length - 1]!;
    return leaf._status === CLOSED || leaf.#running || leaf.#inner
      ? this.#drive(stack, "next", value, false, undefined)
      : this.#hot(leaf, value);
  }

  /** Resumes `leaf` with `next(value)`; only what it does not simply yield goes to the general loop. */
  #hot(leaf: Coroutine<any, any, any>, value: unknown): IteratorResult<Y, R> {
    leaf._status = SUSPENDED;
    this.#running = true;
    const prev = current;
    current = leaf;
    let r: IteratorResult<unknown, unknown>;
    try {
      r = leaf.#it.next(value);
    } catch (e) {
      current = prev;
      this.#running = false;
      return this.#drive(this.#valid(), "next", e, false, undefined, true);
    }
    current = prev;
    this.#running = false;
    return r.done || r.value instanceof From ? this.#drive(this.#valid(), "next", undefined, false, r) : (r as IteratorResult<Y, R>);
  }

  /** Python's `gen.throw(err)`: raises `err` at the suspension point. */
  throwInto(err: unknown): Y {
    const r = this.#resume("throw", err);
    if (r.done) throw new StopIteration(r.value);
    return r.value;
  }

  /**
   * Python's `gen.close()`: raises {@link GeneratorExit} inside; returns the
   * return value if the body returned (Python 3.13), else `undefined`.
   */
  close(): R | undefined {
    // A never-started generator is closed by JS without running its body.
    return this.#resume("throw", new GeneratorExit(), true).value as R | undefined;
  }

  /** The JS protocol's `next`: `v` is ignored on a never-started coroutine. */
  next(...[value]: [] | [S]): IteratorResult<Y, R> {
    return this.#step(value);
  }

  /** The JS protocol's `throw`: as `throwInto`, with a JS result. */
  throw(err: unknown): IteratorResult<Y, R> {
    return this.#resume("throw", err);
  }

  /** The JS protocol's `return`: finally blocks run, innermost delegate first. */
  return(value: R): IteratorResult<Y, R> {
    return this.#resume("return", value);
  }

  /** Itself (inherited from %IteratorPrototype%, as a generator's). */
  declare [Symbol.iterator]: () => this;

  /**
   * This root's stack, rebuilt if the chain changed while another root drove
   * part of it (its leaf is then delegating, or held by that other root).
   * A level held by a root keeps no stack of its own (see #own).
   */
  #valid(): Coroutine<any, any, any>[] {
    let stack = this.#stack;
    const leaf = stack?.[stack.length - 1];
    if (!leaf || leaf.#inner || (leaf !== this && leaf.#owner !== this)) {
      // Driven on its own, a level of another root's stack may change its
      // delegation: that root rebuilds its stack too.
      const owner = this.#owner;
      if (owner) owner.#release();
      this.#release();
      this.#extend((stack = this.#stack = [this]), this.#inner);
    }
    return stack!;
  }

  /**
   * The general loop. `first` is what the leaf already returned, or with
   * `failed` the leaf already threw `value` (the hot paths resumed it).
   */
  #drive(
    stack: Coroutine<any, any, any>[],
    mode: Mode,
    value: unknown,
    closing: boolean,
    first: IteratorResult<unknown, unknown> | undefined,
    failed = false,
  ): IteratorResult<Y, R> {
    // Closing (close(), or GeneratorExit thrown at a delegating root) runs
    // innermost first: each level below the root is closed by its
    // delegator's `_i.close()` (PEP 380), and its frame is then resumed with
    // GeneratorExit, or with what closing its own delegate raised. `frontier`
    // is the level whose close() is running; delegations started meanwhile
    // sit below it and are not being closed. -1: nothing is.
    const rootCloses = closing ? 0 : -1;
    let frontier = mode === "throw" && value instanceof GeneratorExit && stack.length > 1 ? stack.length - 1 : rootCloses;
    const original = value;
    if (frontier > 0) value = new GeneratorExit();
    // Ends the delegation of level `from - 1`, which becomes the leaf (levels
    // below stay linked to each other); a level being closed that is popped
    // hands the closing up to its delegator.
    const pop = (from: number) => {
      while (stack.length > from) stack.pop()!.#owner = undefined;
      const parent = stack[from - 1]!;
      parent.#inner = parent.#yf = parent.#site = undefined;
      if (frontier >= from) frontier = from > 1 ? from - 1 : rootCloses;
    };
    const prev = current;
    this.#running = true;
    try {
      for (let r = first, threw = failed; ; r = undefined, threw = false) {
        const top = stack.length - 1;
        const node = stack[top]!;
        const closeSemantics = top === frontier;
        // Exceptions from a plain iterator or an exhausted generator are not
        // raised by a generator frame: StopIteration there means "done".
        const frameless = node.#plain || node._status === CLOSED;
        if (!r && !threw) {
          // A delegate that is executing in another drive (its body sent to
          // us) cannot be resumed: that raises in its delegator, and the
          // delegate is left as it is. Either it is this leaf, or #extend
          // stopped above it and this leaf still links to it.
          if ((top > 0 && node.#running) || node.#inner) {
            if (node.#inner) node.#inner = node.#yf = node.#site = undefined;
            else pop(top);
            mode = "throw";
            value = new TypeError(EXECUTING);
            continue;
          }
          const it = node.#it as any;
          try {
            if (closeSemantics && node.#plain) {
              it.return?.();
              r = { done: true, value: undefined };
            } else {
              // PEP 380: a delegate without throw() gets the exception raised
              // in its delegator and is not closed; JS return passes through.
              if (!it[mode] && top > 0) {
                pop(top);
                continue;
              }
              // An exhausted generator answers itself as Python's does (next()
              // is done, throw() raises, return(v) is done with v): it stays closed.
              if (!frameless) node._status = SUSPENDED;
              current = node;
              r = it[mode](value);
            }
          } catch (e) {
            threw = true;
            value = e;
          }
          current = prev;
        }
        if (threw) {
          if (frameless && value instanceof StopIteration) {
            r = { done: true, value: value.value };
          } else {
            node._status = CLOSED;
            if (value instanceof StopIteration && !node.#adapter) value = pep479(value);
            if (!closeSemantics || !(value instanceof GeneratorExit)) {
              if (top === 0) throw value;
              stack[top - 1]!.#annotate(value);
              pop(top);
              mode = "throw";
              continue;
            }
            r = { done: true, value: undefined };
          }
        }
        if (!r!.done) {
          if (!node.#plain && r!.value instanceof From) {
            let started;
            try {
              started = this.#delegate(stack, node, r!.value);
            } catch (e) {
              mode = "throw";
              value = e;
              continue;
            }
            if (!started) {
              mode = "next";
              value = undefined;
              continue;
            }
            r = started;
          }
          if (frontier < 0) return r as IteratorResult<Y, R>;
          // A level being closed yielded (itself, or through a delegation it
          // started): its close() refuses, and the level stays suspended.
          value = new RuntimeError("generator ignored GeneratorExit");
          if (frontier === 0) throw value;
          pop(frontier);
          mode = "throw";
          continue;
        }
        node._status = CLOSED;
        if (top === 0) return r as IteratorResult<Y, R>;
        pop(top);
        value = r!.value;
        if (closeSemantics) {
          // Closed; GeneratorExit is raised in its delegator, which is closing too.
          mode = "throw";
          value = top > 1 ? new GeneratorExit() : original;
        } else if (mode !== "return") {
          mode = "next";
        }
      }
    } finally {
      current = prev;
      this.#running = false;
      const host = this.#host;
      if (host && this._status === CLOSED && host.#yf === this) host.#yf = undefined;
    }
  }

  /**
   * Starts `node`'s delegation to `marker.target`. Returns undefined to
   * resume the new leaf with next(), or a result to yield at once (a primed
   * delegate); throws what is to be raised in `node`.
   */
  #delegate(stack: Coroutine<any, any, any>[], node: Coroutine<any, any, any>, marker: From): IteratorResult<unknown> | undefined {
    const target = marker.target as Iterable<unknown> | null | undefined;
    const fn = target?.[Symbol.iterator];
    if (typeof fn !== "function") throw new TypeError(`yield from(x): ${String(target)} is not iterable`);
    const it = fn.call(target) as AnyIterator;
    const child = it instanceof Coroutine ? it : tracked.get(it) ?? new Coroutine(it, "", !isGenerator(it));
    if (child.#active()) throw new TypeError(EXECUTING);
    node.#inner = child;
    node.#yf = it;
    node.#site = marker;
    // Take over the child's own chain, up to a level that is executing
    // (found again by going round a cycle): the loop raises there.
    // (A chain that reaches an executing level must raise at once, not yield.)
    if (!this.#extend(stack, child) && child._status === FRESH && !stack[stack.length - 1]!.#reachesActive()) {
      child._status = SUSPENDED;
      return { done: false, value: child._primed };
    }
    return undefined;
  }

  /** Pushes `n` and the levels it delegates to onto `stack`, up to one that is executing (returned). */
  #extend(stack: Coroutine<any, any, any>[], n: Coroutine<any, any, any> | undefined): Coroutine<any, any, any> | undefined {
    for (; n && !n.#active(); n = n.#inner) {
      n.#own(this);
      stack.push(n);
    }
    return n;
  }

  /** Moves this level onto `root`'s stack: a root that held it keeps no stale stack. */
  #own(root: Coroutine<any, any, any>): void {
    const previous = this.#owner;
    if (previous && previous !== root) previous.#release();
    // A root taken into another root's stack keeps no stack of its own: the
    // other drive may end its delegation, which that stack would not see.
    this.#release();
    this.#owner = root;
  }

  /** Forgets this root's stack (it is rebuilt on the next resume). */
  #release(): void {
    const stack = this.#stack;
    if (stack) for (const n of stack) if (n.#owner === this) n.#owner = undefined;
    this.#stack = undefined;
  }

  /**
   * The iterator behind `yield* from(x)`: a coroutine whose body is
   * `return yield from(x)`, known to the coroutine doing the `yield*`.
   * @internal
   */
  static _adapt<Y, R, S>(marker: From<Y, R, S>): Coroutine<Y, R, S> {
    const c = new Coroutine<Y, R, S>(adapter(marker) as Generator<Y, R, S>, "", false, true);
    c.#adapter = true;
    const host = current;
    if (host && !host.#inner) {
      c.#host = host;
      c.#name = host.#name;
      host.#yf = c;
    }
    return c;
  }

  /**
   * Whether this leaf, suspended in a `yield* from(x)` adapter, leads on
   * through it (and adapters below) to an executing level.
   */
  #reachesActive(): boolean {
    for (let n = this.#adapterBelow(); n; n = n.#inner ?? n.#adapterBelow()) {
      if (n.#active()) return true;
    }
    return false;
  }

  #adapterBelow(): Coroutine<any, any, any> | undefined {
    const yf = this.#yf;
    return yf instanceof Coroutine && yf.#host === this ? yf : undefined;
  }

  /** On the active chain: driving, or held by a root that is driving. */
  #active(): boolean {
    return this.#running || (!!this.#owner && this.#owner.#running);
  }

  /**
   * A trampoline takes delegating generators off the JS stack; put them back
   * in the error's `stack`, one line for each delegation it passes through.
   */
  #annotate(err: unknown): void {
    const site = this.#site;
    const name = this.#name || site?.fn;
    const seen = (this.#seen ??= new WeakSet());
    if (err instanceof Error && (name || site?.site) && !seen.has(err)) {
      seen.add(err);
      try {
        err.stack += `\n    at ${name || "<anonymous>"} (${site?.site || "yield from"})`;
      } catch {
        // a frozen error, or a read-only stack, stays as it is
      }
    }
  }
}

// %IteratorPrototype%: the iterator helpers where the engine has them, as a generator has.
Object.setPrototypeOf(Coroutine.prototype, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));

function* adapter(marker: From): Generator<unknown, unknown, unknown> {
  return yield marker;
}

/** PEP 479: a StopIteration escaping a generator becomes a RuntimeError. */
function pep479(e: StopIteration): RuntimeError {
  return new RuntimeError("generator raised StopIteration", { cause: e });
}
