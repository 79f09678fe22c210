/**
 * Raised by `send`/`throwInto` when the coroutine returns; `.value` is the
 * return value, as Python's `StopIteration.value`.
 * @example
 * try { send(avg, undefined) } catch (e) { if (e instanceof StopIteration) e.value }
 */
export class StopIteration<R = unknown> extends Error {
  /** The coroutine's return value. */
  declare readonly value: R;
  constructor(value?: R) {
    super(String(value ?? ""));
    this.value = value as R;
  }
}

/** Thrown into a coroutine by `close()`, as Python's `GeneratorExit`. */
export class GeneratorExit extends Error {}

/** Python's `RuntimeError`, for "generator ignored GeneratorExit" and PEP 479. */
export class RuntimeError extends Error {}

/**
 * @internal An error the runtime raises for its caller, given a stack that starts at the caller's line:
 * `entry` is the public function it was called through (where the engine can say so).
 */
export const raised = <E>(err: E, entry: Function): E => {
  (Error as { captureStackTrace?(e: unknown, f: Function): void }).captureStackTrace?.(err, entry);
  return err;
};

// Literal names: a minifier renames the classes themselves.
StopIteration.prototype.name = "StopIteration";
GeneratorExit.prototype.name = "GeneratorExit";
RuntimeError.prototype.name = "RuntimeError";
