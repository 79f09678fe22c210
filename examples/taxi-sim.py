# Python twin of taxi-sim.ts (after Fluent Python's taxi_sim.py), with the same PRNG (mulberry32).
import argparse
import heapq
import math
from collections import namedtuple

DEFAULT_TAXIS = 3
DEFAULT_END_TIME = 180
DEFAULT_SEED = 3
DEPARTURE_INTERVAL = 5
SEARCH_DURATION = 5
TRIP_DURATION = 20

Event = namedtuple("Event", "time proc action")


def show_event(e):
    return f"Event(time={e.time}, proc={e.proc}, action='{e.action}')"


def trip(ident, time):
    """One fare: yields the pick-up and the drop-off, returns the time the taxi is free again."""
    time = yield Event(time, ident, "pick up passenger")
    time = yield Event(time, ident, "drop off passenger")
    return time


def taxi(ident, trips, start_time=0):
    """A taxi: leaves the garage, makes `trips` trips, goes home."""
    time = yield Event(start_time, ident, "leave garage")
    for _ in range(trips):
        time = yield from trip(ident, time)
    yield Event(time, ident, "going home")


def mulberry32(seed):
    """mulberry32: 32-bit state, floats in [0, 1) with 32 random bits (as Math.imul does it)."""
    mask = 0xFFFFFFFF
    a = seed & mask

    def random():
        nonlocal a
        a = (a + 0x6D2B79F5) & mask
        t = ((a ^ (a >> 15)) * (1 | a)) & mask
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & mask)) & mask) ^ t
        return ((t ^ (t >> 14)) & mask) / 4294967296

    return random


def compute_duration(previous_action, random):
    if previous_action in ("leave garage", "drop off passenger"):
        interval = SEARCH_DURATION
    elif previous_action == "pick up passenger":
        interval = TRIP_DURATION
    elif previous_action == "going home":
        interval = 1
    else:
        raise ValueError(f"unknown previous action: {previous_action}")
    return int(-math.log(1 - random()) * interval) + 1


class Simulator:
    def __init__(self, procs, random):
        self.events = []
        self.procs = dict(procs)
        self.random = random

    def run(self, end_time):
        for _, proc in sorted(self.procs.items()):
            heapq.heappush(self.events, next(proc))
        sim_time = 0
        while sim_time < end_time:
            if not self.events:
                print("*** end of events ***")
                return
            current = heapq.heappop(self.events)
            sim_time = current.time
            print(f"taxi: {current.proc} {'   ' * current.proc} {show_event(current)}")
            active = self.procs[current.proc]
            next_time = sim_time + compute_duration(current.action, self.random)
            try:
                heapq.heappush(self.events, active.send(next_time))
            except StopIteration:
                del self.procs[current.proc]
                print(f"taxi: {current.proc} {'   ' * current.proc} finished: StopIteration")
        print(f"*** end of simulation time: {len(self.events)} events pending ***")


def non_negative(text):
    n = int(text)
    if n < 0:
        raise argparse.ArgumentTypeError(f"wants a non-negative integer, got {text}")
    return n


parser = argparse.ArgumentParser(description="Taxi fleet simulator.")
parser.add_argument("-t", "--taxis", type=non_negative, default=DEFAULT_TAXIS)
parser.add_argument("-e", "--end-time", type=non_negative, default=DEFAULT_END_TIME)
parser.add_argument("-s", "--seed", type=non_negative, default=DEFAULT_SEED)
args = parser.parse_args()

print(f"{args.taxis} taxis, end time {args.end_time}, seed {args.seed}")
fleet = {i: taxi(i, (i + 1) * 2, i * DEPARTURE_INTERVAL) for i in range(args.taxis)}
Simulator(fleet, mulberry32(args.seed)).run(args.end_time)
