import fc from "fast-check";
import { Choices } from "./choices.js";
import { simplifications } from "./simplify.js";
import { hasMarker, type Catchable, type Cond, type Expr, type Fn, type Kind, type Op, type Program, type Stmt } from "./program.js";

const MAX_DEPTH = 3;
const LOCALS = ["a", "b", "c"];

interface Scope {
  fn: number;
  nFns: number;
  depth: number;
  /** readable names: locals, the parameter p, loop counters */
  vars: string[];
  /** caught exceptions in scope (innermost last) */
  errs: string[];
  inLoop: boolean;
  /** statements left for this function (keeps programs small) */
  fuel: { n: number; tries: number; labels: number };
}

/**
 * Random programs, as a fast-check arbitrary: fast-check's random source makes the choices, and a
 * divergent program shrinks by structural steps (fuzz/simplify.ts), which fast-check's shrinker
 * drives. Program `n` of seed `s` is `fc.sample(programs, { seed: s, numRuns: n + 1 })[n]`; a
 * shrunk one is replayed by seed and path (`fc.check` with `{ seed, path }`). Ids are given when a
 * program is named (`${seed}-${n}`).
 */
class ProgramArbitrary extends fc.Arbitrary<Program> {
  generate(mrng: fc.Random): fc.Value<Program> {
    return new fc.Value(generateProgram(new Choices(mrng), ""), undefined);
  }
  canShrinkWithoutContext(value: unknown): value is Program {
    return typeof value === "object" && value !== null && "fns" in value && "ops" in value;
  }
  shrink(value: Program): fc.Stream<fc.Value<Program>> {
    return fc.stream(simplifications(value)).map((q) => new fc.Value(q, undefined));
  }
}

export const programs: fc.Arbitrary<Program> = new ProgramArbitrary();

/** One random program from the choices `rng` makes. */
function generateProgram(rng: Choices, id: string): Program {
  const nFns = rng.weighted({ 1: 1, 2: 3, 3: 4, 4: 3, 5: 1 } as Record<string, number>);
  const count = Number(nFns);
  const fns: Fn[] = [];
  for (let i = 0; i < count; i++) {
    const fuel = { n: rng.int(8, 28), tries: 0, labels: 0 };
    const scope: Scope = { fn: i, nFns: count, depth: 0, vars: [...LOCALS, "p"], errs: [], inLoop: false, fuel };
    let body = block(rng, scope, rng.int(2, 6), true);
    // Often a handler around the body, so thrown errors do not always end it, ...
    if (rng.chance(0.4)) {
      const v = `x${i}_${fuel.tries++}`;
      const classes = rng.pick([["E1"], ["E2"], ["Exception"], ["E1", "E2"], ["GeneratorExit"]] as Catchable[][]);
      const hs: Scope = { ...scope, depth: 1, errs: [v] };
      fuel.n += 3;
      const hbody = classes[0] === "GeneratorExit" ? genExitHandler(rng, hs, v) : block(rng, hs, rng.int(1, 2));
      body = [{ k: "try", v, body, handlers: [{ classes, body: hbody }] }];
    }
    // ... and a loop, so the coroutine lives through more operations.
    if (rng.chance(0.35)) body = [{ k: "for", v: "j", count: rng.int(2, 4), body }];
    if (!body.some((s) => s.k === "yield" || s.k === "for" || s.k === "delegate")) {
      body.unshift({ k: "yield", value: label(rng, scope) });
    }
    const markers = hasMarker(body);
    let kind: Kind;
    if (rng.chance(0.35)) kind = "primed";
    else if (!markers) kind = "native";
    else kind = rng.chance(0.25) ? "adapter" : "track";
    fns.push({ name: `g${i}`, kind, body });
  }
  const ops: Op[] = [];
  const nOps = rng.int(3, 14);
  // An unstarted coroutine mostly gets primed first, or the program ends at once.
  if (fns[0]!.kind !== "primed" && rng.chance(0.85)) ops.push({ k: "next", member: rng.chance(0.4) });
  while (ops.length < nOps) ops.push(op(rng));
  return { id, fns, arg: rng.int(0, 5), ops, marker: rng.chance(0.2) ? "yieldFrom" : "from" };
}

