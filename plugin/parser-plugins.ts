/**
 * Lets the parser read `@coroutine *method() {}`: adds the standard decorators syntax unless the
 * config already chose a decorators flavour. The plugin removes the decorators it lowers, so no
 * decorator transform is needed for them.
 */
export function enableDecorators(plugins: unknown[]): void {
  const chosen = plugins.some((p) => {
    const name = Array.isArray(p) ? p[0] : p;
    return name === "decorators" || name === "decorators-legacy";
  });
  if (!chosen) plugins.push("decorators");
}
