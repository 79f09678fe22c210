import type { Catchable, Cond, Expr, Fn, Op, Program, Stmt } from "./program.js";

/**
 * The two coroutil forms of a program: "runtime" writes `coroutine(...)`,
 * `track(...)` and `yield* from(x)` by hand; "plugin" (and "plugin8", the same
 * compiled with Babel 8) writes `@coroutine`
 * JSDoc and `yield from(x)`, and needs the Babel plugin to run.
 */
export type Form = "runtime" | "plugin" | "plugin8";
export const FORMS: readonly Form[] = ["runtime", "plugin", "plugin8"];

/** The source a form compiles: plugin8 is the plugin form compiled with Babel 8. */
const source = (form: Form): "runtime" | "plugin" => (form === "runtime" ? "runtime" : "plugin");

export const TS_IMPORT =
  'import { coroutine, track, from, yieldFrom, send, next, throwInto, close, getGeneratorState, getYieldFrom, StopIteration, GeneratorExit, RuntimeError } from "coroutil";\n';

/** Helpers mirroring the Python prelude line for line (same output format). */
export const TS_PRELUDE = String.raw`
class UserError extends Error {
  arg: any;
  constructor(arg?: any) {
    super(String(arg));
    this.arg = arg;
  }
}
class E1 extends UserError {}
class E2 extends UserError {}
class E3 extends E1 {}

function show(v: any): string {
  if (v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return "'" + v + "'";
  if (Array.isArray(v)) return "[" + v.map(show).join(", ") + "]";
  if (v instanceof Error) return showExc(v);
  if (v === null) return "null";
  return "<" + (v.constructor?.name ?? typeof v) + ">";
}

function showExc(e: any): string {
  if (e instanceof StopIteration) return "StopIteration(" + show(e.value) + ")";
  if (e instanceof GeneratorExit) return "GeneratorExit()";
  if (e instanceof UserError) return e.constructor.name + "(" + show(e.arg) + ")";
  if (e instanceof Error) return e.name + "(" + show(e.message) + ")";
  return "thrown(" + show(e) + ")";
}

const n = (x: any): number => (typeof x === "number" ? x : 0);

let OUT: string[] = [];
function out(s: string): void {
  OUT.push(s);
}
function log(fn: string, v: any): void {
  out("  " + fn + ": " + show(v));
}

let REG: [string, any][] = [];
function keep<T>(g: T): T {
  return g;
}
// (track() returns a Coroutine as it is; it wraps a generator the shrinker left without a marker in the plugin form)
function reg<T>(g: T, name: string): T {
  const c = track(g as any) as T;
  REG.push([name, c]);
  return c;
}
function states(fn: string): void {
  out("  " + fn + " states: " + REG.map(([name, g]) => name + "=" + getGeneratorState(g) + (getYieldFrom(g) !== undefined ? "/yf" : "")).join(" "));
}

function reenter(fn: string, k: number, how: string): void {
  if (REG.length === 0) return;
  const [name, g] = REG[k % REG.length]!;
  const label = "  " + fn + " " + how + " " + name;
  let v: unknown;
  try {
    v = how === "send" ? g.send(undefined) : how === "throw" ? g.throwInto(new E2("re")) : g.close();
  } catch (e) {
    out(label + " !! " + showExc(e));
    return;
  }
  out(label + " -> " + show(v));
}

function iter(fn: string, n: number, mode: string | undefined, closes: boolean | "raise"): any {
  let i = 0;
  const it: any = {
    [Symbol.iterator]() {
      return this;
    },
    next(v?: unknown) {
      log(fn, "it.send " + show(v));
      if (i >= n) return { done: true, value: "it.done" };
      i++;
      return { done: false, value: "it" + i };
    },
  };
  if (mode !== undefined) {
    it.throw = (e: unknown) => {
      log(fn, "it.throw " + showExc(e));
      if (mode === "swallow") return it.next(undefined);
      if (mode === "raise") throw e;
      if (mode === "other") throw new E3("it");
      return { done: true, value: "it.thrown" };
    };
  }
  if (closes) {
    it.return = () => {
      log(fn, "it.close");
      if (closes === "raise") throw new E2("close");
      return { done: true, value: undefined };
    };
  }
  return it;
}

function regAt(k: number): any {
  return REG.length ? REG[k % REG.length]![1] : [];
}

function innerOp(k: number, how: string, v: number): unknown {
  if (REG.length === 0) return "no coroutine";
  const g = REG[k % REG.length]![1];
  if (how === "send") return g.send(v);
  if (how === "throw") return g.throwInto(new E1(v));
  if (how === "close") return g.close();
  return g.state;
}

function jsResult(r: IteratorResult<unknown, unknown>): string {
  return (r.done ? "done " : "value ") + show(r.value);
}

function op(label: string, f: () => unknown): void {
  let v: unknown;
  try {
    v = f();
  } catch (e) {
    out(label + " !! " + showExc(e));
    return;
  }
  out(label + " -> " + show(v));
}

function run(pid: string, f: () => void): void {
  OUT = ["#### " + pid];
  REG = [];
  try {
    f();
  } catch (e) {
    out("!! crash " + showExc(e));
  }
  process.stdout.write(OUT.join("\n") + "\n");
}
`;

