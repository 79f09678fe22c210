/**
 * `coroutil/register`: `node --import coroutil/register app.ts` runs TypeScript and JavaScript with the
 * coroutil Babel plugin applied on load (Node 20.6+, through `module.register`).
 * @packageDocumentation
 */
import { createRequire, register } from "node:module";
import { messages } from "./contract.js";

// Babel is a peer dependency: without it, one line that says how to install it.
const missing = ["@babel/core", "@babel/preset-typescript"].filter((name) => {
  try {
    createRequire(import.meta.url).resolve(name);
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
register("./register-hooks.js", import.meta.url);
