// Fixture harness for the Babel plugin: walks fixtures/plugin/<group>/<case>/, compiles with Babel 7
// or Babel 8 (the same plugin), runs exec cases in this process.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as babel7 from "@babel/core";
import * as babel8 from "babel8-core";
import env7 from "@babel/preset-env";
import ts7 from "@babel/preset-typescript";
import tsPlugin7 from "@babel/plugin-transform-typescript";
import env8 from "babel8-preset-env";
import ts8 from "babel8-preset-typescript";
import coroutil from "coroutil/babel";

import { listCases, root, type Case } from "./fixture-tree.js";

export { root };
/** Where compiled code's imports of the runtime's entries go when it runs from a temp dir. */
const runtimeSources: Record<string, string> = {
  coroutil: pathToFileURL(join(root, "runtime/node.ts")).href,
  "coroutil/trampoline": pathToFileURL(join(root, "runtime/trampoline.ts")).href,
};

const tsPlugin8 = (await import(
  pathToFileURL(createRequire(import.meta.resolve("babel8-preset-typescript")).resolve("@babel/plugin-transform-typescript")).href
)).default;

/** options.json of a group or a case (a case's keys win; `plugin` is merged key by key). */
export interface FixtureOptions {
  /** Text the compile error must contain; the whole message is also kept in error.txt. */
  throws?: string;
  /** Options for coroutil/babel. */
  plugin?: Record<string, unknown>;
  /** How TypeScript is stripped: "preset" (default), "plugin-before" / "plugin-after" ours, or "none". */
  typescript?: "preset" | "plugin-before" | "plugin-after" | "none";
  /** preset-env options (modules stay ES modules), for the interop cases. */
  env?: Record<string, unknown>;
  /** The output must equal Babel's output for the same config without the plugin. */
  untouched?: boolean;
  /** "module" (default) or "script" (CommonJS: the runtime comes in through require). */
  sourceType?: "module" | "script";
  /** Why eject cannot give this case's behaviour (the differential test then checks only that eject does not crash). */
  pluginOnly?: string;
  /** Extra parser plugins for the baseline compile (e.g. "decorators"). */
  parserPlugins?: string[];
}

/** A case under fixtures/plugin (exec: exec.ts, else input.ts). */
export type Fixture = Case<FixtureOptions>;

export type BabelVersion = 7 | 8;

/** Every case under fixtures/plugin, sorted by group then name. */
export function listFixtures(): Fixture[] {
  return listCases<FixtureOptions>("plugin");
}

/** Test-only: points imports of "coroutil" (and "coroutil/trampoline") at the runtime source, so compiled code runs from a temp dir. */
function runtimeToSource() {
  return {
    name: "test-runtime-to-source",
    visitor: {
      Program: {
        exit(path: babel7.NodePath<babel7.types.Program>) {
          for (const statement of path.node.body) {
            if (statement.type === "ImportDeclaration" && Object.hasOwn(runtimeSources, statement.source.value)) {
              statement.source.value = runtimeSources[statement.source.value]!;
            }
          }
        },
      },
    },
  };
}

export interface CompileOptions {
  version?: BabelVersion;
  withPlugin?: boolean;
  /** Rewrite "coroutil" imports to the runtime source (exec). */
  runnable?: boolean;
  /** Compile JS (an output.js) instead of TypeScript. */
  javascript?: boolean;
  filename?: string;
}

/** Compiles one source as the fixture's options say, on Babel 7 or 8. */
export function compile(code: string, fixture: Fixture, opts: CompileOptions = {}): string {
  const { version = 7, withPlugin = true, runnable = false, javascript = false } = opts;
  const o = fixture.options;
  const ts = javascript ? "none" : (o.typescript ?? "preset");
  const tsPlugin = version === 7 ? tsPlugin7 : tsPlugin8;
  const plugins: unknown[] = [];
  const presets: unknown[] = [];
  if (ts === "plugin-before") plugins.push(tsPlugin);
  if (withPlugin) plugins.push([coroutil, o.plugin ?? {}]);
  if (ts === "plugin-after") plugins.push(tsPlugin);
  if (runnable) plugins.push(runtimeToSource);
  if (o.env) presets.push([version === 7 ? env7 : env8, { ...o.env, modules: false }]);
  if (ts === "preset") presets.push(version === 7 ? ts7 : ts8);
  const config = {
    filename: opts.filename ?? fixture.source,
    cwd: root,
    root,
    babelrc: false,
    configFile: false,
    sourceType: o.sourceType ?? ("module" as const),
    highlightCode: false,
    parserOpts: { plugins: withPlugin ? [] : (o.parserPlugins ?? []) },
    plugins,
    presets,
  };
  const result = version === 7 ? babel7.transformSync(code, config as babel7.TransformOptions) : babel8.transformSync(code, config as never);
  return (result as { code: string }).code;
}

/** The message of the error a compile throws (absolute paths made relative), or null when it compiles. */
export function compileError(code: string, fixture: Fixture, version: BabelVersion = 7): string | null {
  try {
    compile(code, fixture, { version });
    return null;
  } catch (error) {
    return String((error as Error).message).split(root + "/").join("");
  }
}

let tempDir: string | undefined;

/** Compiles an exec case and runs it in this process (tsx loads the runtime source); rejects if it throws. */
export async function runExec(fixture: Fixture, version: BabelVersion = 7): Promise<void> {
  const code = compile(readFileSync(fixture.source, "utf8"), fixture, { version, runnable: true });
  if (!tempDir) {
    const dir = (tempDir = mkdtempSync(join(tmpdir(), "coroutil-plugin-exec-")));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  const dir = join(tempDir, `babel${version}`, fixture.group);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${fixture.name}.mjs`);
  writeFileSync(file, code);
  await import(pathToFileURL(file).href);
}

export { expectation } from "./fixture-tree.js";