function op(rng: Choices): Op {
  const member = rng.chance(0.4);
  switch (rng.weighted({ next: 22, send: 40, throw: 16, close: 10, state: 9, yf: 7, jsnext: 5, jsthrow: 3, inner: 8 })) {
    case "next":
      return { k: "next", member };
    case "send":
      return { k: "send", v: rng.chance(0.1) ? null : rng.int(0, 9), member };
    case "throw": {
      const cls = rng.weighted({ E1: 8, E2: 6, E3: 5, GeneratorExit: 1, StopIteration: 1 });
      return { k: "throw", cls, v: rng.int(0, 9), member };
    }
    case "close":
      return { k: "close", member };
    case "inner":
      return { k: "inner", reg: rng.int(1, 4), how: rng.weighted({ send: 4, throw: 2, close: 2, state: 2 }), v: rng.int(0, 9) };
    case "jsnext":
      return { k: "jsnext", v: rng.chance(0.2) ? null : rng.int(0, 9) };
    case "jsthrow":
      return { k: "jsthrow", cls: rng.pick(["E1", "E2", "E3"] as const), v: rng.int(0, 9) };
    case "state":
      return { k: "state", member };
    default:
      return { k: "yf", member };
  }
}

function label(rng: Choices, s: Scope): Expr {
  return { k: "str", v: `g${s.fn}.${s.fuel.labels++}` };
}

function expr(rng: Choices, s: Scope): Expr {
  const w: Record<string, number> = { label: 40, add: 22, var: 14, int: 14, none: 4, err: s.errs.length ? 12 : 0 };
  switch (rng.weighted(w)) {
    case "label":
      return label(rng, s);
    case "add":
      return { k: "add", name: rng.pick(s.vars), v: rng.int(1, 5) };
    case "var":
      return { k: "var", name: rng.pick(s.vars) };
    case "int":
      return { k: "int", v: rng.int(0, 9) };
    case "none":
      return { k: "none" };
    default:
      return { k: "err", name: s.errs[s.errs.length - 1]! };
  }
}

function cond(rng: Choices, s: Scope): Cond {
  const name = rng.pick(s.vars);
  switch (rng.weighted({ even: 4, gt: 4, isNone: 2 })) {
    case "even":
      return { k: "even", name };
    case "gt":
      return { k: "gt", name, v: rng.int(0, 7) };
    default:
      return { k: "isNone", name };
  }
}

function block(rng: Choices, s: Scope, len: number, top = false): Stmt[] {
  const out: Stmt[] = [];
  for (let i = 0; i < len && s.fuel.n > 0; i++) {
    s.fuel.n--;
    out.push(stmt(rng, s));
  }
  // A terminal statement, only ever last in its block.
  const canReraise = s.errs.length > 0;
  const t = rng.weighted({ none: top ? 5 : 8, ret: top ? 3 : 1.2, raise: top ? 0.6 : 0.8, reraise: canReraise ? 1.5 : 0 });
  if (t === "ret") out.push({ k: "return", value: rng.chance(0.8) ? expr(rng, s) : undefined });
  else if (t === "raise") out.push({ k: "raise", cls: rng.pick(["E1", "E2", "E3", "E1", "E2", "E3", "StopIteration"] as const), value: expr(rng, s) });
  else if (t === "reraise") out.push({ k: "reraise", name: s.errs[s.errs.length - 1]! });
  return out;
}

