import type { JsProgram, Op, Stmt } from "./program.js";

/** What every batch starts with: the error class, the output, and hand-written iterator delegates. */
export const PRELUDE = `class E extends Error {
  constructor(v: number) {
    super(\`E\${v}\`);
  }
}
let OUT: string[] = [];
const out = (s: string) => void OUT.push(s);
// (a TypeError's message is the engine's or coroutil's own: only its class is compared)
const show = (x: unknown): string =>
  x instanceof TypeError ? "TypeError" : x instanceof Error ? \`\${x.constructor.name}(\${x.message})\` : (JSON.stringify(x) ?? "undefined");
function iter(id: string, n: number, ret: string, thr: string, end: string): Iterable<unknown> {
  let i = 0;
  const it: any = {
    [Symbol.iterator]() {
      return it;
    },
  };
  // every lookup of next, throw and return is logged: yield* makes them at set steps (GetIterator, GetMethod)
  const method = (name: string, kind: string, fn: unknown) =>
    Object.defineProperty(it, name, {
      get() {
        out(\`\${id} get \${name}\`);
        if (kind === "getterThrows") throw new E(91);
        return kind === "null" ? null : fn;
      },
    });
  method("next", "ok", (v: unknown) => {
    out(\`\${id}.next(\${show(v)})\`);
    if (i < n) return { value: \`\${id}:\${i++}\`, done: false };
    return end === "nonObject" ? 7 : { value: \`\${id}:end\`, done: true };
  });
  if (ret !== "none") {
    method("return", ret, (v: unknown) => {
      out(\`\${id}.return(\${show(v)})\`);
      if (ret === "throws") throw new E(90);
      if (ret === "nonObject") return "r";
      return ret === "done" ? { value: \`\${id}:ret\`, done: true } : { value: \`\${id}:still\`, done: false };
    });
  }
  if (thr !== "none") {
    method("throw", thr, (e: unknown) => {
      out(\`\${id}.throw(\${show(e)})\`);
      if (thr === "rethrow") throw e;
      if (thr === "nonObject") return 5;
      return thr === "finish" ? { value: \`\${id}:thrown\`, done: true } : { value: \`\${id}:caught\`, done: false };
    });
  }
  return it;
}
// A native generator (no yield* in it: the plugin leaves it as it is), with a method replaced before
// the delegation: on the object, or ("protoNext") on its own generator function's prototype.
const GEN_NEXT = Object.getPrototypeOf(function* () {}.prototype).next;
function nat(id: string, n: number, patch: string): Iterable<unknown> {
  const natGen = function* (): Generator<unknown, unknown, unknown> {
    try {
      for (let i = 0; i < n; i++) out(\`\${id} got \${show(yield \`\${id}:\${i}\`)}\`);
      return \`\${id}:end\`;
    } catch (e) {
      out(\`\${id} caught \${show(e)}\`);
      return \`\${id}:caught\`;
    } finally {
      out(\`\${id} finally\`);
    }
  };
  const own = (name: string) => function (this: Generator, v: unknown) {
    out(\`\${id} \${name} next(\${show(v)})\`);
    return GEN_NEXT.call(this, v);
  };
  if (patch === "protoNext") (natGen.prototype as any).next = own("prototype");
  const g: any = natGen();
  if (patch === "next") g.next = own("own");
  if (patch === "throw") g.throw = (e: unknown) => { out(\`\${id} own throw(\${show(e)})\`); return { value: \`\${id}:own\`, done: false }; };
  if (patch === "return") g.return = (v: unknown) => { out(\`\${id} own return(\${show(v)})\`); return { value: \`\${id}:own\`, done: true }; };
  if (patch === "throwNull") g.throw = null;
  return g;
}
`;

function stmts(ss: readonly Stmt[], fn: string, ids: { n: number }, indent: string): string[] {
  return ss.flatMap((s) => stmt(s, fn, ids, indent));
}

