// A consumer pipeline in David Beazley's style: a source pushes lines into a chain of coroutines,
// grep -> transform -> sink, each a `/** @coroutine */` generator that receives with `yield` and
// passes on with send(). When the source is done it calls close() on the first stage: every stage
// catches GeneratorExit, closes the next one and returns what that close() returned (close()
// returns the generator's return value, as Python 3.13), so the sink's count travels back up,
// while the finally blocks report on the way out.
// Python twin: pipeline.py.
import { close, GeneratorExit, send } from "coroutil";

type Stage = Generator<undefined, number, string>;

const ZEN = [
  "Beautiful is better than ugly.",
  "Explicit is better than implicit.",
  "Simple is better than complex.",
  "Complex is better than complicated.",
  "Flat is better than nested.",
  "Sparse is better than dense.",
  "Readability counts.",
  "Special cases aren't special enough to break the rules.",
  "Although practicality beats purity.",
  "Errors should never pass silently.",
  "Now is better than never.",
  "Although never is often better than *right* now.",
];

/** Not a coroutine: pushes every line into the pipeline, then closes it. */
function source(lines: string[], target: Stage): void {
  console.log(`source: pushing ${lines.length} lines`);
  for (const line of lines) send(target, line);
  console.log("source: out of lines, closing the pipeline");
  const written = close(target);
  console.log(`source: close() returned ${written}: the sink wrote ${written} lines`);
}

/** @coroutine */
function* grep(pattern: string, target: Stage): Stage {
  let seen = 0;
  let passed = 0;
  try {
    while (true) {
      const line = yield;
      seen += 1;
      if (line.includes(pattern)) {
        passed += 1;
        send(target, line);
      }
    }
  } catch (exc) {
    if (!(exc instanceof GeneratorExit)) throw exc;
    console.log("grep: GeneratorExit, closing transform");
    return close(target) ?? 0;
  } finally {
    console.log(`grep: finally, ${passed} of ${seen} lines contained '${pattern}'`);
  }
}

/** @coroutine */
function* transform(name: string, fn: (line: string) => string, target: Stage): Stage {
  let changed = 0;
  try {
    while (true) {
      const line = yield;
      const out = fn(line);
      if (out !== line) changed += 1;
      send(target, out);
    }
  } catch (exc) {
    if (!(exc instanceof GeneratorExit)) throw exc;
    console.log(`transform ${name}: GeneratorExit, closing sink`);
    return close(target) ?? 0;
  } finally {
    console.log(`transform ${name}: finally, ${changed} lines changed`);
  }
}

/** @coroutine */
function* sink(): Stage {
  let written = 0;
  try {
    while (true) {
      const line = yield;
      written += 1;
      console.log(`  ${String(written).padStart(2)} | ${line}`);
    }
  } catch (exc) {
    if (!(exc instanceof GeneratorExit)) throw exc;
    console.log("sink: GeneratorExit");
    return written;
  } finally {
    console.log(`sink: finally, ${written} lines written`);
  }
}

const comparison = (line: string): string => line.replace(/^(.*) is better than (.*)\.$/, "$1 > $2");

source(ZEN, grep("better", transform("comparison", comparison, sink())));
