// Every code block in README.md and docs/*.md runs here:
// - ```ts / ```js: written to a temporary folder and run through the register hook (the Babel
//   plugin from source), all in one Node process;
//   the TypeScript ones are also type-checked (strict, as the project is);
// - ```python: run with python3;
// - ```sh: run with bash in the repo, with `node` resolving coroutil from source (as an installed
//   package would from dist);
// - a ```text block right after one of those is its expected output, compared line by line;
// - `<!-- plugin-output -->` before a ```js block: that block must be exactly what the plugin
//   emits for the block before it (compiled as example.js);
// - `<!-- no-run -->` before a block: not run (shell commands like npm ci, config files).
// Any other block fails the test until it gets one of these roles.
import { transformSync } from "@babel/core";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import plugin from "coroutil/babel";
import { nodeArgs, root } from "../scripts/start.mjs";

interface Block {
  doc: string;
  line: number;
  /** The index (from 0) of the closing fence's line. */
  end: number;
  lang: string;
  code: string;
  marker: "no-run" | "plugin-output" | undefined;
  expected?: string[];
  role?: "run" | "expected" | "plugin-output" | "no-run";
}

const RUNNABLE = new Set(["ts", "js", "python", "sh"]);

const docs = [
  "README.md",
  ...(existsSync(join(root, "docs")) ? readdirSync(join(root, "docs")) : [])
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => join("docs", f)),
];

function blocksOf(doc: string): Block[] {
  const text = readFileSync(join(root, doc), "utf8").split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < text.length; i++) {
    const open = /^```(\w*)\s*$/.exec(text[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < text.length && !/^```\s*$/.test(text[i]!); i++) body.push(text[i]!);
    let before = start - 1;
    while (before >= 0 && text[before]!.trim() === "") before--;
    const previous = before >= 0 ? text[before]!.trim() : "";
    const marker =
      previous === "<!-- no-run -->" ? "no-run" : previous === "<!-- plugin-output -->" ? "plugin-output" : undefined;
    const prev = blocks.at(-1);
    // Whether only blank lines separate this block from the end of the previous one.
    const adjacent = prev !== undefined && text.slice(prev.end + 1, start).every((l) => l.trim() === "");
    const block: Block = { doc, line: start + 1, end: i, lang: open[1]!, code: body.join("\n"), marker };
    if (marker === "no-run") block.role = "no-run";
    else if (marker === "plugin-output") block.role = "plugin-output";
    else if (block.lang === "text" && adjacent && prev?.role === "run" && prev.expected === undefined) {
      block.role = "expected";
      prev.expected = block.code === "" ? [] : block.code.split("\n");
    } else if (RUNNABLE.has(block.lang)) block.role = "run";
    blocks.push(block);
  }
  return blocks;
}

const blocks = docs.flatMap(blocksOf);
const where = (b: Block) => `${b.doc}:${b.line}`;

function lines(text: string): string[] {
  const all = text.replace(/\s+$/, "").split("\n");
  return all.length === 1 && all[0] === "" ? [] : all.map((l) => l.replace(/\s+$/, ""));
}

/** Durations (the codemod's "time 0.32s") differ from run to run. */
const normalize = (line: string): string => line.replace(/\s+$/, "").replace(/\btime \d+(\.\d+)?m?s\b/g, "time <t>");

function sameOutput(b: Block, got: string[]): void {
  if (b.expected === undefined) return;
  const actual = got.map(normalize);
  const expected = b.expected.map(normalize);
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (actual[i] !== expected[i]) {
      assert.unreachable(
        `${where(b)}: output line ${i + 1} differs\n  got:      ${JSON.stringify(actual[i])}\n` +
          `  expected: ${JSON.stringify(expected[i])}\n--- got\n${actual.join("\n")}\n--- expected\n${expected.join("\n")}`,
      );
    }
  }
}

// ---- running the TypeScript and JavaScript blocks in one process ----

interface ScriptResult {
  out: string;
  error?: string;
}

let scriptResults: Map<Block, ScriptResult> | undefined;

