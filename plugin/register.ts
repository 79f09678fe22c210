/**
 * `coroutil/register`: `node --import coroutil/register app.ts` runs TypeScript and JavaScript with the
 * coroutil Babel plugin applied on load (Node 20.6+, through `module.register`).
 * @packageDocumentation
 */
import { createRequire, register } from "node:module";

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
  process.stderr.write(`coroutil/register needs ${missing.join(" and ")}, which ${missing.length > 1 ? "are" : "is"} not installed; run \`npm install --save-dev ${missing.join(" ")}\`\n`);
  process.exit(1);
}
process.setSourceMapsEnabled(true);
register("./register-hooks.js", import.meta.url);
