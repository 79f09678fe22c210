// A recursive-descent parser written with delegation: arithmetic expressions (+ - * / and
// parentheses, modulo a prime), about 1 MB of generated source, tokens pulled by send (the driver
// sends each token into the parser, whose innermost rule receives it). coroutil with the plugin
// (`yield* from(term(st))`, a delegation per rule) against the same parser with native `yield*`.
// Run by bench/recursion.ts under the register hook; twin: parser.py (same source, same tokens).
import { from, send, type Coroutine } from "coroutil";
import { report, roundsArg, timeRounds } from "../support/rounds.js";
import { isMain, trampolinedCopy } from "../support/trampolined.js";

type Token = number | string;
const EOF = "$";
const P = 1_000_003;

/** The parser's state: the current token; `st.tok = yield` asks the driver for the next one. */
interface State {
  tok: Token;
}

/** The source: `;`-separated expressions, nested up to 6 deep, from a fixed LCG (the twin's too). */
export function source(bytes: number): string {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  const expr = (depth: number): string => {
    let s = depth > 0 && rand(3) === 0 ? `(${expr(depth - 1)})` : String(rand(1000));
    for (let i = rand(4); i > 0; i--) {
      const right = depth > 0 && rand(3) === 0 ? `(${expr(depth - 1)})` : String(rand(1000));
      s += ` ${"+-*/"[rand(4)]} ${right}`;
    }
    return s;
  };
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const e = expr(6);
    parts.push(e);
    size += e.length + 2;
  }
  return parts.join(";\n") + ";\n";
}

export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/\d+|[-+*/();]/g)) out.push(/\d/.test(m[0]) ? Number(m[0]) : m[0]);
  out.push(EOF);
  return out;
}

const apply = (op: Token, a: number, b: number) =>
  op === "+" ? (a + b) % P : op === "-" ? (a - b + P) % P : op === "*" ? (a * b) % P : (a + 1) % P === 0 ? 0 : Math.floor(a / (b + 1));

function* program(st: State): Generator<undefined, number, Token> {
  st.tok = yield;
  let total = 0;
  while (st.tok !== EOF) {
    total = (total + (yield* from(expr(st)))) % P;
    st.tok = yield; // the ";"
  }
  return total;
}

function* expr(st: State): Generator<undefined, number, Token> {
  let v = yield* from(term(st));
  while (st.tok === "+" || st.tok === "-") {
    const op = st.tok;
    st.tok = yield;
    v = apply(op, v, yield* from(term(st)));
  }
  return v;
}

function* term(st: State): Generator<undefined, number, Token> {
  let v = yield* from(factor(st));
  while (st.tok === "*" || st.tok === "/") {
    const op = st.tok;
    st.tok = yield;
    v = apply(op, v, yield* from(factor(st)));
  }
  return v;
}

function* factor(st: State): Generator<undefined, number, Token> {
  if (st.tok === "(") {
    st.tok = yield;
    const v = yield* from(expr(st));
    st.tok = yield; // the ")"
    return v;
  }
  const v = st.tok as number;
  st.tok = yield;
  return v;
}

function* programNative(st: State): Generator<undefined, number, Token> {
  st.tok = yield;
  let total = 0;
  while (st.tok !== EOF) {
    total = (total + (yield* exprNative(st))) % P;
    st.tok = yield;
  }
  return total;
}

function* exprNative(st: State): Generator<undefined, number, Token> {
  let v = yield* termNative(st);
  while (st.tok === "+" || st.tok === "-") {
    const op = st.tok;
    st.tok = yield;
    v = apply(op, v, yield* termNative(st));
  }
  return v;
}

function* termNative(st: State): Generator<undefined, number, Token> {
  let v = yield* factorNative(st);
  while (st.tok === "*" || st.tok === "/") {
    const op = st.tok;
    st.tok = yield;
    v = apply(op, v, yield* factorNative(st));
  }
  return v;
}

function* factorNative(st: State): Generator<undefined, number, Token> {
  if (st.tok === "(") {
    st.tok = yield;
    const v = yield* exprNative(st);
    st.tok = yield;
    return v;
  }
  const v = st.tok as number;
  st.tok = yield;
  return v;
}

function parseCoroutil(toks: Token[]): number {
  const p = program({ tok: EOF }) as unknown as Coroutine<undefined, number, Token>;
  p.next();
  for (const t of toks) {
    const r = p.next(t);
    if (r.done) return r.value;
  }
  throw new Error("the parser did not finish");
}

export function parseNative(toks: Token[]): number {
  const p = programNative({ tok: EOF });
  p.next();
  for (const t of toks) {
    const r = p.next(t);
    if (r.done) return r.value;
  }
  throw new Error("the parser did not finish");
}

void send;
if (process.argv.includes("--source")) {
  process.stdout.write(source(1_000_000));
} else if (isMain(import.meta.url)) {
  const text = source(1_000_000);
  const toks = tokens(text);
  // The native parser again, compiled with `trampoline: "all"`: plain `yield*` on the trampoline.
  const all = await trampolinedCopy<{ parseNative: typeof parseNative }>(import.meta.url);
  report({
    workload: "parser",
    bytes: text.length,
    tokens: toks.length,
    ...timeRounds({ coroutil: () => parseCoroutil(toks), native: () => parseNative(toks), all: () => all.parseNative(toks) }, roundsArg(7)),
  });
}