function runScripts(): Map<Block, ScriptResult> {
  if (scriptResults) return scriptResults;
  const scripts = blocks.filter((b) => b.role === "run" && (b.lang === "ts" || b.lang === "js"));
  const dir = mkdtempSync(join(tmpdir(), "coroutil-docs-"));
  try {
    // One folder per block, so that a block's file name (in stack traces) is just block.mts or block.mjs.
    const files = scripts.map((b, i) => {
      mkdirSync(join(dir, String(i)));
      const file = join(dir, String(i), `block.${b.lang === "ts" ? "mts" : "mjs"}`);
      writeFileSync(file, b.code + "\n");
      return file;
    });
    const runner = join(dir, "runner.mjs");
    const resultsFile = join(dir, "results.json");
    writeFileSync(
      runner,
      `import { writeFileSync } from "node:fs";
const files = ${JSON.stringify(files.map((f) => pathToFileURL(f).href))};
const results = [];
const write = process.stdout.write.bind(process.stdout);
for (const file of files) {
  let out = "";
  process.stdout.write = (chunk, ...rest) => { out += String(chunk); const cb = rest.find((r) => typeof r === "function"); if (cb) cb(); return true; };
  try {
    await import(file);
    results.push({ out });
  } catch (e) {
    results.push({ out, error: e instanceof Error ? (e.stack ?? e.name + ": " + e.message) : "thrown " + String(e) });
  } finally {
    process.stdout.write = write;
  }
}
writeFileSync(${JSON.stringify(resultsFile)}, JSON.stringify(results));
`,
    );
    const r = spawnSync(process.execPath, nodeArgs(runner), { cwd: root, encoding: "utf8", timeout: 120_000, env: plainEnv() });
    if (r.error) throw r.error;
    let results: ScriptResult[];
    try {
      results = JSON.parse(readFileSync(resultsFile, "utf8"));
    } catch {
      throw new Error(`the docs runner ended without results (exit ${r.status}):\n${r.stderr}`);
    }
    scriptResults = new Map(scripts.map((b, i) => [b, results[i]!]));
    return scriptResults;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The environment for the blocks: no colours (console.log colours numbers when asked to). */
function plainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...extra };
  delete env.FORCE_COLOR;
  return env;
}

/** `npx coroutil …` as in an installed project: here the CLI from source. */
const shellPrelude = `npx() { if [ "$1" = coroutil ]; then shift; node cli/index.ts "$@"; else command npx "$@"; fi; }\n`;

function runPython(b: Block): { out: string; status: number | null; stderr: string } {
  const r = spawnSync("python3", ["-c", b.code], {
    encoding: "utf8",
    timeout: 30_000,
    env: plainEnv({ PYTHONDONTWRITEBYTECODE: "1", PYTHONIOENCODING: "utf-8" }),
  });
  if (r.error) throw r.error;
  return { out: r.stdout, status: r.status, stderr: r.stderr };
}

function runShell(b: Block): { out: string; status: number | null; stderr: string } {
  const r = spawnSync("bash", ["-euo", "pipefail", "-c", shellPrelude + b.code], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
    env: plainEnv({
      // `node --import coroutil/register` runs the built package in a project; here the source.
      NODE_OPTIONS: [process.env.NODE_OPTIONS ?? "", "--conditions=coroutil:source", "--import=tsx"].join(" ").trim(),
      CI: "1",
    }),
  });
  if (r.error) throw r.error;
  return { out: r.stdout, status: r.status, stderr: r.stderr };
}

// ---- the tests ----

/** Type-checks the ```ts blocks together (each its own module), importing coroutil from source. */
function typeCheck(): { status: number | null; out: string; files: Map<string, Block> } {
  const scripts = blocks.filter((b) => b.role === "run" && b.lang === "ts");
  const dir = mkdtempSync(join(tmpdir(), "coroutil-docs-tsc-"));
  try {
    const files = new Map<string, Block>();
    scripts.forEach((b, i) => {
      const name = `block${i}.mts`;
      writeFileSync(join(dir, name), b.code + "\n");
      files.set(name, b);
    });
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "es2022",
          lib: ["es2023", "esnext.decorators"],
          module: "nodenext",
          moduleResolution: "nodenext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [join(root, "node_modules", "@types")],
          paths: { coroutil: [join(root, "runtime", "index.ts")] },
        },
        files: [...files.keys()],
      }),
    );
    const tsc = join(createRequire(import.meta.url).resolve("typescript/package.json"), "..", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", dir, "--pretty", "false"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    if (r.error) throw r.error;
    return { status: r.status, out: r.stdout + r.stderr, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const Docs = suite("docs");

Docs("the TypeScript blocks type-check (strict)", () => {
  const { status, out, files } = typeCheck();
  // Point each error at the document line: blockN.mts(line,col) -> doc:line.
  const located = out.replace(/(block\d+\.mts)\((\d+),(\d+)\)/g, (whole, name: string, line: string) => {
    const b = files.get(name);
    return b ? `${b.doc}:${b.line + Number(line)}` : whole;
  });
  assert.is(status, 0, `tsc found errors in code blocks:\n${located}`);
});

Docs("README.md and docs/ have code blocks", () => {
  assert.ok(blocks.filter((b) => b.role === "run").length > 0);
});

Docs("every code block runs, is expected output, plugin output, or is marked no-run", () => {
  const loose = blocks.filter((b) => b.role === undefined);
  assert.ok(
    loose.length === 0,
    "blocks without a role:\n" +
      loose.map((b) => `  ${where(b)} (\`\`\`${b.lang}): tag it ts/js/python/sh, put it right after a block as its \`\`\`text output, or precede it with <!-- no-run -->`).join("\n"),
  );
});

Docs("relative links in README.md and docs/ point at files that exist", () => {
  for (const doc of docs) {
    const text = readFileSync(join(root, doc), "utf8").replace(/^```[\s\S]*?^```/gm, "");
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target!) || target!.startsWith("#")) continue;
      const path = join(root, dirname(doc), target!.replace(/#.*$/, ""));
      assert.ok(existsSync(path), `${doc} links ${target}, which does not exist`);
    }
  }
});

Docs("the README keeps the two newcomer commands", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  assert.ok(readme.includes("npm ci && npm start"), "README.md must show `npm ci && npm start`");
  assert.ok(readme.includes("npm test"), "README.md must show `npm test`");
});

