import { Coroutine, type GeneratorState, tracked } from "./coroutine.js";
import { adopt } from "./wrap.js";

/** A `Coroutine`, or a native generator object. */
export type GeneratorLike<Y, R, S> = Coroutine<Y, R, S> | Generator<Y, R, S>;

/**
 * A native generator first seen here may have been advanced already, so it
 * is taken as started: JS, not Python, then decides what a first send does.
 */
function asCoroutine<Y, R, S>(gen: GeneratorLike<Y, R, S>): Coroutine<Y, R, S> {
  if (gen instanceof Coroutine) return gen;
  let c = tracked.get(gen);
  if (c === undefined) (c = adopt(gen, ""))._status = 1;
  return c;
}

/**
 * Python's `gen.send(v)` on a `Coroutine` or a native generator.
 * @example
 * send(averager, 10); // the next yielded value
 */
export function send<Y, R, S>(gen: GeneratorLike<Y, R, S>, value: S): Y {
  return asCoroutine(gen).send(value);
}

/**
 * Python's `next(gen)`, the priming call: `send(gen, undefined)`.
 * @example
 * const avg = track(averager)(); next(avg);
 */
export function next<Y, R, S>(gen: GeneratorLike<Y, R, S>): Y {
  return asCoroutine(gen).send(undefined as S);
}

/**
 * Python's `gen.throw(err)`.
 * @example
 * throwInto(avg, new Error("reset"));
 */
export function throwInto<Y, R, S>(gen: GeneratorLike<Y, R, S>, err: unknown): Y {
  return asCoroutine(gen).throwInto(err);
}

/**
 * Python's `gen.close()`; returns the generator's return value, if any.
 * @example
 * close(avg);
 */
export function close<Y, R, S>(gen: GeneratorLike<Y, R, S>): R | undefined {
  return asCoroutine(gen).close();
}

/**
 * Python's `inspect.getgeneratorstate(gen)`.
 * @example
 * getGeneratorState(avg); // "GEN_SUSPENDED"
 */
export function getGeneratorState(gen: GeneratorLike<unknown, unknown, unknown>): GeneratorState {
  return known(gen, "getGeneratorState").state;
}

/**
 * Python's `gen.gi_yieldfrom`: the iterator `gen` is delegating to.
 * @example
 * getYieldFrom(outer); // the inner coroutine while outer delegates to it
 */
export function getYieldFrom(gen: GeneratorLike<unknown, unknown, unknown>): Iterator<unknown> | undefined {
  return known(gen, "getYieldFrom").yieldFrom;
}

function known(gen: unknown, fn: string): Coroutine<unknown, unknown, unknown> {
  if (gen instanceof Coroutine) return gen;
  const c = typeof gen === "object" && gen !== null ? tracked.get(gen) : undefined;
  if (c !== undefined) return c;
  throw new TypeError(`${fn}: untracked generator; create it with track(genFn) or wrap it with track(gen)`);
}
