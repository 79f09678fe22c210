// The messages between the page, the sandboxed iframe and the worker that runs a program.

/** One resume of one coroutine: who, how, with what, what came back, and the states after it. */
export interface Step {
  index: number;
  /** how many resumes were running when this one started (a body sending to another coroutine) */
  depth: number;
  who: string;
  how: "send" | "throwInto" | "close" | "next" | "throw" | "return";
  /** the value sent or thrown, as printed */
  sent: string;
  /** the delegation stack before the resume, outermost first: a sent value lands on the last */
  stack: string[];
  outcome: { kind: "yielded" | "returned" | "stop" | "error"; text: string };
  /** every coroutine seen so far that is not closed (and the one resumed), with its state after */
  states: { who: string; state: string }[];
}

export type WorkerMessage =
  | { type: "print"; stream: "out" | "err"; text: string }
  | { type: "done"; steps: Step[]; error: string | undefined };

/** From the iframe to the page (the worker's messages, and a stop after the time limit). */
export type SandboxMessage = WorkerMessage | { type: "ready" } | { type: "timeout"; seconds: number };
