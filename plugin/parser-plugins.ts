/**
 * Lets the parser read `@coroutine *method() {}`: adds the standard decorators syntax unless the
 * config already chose a decorators flavour, or another plugin of this config (one that runs after
 * this one, such as a legacy decorators plugin) will. The plugin removes the decorators it lowers,
 * so no decorator transform is needed for them.
 */
export function enableDecorators(opts: { plugins?: unknown }, parserPlugins: unknown[]): void {
  const chosen = parserPlugins.some((p) => {
    const name = Array.isArray(p) ? p[0] : p;
    return name === "decorators" || name === "decorators-legacy";
  });
  const others = Array.isArray(opts.plugins) ? opts.plugins : [];
  const coming = others.some((p: { key?: unknown; name?: unknown } | null) => {
    const key = p?.key ?? p?.name;
    return typeof key === "string" && /decorators/i.test(key);
  });
  if (!chosen && !coming) parserPlugins.push("decorators");
}