function expr(e: Expr): string {
  switch (e.k) {
    case "int":
      return String(e.v);
    case "str":
      return JSON.stringify(e.v);
    case "none":
      return "undefined";
    case "var":
      return e.name;
    case "add":
      return `n(${e.name}) + ${e.v}`;
    case "err":
      return `show(${e.name})`;
  }
}

function cond(c: Cond): string {
  switch (c.k) {
    case "even":
      return `n(${c.name}) % 2 === 0`;
    case "gt":
      return `n(${c.name}) > ${c.v}`;
    case "isNone":
      return `${c.name} === undefined`;
  }
}

function catches(c: Catchable, v: string): string {
  return c === "Exception" ? `!(${v} instanceof GeneratorExit)` : `${v} instanceof ${c}`;
}

interface Ctx {
  form: Form;
  marker: string;
  fn: Fn;
  fns: Fn[];
  lines: string[];
}

function line(ctx: Ctx, ind: number, s: string): void {
  ctx.lines.push("  ".repeat(ind) + s);
}

function stmts(ctx: Ctx, ind: number, ss: Stmt[]): void {
  for (const s of ss) stmt(ctx, ind, s);
}

function assign(target: string | undefined, rhs: string): string {
  return target === undefined ? `${rhs};` : `${target} = ${rhs};`;
}

/**
 * `yield* from(x)` (adapter) or `yield from(x)` (trampolined; fine in the
 * runtime form too, as every generator here is driven by a Coroutine): the
 * runtime form mostly uses the first, the plugin form mostly the second.
 */
function delegation(ctx: Ctx, star: boolean, target: string): string {
  const kw = star === (source(ctx.form) === "plugin") ? "yield*" : "yield";
  return `${kw} ${ctx.marker}(${target})`;
}

function made(callee: Fn, arg: Expr): string {
  const call = `${callee.name}(${expr(arg)})`;
  return callee.kind === "primed" || callee.kind === "track" ? `reg(${call}, "${callee.name}")` : `keep(${call})`;
}

function stmt(ctx: Ctx, ind: number, s: Stmt): void {
  const { fn } = ctx;
  switch (s.k) {
    case "yield":
      return line(ctx, ind, assign(s.target, `yield ${expr(s.value)}`));
    case "assign":
      return line(ctx, ind, `${s.target} = ${expr(s.value)};`);
    case "log":
      return line(ctx, ind, `log("${fn.name}", ${expr(s.value)});`);
    case "states":
      return line(ctx, ind, `states("${fn.name}");`);
    case "if":
      line(ctx, ind, `if (${cond(s.cond)}) {`);
      stmts(ctx, ind + 1, s.then);
      if (s.else.length) {
        line(ctx, ind, "} else {");
        stmts(ctx, ind + 1, s.else);
      }
      return line(ctx, ind, "}");
    case "for":
      line(ctx, ind, `for (let ${s.v} = 0; ${s.v} < ${s.count}; ${s.v}++) {`);
      stmts(ctx, ind + 1, s.body);
      return line(ctx, ind, "}");
    case "breakIf":
      return line(ctx, ind, `if (${cond(s.cond)}) break;`);
    case "try":
      line(ctx, ind, "try {");
      stmts(ctx, ind + 1, s.body);
      if (s.handlers.length) {
        line(ctx, ind, `} catch (${s.v}) {`);
        s.handlers.forEach((h, i) => {
          const test = h.classes.map((c) => catches(c, s.v)).join(" || ");
          line(ctx, ind + 1, `${i === 0 ? "if" : "} else if"} (${test}) {`);
          stmts(ctx, ind + 2, h.body);
        });
        line(ctx, ind + 1, "} else {");
        line(ctx, ind + 2, `throw ${s.v};`);
        line(ctx, ind + 1, "}");
      }
      if (s.finally) {
        line(ctx, ind, "} finally {");
        stmts(ctx, ind + 1, s.finally);
      }
      return line(ctx, ind, "}");
    case "delegate":
      return line(ctx, ind, assign(s.target, delegation(ctx, s.star, made(ctx.fns[s.callee]!, s.arg))));
    case "store":
      return line(ctx, ind, `d = ${made(ctx.fns[s.callee]!, s.arg)};`);
    case "delegateStored":
      return line(ctx, ind, assign(s.target, delegation(ctx, s.star, "d")));
    case "delegateList":
      return line(ctx, ind, assign(s.target, delegation(ctx, s.star, `[${s.items.map(expr).join(", ")}]`)));
    case "delegateReg":
      return line(ctx, ind, assign(s.target, delegation(ctx, s.star, `regAt(${s.reg})`)));
    case "delegateIter": {
      const mode = s.throwMode ? `"${s.throwMode}"` : "undefined";
      const closes = s.close === "raise" ? '"raise"' : String(s.close);
      return line(ctx, ind, assign(s.target, delegation(ctx, s.star, `iter("${fn.name}", ${s.n}, ${mode}, ${closes})`)));
    }
    case "raise":
      return line(ctx, ind, `throw new ${s.cls}(${expr(s.value)});`);
    case "reraise":
      return line(ctx, ind, `throw ${s.name};`);
    case "return":
      return line(ctx, ind, s.value === undefined ? "return;" : `return ${expr(s.value)};`);
    case "reenter":
      return line(ctx, ind, `reenter("${fn.name}", ${s.target}, "${s.how}");`);
  }
}