Docs("the README's benchmark figures are rows of bench/RESULTS.md", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const at = readme.indexOf("## Benchmarks");
  if (at === -1) return;
  const section = readme.slice(at, readme.indexOf("\n## ", at + 1) === -1 ? undefined : readme.indexOf("\n## ", at + 1));
  const rows = section.split("\n").filter((l) => /^\|.*\d/.test(l));
  const results = join(root, "bench", "RESULTS.md");
  if (!existsSync(results)) {
    assert.is(rows.length, 0, "README.md shows benchmark figures but bench/RESULTS.md does not exist");
    return;
  }
  const text = readFileSync(results, "utf8");
  for (const row of rows) assert.ok(text.includes(row), `README.md benchmark row not in bench/RESULTS.md: ${row}`);
  for (const [, target] of section.matchAll(/\]\(([^)]+)\)/g)) {
    assert.ok(existsSync(join(root, target!)), `README.md links ${target}, which does not exist`);
  }
});

for (const b of blocks) {
  if (b.role === "run" && (b.lang === "ts" || b.lang === "js")) {
    Docs(`${where(b)} (${b.lang}) runs through the register hook${b.expected ? " and prints its output" : ""}`, () => {
      const r = runScripts().get(b)!;
      assert.ok(r.error === undefined, `${where(b)} threw:\n${r.error}\noutput so far:\n${r.out}`);
      sameOutput(b, lines(r.out));
    });
  } else if (b.role === "run" && b.lang === "python") {
    Docs(`${where(b)} (python) runs with python3${b.expected ? " and prints its output" : ""}`, () => {
      const r = runPython(b);
      assert.is(r.status, 0, `${where(b)} failed:\n${r.stderr}`);
      sameOutput(b, lines(r.out));
    });
  } else if (b.role === "run" && b.lang === "sh") {
    Docs(`${where(b)} (sh) runs${b.expected ? " and prints its output" : ""}`, () => {
      const r = runShell(b);
      assert.is(r.status, 0, `${where(b)} failed (exit ${r.status}):\n${r.stderr}\n${r.out}`);
      sameOutput(b, lines(r.out));
    });
  } else if (b.role === "plugin-output") {
    Docs(`${where(b)} is what the plugin emits for the block before it`, () => {
      const i = blocks.indexOf(b);
      const source = blocks.slice(0, i).reverse().find((x) => x.doc === b.doc && x.role === "run");
      assert.ok(source, `${where(b)}: no code block before it to compile`);
      const out = transformSync(source!.code, {
        filename: "example.js",
        babelrc: false,
        configFile: false,
        plugins: [plugin],
      });
      assert.fixture(lines(out?.code ?? "").join("\n"), lines(b.code).join("\n"), `${where(b)} vs plugin output of ${where(source!)}`);
    });
    Docs(`${where(b)}: the plugin leaves its own output unchanged`, () => {
      const again = transformSync(b.code, { filename: "example.js", babelrc: false, configFile: false, plugins: [plugin] });
      assert.fixture(lines(again?.code ?? "").join("\n"), lines(b.code).join("\n"));
    });
  }
}

Docs.run();
