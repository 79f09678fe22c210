// The maintained Node lines the project is tested on (SPEC section 1), installed outside the
// repository from the registry's node-<platform>-<arch> packages and cached between runs.
//
//   node scripts/node-lines.mjs install          installs every line (a no-op when cached); prints their bin folders
//   node scripts/node-lines.mjs test [LINE...]   runs `npm test` on each line (default: all), one after another
//   node scripts/node-lines.mjs bin LINE         prints the folder holding that line's node (installing it)
//   node scripts/node-lines.mjs run LINE -- CMD  runs CMD with that line's node first on PATH
//
// The cache is $COROUTIL_NODE_CACHE, else $XDG_CACHE_HOME/coroutil/node-lines, else ~/.cache/coroutil/node-lines.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The lines, oldest first: the maintained ones (SPEC section 1). */
export const LINES = ["22", "24", "26"];
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

export function cacheDir() {
  if (process.env.COROUTIL_NODE_CACHE) return process.env.COROUTIL_NODE_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "coroutil", "node-lines");
}

/** The folder holding `node` for a line, installing it first when it is not cached. */
export function install(line) {
  const dir = join(cacheDir(), line);
  const bin = join(dir, "bin");
  if (existsSync(join(bin, "node"))) return bin;
  const pkg = `node-${process.platform}-${process.arch}@${line}`;
  mkdirSync(cacheDir(), { recursive: true });
  const work = mkdtempSync(join(cacheDir(), `.${line}-`));
  try {
    const pack = spawnSync(npm, ["pack", "--silent", pkg, "--pack-destination", work], { encoding: "utf8" });
    if (pack.status !== 0) throw new Error(`npm pack ${pkg} failed:\n${pack.stderr}`);
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack ${pkg} wrote no tarball`);
    const untar = spawnSync("tar", ["xzf", tarball, "package/bin/node"], { cwd: work, encoding: "utf8" });
    if (untar.status !== 0) throw new Error(`could not unpack ${tarball}:\n${untar.stderr}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(work, "package"), dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return bin;
}

/** The environment that puts a line's node first on PATH (npm's own scripts then run on it). */
export function envFor(bin) {
  return { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` };
}

function version(bin) {
  return spawnSync(join(bin, "node"), ["--version"], { encoding: "utf8" }).stdout.trim();
}

function main([command, ...rest]) {
  if (command === "install") {
    for (const line of LINES) {
      const bin = install(line);
      console.log(`node ${version(bin)}: ${bin}`);
    }
    return 0;
  }
  if (command === "bin" && LINES.includes(rest[0])) {
    console.log(install(rest[0]));
    return 0;
  }
  if (command === "run") {
    const [line, dashes, cmd, ...args] = rest;
    if (!LINES.includes(line) || dashes !== "--" || !cmd) {
      console.error(`usage: node scripts/node-lines.mjs run LINE -- COMMAND [ARGS...] (LINE: ${LINES.join(", ")})`);
      return 2;
    }
    const r = spawnSync(cmd, args, { cwd: process.cwd(), stdio: "inherit", env: envFor(install(line)) });
    return r.status ?? 1;
  }
  if (command === "test") {
    const lines = rest.length ? rest : LINES;
    const unknown = lines.filter((l) => !LINES.includes(l));
    if (unknown.length) {
      console.error(`node-lines: no line ${unknown.join(", ")}; the lines are ${LINES.join(", ")}`);
      return 2;
    }
    const results = [];
    for (const line of lines) {
      const bin = install(line);
      console.log(`\n=== npm test on node ${version(bin)} ===`);
      const r = spawnSync(npm, ["test"], { cwd: root, stdio: "inherit", env: envFor(bin) });
      results.push([version(bin), r.status]);
    }
    console.log();
    for (const [v, status] of results) console.log(`node ${v}: ${status === 0 ? "passed" : "FAILED"}`);
    return results.every(([, s]) => s === 0) ? 0 : 1;
  }
  console.error("usage: node scripts/node-lines.mjs install | test [LINE...] | bin LINE | run LINE -- COMMAND [ARGS...]");
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
