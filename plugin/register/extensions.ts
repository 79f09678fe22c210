// The file extensions the register hook knows, and where TypeScript sources hide behind JS specifiers.

export const TS_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts"]);
export const JS_EXTENSIONS = new Set([".js", ".jsx", ".mjs", ".cjs"]);
/** Where an import written with a JS extension may find its TypeScript source, as `tsc` does under NodeNext. */
export const TS_FOR_JS: Record<string, string[]> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};
export const EXTENSIONLESS_CANDIDATES = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

