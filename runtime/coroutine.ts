import { GeneratorExit, RuntimeError, StopIteration } from "./errors.js";
import { From } from "./from.js";

/** A generator's state, as Python's `inspect.getgeneratorstate`. */
export type GeneratorState = "GEN_CREATED" | "GEN_RUNNING" | "GEN_SUSPENDED" | "GEN_CLOSED";

const CREATED = 0;
const SUSPENDED = 1;
const CLOSED = 2;
type Status = typeof CREATED | typeof SUSPENDED | typeof CLOSED;

const NEXT = 0;
const THROW = 1;
const RETURN = 2;
type Mode = typeof NEXT | typeof THROW | typeof RETURN;

type AnyIterator = Iterator<unknown, unknown, unknown>;

/** Native generator objects the runtime has wrapped, so each has one `Coroutine`. */
export const tracked = new WeakMap<object, Coroutine<any, any, any>>();

/** Errors already given a traceback line by a coroutine (one line a level). */
const annotated = new WeakMap<object, WeakSet<Coroutine<any, any, any>>>();

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
export class Coroutine<Y = unknown, R = unknown, S = unknown> {
  /** @internal the wrapped iterator */
  _it: AnyIterator;
  /** @internal a plain iterator delegate: its yields are data, throw/return optional */
  _plain: boolean;
  /** @internal */
  _status: Status = CREATED;
  /** @internal true while this coroutine is the root of an active drive */
  _running = false;
  /** @internal the root whose stack holds this coroutine below it */
  _owner: Coroutine<any, any, any> | undefined = undefined;
  /** @internal the delegate this coroutine is suspended in, and where */
  _inner: Coroutine<any, any, any> | undefined = undefined;
  /** @internal the iterator `_inner` was made for (Python's gi_yieldfrom) */
  _yf: unknown = undefined;
  /** @internal the `yield from` site of the current delegation */
  _site: string | undefined = undefined;
  /** @internal this root's chain: `[this, delegate, its delegate, …]` */
  _stack: Coroutine<any, any, any>[];
  /** @internal primed by `coroutine()` and not advanced since (SPEC rule 7) */
  _fresh = false;
  /** @internal the value yielded at priming */
  _primed: unknown = undefined;
  /** @internal a name for tracebacks */
  _name: string;

  /**
   * Wraps a generator object (one `Coroutine` per generator: prefer
   * `track(gen)`, which returns the existing one).
   * @param gen a generator object, not yet started
   * @param name the generator function's name, for tracebacks
   */
  constructor(gen: Generator<Y, R, S> | Iterator<Y, R, S>, name = "", plain = false) {
    this._it = gen as AnyIterator;
    this._plain = plain;
    this._name = name;
    this._stack = [this];
    if (!plain && isGenerator(gen)) tracked.set(gen, this);
  }

  /** Python's `inspect.getgeneratorstate(gen)`. */
  get state(): GeneratorState {
    return this._status === CLOSED
      ? "GEN_CLOSED"
      : isRunning(this)
        ? "GEN_RUNNING"
        : this._status === CREATED
          ? "GEN_CREATED"
          : "GEN_SUSPENDED";
  }

  /** Python's `gi_yieldfrom`: the iterator this coroutine is delegating to. */
  get yieldFrom(): Iterator<unknown> | undefined {
    return isRunning(this) ? undefined : (this._yf as Iterator<unknown> | undefined);
  }

  /**
   * Python's `gen.send(v)`: resumes, returns the next yielded value; throws
   * {@link StopIteration} carrying the return value when the body returns.
   */
  send(value: S): Y {
    if (this._status === CREATED && value !== undefined && !isRunning(this)) {
      throw new TypeError("can't send non-None value to a just-started generator");
    }
    const r = this._resume(NEXT, value, false);
    if (r.done) throw new StopIteration(r.value);
    return r.value;
  }

  /** Python's `gen.throw(err)`: raises `err` at the suspension point. */
  throwInto(err: unknown): Y {
    const r = this._resume(THROW, err, false);
    if (r.done) throw new StopIteration(r.value);
    return r.value;
  }

  /**
   * Python's `gen.close()`: raises {@link GeneratorExit} inside; returns the
   * return value if the body returned (Python 3.13), else `undefined`.
   */
  close(): R | undefined {
    if (this._status === CREATED && !isRunning(this)) {
      this._status = CLOSED;
      this._it.return?.(undefined);
      return undefined;
    }
    return this._resume(THROW, new GeneratorExit(), true).value as R | undefined;
  }

