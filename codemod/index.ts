/**
 * coroutil/codemod: the `coroutil codemod` transforms as functions.
 * @example
 * import { eject } from "coroutil/codemod";
 * const result = await eject(["src"], { check: true });
 * process.exitCode = result.exitCode;
 */
export { eject, prime, ejectText, primeTexts } from "./api.js";
export { MissingPeerError, runCodemod, type CodemodOptions, type CodemodResult, type FileOutcome, type FileStatus, type Transform } from "./run.js";
export { formatSummary, fileDiff } from "./summary.js";
export { CodemodInputError } from "./eject.js";
export type { PrimeOptions, PrimeReport } from "./prime.js";
export { removePending } from "./safe-io.js";
