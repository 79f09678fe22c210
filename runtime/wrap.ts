import { Coroutine, known, Origin, tag } from "./coroutine.js";
import { raised } from "./errors.js";

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
/**
 * The plugin's form: calls `fn` with `self` and `args` and returns the primed
 * `Coroutine` of the generator it makes (one generator function per source
 * function, no wrapper made per call); `name` is the source function's name.
 */
export function coroutine<F extends GeneratorFunctionLike>(fn: F, self: unknown, args: ArrayLike<unknown>, name?: string): ReturnType<CoroutineFunction<F>>;
export function coroutine(fn: any, context?: any, args?: ArrayLike<unknown>, name?: string): any {
  if (args) return (track(fn, context, args, name) as Coroutine)._prime(coroutine);
  if (context && context.kind !== "method") {
    throw raised(new TypeError(`@coroutine is for generator methods, not a ${context.kind}`), coroutine);
  }
  return typeof fn === "function" ? wrap(fn, coroutine) : adopt(fn, Origin.SHARED, coroutine)._prime(coroutine);
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
/** The plugin's form, as `coroutine(fn, self, args, name)` without priming. */
export function track<F extends GeneratorFunctionLike>(fn: F, self: unknown, args: ArrayLike<unknown>, name?: string): ReturnType<CoroutineFunction<F>>;
export function track(fn: any, self?: unknown, args?: ArrayLike<unknown>, name?: string): any {
  if (args) return new Coroutine(fn.apply(self, args), name, Origin.OWN);
  return typeof fn === "function" ? wrap(fn, track) : adopt(fn, Origin.SHARED, track);
}

/** `fn` made into a function returning `Coroutine`s; `entry`: `coroutine` (primed) or `track`. */
const wrap = (fn: Function, entry: Function): Function => {
  if (isAsync(fn)) throw refused(fn, "a generator function", entry);
  return Object.defineProperties(
    function made(this: unknown) {
      const c = adopt(fn.apply(this, arguments), Origin.OWN, made, fn.name);
      return entry === coroutine ? c._prime(made) : c;
    },
    { name: { value: fn.name }, length: { value: fn.length } },
  );
};

/**
 * The one `Coroutine` of a generator object, made on first sight (OWN: one a wrapped function has
 * just made, seen by nobody else, so not registered); `entry`: the public function called, for a
 * TypeError's stack.
 */
export const adopt = (gen: any, origin: Origin, entry: Function, name?: string): Coroutine<any, any, any> =>
  known(checked(gen, entry)) ?? new Coroutine(gen, name, origin);

const isAsync = (x: any): boolean => /^Async/.test(tag(x)!);

/** `gen`, when it is a synchronous generator (or an iterator with `throw`); else a TypeError saying what it is. */
export function checked(gen: any, entry: Function): any {
  if (typeof gen?.next === "function" && typeof gen.throw === "function" && !isAsync(gen)) return gen;
  throw refused(gen, "a generator object", entry);
}

/** What was given, and what to give instead; an async generator is named as such. */
const refused = (x: any, expected: string, entry: Function): TypeError =>
  raised(
    new TypeError(
      isAsync(x)
        ? `coroutil drives synchronous generators; ${x.name || "it"} is an ${tag(x)}`
        : `expected ${expected}, got ${tag(x) ?? (x && typeof x)}`,
    ),
    entry,
  );
