#!/usr/bin/env node
/**
 * The `coroutil` command: `coroutil run FILE [args]` (and `coroutil codemod …`).
 * @packageDocumentation
 */
import { cac, type CAC } from "cac";
import { spawn } from "node:child_process";
import { realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import pc from "picocolors";
import { registerCodemodCommand } from "./codemod-command.js";

const require = createRequire(import.meta.url);
const { version } = require("coroutil/package.json") as { version: string };

/** Run from source (under tsx, inside the repository) rather than from the built package. */
const fromSource = import.meta.url.endsWith(".ts");

/** Node flags that make a child process run FILE with the coroutil plugin applied on load. */
export function registerFlags(): string[] {
  const register = new URL(`../plugin/register.${fromSource ? "ts" : "js"}`, import.meta.url).href;
  if (!fromSource) return ["--import", register];
  return ["--import", import.meta.resolve("tsx"), "--conditions=coroutil:source", "--import", register];
}

/** A problem with what the user asked for: printed as one line, exit code 1. */
class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function runFile(file: string, args: string[]): Promise<number> {
  const path = resolvePath(file);
  let stats;
  try {
    stats = statSync(path);
  } catch {
    fail(`cannot run ${file}: no such file (looked for ${path})`);
  }
  if (!stats.isFile()) fail(`cannot run ${file}: it is a directory, not a file; name the entry file to run`);

  const child = spawn(process.execPath, [...registerFlags(), path, ...args], { stdio: "inherit" });
  // Pass signals on to the program. A Ctrl-C at a terminal already reaches it (same process group): the
  // CLI only waits for it to finish, so a program that handles SIGINT sees it once.
  const handlers = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((signal) => {
    const handler = () => {
      if (signal !== "SIGINT" || !process.stdin.isTTY) child.kill(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return new Promise((done, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      for (const [name, handler] of handlers) process.off(name, handler);
      if (signal) {
        // Die of the same signal, as a shell would report it.
        process.kill(process.pid, signal);
        return;
      }
      done(code ?? 1);
    });
  });
}

/** Splits `run FILE args…` so that everything after FILE reaches the program untouched, flags included. */
function splitRunArgs(argv: string[]): { own: string[]; program: string[] } {
  const runAt = argv.findIndex((arg) => !arg.startsWith("-"));
  if (runAt === -1 || argv[runAt] !== "run") return { own: argv, program: [] };
  const fileAt = argv.findIndex((arg, i) => i > runAt && !arg.startsWith("-"));
  if (fileAt === -1) return { own: argv, program: [] };
  return { own: argv.slice(0, fileAt + 1), program: argv.slice(fileAt + 1) };
}

/** The `coroutil` command line; `program` is what `run` passes to the program after FILE. */
export function createCli(program: string[] = []): CAC {
  const cli = cac("coroutil");
  cli
    .command("run <file> [...args]", "Run a TypeScript or JavaScript file with the coroutil plugin applied on load")
    .example("coroutil run src/app.ts --port 8080")
    .action(async (file: string) => {
      process.exitCode = await runFile(file, program);
    });
  registerCodemodCommand(cli);
  cli.help();
  cli.version(version);
  return cli;
}

/** Runs the command line; sets `process.exitCode` (usage errors: one line on stderr, exit code 1). */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const { own, program } = splitRunArgs(argv);
  const cli = createCli(program);
  try {
    cli.parse(["node", "coroutil", ...own], { run: false });
    if (cli.options.help || cli.options.version) return;
    if (!cli.matchedCommand) {
      if (cli.args.length > 0) fail(`unknown command \`${cli.args[0]}\`; see \`coroutil --help\``);
      cli.outputHelp();
      process.exitCode = 1;
      return;
    }
    if (cli.matchedCommandName === "run" && cli.args.length === 0) {
      fail("missing the file to run; usage: coroutil run FILE [args]");
    }
    await cli.runMatchedCommand();
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && error.name === "CACError")) {
      process.stderr.write(`${pc.red("coroutil:")} ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

function isEntryPoint(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  await main();
}
