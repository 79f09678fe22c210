/** `coroutil/vite`: the coroutil transform as a vite plugin, `coroutil(options?)` (see `coroutil/babel` for the options, plus include/exclude). */
import { unplugin } from "./bundler.js";

export type { BundlerOptions } from "./bundler.js";
export default unplugin.vite;