function stmt(s: Stmt, fn: string, ids: { n: number }, indent: string): string[] {
  const id = `${fn}.${ids.n++}`;
  const got = (what: string, expr: string) => [`${indent}{`, `${indent}  const r = ${expr};`, `${indent}  out(\`${id} ${what} = \${show(r)}\`);`, `${indent}}`];
  switch (s.k) {
    case "yield":
      return got("yield", `yield "${id}:${s.v}"`);
    case "delegate":
      return got(`yield* g${s.callee}`, `yield* g${s.callee}(${s.arg})`);
    case "list":
      return got("yield* list", `yield* [${s.items.join(", ")}]`);
    case "string":
      return got("yield* string", `yield* ${JSON.stringify(s.text)}`);
    case "iter":
      return got("yield* iter", `yield* iter("${id}", ${s.n}, "${s.ret}", "${s.thr}", "${s.end}")`);
    case "native":
      return got("yield* native", `yield* nat("${id}", ${s.n}, "${s.patch}")`);
    case "try": {
      const lines = [`${indent}try {`, ...stmts(s.body, fn, ids, indent + "  ")];
      if (s.handler) lines.push(`${indent}} catch (e) {`, `${indent}  out(\`${id} caught \${show(e)}\`);`, ...stmts(s.handler, fn, ids, indent + "  "));
      if (s.fin || !s.handler) lines.push(`${indent}} finally {`, `${indent}  out("${id} finally");`, ...stmts(s.fin ?? [], fn, ids, indent + "  "));
      return [...lines, `${indent}}`];
    }
    case "loop":
      return [`${indent}for (let i = 0; i < ${s.count}; i++) {`, ...stmts(s.body, fn, ids, indent + "  "), `${indent}}`];
    case "throw":
      return [`${indent}throw new E(${s.v});`];
    case "return":
      return [`${indent}return "${id}:${s.v}";`];
  }
}

function op(o: Op): string[] {
  const call = o.k === "spread" ? "[...g]" : o.k === "throw" ? `g.throw(new E(${o.v}))` : `g.${o.k}(${o.v})`;
  const label = o.k === "spread" ? "spread" : `${o.k}(${o.v})`;
  return [`  try {`, `    out(\`${label} -> \${show(${call})}\`);`, `  } catch (e) {`, `    out(\`${label} !! \${show(e)}\`);`, `  }`];
}

/**
 * One program as a function `program_<id>()` whose generator functions are g0…gN: declarations,
 * function expressions and object methods in turn (the plugin lowers each form its own way).
 */
export function renderProgram(p: JsProgram, id: string): string {
  const lines = [`function program_${id}() {`];
  p.fns.forEach((body, i) => {
    const head = [`  function* g${i}(p: number): Generator<any, any, any> {`, `  const g${i} = function* (p: number): Generator<any, any, any> {`, `  const h${i} = { *g${i}(p: number): Generator<any, any, any> {`][i % 3]!;
    const tail = [`  }`, `  };`, `  } };`][i % 3]!;
    lines.push(head, `    out(\`g${i}(\${p}) starts\`);`);
    lines.push(...stmts(body, `g${i}`, { n: 0 }, "    "), `    return "g${i}:end";`, tail);
    if (i % 3 === 2) lines.push(`  const g${i} = h${i}.g${i};`);
  });
  lines.push(`  const g = g0(0);`, ...p.ops.flatMap(op), `}`);
  return lines.join("\n");
}

/** A batch: the prelude, the programs, and a driver that prints `#### id` and each program's lines. */
export function renderBatch(programs: readonly { program: JsProgram; id: string }[]): string {
  const parts = [PRELUDE, ...programs.map(({ program, id }) => renderProgram(program, id))];
  parts.push(
    `for (const [id, run] of [${programs.map(({ id }) => `["${id}", program_${id}]`).join(", ")}] as const) {`,
    `  OUT = [];`,
    `  try {`,
    `    run();`,
    `  } catch (e) {`,
    `    out(\`program threw \${show(e)}\`);`,
    `  }`,
    `  console.log(\`#### \${id}\\n\${OUT.join("\\n")}\`);`,
    `}`,
  );
  return parts.join("\n\n") + "\n";
}
