/** The maintained Node lines the project is tested on, oldest first. */
export declare const LINES: string[];
/** The cache the lines are installed into. */
export declare function cacheDir(): string;
/** The folder holding `node` for a line, installing it first when it is not cached. */
export declare function install(line: string): string;
/** The environment that puts a line's node first on PATH. */
export declare function envFor(bin: string): NodeJS.ProcessEnv;
