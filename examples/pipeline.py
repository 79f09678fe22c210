# Python twin of pipeline.ts. Python 3.11's close() returns None; close() below behaves as 3.13's
# (and coroutil's): it returns the generator's return value.
import inspect
import re
from functools import wraps


def coroutine(func):
    """Advances a new generator to its first yield, as coroutil's @coroutine does."""
    @wraps(func)
    def primer(*args, **kwargs):
        gen = func(*args, **kwargs)
        next(gen)
        return gen
    return primer


def close(gen):
    """gen.close() as Python 3.13: returns the generator's return value."""
    if inspect.getgeneratorstate(gen) in ("GEN_CREATED", "GEN_CLOSED"):
        return gen.close()
    try:
        gen.throw(GeneratorExit)
    except StopIteration as exc:
        return exc.value
    except GeneratorExit:
        return None
    raise RuntimeError("generator ignored GeneratorExit")


ZEN = [
    "Beautiful is better than ugly.",
    "Explicit is better than implicit.",
    "Simple is better than complex.",
    "Complex is better than complicated.",
    "Flat is better than nested.",
    "Sparse is better than dense.",
    "Readability counts.",
    "Special cases aren't special enough to break the rules.",
    "Although practicality beats purity.",
    "Errors should never pass silently.",
    "Now is better than never.",
    "Although never is often better than *right* now.",
]


def source(lines, target):
    """Not a coroutine: pushes every line into the pipeline, then closes it."""
    print(f"source: pushing {len(lines)} lines")
    for line in lines:
        target.send(line)
    print("source: out of lines, closing the pipeline")
    written = close(target)
    print(f"source: close() returned {written}: the sink wrote {written} lines")


@coroutine
def grep(pattern, target):
    seen = 0
    passed = 0
    try:
        while True:
            line = yield
            seen += 1
            if pattern in line:
                passed += 1
                target.send(line)
    except GeneratorExit:
        print("grep: GeneratorExit, closing transform")
        return close(target) or 0
    finally:
        print(f"grep: finally, {passed} of {seen} lines contained '{pattern}'")


@coroutine
def transform(name, fn, target):
    changed = 0
    try:
        while True:
            line = yield
            out = fn(line)
            if out != line:
                changed += 1
            target.send(out)
    except GeneratorExit:
        print(f"transform {name}: GeneratorExit, closing sink")
        return close(target) or 0
    finally:
        print(f"transform {name}: finally, {changed} lines changed")


@coroutine
def sink():
    written = 0
    try:
        while True:
            line = yield
            written += 1
            print(f"  {written:2} | {line}")
    except GeneratorExit:
        print("sink: GeneratorExit")
        return written
    finally:
        print(f"sink: finally, {written} lines written")


def comparison(line):
    return re.sub(r"^(.*) is better than (.*)\.$", r"\1 > \2", line)


source(ZEN, grep("better", transform("comparison", comparison, sink())))
