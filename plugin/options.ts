import { messages, RUNTIME_MODULE } from "./contract.js";

/** Options of `coroutil/babel`. */
export interface Options {
  /** The module the runtime is imported from (default "coroutil"). */
  runtimeModule?: string;
  /**
   * `"all"`: every `yield*` in a non-async generator is trampolined too, with JavaScript's `yield*`
   * semantics (unbounded depth for existing code); `"markers"` (default): only `yield from(x)`.
   */
  trampoline?: "markers" | "all";
}

export interface ResolvedOptions {
  runtimeModule: string;
  trampoline: "markers" | "all";
}

/** Checks the plugin options up front; the message quotes the option and lists what is accepted. */
export function validateOptions(options: unknown): ResolvedOptions {
  if (options == null) return { runtimeModule: RUNTIME_MODULE, trampoline: "markers" };
  if (typeof options !== "object" || Array.isArray(options)) throw new Error(messages.optionsNotObject(describe(options)));
  for (const key of Object.keys(options)) {
    if (key !== "runtimeModule" && key !== "trampoline") throw new Error(messages.unknownOption(key));
  }
  const { runtimeModule = RUNTIME_MODULE, trampoline = "markers" } = options as Options;
  if (typeof runtimeModule !== "string" || runtimeModule === "") throw new Error(messages.badRuntimeModule(describe(runtimeModule)));
  if (trampoline !== "markers" && trampoline !== "all") throw new Error(messages.badTrampoline(describe(trampoline)));
  return { runtimeModule, trampoline };
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : typeof value === "object" ? "an object" : String(value);
}
