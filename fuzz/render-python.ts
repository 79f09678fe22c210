import { hasYield, type Cond, type Expr, type Fn, type Op, type Program, type Stmt } from "./program.js";

/**
 * Helpers every Python twin starts with. Python 3.11 is the oracle; two
 * coroutil rules that CPython 3.11 lacks are emulated here:
 * - close() returning the return value (3.13): close313;
 * - delegating to a primed coroutine yields its priming value first
 *   (SPEC 2, rule 7): reg_primed returns a Replay of it, and a primed outermost
 *   coroutine is registered as one; the Replay does not replay when the
 *   coroutine's own delegation chain reaches the running generator.
 * A list delegate is wrapped in ListIter so a sent value is ignored, as a
 * JS array iterator does (CPython would call a missing .send()).
 */
export const PY_PRELUDE = String.raw`import inspect, os, sys

class E1(Exception): pass
class E2(Exception): pass
class E3(E1): pass

def show(v):
    if v is None: return 'None'
    if v is True: return 'True'
    if v is False: return 'False'
    if type(v) is int: return str(v)
    if type(v) is str: return "'" + v + "'"
    if type(v) is list: return '[' + ', '.join(show(x) for x in v) + ']'
    if isinstance(v, BaseException): return show_exc(v)
    return '<' + type(v).__name__ + '>'

def show_exc(e):
    if isinstance(e, StopIteration): return 'StopIteration(' + show(e.value) + ')'
    if isinstance(e, GeneratorExit): return 'GeneratorExit()'
    if isinstance(e, (E1, E2)): return type(e).__name__ + '(' + show(e.args[0] if e.args else None) + ')'
    name = type(e).__name__
    if name == 'ValueError' and str(e) == 'generator already executing': name = 'TypeError'
    return name + '(' + show(str(e)) + ')'

def n(x): return x if type(x) is int else 0

OUT = []
def out(s): OUT.append(s)
def log(fn, v): out('  ' + fn + ': ' + show(v))

KEEP = []  # every generator stays alive: no finalizer may run a body behind our back
REG = []
def keep(g):
    KEEP.append(g)
    return g
def reg(g, name):
    KEEP.append(g)
    REG.append((name, g, g))
    return g
def state_yf(g):
    st = inspect.getgeneratorstate(g)
    # CPython 3.11 shows gi_yieldfrom of a running generator while throw() passes through it (3.12+ and SPEC: None)
    return st + ('/yf' if st != 'GEN_RUNNING' and g.gi_yieldfrom is not None else '')

def states(fn):
    out('  ' + fn + ' states: ' + ' '.join(name + '=' + state_yf(g) for name, g, _ in REG))

def reenter(fn, k, how):
    if not REG: return
    # the Replay of a primed coroutine, so that advancing it here ends its freshness (rule 7)
    name, _, g = REG[k % len(REG)]
    label = '  ' + fn + ' ' + how + ' ' + name
    try:
        # CPython 3.11's throw()/close() on a running generator that delegates passes the error to the
        # delegate and then corrupts the running frame; 3.12+ (and SPEC) refuse at once, as send() does.
        if how != 'send' and inspect.getgeneratorstate(REG[k % len(REG)][1]) == 'GEN_RUNNING':
            raise ValueError('generator already executing')
        if how == 'send': v = g.direct_send(None) if isinstance(g, Replay) else g.send(None)
        elif how == 'throw': v = g.throw(E2('re'))
        else: v = close313(g)
    except BaseException as e:
        out(label + ' !! ' + show_exc(e))
        return
    out(label + ' -> ' + show(v))

class Iter:
    def __init__(self, fn, n, mode, closes):
        self.fn = fn
        self.n = n
        self.i = 0
        self.mode = mode
        self.closes = closes
    def __iter__(self): return self
    def __next__(self): return self.send(None)
    def send(self, v):
        log(self.fn, 'it.send ' + show(v))
        if self.i >= self.n: raise StopIteration('it.done')
        self.i += 1
        return 'it' + str(self.i)
def it_throw(self, e):
    log(self.fn, 'it.throw ' + show_exc(e))
    if self.mode == 'swallow': return self.send(None)
    if self.mode == 'raise': raise e
    if self.mode == 'other': raise E3('it')
    raise StopIteration('it.thrown')
def it_close(self):
    log(self.fn, 'it.close')
    if self.closes == 'raise': raise E2('close')
class IterT(Iter): throw = it_throw
class IterC(Iter): close = it_close
class IterTC(Iter):
    throw = it_throw
    close = it_close

def reg_at(k):
    return REG[k % len(REG)][2] if REG else ListIter([])

def inner_op(k, how, v):
    if not REG: return 'no coroutine'
    name, g, obj = REG[k % len(REG)]
    if how == 'send': return obj.direct_send(v) if isinstance(obj, Replay) else g.send(v)
    if how == 'throw': return obj.throw(E1(v))
    if how == 'close': return close313(obj)
    return inspect.getgeneratorstate(g)

def js_next(g, v):
    if inspect.getgeneratorstate(g) == 'GEN_CREATED': v = None
    try:
        return 'value ' + show(g.send(v))
    except StopIteration as e:
        return 'done ' + show(e.value)

def js_throw(g, e):
    try:
        return 'value ' + show(g.throw(e))
    except StopIteration as e:
        return 'done ' + show(e.value)

def reaches_running(g):
    it = g.gi_yieldfrom
    while it is not None:
        if isinstance(it, Replay): it = it.g
        if not inspect.isgenerator(it): return False
        if inspect.getgeneratorstate(it) == 'GEN_RUNNING': return True
        it = it.gi_yieldfrom
    return False

class Replay:
    def __init__(self, g, v):
        self.g = g
        self.v = v
        self.fresh = True
    def __iter__(self): return self
    def __next__(self): return self.send(None)
    def send(self, x):
        if self.fresh:
            self.fresh = False
            # (rule 7 does not apply when its own delegation chain reaches the running generator)
            if not reaches_running(self.g): return self.v
        return self.g.send(x)
    def direct_send(self, x):
        self.fresh = False
        return self.g.send(x)
    def throw(self, e):
        self.fresh = False
        return self.g.throw(e)
    def close(self):
        self.fresh = False
        return self.g.close()

def reg_primed(g, name):
    KEEP.append(g)
    r = Replay(g, next(g))
    REG.append((name, g, r))
    return r

def driven(r, f):
    # the driver resumes the outermost coroutine: a primed one is no longer fresh (rule 7)
    if r is not None: r.fresh = False
    return f()

class ListIter:
    def __init__(self, xs): self.it = iter(xs)
    def __iter__(self): return self
    def __next__(self): return next(self.it)
    def send(self, x): return next(self.it)

def close313(g):
    try:
        g.throw(GeneratorExit)
    except StopIteration as e:
        return e.value
    except GeneratorExit:
        return None
    raise RuntimeError('generator ignored GeneratorExit')

def op(label, f):
    try:
        v = f()
    except BaseException as e:
        out(label + ' !! ' + show_exc(e))
        return
    out(label + ' -> ' + show(v))

def run(pid, f):
    OUT.clear()
    REG.clear()
    OUT.append('#### ' + pid)
    try:
        f()
    except BaseException as e:
        out('!! crash ' + show_exc(e))
    sys.stdout.write('\n'.join(OUT) + '\n')
    sys.stdout.flush()
`;

