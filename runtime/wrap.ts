import { Coroutine, CREATED, FRESH, tracked } from "./coroutine.js";

/** A generator function, or a function that already returns a `Coroutine`. */
export type GeneratorFunctionLike = (
  ...args: never
) => Generator<unknown, unknown, unknown> | Coroutine<unknown, unknown, unknown>;

/**
 * What `coroutine(fn)` and `track(fn)` return: `fn`'s parameters and `this`,
 * returning a `Coroutine` of its generator's types. (Inferred from `fn`
 * whole, so an unannotated generator's send type is `unknown`, never left
 * open.)
 */
export type CoroutineFunction<F> = F extends (this: infer T, ...args: infer A) => infer G
  ? (this: T, ...args: A) => G extends Coroutine<infer Y, infer R, infer S>
      ? Coroutine<Y, R, S>
      : G extends Generator<infer Y, infer R, infer S>
        ? Coroutine<Y, R, S>
        : never
  : never;

/**
 * The `@coroutine` primer: returns a function with the same parameters that
 * creates the generator and advances it to its first `yield`, returning a
 * `Coroutine` in `GEN_SUSPENDED` (throws `StopIteration` if the body returns
 * first). Also a TC39 decorator for generator methods, and given a generator
 * object it wraps and primes that one.
 * @example
 * const averager = coroutine(function* () {
 *   let total = 0, count = 0, average: number | undefined;
 *   for (;;) { total += yield average; average = total / ++count; }
 * });
 * averager().send(10); // 10
 */
export function coroutine<F extends GeneratorFunctionLike>(fn: F): CoroutineFunction<F>;
/** As a decorator the method keeps its declared type (a `Coroutine` is a generator object). */
export function coroutine<M extends (...args: never) => Generator<unknown, unknown, unknown>>(
  method: M,
  context: ClassMethodDecoratorContext,
): M;
export function coroutine<Y, R, S>(gen: Generator<Y, R, S> | Coroutine<Y, R, S>): Coroutine<Y, R, S>;
export function coroutine(fn: any, context?: ClassMethodDecoratorContext): any {
  if (context !== undefined && context.kind !== "method") {
    throw new TypeError(`@coroutine is for generator methods, not a ${context.kind}`);
  }
  return typeof fn === "function" ? wrap(fn, true) : prime(adopt(fn, ""));
}

/**
 * The same as {@link coroutine} without priming: a function returning
 * `Coroutine`s in `GEN_CREATED`, or, given a generator object, its `Coroutine`.
 * @example
 * const gen = track(function* () { yield 1; });
 * gen().state; // "GEN_CREATED"
 */
export function track<F extends GeneratorFunctionLike>(fn: F): CoroutineFunction<F>;
export function track<Y, R, S>(gen: Generator<Y, R, S> | Coroutine<Y, R, S>): Coroutine<Y, R, S>;
export function track(fn: any): any {
  return typeof fn === "function" ? wrap(fn, false) : adopt(fn, "");
}

const wrap = (fn: any, primes: boolean): Function =>
  Object.defineProperties(
    function (this: unknown) {
      const c = adopt(fn.apply(this, arguments), fn.name, true);
      return primes ? prime(c) : c;
    },
    { name: { value: fn.name }, length: { value: fn.length } },
  );

/** The one `Coroutine` of a generator object, made on first sight. */
export const adopt = (gen: any, name: string, fresh = false): Coroutine<any, any, any> => {
  if (gen instanceof Coroutine) return gen;
  if (typeof gen?.next !== "function" || typeof gen.throw !== "function") {
    throw new TypeError(`coroutine/track: got ${typeof gen}, not a generator; write function*`);
  }
  // A generator a wrapped function has just made is seen by nobody else.
  return tracked.get(gen) ?? new Coroutine(gen, name, false, fresh);
};

const prime = (c: Coroutine<any, any, any>): Coroutine<any, any, any> => {
  if (c._status === CREATED) {
    c._primed = c.send(undefined);
    c._status = FRESH;
  }
  return c;
};
