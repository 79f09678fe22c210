import { messages, RUNTIME_MODULE } from "./contract.js";

/** Options of `coroutil/babel`. */
export interface Options {
  /** The module the runtime is imported from (default "coroutil"). */
  runtimeModule?: string;
}

export interface ResolvedOptions {
  runtimeModule: string;
}


/** Checks the plugin options up front; the message quotes the option and lists what is accepted. */
export function validateOptions(options: unknown): ResolvedOptions {
  if (options == null) return { runtimeModule: RUNTIME_MODULE };
  if (typeof options !== "object" || Array.isArray(options)) throw new Error(messages.optionsNotObject(describe(options)));
  for (const key of Object.keys(options)) {
    if (key !== "runtimeModule") throw new Error(messages.unknownOption(key));
  }
  const { runtimeModule = RUNTIME_MODULE } = options as Options;
  if (typeof runtimeModule !== "string" || runtimeModule === "") throw new Error(messages.badRuntimeModule(describe(runtimeModule)));
  return { runtimeModule };
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : typeof value === "object" ? "an object" : String(value);
}
