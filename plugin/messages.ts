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
};
