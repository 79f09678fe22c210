/**
 * How Node's `util.inspect` (so `console.log`) shows a coroutine, as Python's `repr(gen)` names it:
 * `Coroutine [grouper] <GEN_SUSPENDED> yield from Coroutine [averager] <GEN_SUSPENDED>`, following
 * the delegation within `depth`. Installed by the Node entry (`runtime/node.ts`) only: a browser
 * bundle does not carry it, and nothing in it runs on the send path.
 */
import { Coroutine } from "./coroutine.js";

interface InspectOptions {
  depth?: number | null;
  stylize(text: string, style: string): string;
}
type Inspect = (value: unknown, options: InspectOptions) => string;

function inspectCoroutine(this: Coroutine, depth: number, options: InspectOptions, inspect: Inspect): string {
  const name = this.name ? ` [${this.name}]` : "";
  if (depth < 0) return options.stylize(`[Coroutine${name}]`, "special");
  const head = `${options.stylize("Coroutine", "special")}${name} ${options.stylize(`<${this.state}>`, "special")}`;
  const inner = this.yieldFrom;
  if (inner === undefined) return head;
  return `${head} yield from ${inspect(inner, { ...options, depth: options.depth == null ? options.depth : options.depth - 1 })}`;
}

Object.defineProperty(Coroutine.prototype, Symbol.for("nodejs.util.inspect.custom"), { value: inspectCoroutine, configurable: true, writable: true });