/** The end of a Python batch: exit without finalizing the kept generators. */
export const PY_EPILOGUE = "sys.stdout.flush()\nos._exit(0)\n";

const q = (s: string): string => `'${s}'`;

function expr(e: Expr): string {
  switch (e.k) {
    case "int":
      return String(e.v);
    case "str":
      return q(e.v);
    case "none":
      return "None";
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
      return `n(${c.name}) % 2 == 0`;
    case "gt":
      return `n(${c.name}) > ${c.v}`;
    case "isNone":
      return `${c.name} is None`;
  }
}

const PY_CLASS: Record<string, string> = { Exception: "Exception" };

class Writer {
  lines: string[] = [];
  line(indent: number, s: string): void {
    this.lines.push("    ".repeat(indent) + s);
  }
}

function stmts(w: Writer, ind: number, ss: Stmt[], fn: Fn, fns: Fn[]): void {
  if (ss.length === 0) w.line(ind, "pass");
  for (const s of ss) stmt(w, ind, s, fn, fns);
}

function assign(target: string | undefined, rhs: string): string {
  return target === undefined ? rhs : `${target} = ${rhs}`;
}

/** A call creating a generated coroutine, registered (primed ones wrapped in a Replay) or only kept. */
function made(callee: Fn, arg: Expr): string {
  const call = `${callee.name}(${expr(arg)})`;
  return callee.kind === "primed"
    ? `reg_primed(${call}, '${callee.name}')`
    : callee.kind === "track"
      ? `reg(${call}, '${callee.name}')`
      : `keep(${call})`;
}

