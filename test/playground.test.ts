// The playground in a real browser (SPEC section 6): `npm run playground:build` writes playground/dist,
// served here from 127.0.0.1, driven in Debian's chromium by playwright-core. Each example prints what
// its Python twin prints; ?code_lz= code runs; the Compiled and Ejected panes hold the plugin's and
// eject's output; the timeline lists each resume with the states after it; `yield from x` gets the
// hint; a loop that never yields is stopped and the page still answers; the URL follows an edit.
import { transformSync } from "@babel/core";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import LZString from "lz-string";
import coroutil from "coroutil/babel";
import { ejectText } from "coroutil/codemod";
import { examples, root } from "../scripts/start.mjs";

const Playground = suite("playground in chromium");
const { compressToEncodedURIComponent } = LZString;
const CHROMIUM = "/usr/bin/chromium";
const dist = join(root, "playground/dist");
let server: Server;
let base = "";
let browser: Browser;

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml" };

Playground.before(async () => {
  if (!existsSync(CHROMIUM)) {
    // The test setup installs Debian's chromium when it is missing (as .ci/run does).
    spawnSync("bash", ["-c", "apt-get update -qq && apt-get install -y -qq chromium"], { stdio: "ignore" });
  }
  assert.ok(existsSync(CHROMIUM), `no ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium)`);
  execFileSync(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--config", "playground/vite.config.ts", "--logLevel", "error"], { cwd: root, stdio: "pipe" });
  server = createServer((req, res) => {
    const path = normalize(join(dist, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)));
    const file = path.endsWith("/") || path === dist ? join(path, "index.html") : path;
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

Playground.after(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** Opens the page and waits until the program has run (or was stopped). */
async function open(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(base + query);
  await page.waitForSelector("body[data-state=done]", { timeout: 20_000 });
  return page;
}

const text = (page: Page, id: string) => page.locator(`#${id}`).innerText();
const python = (name: string) => execFileSync("python3", [join(root, "examples", `${name}.py`)], { encoding: "utf8" });
const lines = (s: string) => s.replace(/\s+$/, "").split("\n").map((l) => l.trimEnd());

for (const example of examples) {
  Playground(`?example=${example.name} prints what its Python twin prints`, async () => {
    const page = await open(`?example=${example.name}`);
    try {
      assert.equal(lines(await text(page, "output")), lines(python(example.name)));
      assert.is(await page.locator("#examples").inputValue(), example.name);
    } finally {
      await page.close();
    }
  });
}

const SMALL = `import { from, send } from "coroutil";

/** @coroutine */
function* averager(): Generator<number | undefined, number, number | undefined> {
  let total = 0, count = 0;
  for (;;) {
    const term = yield (count ? total / count : undefined);
    if (term === undefined) return total / count;
    total += term;
    count += 1;
  }
}

/** @coroutine */
function* grouper(): Generator<unknown, never, any> {
  for (;;) console.log("average", yield from(averager()));
}

const g = grouper();
send(g, 10);
send(g, 20);
send(g, undefined);
`;

Playground("?code_lz= code runs, and Compiled and Ejected hold the plugin's and eject's output for it", async () => {
  const page = await open(`?code_lz=${compressToEncodedURIComponent(SMALL)}`);
  try {
    assert.is((await text(page, "output")).trim(), "average 15");
    const compiled = transformSync(SMALL, {
      filename: "playground.ts",
      babelrc: false,
      configFile: false,
      sourceType: "module",
      presets: [["@babel/preset-typescript", { allowDeclareFields: true }]],
      plugins: [coroutil],
    })!.code!;
    assert.is(await page.locator("#compiled").textContent(), compiled);
    assert.is(await page.locator("#ejected").textContent(), ejectText(SMALL, "playground.ts"));
  } finally {
    await page.close();
  }
});

Playground("the timeline lists each resume with the states after it and the delegation stack", async () => {
  const page = await open(`?code_lz=${compressToEncodedURIComponent(SMALL)}`);
  try {
    const items = await page.locator("#steps li").allInnerTexts();
    // priming grouper, which delegates to averager, primed by @coroutine inside grouper's resume (one
    // level in); send 10, send 20, send undefined (averager returns; grouper starts and primes a new one)
    assert.is(items.length, 6, items.join("\n"));
    assert.is(items[0], "grouper.send(undefined) → undefined | grouper: GEN_SUSPENDED, averager: GEN_SUSPENDED");
    assert.is(items[1], "averager.send(undefined) → undefined | grouper: GEN_RUNNING, averager: GEN_SUSPENDED");
    assert.is(items[2], "grouper.send(10) → 10 | grouper: GEN_SUSPENDED, averager: GEN_SUSPENDED");
    assert.is(items[3], "grouper.send(20) → 15 | grouper: GEN_SUSPENDED, averager: GEN_SUSPENDED");
    assert.is(items[4], "grouper.send(undefined) → undefined | grouper: GEN_SUSPENDED, averager#2: GEN_SUSPENDED");
    await page.locator("#steps li").nth(2).click();
    const frames = await page.locator("#current .frame").allInnerTexts();
    assert.equal(frames.map((f) => f.replace(/\s+←.*$/, "")), ["grouper", "averager"]);
    assert.is(await page.locator("#current .frame.lands").innerText().then((t) => t.replace(/\s+←.*$/, "")), "averager");
    await page.locator("#steps").press("ArrowDown");
    assert.is(await page.locator("#step-label").innerText(), "resume 4 of 6");
  } finally {
    await page.close();
  }
});

Playground("`yield from x` shows the hint to write yield from(x)", async () => {
  const page = await open(`?code_lz=${compressToEncodedURIComponent("function* numbers() {\n  yield 1;\n}\nfunction* all() {\n  yield from numbers();\n}\n")}`);
  try {
    assert.match(await text(page, "output"), /`yield from x` is Python: in JavaScript write yield from\(x\)/);
  } finally {
    await page.close();
  }
});

Playground("a program that never yields back is stopped, the Output says so, and the page still runs an edit", async () => {
  const page = await open(`?code_lz=${compressToEncodedURIComponent("console.log('start');\nwhile (true) {}\n")}`);
  try {
    assert.match(await text(page, "output"), /Stopped: the program did not finish within 3 seconds/);
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+a");
    await page.keyboard.insertText("console.log('still here');\n");
    await page.waitForFunction(`document.getElementById("output").textContent.includes("still here")`, undefined, { timeout: 15_000 });
  } finally {
    await page.close();
  }
});

Playground("the URL follows an edit (code_lz), and the examples menu opens each example", async () => {
  const page = await open("?example=running-averager");
  try {
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("\nconsole.log('edited');\n");
    await page.waitForFunction(`location.search.startsWith("?code_lz=")`, undefined, { timeout: 10_000 });
    await page.waitForSelector("body[data-state=done]");
    await page.waitForFunction(`document.getElementById("output").textContent.includes("edited")`, undefined, { timeout: 15_000 });
    await page.locator("#examples").selectOption("pipeline");
    await page.waitForFunction(`location.search === "?example=pipeline"`, undefined, { timeout: 10_000 });
    await page.waitForFunction(`document.body.dataset.state === "done"`);
    assert.equal(lines(await text(page, "output")), lines(python("pipeline")));
  } finally {
    await page.close();
  }
});

Playground("a screenshot of the page for the README (docs/playground.png; written when missing, OVERWRITE=1 refreshes it)", async () => {
  const page = await open("?example=grouper");
  try {
    await page.locator("#steps li").nth(3).click();
    const target = join(root, "docs/playground.png");
    const write = !process.env.CI && (!existsSync(target) || !!process.env.OVERWRITE);
    const shot = await page.screenshot(write ? { path: target } : {});
    assert.ok(shot.length > 10_000, "a screenshot of the whole page");
    assert.ok(existsSync(target), "docs/playground.png is there for the README");
  } finally {
    await page.close();
  }
});

Playground.run();
