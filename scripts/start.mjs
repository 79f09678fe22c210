// `npm start`: runs every example in examples/ through the coroutil register hook, from source
// (tsx compiles the runtime and the plugin on load, so no build step is needed), with a header per
// example. `npm start -- NAME [ARGS...]` runs one example with arguments, e.g.
// `npm start -- taxi-sim --taxis 5 --seed 7`. The example list is exported for the tests.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The argument with which main() reruns this script under the hooks to run every example. */
const IN_PROCESS = "--in-process";

/** The examples, in the order `npm start` runs them; each has a Python twin examples/<name>.py. */
export const examples = [
  { name: "running-averager", title: "a @coroutine consumer yielding the running average, ended by a sentinel" },
  { name: "averager-result", title: "the averager's result through StopIteration.value and through yield from" },
  { name: "grouper", title: "a delegating generator per key, driven by a client, results as a table" },
  { name: "taxi-sim", title: "a discrete-event taxi simulation, one coroutine per taxi" },
  { name: "pipeline", title: "a Beazley-style pipeline: source -> grep -> transform -> sink, then close()" },
];

/** The command that runs a TypeScript file with the plugin applied on load (from source). */
export function nodeArgs(file, args = []) {
  return ["--conditions=coroutil:source", "--import", "tsx", "--import", "coroutil/register", file, ...args];
}

/** The header line printed before an example's output. */
export function header(example, index, count) {
  return `=== ${index + 1}/${count} ${example.name}: ${example.title} ===`;
}

/** Runs one example in a child process with the hooks, its output going to ours; returns its exit status. */
function runOne(example, args) {
  const file = join("examples", `${example.name}.ts`);
  const { status, error } = spawnSync(process.execPath, nodeArgs(file, args), { cwd: root, stdio: "inherit" });
  if (error) throw error;
  return status ?? 1;
}

/**
 * Runs every example in this process (started by main() with the hooks loaded, so tsx and Babel load
 * once, not once per example): a header, then the example module, imported with its own argv.
 */
async function runAllHere() {
  const failed = [];
  const [node] = process.argv;
  for (const [index, example] of examples.entries()) {
    if (index > 0) console.log();
    console.log(header(example, index, examples.length));
    const file = join(root, "examples", `${example.name}.ts`);
    process.argv = [node, file];
    try {
      await import(pathToFileURL(file).href);
    } catch (error) {
      console.error(error);
      failed.push(example.name);
    }
  }
  if (failed.length > 0) console.error(`\nnpm start: failed: ${failed.join(", ")}`);
  return failed.length > 0 ? 1 : 0;
}

function main(argv) {
  const [only, ...args] = argv;
  if (only === undefined) {
    const self = fileURLToPath(import.meta.url);
    const { status, error } = spawnSync(process.execPath, nodeArgs(self, [IN_PROCESS]), { cwd: root, stdio: "inherit" });
    if (error) throw error;
    return status ?? 1;
  }
  const example = examples.find((e) => e.name === only);
  if (!example) {
    console.error(`npm start: no example named ${only}; the examples are: ${examples.map((e) => e.name).join(", ")}`);
    return 2;
  }
  return runOne(example, args);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = process.argv[2] === IN_PROCESS ? await runAllHere() : main(process.argv.slice(2));
}
