// Discrete-event taxi simulation (after Fluent Python's taxi_sim.py). Each taxi is a coroutine
// that yields events (leave garage, pick up passenger, drop off passenger, going home) and is sent
// the time of its next event; each trip is a sub-coroutine it runs with `yield from`. The simulator
// keeps pending events in a priority queue ordered by time and advances one taxi at a time.
// Options: --taxis N (-t), --end-time T (-e), --seed S (-s). Delays are exponential, drawn from
// mulberry32, a small seeded PRNG the Python twin (taxi-sim.py) implements identically.
import { parseArgs } from "node:util";
import { from, next, send, StopIteration } from "coroutil";

const DEFAULT_TAXIS = 3;
const DEFAULT_END_TIME = 180;
const DEFAULT_SEED = 3;
const DEPARTURE_INTERVAL = 5;
const SEARCH_DURATION = 5;
const TRIP_DURATION = 20;

interface Event {
  time: number;
  proc: number;
  action: string;
}

const event = (time: number, proc: number, action: string): Event => ({ time, proc, action });
const showEvent = (e: Event): string => `Event(time=${e.time}, proc=${e.proc}, action='${e.action}')`;

/** One fare: yields the pick-up and the drop-off, returns the time the taxi is free again. */
function* trip(ident: number, time: number): Generator<Event, number, number> {
  time = yield event(time, ident, "pick up passenger");
  time = yield event(time, ident, "drop off passenger");
  return time;
}

/** A taxi: leaves the garage, makes `trips` trips, goes home. */
function* taxi(ident: number, trips: number, startTime = 0): Generator<unknown, void, any> {
  let time: number = yield event(startTime, ident, "leave garage");
  for (let i = 0; i < trips; i++) {
    time = yield from(trip(ident, time));
  }
  yield event(time, ident, "going home");
}

type Taxi = ReturnType<typeof taxi>;

/** mulberry32: 32-bit state, floats in [0, 1) with 32 random bits. */
function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function computeDuration(previousAction: string, random: () => number): number {
  let interval: number;
  if (previousAction === "leave garage" || previousAction === "drop off passenger") interval = SEARCH_DURATION;
  else if (previousAction === "pick up passenger") interval = TRIP_DURATION;
  else if (previousAction === "going home") interval = 1;
  else throw new Error(`unknown previous action: ${previousAction}`);
  return Math.trunc(-Math.log(1 - random()) * interval) + 1;
}

/** A binary min-heap of events ordered by (time, proc, action), as Python orders Event tuples. */
class EventQueue {
  private heap: Event[] = [];
  get size(): number {
    return this.heap.length;
  }
  private static less(a: Event, b: Event): boolean {
    if (a.time !== b.time) return a.time < b.time;
    if (a.proc !== b.proc) return a.proc < b.proc;
    return a.action < b.action;
  }
  put(e: Event): void {
    const h = this.heap;
    h.push(e);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!EventQueue.less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }
  get(): Event {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && EventQueue.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && EventQueue.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

class Simulator {
  private events = new EventQueue();
  private procs: Map<number, Taxi>;
  constructor(
    procs: Map<number, Taxi>,
    private random: () => number,
  ) {
    this.procs = new Map(procs);
  }

  run(endTime: number): void {
    for (const [, proc] of [...this.procs].sort(([a], [b]) => a - b)) {
      this.events.put(next(proc) as Event);
    }
    let simTime = 0;
    while (simTime < endTime) {
      if (this.events.size === 0) {
        console.log("*** end of events ***");
        return;
      }
      const current = this.events.get();
      simTime = current.time;
      console.log(`taxi: ${current.proc} ${"   ".repeat(current.proc)} ${showEvent(current)}`);
      const active = this.procs.get(current.proc)!;
      const nextTime = simTime + computeDuration(current.action, this.random);
      try {
        this.events.put(send(active, nextTime) as Event);
      } catch (exc) {
        if (!(exc instanceof StopIteration)) throw exc;
        this.procs.delete(current.proc);
        console.log(`taxi: ${current.proc} ${"   ".repeat(current.proc)} finished: StopIteration`);
      }
    }
    console.log(`*** end of simulation time: ${this.events.size} events pending ***`);
  }
}

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} wants a non-negative integer, got ${text}`);
  return n;
}

const { values } = parseArgs({
  options: {
    taxis: { type: "string", short: "t" },
    "end-time": { type: "string", short: "e" },
    seed: { type: "string", short: "s" },
  },
});
const taxis = positiveInteger("taxis", values.taxis, DEFAULT_TAXIS);
const endTime = positiveInteger("end-time", values["end-time"], DEFAULT_END_TIME);
const seed = positiveInteger("seed", values.seed, DEFAULT_SEED);

console.log(`${taxis} taxis, end time ${endTime}, seed ${seed}`);
const fleet = new Map<number, Taxi>();
for (let i = 0; i < taxis; i++) fleet.set(i, taxi(i, (i + 1) * 2, i * DEPARTURE_INTERVAL));
new Simulator(fleet, mulberry32(seed)).run(endTime);
