/**
 * coroutil/codemod for a browser (the playground): eject on source text, without the file system.
 * @packageDocumentation
 */
export { ejectText } from "./eject-text.js";
export { CodemodInputError } from "./eject.js";
