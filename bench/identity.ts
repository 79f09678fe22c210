// trampoline: "all" and generator identity (SPEC section 3): the designs that would make a trampolined
// generator function return an object that is a generator, each timed on the tree walk and on creation
// against native `yield*` and against today's object, and the reads of `done` and `value` a consumer's
// `next()` makes through each (bench/workloads/identity.ts has the designs). Each design runs in its own
// child process, against the package as built. Writes the `## trampoline: "all" and generator identity`
// section of bench/RESULTS.md. Flags: --rounds=N, --no-write.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildOnce, childNodeArgs } from "./support/as-shipped.js";
import { writeSection } from "./support/results-section.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const argv = process.argv.slice(2);
const rounds = argv.find((a) => a.startsWith("--rounds=")) ?? "--rounds=15";
const write = !argv.includes("--no-write");
const TITLE = '## trampoline: "all" and generator identity';

interface Reads {
  done: number;
  value: number;
  same: boolean;
  generator: boolean;
  brand: boolean;
}
interface Result {
  tree: { ms: Record<string, number[]> };
  creation: { ms: Record<string, number[]> };
  reads: Record<string, Reads>;
}

const designs = [
  ["today", "today: the function returns the `Coroutine` driving its body (what the plugin emits)"],
  ["shell", "shell: a real generator around the coroutine, the coroutine stored on it for delegations"],
  ["handoff", "handoff: the same shell, which hands its coroutine over when a delegation starts it"],
  ["guarded", "guarded handoff: as handoff, also right for a shell started before it is delegated to"],
] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = (ms: Record<string, number[]>, name: string) => median(ms[name]!.map((x, i) => x / ms.native![i]!));

buildOnce(ROOT);
const loadBefore = os.loadavg()[0]!;
const rows = designs.map(([name, label]) => {
  process.stderr.write(`${name}…\n`);
  const file = path.join(HERE, "workloads", "identity.ts");
  const r = spawnSync(process.execPath, [...childNodeArgs, file, `--design=${name}`, rounds], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`identity --design=${name} failed (exit ${r.status}):\n${r.stderr}`);
  const result = JSON.parse(r.stdout.trim().split("\n").pop()!) as Result;
  return { name, label, tree: ratio(result.tree.ms, name), creation: ratio(result.creation.ms, name), reads: result.reads[name]!, native: result.reads.native! };
});
const loadAfter = os.loadavg()[0]!;
const cores = os.cpus().length;
const loadNote = `load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, on ${cores} cores`;

const yes = (b: boolean) => (b ? "yes" : "no");
const readsOf = (r: Reads) => `done ${r.done}, value ${r.value}, same object: ${yes(r.same)}`;
console.log("design     tree/native  creation/native  a generator  reads per next() of a hand-written iterator's result");
for (const r of rows) {
  console.log(`${r.name.padEnd(10)} ${r.tree.toFixed(2).padStart(10)}x ${r.creation.toFixed(2).padStart(15)}x  ${yes(r.reads.generator && r.reads.brand).padEnd(11)}  ${readsOf(r.reads)}`);
}
console.log(`native yield*: ${readsOf(rows[0]!.native)}`);
console.log(loadNote);

if (write) {
  const md = [TITLE, ""];
  md.push(`Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:identity\` (bench/identity.ts; the designs, written by hand in the shape the plugin would emit, in bench/workloads/identity.ts).`);
  md.push(`Machine: Node ${process.version}, ${os.cpus()[0]?.model?.trim() ?? "unknown CPU"}, ${cores} cores; ${loadNote}.`);
  md.push("Each design runs in its own process beside native `yield*`, round after round; the ratios are medians of per-round ratios. \"A generator\": `Object.prototype.toString` gives `[object Generator]` and `%GeneratorPrototype%.next` accepts it. The reads are what one `next()` of the consumer makes on the result of a hand-written iterator the generator delegates to (ECMA-262 `yield*`: `done` once, `value` never, the same object handed out).", "");
  md.push("| design | tree walk / native | creation / native | a generator | reads per `next()` |", "|---|---:|---:|---|---|");
  for (const r of rows) md.push(`| ${r.label} | ${r.tree.toFixed(2)}x | ${r.creation.toFixed(2)}x | ${yes(r.reads.generator && r.reads.brand)} | ${readsOf(r.reads)} |`);
  md.push(`| native \`yield*\` | 1.00x | 1.00x | yes | ${readsOf(rows[0]!.native)} |`);
  md.push("");
  md.push("Every design that hands out a generator object reads `done` twice: the shell's own `yield*`, which the engine runs, reads the result the trampoline has already read. Reading it once there would need the trampoline not to read it, and the trampoline must, to know whether the delegate finished. So such a design trades the tests that tell a `Coroutine` from a generator for the tests that count reads, which pass today, and it costs time besides: the plugin keeps today's object (README, `trampoline: \"all\"`).");
  writeSection(path.join(HERE, "RESULTS.md"), TITLE, md.join("\n"));
  process.stderr.write(`wrote the ${TITLE.slice(3)} section of bench/RESULTS.md\n`);
}
