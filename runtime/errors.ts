/**
 * Raised by `send`/`throwInto` when the coroutine returns; `.value` is the
 * return value, as Python's `StopIteration.value`.
 * @example
 * try { send(avg, undefined) } catch (e) { if (e instanceof StopIteration) e.value }
 */
export class StopIteration<R = unknown> extends Error {
  /** The coroutine's return value. */
  declare readonly value: R;
  /**
   * @param value the return value
   * @param entry (internal) the public function the runtime raised it from: the stack starts at its caller's line
   */
  constructor(value?: R, entry?: Function) {
    super(String(value ?? ""));
    this.value = value as R;
    if (entry) (Error as { captureStackTrace?(e: object, f: Function): void }).captureStackTrace?.(this, entry);
  }
}

/** Thrown into a coroutine by `close()`, as Python's `GeneratorExit`. */
export class GeneratorExit extends Error {}

/** Python's `RuntimeError`, for "generator ignored GeneratorExit" and PEP 479. */
export class RuntimeError extends Error {}

// Literal names: a minifier renames the classes themselves.
StopIteration.prototype.name = "StopIteration";
GeneratorExit.prototype.name = "GeneratorExit";
RuntimeError.prototype.name = "RuntimeError";
