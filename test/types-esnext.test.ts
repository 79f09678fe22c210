// TypeScript projects whose lib types the iterator helpers (lib "esnext": Generator carries map, filter, …):
// a Coroutine must still be a Generator to the checker, and @coroutine must still decorate generator methods.
import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { tempDir } from "./support/temp-dir.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const Esnext = suite("types under lib esnext");

Esnext("a Coroutine is assignable to Generator and @coroutine type-checks on a generator method", () => {
  const dir = tempDir("coroutil-esnext-");
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(root, join(dir, "node_modules/coroutil"), "dir");
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "esnext",
        lib: ["esnext"],
        module: "nodenext",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        customConditions: ["coroutil:source"],
        types: [],
      },
      include: ["*.ts"],
    }),
  );
  writeFileSync(
    join(dir, "check.ts"),
    [
      'import { coroutine, track, Coroutine } from "coroutil";',
      "const made = track(function* (): Generator<number, string, boolean> {",
      "  yield 1;",
      '  return "done";',
      "});",
      "const asGenerator: Generator<number, string, boolean> = made();",
      "const doubled: IteratorObject<number, undefined, unknown> = made().map((x) => x * 2);",
      "class Worker {",
      "  @coroutine",
      "  *run(): Generator<number, void, string> {",
      "    yield (yield 1).length;",
      "  }",
      "}",
      "const c: Coroutine<number, void, string> = new Worker().run() as Coroutine<number, void, string>;",
      "export { asGenerator, doubled, c };",
      "",
    ].join("\n"),
  );
  const tsc = spawnSync(join(root, "node_modules/.bin/tsc"), ["-p", dir], { encoding: "utf8" });
  assert.is(tsc.stdout + tsc.stderr, "", "tsc reported errors");
  assert.is(tsc.status, 0);
});

Esnext.run();
