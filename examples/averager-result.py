# Python twin of averager-result.ts. In Python a generator primed by @coroutine cannot be the
# target of `yield from` (it would be advanced twice), so the twin primes at the call site with
# primed(); coroutil's yield from accepts an already-primed coroutine (SPEC rule 7).
import inspect
from collections import namedtuple


def primed(gen):
    next(gen)
    return gen


def num(x):
    if x is None:
        return "None"
    return str(int(x)) if x == int(x) else repr(x)


STOP = object()


class Result(namedtuple("Result", "count average")):
    def __str__(self):
        return f"Result(count={self.count}, average={num(self.average)})"


def averager():
    total = 0
    count = 0
    average = None
    while True:
        term = yield
        if term is STOP:
            break
        print(f"  averager received: {num(term)}")
        total += term
        count += 1
        average = total / count
    return Result(count, average)


def compute():
    result = yield from averager()
    print(f"  compute: yield from returned {result}")
    return result


def drive(name, coro, values):
    for value in values:
        coro.send(value)
    try:
        coro.send(STOP)
    except StopIteration as exc:
        print(f"  {name} stopped: StopIteration.value = {exc.value}")
        return exc.value
    raise RuntimeError(f"{name} did not stop at STOP")


print("1. Directly: send 10, 20, 30, then STOP")
direct = drive("averager", primed(averager()), [10, 20, 30])
print(f"  collected: {direct.count} values, average {num(direct.average)}")

print("2. Through a delegating generator: send 6.5, 8, then STOP to compute()")
comp = primed(compute())
print(f"  compute() is {inspect.getgeneratorstate(comp)}, delegating: {'yes' if comp.gi_yieldfrom is not None else 'no'}")
delegated = drive("compute", comp, [6.5, 8])
print(f"  collected: {delegated.count} values, average {num(delegated.average)}")

print("3. STOP at once: the average is None")
print(f"  collected: {drive('averager', primed(averager()), [])}")
