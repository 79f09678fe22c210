/**
 * The delegation marker made by {@link from}. Yielded (`yield from(x)`) in a
 * body driven by a `Coroutine`, the trampoline delegates to `x`; iterated
 * (`yield* from(x)`) in any generator, it delegates with PEP 380 semantics.
 */
export class From<Y = unknown, R = unknown, S = unknown> implements Iterable<Y, R, S> {
  /** what to delegate to */
  declare readonly target: Iterable<Y, R, S>;
  /** where the `yield from` is ("file:line:column"), for tracebacks */
  declare readonly site?: string;
  /** the name of the function it is in, for tracebacks */
  declare readonly fn?: string;

  /**
   * @param target what to delegate to
   * @param site where the `yield from` is ("file:line:column"), for tracebacks
   * @param fn the name of the function it is in, for tracebacks
   */
  constructor(target: Iterable<Y, R, S>, site?: string, fn?: string) {
    // (declared, not class fields: assigned once here, the minified runtime is smaller)
    this.target = target;
    this.site = site;
    this.fn = fn;
  }

  /** An adapter with PEP 380 semantics, for `yield*` (installed by the coroutine module). */
  declare [Symbol.iterator]: () => Iterator<Y, R, S>;
}

/**
 * Marks a delegation with Python's `yield from` semantics (PEP 380): sends,
 * throws and close reach the delegate, and the expression evaluates to the
 * delegate's return value. `site` and `fn` are written by the Babel plugin
 * (where the delegation is, for tracebacks); code by hand passes only `iterable`.
 * @example
 * const avg = coroutine(function* () { const r = yield* from(averager()); return r; });
 */
export const from = <Y, R, S>(iterable: Iterable<Y, R, S>, site?: string, fn?: string): From<Y, R, S> => new From(iterable, site, fn);
