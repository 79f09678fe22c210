/**
 * `coroutil/register`: `node --import coroutil/register app.ts` runs TypeScript and JavaScript with the
 * coroutil Babel plugin applied on load (Node 20.6+, through `module.register`).
 * @packageDocumentation
 */
import { register } from "node:module";

process.setSourceMapsEnabled(true);
register("./register-hooks.js", import.meta.url);
