/**
 * The runtime as Node (and Jest) load it: the same runtime, plus what only Node uses (`util.inspect`
 * of a coroutine). Bundlers and browsers get `runtime/index.ts` alone.
 * @packageDocumentation
 */
import "./inspect.js";

export * from "./index.js";
