"""CPython twin of bench/runtime.ts: `yield from` chains driven by gen.send(v).

Prints one JSON object: ns per send at each delegation depth (median of
samples, timed with time.perf_counter_ns, loop overhead included as in the
JS loops) and the deepest chain that runs with the default recursion limit.

Usage: python3 bench/runtime_twin.py [--samples N] [--sample-ms MS] [--depths 0,1,10]
"""

import argparse
import json
import platform
import statistics
import sys
import time

STOP = "stop"


def leaf():
    v = 0
    while True:
        v = yield v
        if v == STOP:
            return 0


def mid(inner):
    r = yield from inner
    return r + 1


def chain(depth):
    """Builds the chain inside out with a loop (no recursion while building)."""
    g = leaf()
    for _ in range(depth):
        g = mid(g)
    return g


def run_loop(send, n):
    t0 = time.perf_counter_ns()
    for i in range(n):
        send(i)
    return time.perf_counter_ns() - t0


def time_depth(depth, samples, sample_ns):
    g = chain(depth)
    next(g)
    send = g.send
    n = 1000
    while True:  # calibrate: one sample takes about sample_ns
        t = run_loop(send, n)
        if t >= sample_ns / 2 or n >= 1 << 26:
            n = max(1, int(n * sample_ns / max(t, 1)))
            break
        n *= 2
    run_loop(send, n)  # warm-up
    per_send = [run_loop(send, n) / n for _ in range(samples)]
    return {
        "median": statistics.median(per_send),
        "min": min(per_send),
        "max": max(per_send),
        "n": n,
        "samples": samples,
    }


def works(depth):
    """True when a chain of `depth` delegations primes, passes a send down,
    and returns `depth` (each level adds 1 to its delegate's return value)."""
    g = chain(depth)
    try:
        next(g)
        if g.send(7) != 7:
            return False
        try:
            g.send(STOP)
        except StopIteration as e:
            return e.value == depth
        return False
    except RecursionError:
        return False


def max_depth():
    """Largest working depth with the current recursion limit: try powers of
    ten, then bisect between the last that worked and the first that failed."""
    lo, hi, d = 0, None, 10
    while d <= 10**7:
        if works(d):
            lo, d = d, d * 10
        else:
            hi = d
            break
    if hi is None:
        return {"maxDepth": lo, "firstFailing": None}
    while hi - lo > 1:
        m = (lo + hi) // 2
        if works(m):
            lo = m
        else:
            hi = m
    return {"maxDepth": lo, "firstFailing": hi}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=15)
    ap.add_argument("--sample-ms", type=float, default=30)
    ap.add_argument("--depths", default="0,1,10,100,1000")
    args = ap.parse_args()
    depths = [int(d) for d in args.depths.split(",")]

    default_limit = sys.getrecursionlimit()
    deepest = max_depth()  # with the default limit, before anything changes it

    # Timing a chain deeper than the default limit allows needs a higher one;
    # raising it does not change the cost of a send, only what is allowed.
    timing_limit = max(default_limit, max(depths) + 1000)
    sys.setrecursionlimit(timing_limit)
    ns = {}
    for d in depths:
        ns[str(d)] = time_depth(d, args.samples, args.sample_ms * 1e6)
    sys.setrecursionlimit(default_limit)

    print(json.dumps({
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "defaultRecursionLimit": default_limit,
        "timingRecursionLimit": timing_limit,
        "nsPerSend": ns,
        "maxDepth": deepest["maxDepth"],
        "firstFailingDepth": deepest["firstFailing"],
        "failure": "RecursionError",
    }))


if __name__ == "__main__":
    main()
