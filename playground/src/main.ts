// The playground page: an editor (Source), what the program prints (Output), the timeline of every
// resume, the plugin's output (Compiled) and eject's (Ejected). It compiles on load and on each
// edit, runs the program in a sandboxed iframe's worker, and keeps the URL in step (?code_lz=, the
// Babel REPL's parameter; ?example=NAME opens one of examples/).
import "./style.css";
import { javascript } from "@codemirror/lang-javascript";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { compile } from "./compile.js";
import type { SandboxMessage, Step } from "./protocol.js";
import { sandboxDocument } from "./sandbox.js";

/** A program that has not finished after this many seconds is stopped. */
const TIME_LIMIT = 3;

const raw = import.meta.glob("../../examples/*.ts", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const examples = new Map(Object.entries(raw).map(([path, text]) => [path.replace(/^.*\/(.*)\.ts$/, "$1"), text]));
const DEFAULT_EXAMPLE = "grouper";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const output = $<HTMLPreElement>("output");
const compiledPane = $<HTMLPreElement>("compiled");
const ejectedPane = $<HTMLPreElement>("ejected");
const status = $<HTMLSpanElement>("status");
const menu = $<HTMLSelectElement>("examples");
const iframe = $<HTMLIFrameElement>("sandbox");
const stepsList = $<HTMLOListElement>("steps");
const stepInput = $<HTMLInputElement>("step");
const stepLabel = $<HTMLSpanElement>("step-label");
const current = $<HTMLDivElement>("current");

// ---- the source: from the URL, else an example
function initialSource(): { text: string; example?: string } {
  const params = new URLSearchParams(location.search);
  const lz = params.get("code_lz");
  if (lz) {
    const text = decompressFromEncodedURIComponent(lz);
    if (text != null) return { text };
  }
  const name = params.get("example") ?? DEFAULT_EXAMPLE;
  return { text: examples.get(name) ?? examples.get(DEFAULT_EXAMPLE) ?? "", example: examples.has(name) ? name : DEFAULT_EXAMPLE };
}

const start = initialSource();
for (const name of [...examples.keys()].sort()) menu.add(new Option(name, name));
menu.add(new Option("(your code)", ""), 0);
menu.value = start.example ?? "";

let timer: ReturnType<typeof setTimeout> | undefined;
const editor = new EditorView({
  doc: start.text,
  parent: $("editor"),
  extensions: [
    basicSetup,
    javascript({ typescript: true }),
    keymap.of([{ key: "Mod-Enter", run: () => (update(), true) }]),
    EditorView.contentAttributes.of({ "aria-label": "Source code" }),
    EditorView.updateListener.of((u) => {
      if (!u.docChanged) return;
      menu.value = "";
      clearTimeout(timer);
      timer = setTimeout(() => update(true), 400);
    }),
  ],
});

menu.addEventListener("change", () => {
  const name = menu.value;
  const text = examples.get(name);
  if (text === undefined) return;
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
  // (the edit listener took it for a user's edit)
  clearTimeout(timer);
  menu.value = name;
  void update(false, name);
});
$("run").addEventListener("click", () => update());

/** The URL follows the source: ?example=NAME while it is an example as written, else ?code_lz=. */
function keepUrl(source: string, example?: string): void {
  const url = new URL(location.href);
  url.search = example ? `?example=${encodeURIComponent(example)}` : `?code_lz=${compressToEncodedURIComponent(source)}`;
  history.replaceState(null, "", url);
}

// ---- the sandbox
let ready: Promise<void>;
function resetSandbox(): void {
  ready = new Promise((resolve) => {
    const onReady = (e: MessageEvent<SandboxMessage>) => {
      if (e.source === iframe.contentWindow && e.data?.type === "ready") {
        removeEventListener("message", onReady);
        resolve();
      }
    };
    addEventListener("message", onReady);
  });
  iframe.srcdoc = sandboxDocument();
}
resetSandbox();

let run = 0;
let lines: { stream: "out" | "err"; text: string }[] = [];
function showOutput(extra?: string): void {
  output.replaceChildren(
    ...lines.map((l) => {
      const span = document.createElement("span");
      span.textContent = `${l.text}\n`;
      if (l.stream === "err") span.className = "err";
      return span;
    }),
  );
  if (extra) {
    const span = document.createElement("span");
    span.className = "err";
    span.textContent = extra;
    output.append(span);
  }
}

addEventListener("message", (e: MessageEvent<SandboxMessage>) => {
  if (e.source !== iframe.contentWindow) return;
  const message = e.data;
  if (message.type === "print") {
    lines.push({ stream: message.stream, text: message.text });
    showOutput();
  } else if (message.type === "done") {
    showOutput(message.error ? `${message.error}\n` : undefined);
    showTimeline(message.steps);
    status.textContent = message.error ? "finished with an error" : `ran: ${message.steps.length} resumes`;
    document.body.dataset.state = "done";
  } else if (message.type === "timeout") {
    showOutput(`Stopped: the program did not finish within ${message.seconds} seconds (a loop that never yields back?).\n`);
    showTimeline([]);
    status.textContent = `stopped after ${message.seconds} s`;
    document.body.dataset.state = "done";
  }
});

async function update(fromEdit = false, example?: string): Promise<void> {
  const source = editor.state.doc.toString();
  keepUrl(source, example ?? (menu.value || undefined));
  const result = compile(source);
  compiledPane.textContent = "code" in result.compiled ? result.compiled.code : result.compiled.error;
  compiledPane.classList.toggle("err", !("code" in result.compiled));
  ejectedPane.textContent = "code" in result.ejected ? result.ejected.code : result.ejected.error;
  ejectedPane.classList.toggle("err", !("code" in result.ejected));
  lines = [];
  document.body.dataset.state = "running";
  if (result.runnable === undefined) {
    showOutput("error" in result.compiled ? `${result.compiled.error}\n` : undefined);
    showTimeline([]);
    status.textContent = "does not compile";
    document.body.dataset.state = "done";
    return;
  }
  showOutput();
  status.textContent = fromEdit ? "running the edit…" : "running…";
  const mine = ++run;
  await ready;
  if (mine !== run) return;
  iframe.contentWindow!.postMessage({ type: "run", code: result.runnable, seconds: TIME_LIMIT }, "*");
}

// ---- the timeline
let steps: Step[] = [];
function showTimeline(list: Step[]): void {
  steps = list;
  stepsList.replaceChildren(
    ...list.map((s, i) => {
      const li = document.createElement("li");
      li.dataset.index = String(i);
      li.style.marginLeft = `${s.depth * 1.2}rem`;
      li.textContent = `${s.who}.${s.how}(${s.sent}) → ${s.outcome.text} | ${s.states.map((x) => `${x.who}: ${x.state}`).join(", ")}`;
      li.className = `outcome-${s.outcome.kind}`;
      li.addEventListener("click", () => select(i));
      return li;
    }),
  );
  stepInput.max = String(Math.max(1, list.length));
  stepInput.disabled = list.length === 0;
  select(0);
}

function select(i: number): void {
  const s = steps[i];
  stepInput.value = String(i + 1);
  stepLabel.textContent = s ? `resume ${i + 1} of ${steps.length}` : "no resumes";
  for (const li of stepsList.children) (li as HTMLElement).removeAttribute("aria-current");
  const li = stepsList.children[i] as HTMLElement | undefined;
  li?.setAttribute("aria-current", "step");
  li?.scrollIntoView({ block: "nearest" });
  if (!s) {
    current.replaceChildren();
    return;
  }
  const stack = document.createElement("div");
  stack.className = "stack";
  stack.setAttribute("aria-label", "delegation stack before the resume, outermost at the bottom");
  s.stack.forEach((who, k) => {
    const frame = document.createElement("div");
    frame.className = `frame${k === s.stack.length - 1 && s.how !== "close" ? " lands" : ""}`;
    frame.textContent = who;
    stack.append(frame);
  });
  const what = document.createElement("div");
  const call = document.createElement("div");
  call.textContent = `${s.how}(${s.sent}) to ${s.who}`;
  const came = document.createElement("div");
  came.className = `outcome-${s.outcome.kind}`;
  came.textContent = `→ ${s.outcome.text}`;
  const states = document.createElement("div");
  states.className = "states";
  for (const x of s.states) {
    const chip = document.createElement("span");
    chip.textContent = `${x.who}: ${x.state}`;
    states.append(chip);
  }
  what.append(call, came, states);
  current.replaceChildren(stack, what);
}
stepInput.addEventListener("input", () => select(Number(stepInput.value) - 1));
$("prev").addEventListener("click", () => select(Math.max(0, Number(stepInput.value) - 2)));
$("next").addEventListener("click", () => select(Math.min(steps.length - 1, Number(stepInput.value))));
stepsList.addEventListener("keydown", (e) => {
  const at = Number(stepInput.value) - 1;
  if (e.key === "ArrowDown" || e.key === "ArrowRight") select(Math.min(steps.length - 1, at + 1));
  else if (e.key === "ArrowUp" || e.key === "ArrowLeft") select(Math.max(0, at - 1));
  else return;
  e.preventDefault();
});

void update(false, start.example && !new URLSearchParams(location.search).get("code_lz") ? start.example : undefined);
