import fc from "fast-check";

// A random program of plain JavaScript generators delegating with `yield*`, for the
// JavaScript-semantics mode: the oracle is node running it as written (native `yield*`), the
// subject the same program compiled with `trampoline: "all"`. Built from fast-check combinators, so
// fast-check shrinks it structurally (statements dropped, blocks emptied, numbers lowered).

/**
 * How a hand-written iterator delegate behaves when asked to return / throw: "none" no such method,
 * "null" the method is null (absent to GetMethod), "nonObject" it returns a primitive, "getterThrows"
 * looking the method up throws. Its `next`, `throw` and `return` are getters that log each lookup.
 */
export type OnReturn = "none" | "done" | "throws" | "notDone" | "null" | "nonObject" | "getterThrows";
export type OnThrow = "none" | "catch" | "rethrow" | "finish" | "null" | "nonObject" | "getterThrows";
/** What its `next` gives once exhausted: a final result, or a primitive (not an iterator result). */
export type OnEnd = "done" | "nonObject";
/**
 * A native generator delegate (one with no `yield*`, so the plugin leaves it native) and what is
 * replaced on it before the delegation: nothing, its `next` (logging, then the engine's), its `throw` or
 * `return` (its own results), `throw` set to null; or, on its function's prototype, `next`.
 */
export type Patch = "none" | "next" | "throw" | "return" | "throwNull" | "protoNext";

export type Stmt =
  | { k: "yield"; v: number }
  | { k: "delegate"; callee: number; arg: number }
  | { k: "list"; items: number[] }
  | { k: "string"; text: string }
  | { k: "iter"; n: number; ret: OnReturn; thr: OnThrow; end: OnEnd }
  | { k: "native"; n: number; patch: Patch }
  | { k: "try"; body: Stmt[]; handler?: Stmt[]; fin?: Stmt[] }
  | { k: "loop"; count: number; body: Stmt[] }
  | { k: "throw"; v: number }
  | { k: "return"; v: number };

export type Op = { k: "next"; v: number } | { k: "throw"; v: number } | { k: "return"; v: number } | { k: "spread" };

export interface JsProgram {
  /** Function i may delegate only to functions after it, so every program ends. */
  fns: Stmt[][];
  ops: Op[];
}

const small = fc.integer({ min: 0, max: 9 });

function statements(fn: number, nFns: number): fc.Arbitrary<Stmt[]> {
  const { block } = fc.letrec<{ stmt: Stmt; block: Stmt[] }>((tie) => ({
    stmt: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { arbitrary: fc.record({ k: fc.constant("yield" as const), v: small }), weight: 6 },
      ...(fn < nFns - 1
        ? [{ arbitrary: fc.record({ k: fc.constant("delegate" as const), callee: fc.integer({ min: fn + 1, max: nFns - 1 }), arg: small }), weight: 6 }]
        : []),
      { arbitrary: fc.record({ k: fc.constant("list" as const), items: fc.array(small, { maxLength: 3 }) }), weight: 2 },
      { arbitrary: fc.record({ k: fc.constant("string" as const), text: fc.constantFrom("", "ab", "x😀") }), weight: 1 },
      {
        arbitrary: fc.record({
          k: fc.constant("iter" as const),
          n: fc.integer({ min: 0, max: 3 }),
          ret: fc.constantFrom<OnReturn>("none", "done", "throws", "notDone", "null", "nonObject", "getterThrows"),
          thr: fc.constantFrom<OnThrow>("none", "catch", "rethrow", "finish", "null", "nonObject", "getterThrows"),
          end: fc.constantFrom<OnEnd>("done", "done", "done", "nonObject"),
        }),
        weight: 4,
      },
      {
        arbitrary: fc.record({
          k: fc.constant("native" as const),
          n: fc.integer({ min: 0, max: 3 }),
          patch: fc.constantFrom<Patch>("none", "next", "throw", "return", "throwNull", "protoNext"),
        }),
        weight: 3,
      },
      {
        arbitrary: fc.record(
          { k: fc.constant("try" as const), body: tie("block") as fc.Arbitrary<Stmt[]>, handler: tie("block") as fc.Arbitrary<Stmt[]>, fin: tie("block") as fc.Arbitrary<Stmt[]> },
          { requiredKeys: ["k", "body"] },
        ),
        weight: 4,
      },
      { arbitrary: fc.record({ k: fc.constant("loop" as const), count: fc.integer({ min: 1, max: 3 }), body: tie("block") as fc.Arbitrary<Stmt[]> }), weight: 2 },
      { arbitrary: fc.record({ k: fc.constant("throw" as const), v: small }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant("return" as const), v: small }), weight: 1 },
    ),
    block: fc.array(tie("stmt") as fc.Arbitrary<Stmt>, { maxLength: 4, depthIdentifier: "block" }),
  }));
  return block;
}

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant("next" as const), v: small }), weight: 8 },
  { arbitrary: fc.record({ k: fc.constant("throw" as const), v: small }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant("return" as const), v: small }), weight: 2 },
  { arbitrary: fc.constant({ k: "spread" as const }), weight: 1 },
);

/** Random programs: 1 to 4 generator functions, 1 to 10 driver operations on the first. */
export const jsPrograms: fc.Arbitrary<JsProgram> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    fns: fc.tuple(...Array.from({ length: n }, (_, i) => statements(i, n))),
    ops: fc.array(op, { minLength: 1, maxLength: 10 }),
  }),
);
