// The contract's constants (SPEC sections 1, 3 and 4), read by the plugin, the codemod and the tests.

/** The module the runtime is imported from, unless the plugin's `runtimeModule` option says otherwise. */
export const RUNTIME_MODULE = "coroutil";

/** The runtime's exports the transforms recognise or write. */
export type RuntimeExport = "coroutine" | "track" | "from" | "yieldFrom" | "Coroutine" | "next" | "send";

/** The delegation markers: `yield from(x)`, `yield yieldFrom(x)`. */
export const MARKERS: ReadonlySet<string> = new Set<RuntimeExport>(["from", "yieldFrom"]);

/** The runtime's wrappers of a generator function: primed, and not. */
export const WRAPPERS: ReadonlySet<string> = new Set<RuntimeExport>(["coroutine", "track"]);

/** The JSDoc tag that marks a coroutine. */
export const TAG = "@coroutine";

/** The options coroutil/babel accepts, as its option errors list them. */
export const ACCEPTED_OPTIONS =
  `accepted options: "runtimeModule" (a module name, default "${RUNTIME_MODULE}"), ` +
  `"trampoline" ("markers", the default, or "all": every yield* in a generator too)`;

/** The subpath of the runtime module `trampoline: "all"` imports `delegate` from. */
export const TRAMPOLINE_SUBPATH = "trampoline";

/** The JSDoc tag that keeps a generator native under `trampoline: "all"`. */
export const SKIP_TAG = "@coroutine-skip";

/** The text of each compile error: what was wrong, then what to write instead. */
export const messages = {
  markerOutsideGenerator: (marker: string) =>
    `\`${marker}(x)\` marks a delegation and only works in a generator body, but this one is not inside a ` +
    `generator. Write \`yield ${marker}(x)\` inside a \`function*\`.`,
  markerInNestedFunction: (marker: string) =>
    `\`${marker}(x)\` is inside a nested non-generator function, so the enclosing generator cannot delegate ` +
    `to it. Move \`yield ${marker}(x)\` to the generator's own body (or make the nested function a \`function*\`).`,
  markerInAsyncGenerator: (marker: string) =>
    `\`yield ${marker}(x)\` cannot be used in an async generator: coroutines are synchronous generators. ` +
    `Write \`function*\` without \`async\`.`,
  markerNotYielded: (marker: string) =>
    `\`${marker}(x)\` is a delegation marker and does nothing unless it is yielded. Write \`yield ${marker}(x)\`.`,
  markerArity: (marker: string, got: string) =>
    `\`${marker}()\` takes exactly one argument, the iterable to delegate to, but got ${got}. ` +
    `Write \`yield ${marker}(x)\`.`,
  tagOnNonGenerator: (what: string) =>
    `\`@coroutine\` marks a generator, but ${what} is not a generator function. ` +
    `Write \`function*\` (or \`*name()\` for a method), or remove \`@coroutine\`.`,
  tagOnAsyncGenerator: (what: string) =>
    `\`@coroutine\` cannot mark an async generator (${what}): coroutines are synchronous generators. ` +
    `Write \`function*\` without \`async\`.`,
  decoratorOnNonMethod: () =>
    `The \`@coroutine\` decorator applies to generator methods only. Write \`@coroutine *name() {}\` in a ` +
    `class, or put the JSDoc tag \`/** @coroutine */\` before a \`function*\`.`,
  superInEjectedBody: () =>
    `eject cannot move a body that uses \`super\` into a \`coroutine(…)\` wrapping (a \`function*\` has no ` +
    `\`super\`). Call a helper method instead of \`super\` here, or keep the plugin for this file.`,
  /** The reason given for a syntax error the Python habit `yield from x` causes. */
  pythonHabit: (keyword: string, marker: string) =>
    `\`${keyword} ${marker} x\` is Python syntax; in JavaScript write \`${keyword} ${marker}(x)\` (the parentheses are required)`,
  /** Option errors of coroutil/babel (and every bundler plugin): the option quoted, what is accepted. */
  optionsNotObject: (got: string) => `coroutil/babel: options must be an object, got ${got}; ${ACCEPTED_OPTIONS}.`,
  unknownOption: (key: string) => `coroutil/babel: unknown option "${key}"; ${ACCEPTED_OPTIONS}.`,
  badRuntimeModule: (got: string) =>
    `coroutil/babel: option "runtimeModule" must be a non-empty string naming the module to import ` +
    `the runtime from (e.g. "${RUNTIME_MODULE}"), got ${got}.`,
  badTrampoline: (got: string) =>
    `coroutil/babel: option "trampoline" must be "markers" (the default: only yield from(x) markers are ` +
    `trampolined) or "all" (every yield* in a non-async generator too), got ${got}.`,
  /** A tool's optional peer dependency is not installed: one line saying what to install. */
  missingPeer: (tool: string, packages: readonly string[], command?: string) =>
    `${tool} needs ${packages.join(" and ")}, which ${packages.length > 1 ? "are" : "is"} not installed; ` +
    `run \`npm install --save-dev ${packages.join(" ")}\`` +
    (command ? ` (or \`npx ${["coroutil", ...packages].map((p) => `-p ${p}`).join(" ")} coroutil ${command} …\`)` : ""),
};

/** The peer dependency a failed import is missing, if that is why it failed. */
export function missingPackage(error: unknown, packages: readonly string[]): string | undefined {
  const e = error as { code?: string; message?: string } | null;
  if (e?.code !== "ERR_MODULE_NOT_FOUND" && e?.code !== "MODULE_NOT_FOUND") return undefined;
  return packages.find((name) => String(e.message).includes(`'${name}'`) || String(e.message).includes(`"${name}"`));
}
