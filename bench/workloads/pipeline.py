# Twin of pipeline.ts: a three-stage push pipeline (source -> filter -> sink), one send per item.
import json, sys, time

N = 1_000_000

def coroutine(fn):
    def primed(*args):
        g = fn(*args)
        next(g)
        return g
    return primed

@coroutine
def sink(total):
    while True:
        total[0] += yield

@coroutine
def filter(target):
    while True:
        x = yield
        if x % 3 != 0:
            target.send(x)

def run():
    total = [0]
    f = filter(sink(total))
    for i in range(N):
        f.send(i)
    return total[0]

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
ms, checksum = [], None
for r in range(-1, rounds):
    start = time.perf_counter()
    checksum = run()
    if r >= 0:
        ms.append((time.perf_counter() - start) * 1000)
print(json.dumps({"workload": "pipeline", "ms": {"python": ms}, "checksum": checksum}))