function stmt(rng: Choices, s: Scope): Stmt {
  const nested = s.depth < MAX_DEPTH;
  const w = {
    yield: 30,
    assign: 4,
    log: 9,
    states: s.fn >= 2 ? 10 : 5,
    if: nested ? 7 : 0,
    for: nested ? 6 : 0,
    breakIf: s.inLoop ? 6 : 0,
    try: nested ? 15 : 0,
    delegate: s.fn < s.nFns - 1 ? 22 : 0,
    delegateList: 5,
    reenter: 1.5,
    delegateReg: 1.5,
    delegateIter: 7,
    store: s.fn < s.nFns - 1 ? 3 : 0,
    delegateStored: 4,
  };
  const inner = (extra: Partial<Scope> = {}): Scope => ({ ...s, depth: s.depth + 1, ...extra });
  switch (rng.weighted(w)) {
    case "yield":
      return { k: "yield", target: rng.chance(0.65) ? rng.pick(LOCALS) : undefined, value: expr(rng, s) };
    case "assign":
      return { k: "assign", target: rng.pick(LOCALS), value: expr(rng, s) };
    case "log":
      return { k: "log", value: expr(rng, s) };
    case "states":
      return { k: "states" };
    case "store":
      return { k: "store", callee: rng.int(s.fn + 1, s.nFns - 1), arg: { k: "int", v: rng.int(0, 9) } };
    case "delegateStored":
      return { k: "delegateStored", target: rng.chance(0.5) ? rng.pick(LOCALS) : undefined, star: rng.chance(0.25) };
    case "delegateIter":
      return {
        k: "delegateIter",
        target: rng.chance(0.5) ? rng.pick(LOCALS) : undefined,
        n: rng.chance(0.15) ? 0 : rng.int(1, 3),
        throwMode: rng.chance(0.6) ? rng.pick(["swallow", "raise", "finish", "other"] as const) : undefined,
        close: rng.chance(0.6) ? (rng.chance(0.25) ? "raise" : true) : false,
        star: rng.chance(0.25),
      };
    case "delegateReg":
      return { k: "delegateReg", target: rng.chance(0.5) ? rng.pick(LOCALS) : undefined, reg: rng.int(0, 4), star: rng.chance(0.25) };
    case "reenter":
      return { k: "reenter", target: rng.int(0, 4), how: rng.weighted({ send: 3, throw: 1, close: 1 }) };
    case "if":
      return {
        k: "if",
        cond: cond(rng, s),
        then: block(rng, inner(), rng.int(1, 3)),
        else: rng.chance(0.5) ? block(rng, inner(), rng.int(1, 2)) : [],
      };
    case "for": {
      const v = `i${s.depth}`;
      return { k: "for", v, count: rng.int(1, 3), body: block(rng, inner({ vars: [...s.vars, v], inLoop: true }), rng.int(1, 3)) };
    }
    case "breakIf":
      return { k: "breakIf", cond: cond(rng, s) };
    case "try":
      return tryStmt(rng, s, inner);
    case "delegate":
      return {
        k: "delegate",
        target: rng.chance(0.7) ? rng.pick(LOCALS) : undefined,
        callee: rng.chance(0.6) ? s.fn + 1 : rng.int(s.fn + 1, s.nFns - 1),
        arg: rng.chance(0.5) ? { k: "int", v: rng.int(0, 9) } : { k: "add", name: rng.pick(s.vars), v: rng.int(1, 3) },
        star: rng.chance(0.25),
      };
    default: {
      const items: Expr[] = [];
      const n = rng.weighted({ 0: 1, 1: 3, 2: 4, 3: 2 } as Record<string, number>);
      for (let i = 0; i < Number(n); i++) items.push(rng.chance(0.5) ? label(rng, s) : { k: "int", v: rng.int(0, 9) });
      return { k: "delegateList", target: rng.chance(0.4) ? rng.pick(LOCALS) : undefined, items, star: rng.chance(0.25) };
    }
  }
}

function tryStmt(rng: Choices, s: Scope, inner: (extra?: Partial<Scope>) => Scope): Stmt {
  const v = `x${s.fn}_${s.fuel.tries++}`;
  const body = block(rng, inner(), rng.int(1, 4));
  const nHandlers = rng.weighted({ 0: 2, 1: 6, 2: 3 } as Record<string, number>);
  const handlers = [];
  for (let i = 0; i < Number(nHandlers); i++) {
    const classes: Catchable[] = [];
    const n = rng.chance(0.2) ? 2 : 1;
    while (classes.length < n) {
      const c = rng.weighted({ E1: 6, E2: 5, E3: 3, Exception: 3, GeneratorExit: 5, RuntimeError: 1, StopIteration: 1 });
      if (!classes.includes(c)) classes.push(c);
    }
    const hs = inner({ errs: [...s.errs, v] });
    if (classes.includes("GeneratorExit")) handlers.push({ classes, body: genExitHandler(rng, hs, v) });
    else handlers.push({ classes, body: block(rng, hs, rng.int(1, 3)) });
  }
  const fin = Number(nHandlers) === 0 || rng.chance(0.45) ? block(rng, inner(), rng.int(1, 2)) : undefined;
  return { k: "try", v, body, handlers, finally: fin };
}

/** Mostly clean-up then re-raise; sometimes return a value; rarely yield. */
function genExitHandler(rng: Choices, s: Scope, v: string): Stmt[] {
  const out: Stmt[] = [{ k: "log", value: { k: "err", name: v } }];
  if (rng.chance(0.25)) out.push({ k: "states" });
  switch (rng.weighted({ reraise: 45, ret: 30, fall: 15, yield: 10 })) {
    case "reraise":
      out.push({ k: "reraise", name: v });
      break;
    case "ret":
      out.push({ k: "return", value: expr(rng, s) });
      break;
    case "yield":
      out.push({ k: "yield", target: rng.pick(LOCALS), value: label(rng, s) });
      if (rng.chance(0.5)) out.push({ k: "reraise", name: v });
      break;
  }
  return out;
}
