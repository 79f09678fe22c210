import { Coroutine, known as seen, Origin, type GeneratorState } from "./coroutine.js";
import { raised } from "./errors.js";
import { adopt, checked } from "./wrap.js";

/** A `Coroutine`, or a native generator object. */
export type GeneratorLike<Y, R, S> = Coroutine<Y, R, S> | Generator<Y, R, S>;

/**
 * The coroutine of a native generator. One first seen here may have been
 * advanced already, so it is taken as started (JS, not Python, then decides
 * what a first send does). `entry`: the public function called, for a TypeError's stack.
 */
const of = <Y, R, S>(gen: GeneratorLike<Y, R, S>, entry: Function): Coroutine<Y, R, S> =>
  // A Coroutine is told by its `send` first: in a hot loop (a pipeline's inner sends) V8 answers that
  // faster than `instanceof` (Node 24: the runtime-form pipeline 55 -> 35 ms, as the method).
  // (Any other Coroutine is found by adopt.)
  (gen as Coroutine<Y, R, S> | undefined)?.send === SEND ? (gen as Coroutine<Y, R, S>) : adopt(gen, Origin.MET, entry);

const SEND = Coroutine.prototype.send;

/** For the state queries: a generator the runtime never saw is refused, never guessed. */
const known = (gen: object, entry: Function): Coroutine<any, any, any> => {
  const c = seen(checked(gen, entry));
  if (!c) throw raised(new TypeError("untracked generator; use track(gen) or track(genFn)"), entry);
  return c;
};

/**
 * Python's `gen.send(v)` on a `Coroutine` or a native generator.
 * @example
 * send(averager, 10); // the next yielded value
 */
export const send = <Y, R, S>(gen: GeneratorLike<Y, R, S>, value: NoInfer<S>): Y =>
  of(gen, send).send(value, send);

/**
 * Python's `next(gen)`, the priming call: `send(gen, undefined)`.
 * @example
 * const avg = track(averager)(); next(avg);
 */
export const next = <Y, R, S>(gen: GeneratorLike<Y, R, S>): Y => of(gen, next).send(undefined as S, next);

/**
 * Python's `gen.throw(err)`.
 * @example
 * throwInto(avg, new Error("reset"));
 */
export const throwInto = <Y, R, S>(gen: GeneratorLike<Y, R, S>, err: unknown): Y =>
  of(gen, throwInto).throwInto(err, throwInto);

/**
 * Python's `gen.close()`; returns the generator's return value, if any.
 * @example
 * close(avg);
 */
export const close = <Y, R, S>(gen: GeneratorLike<Y, R, S>): R | undefined =>
  of(gen, close).close(close);

/**
 * Python's `inspect.getgeneratorstate(gen)`.
 * @example
 * getGeneratorState(avg); // "GEN_SUSPENDED"
 */
export const getGeneratorState = (gen: GeneratorLike<unknown, unknown, unknown>): GeneratorState =>
  known(gen, getGeneratorState).state;

/**
 * Python's `gen.gi_yieldfrom`: the iterator `gen` is delegating to.
 * @example
 * getYieldFrom(outer); // the inner coroutine while outer delegates to it
 */
export const getYieldFrom = (gen: GeneratorLike<unknown, unknown, unknown>): Iterator<unknown> | undefined =>
  known(gen, getYieldFrom).yieldFrom;
