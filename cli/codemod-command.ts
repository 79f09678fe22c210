import type { CAC } from "cac";
import cliProgress from "cli-progress";
import pc from "picocolors";
import type { Transform } from "../codemod/index.js";
import { messages, missingPackage } from "../plugin/contract.js";

/**
 * The codemod, loaded when a codemod command runs (so `coroutil run` never loads it); a missing
 * @babel/core is one line saying how to install it, not a stack trace.
 */
async function loadCodemod(): Promise<typeof import("../codemod/index.js") | undefined> {
  try {
    return await import("../codemod/index.js");
  } catch (error) {
    const missing = missingPackage(error, ["@babel/core"]);
    if (!missing) throw error;
    process.stderr.write(`${pc.red("coroutil:")} ${messages.missingPeer("the codemod", [missing], "codemod")}\n`);
    return undefined;
  }
}

interface CodemodFlags {
  dryRun?: boolean;
  diff?: boolean;
  check?: boolean;
  project?: string;
  include?: string | string[];
  exclude?: string | string[];
  tag?: boolean;
  runtimeModule?: string;
}

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : [value].flat().map(String));

/** Runs `coroutil codemod <eject|prime> [paths…]`; returns the exit code (2 failed, 1 check found changes, 0). */
export async function codemodCommand(transform: string, paths: string[], flags: CodemodFlags): Promise<number> {
  if (transform !== "eject" && transform !== "prime") {
    process.stderr.write(`${pc.red("coroutil:")} unknown codemod \`${transform}\`; write \`coroutil codemod eject PATHS…\` or \`coroutil codemod prime PATHS…\`\n`);
    return 1;
  }
  const codemod = await loadCodemod();
  if (!codemod) return 1;
  const { fileDiff, formatSummary, removePending, runCodemod } = codemod;
  const cwd = process.cwd();
  const tty = !!process.stderr.isTTY && !process.env.CI;
  const color = !!process.stdout.isTTY && pc.isColorSupported;
  let bar: cliProgress.SingleBar | undefined;
  let done = 0;
  let total = 0;
  // Interrupted (Ctrl-C, SIGTERM): files are written one at a time, each whole or not at all;
  // say how far the run got, remove a temp file in flight, exit with the signal's code.
  const stop = (signal: NodeJS.Signals) => {
    bar?.stop();
    const removed = removePending();
    process.stderr.write(
      `coroutil codemod ${transform}: interrupted by ${signal} after ${done} of ${total} files; ` +
        `each file is as it was or completely rewritten${removed ? `; removed ${removed} temp file(s)` : ""}\n`,
    );
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  let result: Awaited<ReturnType<typeof runCodemod>>;
  try {
    result = await runCodemod(transform as Transform, {
      paths,
      cwd,
      dryRun: flags.dryRun || flags.diff,
      check: flags.check,
      project: flags.project,
      include: list(flags.include),
      exclude: list(flags.exclude),
      tag: flags.tag,
      runtimeModule: flags.runtimeModule,
      onProgress: (n, all) => {
        done = n;
        total = all;
        if (!tty) return;
        if (!bar && all >= 50) {
          bar = new cliProgress.SingleBar(
            { stream: process.stderr, clearOnComplete: true, format: `${transform} {bar} {value}/{total} files` },
            cliProgress.Presets.shades_classic,
          );
          bar.start(all, 0);
        }
        bar?.update(n);
        if (n === all) bar?.stop();
      },
    });
  } catch (error) {
    if (!(error instanceof codemod.MissingPeerError)) throw error;
    process.stderr.write(`${pc.red("coroutil:")} ${error.message}\n`);
    return 1;
  }
  process.off("SIGINT", stop);
  process.off("SIGTERM", stop);
  bar?.stop();
  if (flags.diff) {
    for (const o of result.files) {
      if (o.status === "changed") process.stdout.write(fileDiff(o.file, o.before!, o.after!, cwd, color));
    }
  }
  process.stdout.write(formatSummary(result, cwd, color, !!flags.check));
  return result.exitCode;
}

/** Adds `coroutil codemod <eject|prime> [paths…]` to the coroutil CLI. */
export function registerCodemodCommand(cli: CAC): void {
  cli
    .command("codemod <transform> [...paths]", "eject: rewrite @coroutine and from() markers into plain runtime calls; prime: make generators primed at every creation prime themselves")
    .option("--dry-run", "Write nothing")
    .option("--diff", "Print a unified diff (implies --dry-run)")
    .option("--check", "Write nothing; exit 1 when anything would change")
    .option("--project <tsconfig>", "tsconfig.json to use (else found upward from the first path)")
    .option("--include <glob>", "Only files matching GLOB (repeatable)")
    .option("--exclude <glob>", "Skip files matching GLOB (repeatable; node_modules is always skipped)")
    .option("--runtime-module <module>", "eject: the module the runtime is imported from, as the Babel plugin's runtimeModule option (default coroutil)")
    .option("--tag", "prime: write the /** @coroutine */ tag (for projects compiled with the plugin) instead of coroutine(…)")
    .example("coroutil codemod eject src --check")
    .example("coroutil codemod prime src --diff")
    .action(async (transform: string, paths: string[], flags: CodemodFlags) => {
      process.exitCode = await codemodCommand(transform, paths, flags);
    });
}
