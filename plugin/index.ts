import { declare } from "@babel/helper-plugin-utils";
import { validateOptions, type Options } from "./options.js";
import { enableDecorators } from "./parser-plugins.js";
import { transformProgram, type Api } from "./transform.js";

export type { Options } from "./options.js";

/** `coroutil/babel`: `@coroutine` generators and `yield from(x)` delegations, lowered onto the runtime. */
export default declare((api, options: Options) => {
  api.assertVersion("^7.0.0-0 || ^8.0.0-0");
  const resolved = validateOptions(options);
  return {
    name: "coroutil",
    manipulateOptions(opts: { plugins?: unknown }, parserOpts: { plugins: unknown[] }) {
      enableDecorators(opts, parserOpts.plugins);
    },
    visitor: {
      Program(path, state) {
        transformProgram(api as unknown as Api, path, state, resolved);
      },
    },
  };
});
