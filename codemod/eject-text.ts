import { babelErrorLine } from "./babel-file.js";
import { ejectSource, type EjectOptions } from "./eject.js";
import { splitText } from "./text.js";

/** Ejects source text (BOM and line endings kept); throws on a syntax error or input the plugin rejects. */
export function ejectText(text: string, fileName = "input.ts", options: EjectOptions = {}): string {
  const { bom, body } = splitText(text);
  try {
    return bom + ejectSource(body, fileName, options);
  } catch (error) {
    if ((error as { code?: string }).code === "BABEL_PARSE_ERROR") throw new SyntaxError(`${fileName} does not parse: ${babelErrorLine(error)}`);
    throw error;
  }
}
