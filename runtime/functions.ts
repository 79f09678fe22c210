import { Coroutine, type GeneratorState, SUSPENDED, tracked } from "./coroutine.js";
import { adopt } from "./wrap.js";

/** A `Coroutine`, or a native generator object. */
export type GeneratorLike<Y, R, S> = Coroutine<Y, R, S> | Generator<Y, R, S>;

/**
 * The coroutine of `gen`. A native generator first seen here may have been
 * advanced already, so it is taken as started (JS, not Python, then decides
 * what a first send does); asked for its state (`query`), it is refused.
 */
function of<Y, R, S>(gen: GeneratorLike<Y, R, S>, query?: string): Coroutine<Y, R, S> {
  if (gen instanceof Coroutine) return gen;
  let c = typeof gen === "object" && gen !== null ? tracked.get(gen) : undefined;
  if (c === undefined) {
    if (query) throw new TypeError(`${query}: untracked generator; create it with track(genFn) or wrap it with track(gen)`);
    (c = adopt(gen, ""))._status = SUSPENDED;
  }
  return c;
}

/**
 * Python's `gen.send(v)` on a `Coroutine` or a native generator.
 * @example
 * send(averager, 10); // the next yielded value
 */
export function send<Y, R, S>(gen: GeneratorLike<Y, R, S>, value: NoInfer<S>): Y {
  return of(gen).send(value);
}

/**
 * Python's `next(gen)`, the priming call: `send(gen, undefined)`.
 * @example
 * const avg = track(averager)(); next(avg);
 */
export function next<Y, R, S>(gen: GeneratorLike<Y, R, S>): Y {
  return of(gen).send(undefined as S);
}

/**
 * Python's `gen.throw(err)`.
 * @example
 * throwInto(avg, new Error("reset"));
 */
export function throwInto<Y, R, S>(gen: GeneratorLike<Y, R, S>, err: unknown): Y {
  return of(gen).throwInto(err);
}

/**
 * Python's `gen.close()`; returns the generator's return value, if any.
 * @example
 * close(avg);
 */
export function close<Y, R, S>(gen: GeneratorLike<Y, R, S>): R | undefined {
  return of(gen).close();
}

/**
 * Python's `inspect.getgeneratorstate(gen)`.
 * @example
 * getGeneratorState(avg); // "GEN_SUSPENDED"
 */
export function getGeneratorState(gen: GeneratorLike<unknown, unknown, unknown>): GeneratorState {
  return of(gen, "getGeneratorState").state;
}

/**
 * Python's `gen.gi_yieldfrom`: the iterator `gen` is delegating to.
 * @example
 * getYieldFrom(outer); // the inner coroutine while outer delegates to it
 */
export function getYieldFrom(gen: GeneratorLike<unknown, unknown, unknown>): Iterator<unknown> | undefined {
  return of(gen, "getYieldFrom").yieldFrom;
}
