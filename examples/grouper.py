# Python twin of grouper.ts (after Fluent Python's coroaverager3.py).
from collections import namedtuple
from functools import wraps

Result = namedtuple("Result", "count average")


def coroutine(func):
    """Advances a new generator to its first yield, as coroutil's @coroutine does."""
    @wraps(func)
    def primer(*args, **kwargs):
        gen = func(*args, **kwargs)
        next(gen)
        return gen
    return primer


def averager():
    """The subgenerator: averages what it receives until it receives None."""
    total = 0
    count = 0
    average = None
    while True:
        term = yield
        if term is None:
            break
        total += term
        count += 1
        average = total / count
    return Result(count, average)


@coroutine
def grouper(results, key):
    """The delegating generator: one per key; each averager's result lands in results[key]."""
    while True:
        results[key] = yield from averager()
        print(f"  grouper {key}: averager returned, starting a new one")


def main(data):
    """The client: feeds each group's values to a fresh grouper, then ends its averager with None."""
    results = {}
    for key, values in data.items():
        group = grouper(results, key)
        print(f"sending {len(values)} values for {key}")
        for value in values:
            group.send(value)
        group.send(None)
    report(results)


def report(results):
    print("report:")
    for key, result in sorted(results.items()):
        group, unit = key.split(";")
        average = "-" if result.average is None else f"{result.average:.2f}"
        print(f"{result.count:2} {group:5} averaging {average}{unit}")


main({
    "girls;kg": [40.9, 38.5, 44.3, 42.2, 45.2, 41.7, 44.5, 38.0, 40.6, 44.5],
    "girls;m": [1.6, 1.51, 1.4, 1.3, 1.41, 1.39, 1.33, 1.46, 1.45, 1.43],
    "boys;kg": [39.0, 40.8, 43.2, 40.8, 43.1, 38.6, 41.4, 40.6, 36.3],
    "boys;m": [1.38, 1.5, 1.32, 1.25, 1.37, 1.48, 1.25, 1.49, 1.46],
})
