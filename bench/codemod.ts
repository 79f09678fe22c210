// Codemod benchmark (`npm run bench:codemod`): files per second for `coroutil codemod eject --check`
// over a generated tree of 2,000 files (5% with `@coroutine` / `yield from(x)`) in a temp folder.
// Prints the figures and writes the `## Codemod` section of bench/RESULTS.md (other sections are left alone).
// Flags: --files=N (default 2000), --rounds=N (default 5), --no-write (print only).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runCodemod } from "coroutil/codemod";
import { writeSection } from "./support/results-section.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const option = (name: string) => argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
const FILES = Number(option("--files") ?? 2000);
const ROUNDS = Number(option("--rounds") ?? 5);
const MARKED_SHARE = 0.05;

function plainFile(i: number): string {
  return `// generated file ${i}
export interface Item${i} { id: number; name: string; tags: string[] }

export function make${i}(n: number): Item${i}[] {
  const out: Item${i}[] = [];
  for (let k = 0; k < n; k++) out.push({ id: k, name: \`item \${k}\`, tags: k % 2 ? ["odd"] : ["even"] });
  return out;
}

export function* walk${i}(items: Item${i}[]): Generator<Item${i}, number, unknown> {
  for (const item of items) yield item;
  return items.length;
}

export class Store${i} {
  private items = new Map<number, Item${i}>();
  add(item: Item${i}): void { this.items.set(item.id, item); }
  get size(): number { return this.items.size; }
}
`;
}

function markedFile(i: number): string {
  return `import { from, send } from "coroutil";

/**
 * Running average ${i}.
 * @coroutine
 */
export function* averager${i}(): Generator<number | undefined, number, number> {
  let total = 0, count = 0, average: number | undefined;
  for (;;) {
    const term = yield average;
    total += term; count++; average = total / count;
  }
}

export function* grouper${i}(out: number[]): Generator<any, void, any> {
  for (;;) out.push(yield from(averager${i}()));
}

export class Worker${i} {
  total = 0;
  /** @coroutine */
  *run(): Generator<number, void, number> { for (;;) this.total += yield this.total; }
}

export const first${i} = send(averager${i}(), 1);
`;
}

function generate(dir: string): number {
  let marked = 0;
  for (let i = 0; i < FILES; i++) {
    const sub = path.join(dir, `pkg${i % 20}`, `mod${i % 7}`);
    mkdirSync(sub, { recursive: true });
    const isMarked = i % Math.round(1 / MARKED_SHARE) === 0;
    if (isMarked) marked++;
    writeFileSync(path.join(sub, `file${i}.ts`), isMarked ? markedFile(i) : plainFile(i));
  }
  return marked;
}

const dir = mkdtempSync(path.join(os.tmpdir(), "coroutil-bench-codemod-"));
try {
  const marked = generate(dir);
  process.stderr.write(`generated ${FILES} files (${marked} with markers) in a temp folder\n`);
  const rates: number[] = [];
  let last;
  for (let round = 0; round < ROUNDS; round++) {
    last = await runCodemod("eject", { paths: [dir], check: true, cwd: dir });
    if (last.counts.scanned !== FILES || last.counts.changed !== marked || last.counts.failed) {
      throw new Error(`unexpected result: ${JSON.stringify(last.counts)}`);
    }
    const rate = FILES / (last.milliseconds / 1000);
    rates.push(rate);
    process.stderr.write(`round ${round + 1}: ${last.milliseconds.toFixed(0)} ms, ${rate.toFixed(0)} files/s\n`);
  }
  const sorted = [...rates].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const cpus = os.cpus();
  const machine = `Node ${process.version}, ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores`;
  const md = [
    "## Codemod",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:codemod\` (bench/codemod.ts).`,
    `Machine: ${machine}.`,
    "",
    `\`coroutil codemod eject --check\` (the \`runCodemod\` API, in process) over a generated tree of ${FILES.toLocaleString("en")} TypeScript files`,
    `in ${20 * 7} folders, ${marked} of them (${(MARKED_SHARE * 100).toFixed(0)}%) with \`@coroutine\` generators, a tagged class method and \`yield from(x)\` markers;`,
    "every file is read and parsed (syntax errors are reported), the marked ones are transformed and their output re-parsed.",
    "",
    "| rounds | median files/s | best files/s | median time for the tree |",
    "|---:|---:|---:|---:|",
    `| ${ROUNDS} | ${median.toFixed(0)} | ${sorted[sorted.length - 1]!.toFixed(0)} | ${((FILES / median) * 1000).toFixed(0)} ms |`,
    "",
    `Load average while measuring: ${os.loadavg().map((l) => l.toFixed(1)).join(", ")} (the machine is shared; figures are indicative).`,
  ];
  process.stdout.write(`${md.join("\n")}\n`);
  if (!argv.includes("--no-write")) {
    writeSection(path.join(HERE, "RESULTS.md"), "## Codemod", md.join("\n"));
    process.stderr.write(`wrote the "## Codemod" section of bench/RESULTS.md\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
