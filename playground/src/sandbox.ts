// The sandboxed iframe that runs programs: sandbox="allow-scripts" without allow-same-origin (an
// opaque origin: a program from someone's link reaches nothing of the page's origin), its own
// document given as srcdoc, a worker started from a blob of the worker's source, stopped after a
// time limit. Only messages cross, both ways.
import workerSource from "virtual:worker-source";

/** The iframe's document: a script that starts a worker per run and passes its messages on. */
export function sandboxDocument(): string {
  const source = JSON.stringify(workerSource).replace(/</g, "\\u003c");
  return `<!doctype html><meta charset="utf-8"><script>
const url = URL.createObjectURL(new Blob([${source}], { type: "text/javascript" }));
let worker, timer;
function start(code, seconds) {
  if (worker) worker.terminate();
  clearTimeout(timer);
  const current = worker = new Worker(url);
  current.onmessage = (e) => {
    if (e.data && e.data.type === "done") { clearTimeout(timer); current.terminate(); }
    parent.postMessage(e.data, "*");
  };
  current.onerror = (e) => {
    e.preventDefault();
    clearTimeout(timer);
    parent.postMessage({ type: "done", steps: [], error: String(e.message) }, "*");
  };
  timer = setTimeout(() => {
    current.terminate();
    parent.postMessage({ type: "timeout", seconds }, "*");
  }, seconds * 1000);
  current.postMessage({ code });
}
addEventListener("message", (e) => {
  if (e.source === parent && e.data && e.data.type === "run") start(e.data.code, e.data.seconds);
});
parent.postMessage({ type: "ready" }, "*");
<\/script>`;
}