function fnHead(form: Form, fn: Fn): [string, string] {
  const sig = `function* ${fn.name}(p: any): Generator<any, any, any> {`;
  if (source(form) === "plugin") {
    // Declarations, function expressions and object methods in turn: the plugin lowers each its own way.
    const tag = fn.kind === "primed" ? "/** @coroutine */ " : "";
    const shape = Number(fn.name.slice(1)) % 3;
    if (shape === 1) return [`${tag}const ${fn.name} = function* (p: any): Generator<any, any, any> {`, "};"];
    if (shape === 2) return [`const ${fn.name} = { ${tag}*${fn.name}(p: any): Generator<any, any, any> {`, `} }.${fn.name};`];
    return [`${tag}${sig}`, "}"];
  }
  if (fn.kind === "primed") return [`const ${fn.name} = coroutine(${sig}`, "});"];
  if (fn.kind === "track") return [`const ${fn.name} = track(${sig}`, "});"];
  return [sig, "}"];
}

function driverOp(o: Op): [string, string] {
  switch (o.k) {
    case "next":
      return ["next", o.member ? "g.send(undefined)" : "next(g)"];
    case "send": {
      const v = o.v === null ? "undefined" : String(o.v);
      return [`send ${o.v === null ? "None" : o.v}`, o.member ? `g.send(${v})` : `send(g, ${v})`];
    }
    case "throw": {
      const label = o.cls === "GeneratorExit" ? "GeneratorExit()" : `${o.cls}(${o.v})`;
      const e = o.cls === "GeneratorExit" ? "new GeneratorExit()" : `new ${o.cls}(${o.v})`;
      return [`throw ${label}`, o.member ? `g.throwInto(${e})` : `throwInto(g, ${e})`];
    }
    case "close":
      return ["close", o.member ? "g.close()" : "close(g)"];
    case "state":
      return ["state", o.member ? "g.state" : "getGeneratorState(g)"];
    case "yf":
      return ["yf", o.member ? "g.yieldFrom !== undefined" : "getYieldFrom(g) !== undefined"];
    case "jsnext": {
      const v = o.v === null ? "undefined" : String(o.v);
      return [`js next(${o.v === null ? "None" : o.v})`, `jsResult(g.next(${v}))`];
    }
    case "jsthrow":
      return [`js throw ${o.cls}(${o.v})`, `jsResult(g.throw(new ${o.cls}(${o.v})))`];
    case "inner":
      return [`inner ${o.reg} ${o.how} ${o.v}`, `innerOp(${o.reg}, "${o.how}", ${o.v})`];
  }
}

export function progName(p: Program): string {
  return `prog_${p.id.replace(/\W/g, "_")}`;
}

/** The program as a TS function `prog_<id>()` (no prelude). */
export function renderTsProgram(p: Program, form: Form): string {
  const lines: string[] = [];
  const ctx = (fn: Fn): Ctx => ({ form, marker: p.marker, fn, fns: p.fns, lines });
  lines.push(`function ${progName(p)}(): void {`);
  for (const fn of p.fns) {
    const [head, tail] = fnHead(form, fn);
    line(ctx(fn), 1, head);
    line(ctx(fn), 2, "let a: any = 0, b: any = 0, c: any = 0, d: any = [];");
    stmts(ctx(fn), 2, fn.body);
    line(ctx(fn), 1, tail);
  }
  const g0 = p.fns[0]!;
  const c = ctx(g0);
  line(c, 1, "let g: any;");
  if (g0.kind === "primed") {
    line(c, 1, "try {");
    line(c, 2, `g = g0(${p.arg});`);
    line(c, 1, "} catch (e) {");
    line(c, 2, 'out("start !! " + showExc(e));');
    line(c, 2, "return;");
    line(c, 1, "}");
    line(c, 1, 'reg(g, "g0");');
  } else {
    line(c, 1, `g = reg(track(g0(${p.arg})), "g0");`);
  }
  line(c, 1, 'out("start");');
  for (const o of p.ops) {
    const [label, call] = driverOp(o);
    line(c, 1, `op(${JSON.stringify(label)}, () => ${call});`);
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}

export function tsCall(p: Program): string {
  return `run(${JSON.stringify(p.id)}, ${progName(p)});\n`;
}

/** One TS module running every program in order. */
export function renderTsBatch(ps: Program[], form: Form): string {
  return TS_IMPORT + TS_PRELUDE + "\n" + ps.map((p) => renderTsProgram(p, form) + tsCall(p)).join("\n");
}
