/**
 * `coroutil/register`: `node --import coroutil/register app.ts` runs TypeScript and JavaScript with the
 * coroutil Babel plugin applied on load: through `module.registerHooks` (in-thread) where Node has it,
 * else through `module.register` (Node's hooks thread).
 * @packageDocumentation
 */
import * as nodeModule from "node:module";
import { messages } from "./contract.js";

// Babel is a peer dependency: without it, one line that says how to install it.
const missing = ["@babel/core", "@babel/preset-typescript"].filter((name) => {
  try {
    nodeModule.createRequire(import.meta.url).resolve(name);
    return false;
  } catch {
    return true;
  }
});
if (missing.length) {
  process.stderr.write(`${messages.missingPeer("coroutil/register", missing)}\n`);
  process.exit(1);
}
process.setSourceMapsEnabled(true);
if (typeof nodeModule.registerHooks === "function") {
  const { resolveSync, loadSync } = await import("./register-hooks.js");
  nodeModule.registerHooks({ resolve: resolveSync, load: loadSync });
} else {
  nodeModule.register("./register-hooks.js", import.meta.url);
}
