import { isValid, type Program, type Stmt } from "./program.js";

/** Every statement list of a program, in a fixed order (so a clone yields the same order). */
function lists(p: Program): Stmt[][] {
  const out: Stmt[][] = [];
  const visit = (ss: Stmt[]): void => {
    out.push(ss);
    for (const s of ss) {
      if (s.k === "if") {
        visit(s.then);
        visit(s.else);
      } else if (s.k === "for") visit(s.body);
      else if (s.k === "try") {
        visit(s.body);
        for (const h of s.handlers) visit(h.body);
        if (s.finally) visit(s.finally);
      }
    }
  };
  for (const fn of p.fns) visit(fn.body);
  return out;
}

type Edit = (p: Program) => boolean;

/** One-step simplifications of `p`: each returns false when it does not apply. */
function edits(p: Program): Edit[] {
  const out: Edit[] = [];
  for (let i = 0; i < p.ops.length; i++) out.push((q) => (q.ops.splice(i, 1), q.ops.length > 0));
  const ls = lists(p);
  ls.forEach((l, li) => {
    l.forEach((s, si) => {
      const at = (q: Program): Stmt[] => lists(q)[li]!;
      out.push((q) => (at(q).splice(si, 1), true));
      if (s.k === "if") {
        out.push((q) => (at(q).splice(si, 1, ...(at(q)[si] as typeof s).then), true));
        if (s.else.length) out.push((q) => (at(q).splice(si, 1, ...(at(q)[si] as typeof s).else), true));
      } else if (s.k === "for") {
        out.push((q) => (at(q).splice(si, 1, ...(at(q)[si] as typeof s).body), true));
        if (s.count > 1) out.push((q) => ((at(q)[si] as typeof s).count = 1, true));
      } else if (s.k === "try") {
        out.push((q) => (at(q).splice(si, 1, ...(at(q)[si] as typeof s).body), true));
        s.handlers.forEach((_, hi) =>
          out.push((q) => {
            const t = at(q)[si] as typeof s;
            t.handlers.splice(hi, 1);
            return t.handlers.length > 0 || t.finally !== undefined;
          }),
        );
        if (s.finally && s.handlers.length) out.push((q) => (delete (at(q)[si] as typeof s).finally, true));
      } else if ((s.k === "yield" || s.k === "delegate" || s.k === "delegateList" || s.k === "delegateReg" || s.k === "delegateIter" || s.k === "delegateStored") && s.target !== undefined) {
        out.push((q) => (delete (at(q)[si] as typeof s).target, true));
      }
    });
  });
  // Drop the last function once nothing delegates to it.
  if (p.fns.length > 1) {
    out.push((q) => {
      const last = q.fns.length - 1;
      let used = false;
      for (const l of lists(q)) for (const s of l) if ((s.k === "delegate" || s.k === "store") && s.callee === last) used = true;
      if (used) return false;
      q.fns.pop();
      return true;
    });
  }
  p.fns.forEach((fn, fi) => {
    if (fn.kind === "primed") out.push((q) => ((q.fns[fi]!.kind = lists({ ...q, fns: [q.fns[fi]!] }).flat().some((s) => s.k === "delegate" || s.k === "delegateList" || s.k === "delegateReg" || s.k === "delegateIter" || s.k === "delegateStored") ? "track" : "native"), true));
  });
  return out;
}

/**
 * The programs one step simpler than `p` (an operation or a statement removed, a block unwrapped, a
 * loop run once, a handler or a target dropped, the last function dropped, a primed coroutine made
 * plain), each valid: how fast-check shrinks a program (fuzz/generate.ts), simplest steps first.
 */
export function* simplifications(p: Program): Generator<Program> {
  for (const edit of edits(p)) {
    const q: Program = structuredClone(p);
    if (edit(q) && isValid(q)) yield q;
  }
}

/** Statements in a program (its size, as shrinking reports it). */
export function size(p: Program): number {
  return lists(p).reduce((n, l) => n + l.length, 0);
}
