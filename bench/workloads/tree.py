# Twin of tree.ts: in-order walk of a balanced binary tree of 65,535 nodes with `yield from`, as a
# function and as a method.
import json, sys, time

def build(depth, first=0):
    if depth == 0:
        return None
    left = build(depth - 1, first)
    value = first + 2 ** (depth - 1) - 1
    return (value, left, build(depth - 1, value + 1))

def walk(node):
    value, left, right = node
    if left:
        yield from walk(left)
    yield value
    if right:
        yield from walk(right)

class Walker:
    """The same walk as a method (the twin of tree.ts's Walker)."""
    def walk(self, node):
        value, left, right = node
        if left:
            yield from self.walk(left)
        yield value
        if right:
            yield from self.walk(right)

walker = Walker()

DEPTH = 16
root = build(DEPTH)
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
ms, method_ms, checksum = [], [], None
for r in range(-1, rounds):
    start = time.perf_counter()
    checksum = sum(walk(root))
    took = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    assert sum(walker.walk(root)) == checksum
    method_took = (time.perf_counter() - start) * 1000
    if r >= 0:
        ms.append(took)
        method_ms.append(method_took)
print(json.dumps({"workload": "tree", "ms": {"python": ms, "pythonMethod": method_ms}, "checksum": checksum}))
