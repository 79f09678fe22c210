/**
 * `coroutil/trampoline`: JavaScript's `yield*` on coroutil's trampoline, what the plugin's
 * `trampoline: "all"` option writes for every `yield*` (kept apart from the runtime, so code that
 * does not use the option does not pay for it).
 * @packageDocumentation
 */
import { Coroutine, from, type From } from "coroutil";

type AnyIterator = Iterator<unknown, unknown, unknown>;

/** %IteratorPrototype%[Symbol.iterator]: what generators and coroutines (their own iterators) inherit. */
const SELF = Object.getPrototypeOf(Object.getPrototypeOf([].keys()))[Symbol.iterator];

/**
 * Marks a delegation with JavaScript's `yield*` semantics (ECMA-262), for a generator a
 * `Coroutine` drives: values, `next(v)` and `return(v)` pass through as `yield*` passes them, the
 * expression evaluates to the delegate's return value, and a `throw` into a delegate without a
 * `throw` method closes it and raises TypeError. `site` and `fn` are written by the plugin.
 * @example
 * const walk = track(function* walk(t: Tree | null): Generator<number> {
 *   if (t) { yield delegate(walk(t.left)); yield t.value; yield delegate(walk(t.right)); }
 * });
 */
export function delegate<Y, R, S>(iterable: Iterable<Y, R, S>, site?: string, fn?: string): From<Y, R, S> {
  // A generator or a coroutine is its own iterator with the generator protocol: delegated to as it is.
  if (isGenerator(iterable)) return from(iterable, site, fn);
  return from(new Delegation(iterable) as unknown as Iterable<Y, R, S>, site, fn);
}

/** %GeneratorPrototype%: a native generator with its methods as the engine made them takes the fast path. */
const GENERATOR = Object.getPrototypeOf(function* () {}).prototype as Generator;
const { next: NEXT, throw: THROW, return: RETURN } = GENERATOR;

/**
 * A coroutine, or a native generator whose `next`, `throw` and `return` are the engine's (not replaced on
 * it or on a prototype): one the trampoline may drive as a generator, unobservably. Any other delegate
 * takes the slow path, which makes yield*'s every lookup.
 */
const isGenerator = (x: any): boolean =>
  x instanceof Coroutine ||
  (x != null &&
    x[Symbol.iterator] === SELF &&
    Object.prototype.toString.call(x) === "[object Generator]" &&
    x.next === NEXT &&
    x.throw === THROW &&
    x.return === RETURN);

/** ECMA-262 GetMethod: `undefined` and `null` mean none; anything else must be callable. */
function getMethod(it: object, name: "throw" | "return"): ((this: object, v?: unknown) => unknown) | undefined {
  const method = (it as Record<string, unknown>)[name];
  if (method == null) return undefined;
  if (typeof method !== "function") throw new TypeError(`The iterator's ${name} is not a function`);
  return method as (this: object, v?: unknown) => unknown;
}

/** An iterator result must be an object (ECMA-262 IteratorNext and yield*'s checks). */
function result(r: unknown): IteratorResult<unknown, unknown> {
  if (Object(r) !== r) throw new TypeError(`Iterator result ${String(r)} is not an object`);
  return r as IteratorResult<unknown, unknown>;
}

/**
 * An iterable whose iterator makes the operations `yield*` makes on any other iterator
 * (ECMA-262 YieldExpression): `next` read once, `throw` and `return` looked up when they are needed,
 * every result checked to be an object, and a `throw` into an iterator without one closes it, then
 * raises TypeError.
 */
class Delegation {
  constructor(private readonly iterable: Iterable<unknown, unknown, unknown>) {}
  [Symbol.iterator](): AnyIterator {
    const it = this.iterable[Symbol.iterator]() as AnyIterator;
    if (Object(it) !== it) throw new TypeError("Result of the Symbol.iterator method is not an object");
    const next = it.next; // GetIterator reads `next` once
    return {
      next: (value?: unknown) => result(next.call(it, value)),
      throw(error: unknown) {
        const thrower = getMethod(it, "throw");
        if (thrower) return result(thrower.call(it, error));
        // No throw(): the protocol is violated; close the iterator (IteratorClose), then TypeError.
        const closer = getMethod(it, "return");
        if (closer) result(closer.call(it));
        throw new TypeError("The iterator does not provide a 'throw' method.");
      },
      return(value?: unknown) {
        const closer = getMethod(it, "return");
        // No return(): the delegator returns as it was asked to (the trampoline hands it the return).
        if (!closer) return { done: true, value };
        return result(closer.call(it, value));
      },
    };
  }
}
