// Runs one compiled program (CommonJS) in a worker of the sandboxed iframe and reports, by messages
// only, what it prints and every resume of every coroutine it drives (the timeline). The runtime is
// the package's own; the timeline wraps the Coroutine methods here, in the playground's worker, so a
// program outside the playground pays nothing for it.
import * as runtime from "coroutil";
import { Coroutine, StopIteration } from "coroutil";
import type { Step, WorkerMessage } from "./protocol.js";

const post = (message: WorkerMessage) => (self as unknown as Worker).postMessage(message);

// ---- printing, as Node's console prints the values the examples print
function show(value: unknown, depth = 0): string {
  if (typeof value === "string") return depth ? JSON.stringify(value) : value;
  if (value instanceof Coroutine) return describe(value);
  if (value instanceof Error) return depth ? `[${value.name}: ${value.message}]` : (value.stack ?? `${value.name}: ${value.message}`);
  if (Array.isArray(value)) return depth > 2 ? "[Array]" : `[ ${value.map((v) => show(v, depth + 1)).join(", ")} ]`;
  if (value instanceof Map) return `Map(${value.size}) { ${[...value].map(([k, v]) => `${show(k, depth + 1)} => ${show(v, depth + 1)}`).join(", ")} }`;
  if (typeof value === "object" && value !== null) {
    if (depth > 2) return "[Object]";
    const entries = Object.entries(value).map(([k, v]) => `${k}: ${show(v, depth + 1)}`);
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  }
  if (typeof value === "symbol" || typeof value === "function") return String(value);
  return String(value);
}
const format = (args: unknown[]) => args.map((a) => show(a)).join(" ");

// ---- the timeline
const ids = new WeakMap<Coroutine, string>();
const seen: Coroutine[] = [];
const counts = new Map<string, number>();
/** A coroutine's label: its name, numbered when several share it. */
function label(c: Coroutine): string {
  let id = ids.get(c);
  if (!id) {
    const name = c.name || "<anonymous>";
    const n = (counts.get(name) ?? 0) + 1;
    counts.set(name, n);
    id = n === 1 ? name : `${name}#${n}`;
    ids.set(c, id);
    seen.push(c);
  }
  return id;
}
function describe(c: Coroutine): string {
  return `<Coroutine ${label(c)} ${c.state}>`;
}
/** The delegation stack from `c` down: where a value sent to `c` lands is its last entry. */
function stackOf(c: Coroutine): string[] {
  const stack = [label(c)];
  for (let it: unknown = c.yieldFrom; it !== undefined && stack.length < 64; ) {
    if (it instanceof Coroutine) {
      stack.push(label(it));
      it = it.yieldFrom;
    } else {
      // a plain generator or iterator (its function's name is not to be had from the object)
      const tag = Object.prototype.toString.call(it).slice(8, -1);
      stack.push(tag === "Generator" ? "a plain generator" : tag === "Array Iterator" ? "an array iterator" : `an iterator (${tag})`);
      break;
    }
  }
  return stack;
}

let steps: Step[] = [];
let depth = 0;
type Method = "send" | "throwInto" | "close" | "next" | "throw" | "return";
const proto = Coroutine.prototype as unknown as Record<Method, (this: Coroutine, ...args: unknown[]) => unknown>;
const original = {} as Record<Method, (this: Coroutine, ...args: unknown[]) => unknown>;
/** throwInto calls throw(): that is one resume, recorded once. */
let inside: { coroutine: Coroutine; how: Method } | undefined;

for (const how of ["send", "throwInto", "close", "next", "throw", "return"] as Method[]) {
  original[how] = proto[how]!;
  proto[how] = function (this: Coroutine, ...args: unknown[]) {
    if (inside?.coroutine === this && inside.how === "throwInto" && how === "throw") return original[how]!.apply(this, args);
    const step: Step = {
      index: steps.length + 1,
      depth,
      who: label(this),
      how,
      sent: how === "close" ? "" : args.length ? show(args[0], 1) : "",
      stack: stackOf(this),
      outcome: { kind: "yielded", text: "" },
      states: [],
    };
    steps.push(step);
    const outer = inside;
    inside = { coroutine: this, how };
    depth++;
    try {
      const result = original[how]!.apply(this, args);
      if (how === "next" || how === "throw" || how === "return") {
        const r = result as IteratorResult<unknown>;
        step.outcome = { kind: r.done ? "returned" : "yielded", text: `{ value: ${show(r.value, 1)}, done: ${r.done} }` };
      } else if (how === "close") {
        step.outcome = { kind: "returned", text: result === undefined ? "closed" : `closed, returned ${show(result, 1)}` };
      } else {
        step.outcome = { kind: "yielded", text: show(result, 1) };
      }
      return result;
    } catch (e) {
      step.outcome =
        e instanceof StopIteration
          ? { kind: "stop", text: `StopIteration(${show(e.value, 1)})` }
          : { kind: "error", text: e instanceof Error ? `${e.name}: ${e.message}` : `thrown ${show(e, 1)}` };
      throw e;
    } finally {
      depth--;
      inside = outer;
      step.states = seen.filter((c) => c.state !== "GEN_CLOSED" || c === this).map((c) => ({ who: label(c), state: c.state }));
    }
  };
}

// ---- what a compiled program may require
function parseArgs(config: { args?: string[]; options?: Record<string, { type: string; short?: string; default?: unknown }> }) {
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(config.options ?? {})) if (option.default !== undefined) values[name] = option.default;
  return { values, positionals: [] as string[] };
}
const modules: Record<string, unknown> = { coroutil: runtime, "node:util": { parseArgs }, util: { parseArgs } };

self.onmessage = (event: MessageEvent<{ code: string }>) => {
  steps = [];
  const print = (stream: "out" | "err") => (...args: unknown[]) => post({ type: "print", stream, text: format(args) });
  const console = { log: print("out"), info: print("out"), warn: print("err"), error: print("err") };
  const require = (name: string) => {
    if (name in modules) return modules[name];
    throw new Error(`the playground cannot import "${name}" (it has coroutil and node:util's parseArgs)`);
  };
  const process = { argv: ["node", "playground.ts"], env: {}, exitCode: undefined as number | undefined };
  const module = { exports: {} };
  try {
    new Function("require", "console", "process", "module", "exports", event.data.code)(require, console, process, module, module.exports);
    post({ type: "done", steps, error: undefined });
  } catch (e) {
    post({ type: "done", steps, error: e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : `Uncaught ${show(e, 1)}` });
  }
};
