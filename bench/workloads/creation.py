# Twin of creation.ts: create a generator that delegates once with `yield from`, run it to the end.
import json, sys, time

def leaf(n):
    yield n
    return n + 1

def once(n):
    r = yield from leaf(n)
    return r

N = 200_000

def drive():
    total = 0
    for i in range(N):
        g = once(i)
        total += next(g)
        try:
            next(g)
        except StopIteration as e:
            total += e.value
    return total

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
ms, checksum = [], None
for r in range(-1, rounds):
    start = time.perf_counter()
    checksum = drive()
    took = (time.perf_counter() - start) * 1000
    if r >= 0:
        ms.append(took)
print(json.dumps({"workload": "creation", "ms": {"python": ms}, "checksum": checksum}))
