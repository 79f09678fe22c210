/**
 * The one description of a random coroutine program; render-python.ts and
 * render-ts.ts turn it into a CPython twin and a coroutil twin.
 */

/** Error classes both sides define (E3 derives from E1) plus the built-ins a body can catch. */
export type UserError = "E1" | "E2" | "E3";
export type Catchable = UserError | "Exception" | "GeneratorExit" | "RuntimeError" | "StopIteration";

export type Expr =
  | { k: "int"; v: number }
  | { k: "str"; v: string }
  | { k: "none" }
  | { k: "var"; name: string }
  /** `n(name) + v`, where n() maps anything but an int to 0 */
  | { k: "add"; name: string; v: number }
  /** show(e) of a caught exception, as a string */
  | { k: "err"; name: string };

export type Cond =
  | { k: "even"; name: string }
  | { k: "gt"; name: string; v: number }
  | { k: "isNone"; name: string };

export type Stmt =
  | { k: "yield"; target?: string; value: Expr }
  | { k: "assign"; target: string; value: Expr }
  | { k: "log"; value: Expr }
  /** prints the state of every registered coroutine */
  | { k: "states" }
  | { k: "if"; cond: Cond; then: Stmt[]; else: Stmt[] }
  | { k: "for"; v: string; count: number; body: Stmt[] }
  | { k: "breakIf"; cond: Cond }
  | { k: "try"; v: string; body: Stmt[]; handlers: Handler[]; finally?: Stmt[] }
  /** `target = yield from g<callee>(arg)`; `star` picks `yield* from(x)` in the plugin form */
  | { k: "delegate"; target?: string; callee: number; arg: Expr; star: boolean }
  /** `d = g<callee>(arg)`: created (primed ones primed) now, delegated to later by delegateStored */
  | { k: "store"; callee: number; arg: Expr }
  | { k: "delegateStored"; target?: string; star: boolean }
  /** `target = yield from [items]` (a list iterator: no send/throw/close of its own) */
  | { k: "delegateList"; target?: string; items: Expr[]; star: boolean }
  /** `target = yield from` registered coroutine number `reg` (mod count): running, finished or abandoned */
  | { k: "delegateReg"; target?: string; reg: number; star: boolean }
  /**
   * `target = yield from` a hand-written iterator yielding `n` values then returning 'it.done'; with
   * `throwMode` it has throw() (swallow: yield on; raise: re-raise; finish: return 'it.thrown';
   * other: raise E3('it')), with `close` a close() (Python) / return() (JS), which may raise E2('close')
   */
  | {
      k: "delegateIter";
      target?: string;
      n: number;
      throwMode?: "swallow" | "raise" | "finish" | "other";
      close: boolean | "raise";
      star: boolean;
    }
  /** StopIteration raised in a body becomes RuntimeError (PEP 479) */
  | { k: "raise"; cls: UserError | "StopIteration"; value: Expr }
  | { k: "reraise"; name: string }
  | { k: "return"; value?: Expr }
  /** from inside a body, send/throw/close registered coroutine number `target` (mod count): mostly "already executing" */
  | { k: "reenter"; target: number; how: "send" | "throw" | "close" };

export interface Handler {
  classes: Catchable[];
  body: Stmt[];
}

/**
 * How a function is made on the coroutil side (the same in both forms):
 * primed: `coroutine(...)` / `@coroutine`; track: `track(...)` / a generator
 * with markers; native: a plain generator with no marker; adapter: a plain
 * generator using `yield* from(x)` (runtime form) — not registered, since
 * coroutil may not track it.
 */
export type Kind = "primed" | "track" | "native" | "adapter";

export interface Fn {
  name: string;
  kind: Kind;
  body: Stmt[];
}

