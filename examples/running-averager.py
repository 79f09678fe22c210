# Python twin of running-averager.ts: the same program with a classic priming decorator.
import inspect
from functools import wraps


def coroutine(func):
    """Advances a new generator to its first yield, as coroutil's @coroutine does."""
    @wraps(func)
    def primer(*args, **kwargs):
        gen = func(*args, **kwargs)
        next(gen)
        return gen
    return primer


def num(x):
    return str(int(x)) if x == int(x) else repr(x)


STOP = object()


@coroutine
def averager():
    total = 0
    count = 0
    average = None
    while True:
        term = yield average
        if term is STOP:
            break
        total += term
        count += 1
        average = total / count
    print(f"averager: got STOP after {count} values, returning")


avg = averager()
print(f"averager() is primed at creation: {inspect.getgeneratorstate(avg)}")
for value in [10, 30, 5, 22, 16]:
    print(f"send({value}) -> average so far {num(avg.send(value))}")
try:
    avg.send(STOP)
except StopIteration:
    print("send(STOP) -> StopIteration: the averager has returned")
print(f"state now: {inspect.getgeneratorstate(avg)}")
