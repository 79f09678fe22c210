/** Options of `coroutil/babel`. */
export interface Options {
  /** The module the runtime is imported from (default "coroutil"). */
  runtimeModule?: string;
}

export interface ResolvedOptions {
  runtimeModule: string;
}

const ACCEPTED = `accepted options: "runtimeModule" (a module name, default "coroutil")`;

/** Checks the plugin options up front; the message quotes the option and lists what is accepted. */
export function validateOptions(options: unknown): ResolvedOptions {
  if (options == null) return { runtimeModule: "coroutil" };
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new Error(`coroutil/babel: options must be an object, got ${describe(options)}; ${ACCEPTED}.`);
  }
  for (const key of Object.keys(options)) {
    if (key !== "runtimeModule") {
      throw new Error(`coroutil/babel: unknown option "${key}"; ${ACCEPTED}.`);
    }
  }
  const { runtimeModule = "coroutil" } = options as Options;
  if (typeof runtimeModule !== "string" || runtimeModule === "") {
    throw new Error(
      `coroutil/babel: option "runtimeModule" must be a non-empty string naming the module to import ` +
        `the runtime from (e.g. "coroutil"), got ${describe(runtimeModule)}.`,
    );
  }
  return { runtimeModule };
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : typeof value === "object" ? "an object" : String(value);
}
