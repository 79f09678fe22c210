// Runs a program the way a user would: compiled by Babel (preset-typescript, with or without
// coroutil/babel) and executed by Node in a child process under os.tmpdir(), where "coroutil"
// resolves to this repository's source.
import { spawn, spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { transformAsync } from "@babel/core";
import typescript from "@babel/preset-typescript";
import coroutil from "coroutil/babel";
import { tempDir } from "./temp-dir.js";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

let sandbox: string | undefined;

/** A temp folder with node_modules/coroutil linked to this repository. */
export function programSandbox(): string {
  if (sandbox) return sandbox;
  sandbox = tempDir("coroutil-codemod-run-");
  linkRuntime(sandbox);
  return sandbox;
}

/** Makes `import … from "coroutil"` inside `dir` resolve to this repository. */
export function linkRuntime(dir: string): void {
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(root, join(dir, "node_modules/coroutil"), "dir");
}

let counter = 0;

/** Compiles `code` (a file named `fileName`) with Babel, with or without the plugin, and runs it; stdout+stderr and status. */
export async function runProgram(code: string, fileName: string, withPlugin: boolean): Promise<{ output: string; status: number | null }> {
  if (!withPlugin && /\.m?js$/.test(fileName)) {
    // Plain JavaScript must run on Node as it is: no compile step at all.
    const file = join(programSandbox(), `program-${process.pid}-${counter++}.mjs`);
    writeFileSync(file, code);
    return runFileAsync(file);
  }
  const result = await transformAsync(code, {
    filename: fileName,
    babelrc: false,
    configFile: false,
    presets: /\.[cm]?tsx?$/.test(fileName) ? [[typescript, { allowDeclareFields: true }]] : [],
    plugins: withPlugin ? [coroutil] : [],
    parserOpts: { plugins: ["decorators"] },
  });
  const dir = programSandbox();
  const file = join(dir, `program-${process.pid}-${counter++}.mjs`);
  writeFileSync(file, result!.code!);
  return runFileAsync(file);
}

let running = 0;
const waiting: (() => void)[] = [];
const limit = Math.max(2, availableParallelism());

/** runFile in a child process that does not block, at most `availableParallelism()` at once. */
export async function runFileAsync(file: string, cwd = dirname(file)): Promise<{ output: string; status: number | null }> {
  if (running >= limit) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await new Promise((done, fail) => {
      const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), "--conditions=coroutil:source", file], {
        cwd,
        env: { ...process.env, NODE_NO_WARNINGS: "1" },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.on("error", fail);
      child.on("close", (status) => done({ output: stdout + stderr, status }));
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Runs a JS/TS file with Node (tsx loader and the source condition, so the runtime's TS loads). */
export function runFile(file: string, cwd = dirname(file)): { output: string; status: number | null } {
  const child = spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), "--conditions=coroutil:source", file], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NODE_NO_WARNINGS: "1" },
  });
  return { output: child.stdout + child.stderr, status: child.status };
}