export type Op =
  | { k: "next"; member: boolean }
  | { k: "send"; v: number | null; member: boolean }
  | { k: "throw"; cls: UserError | "GeneratorExit" | "StopIteration"; v: number; member: boolean }
  | { k: "close"; member: boolean }
  | { k: "state"; member: boolean }
  | { k: "yf"; member: boolean }
  /** the JS iterator face: next(v) / throw(e), printed as value X / done X */
  | { k: "jsnext"; v: number | null }
  | { k: "jsthrow"; cls: UserError; v: number }
  /** the driver works registered coroutine number `reg` (mod count) directly, e.g. a delegate the outermost is suspended in */
  | { k: "inner"; reg: number; how: "send" | "throw" | "close" | "state"; v: number };

export interface Program {
  /** "<run seed>-<index>" */
  id: string;
  fns: Fn[];
  /** the outermost coroutine's argument */
  arg: number;
  ops: Op[];
  /** the marker's name on the coroutil side: from or its alias yieldFrom */
  marker: "from" | "yieldFrom";
}

export function walk(stmts: Stmt[], f: (s: Stmt) => void): void {
  for (const s of stmts) {
    f(s);
    if (s.k === "if") {
      walk(s.then, f);
      walk(s.else, f);
    } else if (s.k === "for") walk(s.body, f);
    else if (s.k === "try") {
      walk(s.body, f);
      for (const h of s.handlers) walk(h.body, f);
      if (s.finally) walk(s.finally, f);
    }
  }
}

export function hasYield(stmts: Stmt[]): boolean {
  let found = false;
  walk(stmts, (s) => {
    if (s.k === "yield" || s.k === "delegate" || s.k === "delegateList" || s.k === "delegateReg" || s.k === "delegateIter" || s.k === "delegateStored") found = true;
  });
  return found;
}

export function hasMarker(stmts: Stmt[]): boolean {
  let found = false;
  walk(stmts, (s) => {
    if (s.k === "delegate" || s.k === "delegateList" || s.k === "delegateReg" || s.k === "delegateIter" || s.k === "delegateStored") found = true;
  });
  return found;
}

/**
 * True when every name a statement reads is in scope (loop counters inside
 * their loop, caught errors inside their handler) and every break is in a
 * loop: what a shrunk program must keep to stay valid in both languages.
 */
export function isValid(p: Program): boolean {
  const exprOk = (e: Expr, vars: string[], errs: string[]): boolean =>
    e.k === "var" || e.k === "add" ? vars.includes(e.name) : e.k === "err" ? errs.includes(e.name) : true;
  const condOk = (c: Cond, vars: string[]): boolean => vars.includes(c.name);
  const ok = (ss: Stmt[], vars: string[], errs: string[], inLoop: boolean): boolean =>
    ss.every((s) => {
      switch (s.k) {
        case "yield":
        case "assign":
        case "log":
          return exprOk(s.value, vars, errs);
        case "if":
          return condOk(s.cond, vars) && ok(s.then, vars, errs, inLoop) && ok(s.else, vars, errs, inLoop);
        case "for":
          return ok(s.body, [...vars, s.v], errs, true);
        case "breakIf":
          return inLoop && condOk(s.cond, vars);
        case "try":
          return (
            ok(s.body, vars, errs, inLoop) &&
            s.handlers.every((h) => ok(h.body, vars, [...errs, s.v], inLoop)) &&
            (s.finally === undefined || ok(s.finally, vars, errs, inLoop)) &&
            (s.handlers.length > 0 || s.finally !== undefined)
          );
        case "delegate":
          return exprOk(s.arg, vars, errs) && s.callee < p.fns.length;
        case "delegateList":
          return s.items.every((e) => exprOk(e, vars, errs));
        case "raise":
          return exprOk(s.value, vars, errs);
        case "reraise":
          return errs.includes(s.name);
        case "return":
          return s.value === undefined || exprOk(s.value, vars, errs);
        case "states":
        case "reenter":
        case "delegateReg":
        case "delegateIter":
        case "delegateStored":
          return true;
        case "store":
          return exprOk(s.arg, vars, errs) && s.callee < p.fns.length;
      }
    });
  return p.fns.every((fn) => ok(fn.body, ["a", "b", "c", "p"], [], false)) && p.ops.length > 0;
}