  /** The JS protocol's `next`: `v` is ignored on a never-started coroutine. */
  next(...[value]: [] | [S]): IteratorResult<Y, R> {
    return this._resume(NEXT, this._status === CREATED ? undefined : value, false);
  }

  /** The JS protocol's `throw`: as `throwInto`, with a JS result. */
  throw(err: unknown): IteratorResult<Y, R> {
    return this._resume(THROW, err, false);
  }

  /** The JS protocol's `return`: finally blocks run, innermost delegate first. */
  return(value: R): IteratorResult<Y, R> {
    return this._resume(RETURN, value, false);
  }

  [Symbol.iterator](): this {
    return this;
  }

  /**
   * The trampoline. Resumes the innermost delegate with `mode`/`value` and
   * follows results up and new delegations down until a value is yielded
   * out or the root finishes.
   * @internal
   */
  _resume(mode: Mode, value: unknown, closing: boolean): IteratorResult<Y, R> {
    if (isRunning(this)) throw new TypeError("generator already executing");
    let stack = this._stack;
    let leaf = stack[stack.length - 1]!;
    if (leaf._inner !== undefined || (leaf !== this && leaf._owner !== this)) {
      stack = this._claim();
      leaf = stack[stack.length - 1]!;
    }
    // Depth 0, the common case: one generator, resumed directly.
    if (leaf === this && this._status !== CLOSED && !closing && !this._plain) {
      this._status = SUSPENDED;
      this._fresh = false;
      this._running = true;
      let r: IteratorResult<unknown, unknown>;
      try {
        r = mode === NEXT ? this._it.next(value) : mode === THROW ? this._it.throw!(value) : this._it.return!(value);
      } catch (e) {
        this._status = CLOSED;
        throw e instanceof StopIteration ? pep479(e) : e;
      } finally {
        this._running = false;
      }
      if (r.done) this._status = CLOSED;
      else if (r.value instanceof From) return this._drive(stack, NEXT, undefined, false, r);
      return r as IteratorResult<Y, R>;
    }
    return this._drive(stack, mode, value, closing, undefined);
  }

  /** @internal the general loop, with `first` a marker already yielded by the root */
  _drive(
    stack: Coroutine<any, any, any>[],
    mode: Mode,
    value: unknown,
    closing: boolean,
    first: IteratorResult<unknown, unknown> | undefined,
  ): IteratorResult<Y, R> {
    // A GeneratorExit thrown at a delegating root closes the whole chain
    // first (PEP 380: "_i.close()" at each level), innermost first; each
    // level below the root is being closed by its delegator's close().
    const chainClose = mode === THROW && value instanceof GeneratorExit && stack.length > 1;
    const original = value;
    if (chainClose) value = new GeneratorExit();
    this._running = true;
    try {
      let r = first;
      for (;;) {
        const node = stack[stack.length - 1]!;
        const isRoot = node === this;
        const closeSemantics = isRoot ? closing : chainClose;
        let threw = false;
        // Exceptions from a plain iterator or an exhausted generator are not
        // raised by a generator frame: StopIteration there means "done".
        let frameless = node._plain;
        if (r === undefined) {
          const it = node._it;
          try {
            if (node._status === CLOSED) {
              frameless = true;
              if (mode === THROW && !closeSemantics) throw value;
              r = { done: true, value: mode === RETURN ? value : undefined };
            } else if (node._plain) {
              if (mode === NEXT) r = it.next(value);
              else if (closeSemantics) {
                it.return?.();
                r = { done: true, value: undefined };
              } else if (mode === THROW ? it.throw : it.return) {
                r = mode === THROW ? it.throw!(value) : it.return!(value);
              } else {
                // PEP 380: a delegate without throw() gets the exception raised
                // in its delegator and is not closed; JS return passes through.
                this._pop(stack);
                continue;
              }
            } else {
              node._status = SUSPENDED;
              node._fresh = false;
              r = mode === NEXT ? it.next(value) : mode === THROW ? it.throw!(value) : it.return!(value);
            }
          } catch (e) {
            threw = true;
            value = e;
          }
        }
        if (threw) {
          if (frameless && value instanceof StopIteration) {
            r = { done: true, value: value.value };
          } else {
            if (!node._plain) node._status = CLOSED;
            if (value instanceof StopIteration) value = pep479(value);
            if (closeSemantics && value instanceof GeneratorExit) {
              r = { done: true, value: undefined };
            } else {
              if (isRoot) throw value;
              traceback(value, stack[stack.length - 2]!);
              this._pop(stack);
              mode = THROW;
              continue;
            }
          }
        }
        const result = r!;
        r = undefined;
        if (!result.done) {
          if (closeSemantics) {
            // The body caught GeneratorExit and yielded: close() refuses.
            value = new RuntimeError("generator ignored GeneratorExit");
            if (isRoot) throw value;
            this._pop(stack);
            mode = THROW;
            continue;
          }
          if (node._plain || !(result.value instanceof From)) return result as IteratorResult<Y, R>;
          const started = this._delegate(stack, node, result.value);
          if (started !== undefined) {
            if ("done" in started) return started as IteratorResult<Y, R>;
            mode = THROW;
            value = (started as { error: unknown }).error;
          } else {
            mode = NEXT;
            value = undefined;
          }
          continue;
        }
        if (!node._plain) node._status = CLOSED;
        if (isRoot) return result as IteratorResult<Y, R>;
        this._pop(stack);
        if (closeSemantics) {
          // The delegate is closed; GeneratorExit is raised in its delegator.
          mode = THROW;
          value = stack.length === 1 ? original : new GeneratorExit();
        } else if (mode !== RETURN) {
          mode = NEXT;
          value = result.value;
        } else {
          value = result.value;
        }
      }
    } finally {
      this._running = false;
    }
  }

