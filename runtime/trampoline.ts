/**
 * `coroutil/trampoline`: JavaScript's `yield*` on coroutil's trampoline, what the plugin's
 * `trampoline: "all"` option writes for every `yield*` (kept apart from the runtime, so code that
 * does not use the option does not pay for it).
 * @packageDocumentation
 */
import { from, type From } from "coroutil";

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
  const x = iterable as { [Symbol.iterator]?: unknown; throw?: unknown } | null | undefined;
  // A generator or a coroutine is its own iterator and has throw(): delegated to as it is.
  if (x != null && x[Symbol.iterator] === SELF && typeof x.throw === "function") return from(iterable, site, fn);
  return from(new Delegation(iterable) as unknown as Iterable<Y, R, S>, site, fn);
}

/** An iterable whose iterator has the `throw` that `yield*` behaves as (IteratorClose, then TypeError). */
class Delegation {
  constructor(private readonly iterable: Iterable<unknown, unknown, unknown>) {}
  [Symbol.iterator](): AnyIterator {
    const it = this.iterable[Symbol.iterator]() as AnyIterator;
    if (typeof it.throw === "function") return it;
    const next = it.next; // GetIterator reads `next` once
    const wrapper: AnyIterator = {
      next(value?: unknown) {
        const r = next.call(it, value);
        // The value of a final result is read here, in the delegate's frame, so what its getter
        // throws reaches the delegator as yield* delivers it; a yielded result passes through as it is.
        return r.done ? { done: true, value: r.value } : r;
      },
      throw() {
        // ECMA-262 YieldExpression `yield*`: a delegate without throw() is closed, then TypeError.
        const close = it.return;
        if (close != null) {
          const result = close.call(it);
          if (Object(result) !== result) throw new TypeError("iterator result is not an object");
        }
        throw new TypeError("The iterator does not provide a 'throw' method.");
      },
    };
    if (it.return != null) wrapper.return = (value?: unknown) => it.return!(value);
    return wrapper;
  }
}