function stmt(w: Writer, ind: number, s: Stmt, fn: Fn, fns: Fn[]): void {
  switch (s.k) {
    case "yield":
      return w.line(ind, assign(s.target, `yield ${expr(s.value)}`));
    case "assign":
      return w.line(ind, `${s.target} = ${expr(s.value)}`);
    case "log":
      return w.line(ind, `log('${fn.name}', ${expr(s.value)})`);
    case "states":
      return w.line(ind, `states('${fn.name}')`);
    case "if":
      w.line(ind, `if ${cond(s.cond)}:`);
      stmts(w, ind + 1, s.then, fn, fns);
      if (s.else.length) {
        w.line(ind, "else:");
        stmts(w, ind + 1, s.else, fn, fns);
      }
      return;
    case "for":
      w.line(ind, `for ${s.v} in range(${s.count}):`);
      return stmts(w, ind + 1, s.body, fn, fns);
    case "breakIf":
      return w.line(ind, `if ${cond(s.cond)}: break`);
    case "try":
      w.line(ind, "try:");
      stmts(w, ind + 1, s.body, fn, fns);
      for (const h of s.handlers) {
        const cls = h.classes.map((c) => PY_CLASS[c] ?? c);
        w.line(ind, `except ${cls.length === 1 ? cls[0] : `(${cls.join(", ")})`} as ${s.v}:`);
        stmts(w, ind + 1, h.body, fn, fns);
      }
      if (s.finally) {
        w.line(ind, "finally:");
        stmts(w, ind + 1, s.finally, fn, fns);
      }
      return;
    case "delegate":
      return w.line(ind, assign(s.target, `yield from ${made(fns[s.callee]!, s.arg)}`));
    case "store":
      return w.line(ind, `d = ${made(fns[s.callee]!, s.arg)}`);
    case "delegateStored":
      return w.line(ind, assign(s.target, "yield from d"));
    case "delegateList":
      return w.line(ind, assign(s.target, `yield from ListIter([${s.items.map(expr).join(", ")}])`));
    case "delegateReg":
      return w.line(ind, assign(s.target, `yield from reg_at(${s.reg})`));
    case "delegateIter": {
      const cls = `Iter${s.throwMode ? "T" : ""}${s.close ? "C" : ""}`;
      const closes = s.close === "raise" ? "'raise'" : s.close ? "True" : "False";
      return w.line(ind, assign(s.target, `yield from ${cls}('${fn.name}', ${s.n}, ${s.throwMode ? `'${s.throwMode}'` : "None"}, ${closes})`));
    }
    case "raise":
      return w.line(ind, `raise ${s.cls}(${expr(s.value)})`);
    case "reraise":
      return w.line(ind, `raise ${s.name}`);
    case "return":
      return w.line(ind, s.value === undefined ? "return" : `return ${expr(s.value)}`);
    case "reenter":
      return w.line(ind, `reenter('${fn.name}', ${s.target}, '${s.how}')`);
  }
}

function driverOp(o: Op): [string, string] {
  switch (o.k) {
    case "next":
      return ["next", "next(g)"];
    case "send":
      return [`send ${o.v === null ? "None" : o.v}`, `g.send(${o.v === null ? "None" : o.v})`];
    case "throw": {
      const e = o.cls === "GeneratorExit" ? "GeneratorExit()" : `${o.cls}(${o.v})`;
      return [`throw ${e}`, `g.throw(${e})`];
    }
    case "close":
      return ["close", "close313(g)"];
    case "state":
      return ["state", "inspect.getgeneratorstate(g)"];
    case "yf":
      return ["yf", "g.gi_yieldfrom is not None"];
    case "jsnext": {
      const v = o.v === null ? "None" : String(o.v);
      return [`js next(${v})`, `js_next(g, ${v})`];
    }
    case "jsthrow":
      return [`js throw ${o.cls}(${o.v})`, `js_throw(g, ${o.cls}(${o.v}))`];
    case "inner":
      return [`inner ${o.reg} ${o.how} ${o.v}`, `inner_op(${o.reg}, '${o.how}', ${o.v})`];
  }
}

/** The program as a Python function `prog_<id>()` (no prelude). */
export function renderPythonProgram(p: Program): string {
  const w = new Writer();
  const fname = `prog_${p.id.replace(/\W/g, "_")}`;
  w.line(0, `def ${fname}():`);
  for (const fn of p.fns) {
    w.line(1, `def ${fn.name}(p):`);
    w.line(2, "a = b = c = 0");
    w.line(2, "d = ListIter([])");
    if (!hasYield(fn.body)) w.line(2, "if False: yield");
    stmts(w, 2, fn.body, fn, p.fns);
  }
  const g0 = p.fns[0]!;
  // A primed outermost coroutine is registered as a Replay of its priming value, as
  // reg_primed does for inner ones: delegating to it before anything resumed it
  // replays that value (SPEC rule 7).
  if (g0.kind === "primed") {
    w.line(1, `g = keep(g0(${p.arg}))`);
    w.line(1, "try:");
    w.line(2, "first = next(g)");
    w.line(1, "except BaseException as e:");
    w.line(2, "out('start !! ' + show_exc(e))");
    w.line(2, "return");
    w.line(1, "r0 = Replay(g, first)");
    w.line(1, "REG.append(('g0', g, r0))");
  } else {
    w.line(1, `g = reg(g0(${p.arg}), 'g0')`);
    w.line(1, "r0 = None");
  }
  w.line(1, "out('start')");
  for (const o of p.ops) {
    const [label, call] = driverOp(o);
    const resumes = o.k !== "state" && o.k !== "yf" && o.k !== "inner";
    w.line(1, `op(${JSON.stringify(label)}, lambda: ${resumes ? `driven(r0, lambda: ${call})` : call})`);
  }
  return w.lines.join("\n") + "\n";
}

export function pythonCall(p: Program): string {
  return `run(${JSON.stringify(p.id)}, prog_${p.id.replace(/\W/g, "_")})\n`;
}

/** One python3 script running every program in order. */
export function renderPythonBatch(ps: Program[]): string {
  return PY_PRELUDE + "\n" + ps.map((p) => renderPythonProgram(p) + pythonCall(p)).join("\n") + "\n" + PY_EPILOGUE;
}