  /**
   * @internal Starts `node`'s delegation to `marker.target`. Returns undefined
   * to resume the new leaf with next(), a result to yield at once (a primed
   * delegate), or an error to raise in `node`.
   */
  _delegate(
    stack: Coroutine<any, any, any>[],
    node: Coroutine<any, any, any>,
    marker: From,
  ): IteratorResult<unknown, unknown> | { error: unknown } | undefined {
    let child: Coroutine<any, any, any>;
    let it: AnyIterator;
    try {
      const target = marker.target as Iterable<unknown> | null | undefined;
      const fn = target == null ? undefined : target[Symbol.iterator];
      if (typeof fn !== "function") {
        throw new TypeError(`yield from(x): x is not iterable (got ${describe(target)}); pass an iterable or a generator`);
      }
      it = fn.call(target) as AnyIterator;
      child = it instanceof Coroutine ? it : tracked.get(it) ?? new Coroutine(it, "", !isGenerator(it));
    } catch (error) {
      return { error };
    }
    if (isRunning(child)) return { error: new TypeError("generator already executing") };
    node._inner = child;
    node._yf = it;
    node._site = marker.site;
    for (let n: Coroutine<any, any, any> | undefined = child; n !== undefined; n = n._inner) {
      n._owner = this;
      stack.push(n);
    }
    if (child._fresh) {
      child._fresh = false;
      return { done: false, value: child._primed };
    }
    return undefined;
  }

  /** @internal ends the leaf's delegation: its delegator becomes the leaf */
  _pop(stack: Coroutine<any, any, any>[]): void {
    stack.pop()!._owner = undefined;
    const parent = stack[stack.length - 1]!;
    parent._inner = parent._yf = parent._site = undefined;
  }

  /** @internal rebuilds this root's stack from the `_inner` links */
  _claim(): Coroutine<any, any, any>[] {
    const stack: Coroutine<any, any, any>[] = [this];
    for (let n = this._inner; n !== undefined; n = n._inner) {
      n._owner = this;
      stack.push(n);
    }
    return (this._stack = stack);
  }
}

/** On the active chain: driving, or held by a root that is driving. */
export function isRunning(c: Coroutine<any, any, any>): boolean {
  return c._running || (c._owner !== undefined && c._owner._running);
}

/** PEP 479: a StopIteration escaping a generator becomes a RuntimeError. */
function pep479(e: StopIteration): RuntimeError {
  return new RuntimeError("generator raised StopIteration", { cause: e });
}

/**
 * A trampoline takes delegating generators off the JS stack; put them back
 * in the error's `stack`, one line for each delegation it passes through.
 */
function traceback(err: unknown, delegator: Coroutine<any, any, any>): void {
  if (!(err instanceof Error) || Object.isFrozen(err) || (!delegator._name && !delegator._site)) return;
  let seen = annotated.get(err);
  if (seen === undefined) annotated.set(err, (seen = new WeakSet()));
  if (seen.has(delegator)) return;
  seen.add(delegator);
  try {
    err.stack += `\n    at ${delegator._name || "<anonymous>"} (${delegator._site || "yield from"})`;
  } catch {
    // a read-only stack stays as it is
  }
}

function describe(x: unknown): string {
  return x === null ? "null" : typeof x === "object" ? "an object" : `${typeof x} ${String(x)}`;
}
