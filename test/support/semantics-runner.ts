// Child-process runner for the semantics twins: imports each case module given on the command line
// (file paths) in turn, capturing what it prints through the show.ts sink, and writes one JSON object
// { file: lines[] } to stdout. A case that throws gets an `uncaught ...` line, as Python's traceback
// would end the Python twin (the Python side prints `uncaught ...` through the same convention).
import { pathToFileURL } from "node:url";

type Sink = { lines: string[] };
const g = globalThis as { __semanticsSink?: Sink };
const results: Record<string, string[]> = {};

for (const file of process.argv.slice(2)) {
  const sink: Sink = { lines: [] };
  g.__semanticsSink = sink;
  try {
    await import(pathToFileURL(file).href);
  } catch (e) {
    const name = e instanceof Error ? e.constructor.name : typeof e;
    sink.lines.push(`uncaught ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  results[file] = sink.lines;
}
g.__semanticsSink = undefined;
process.stdout.write(JSON.stringify(results));
