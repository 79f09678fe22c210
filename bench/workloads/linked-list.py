# Twin of linked-list.ts: walk a linked list by recursive `yield from`, at 1,000, 10,000 and 100,000 items.
import json, sys, time

def walk(cell):
    value, nxt = cell
    yield value
    if nxt:
        yield from walk(nxt)

def make(length):
    head = None
    for i in range(length - 1, -1, -1):
        head = (i, head)
    return head

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
out = {}
for length in (1_000, 10_000, 100_000):
    head = make(length)
    ms, failed, checksum = [], None, None
    for r in range(-1, rounds):
        start = time.perf_counter()
        try:
            checksum = sum(walk(head))
        except RecursionError as e:
            failed = f"RecursionError: {e}"
            break
        if r >= 0:
            ms.append((time.perf_counter() - start) * 1000)
    out[str(length)] = {"ms": {"python": ms} if not failed else {}, "failed": {"python": failed} if failed else {}, "checksum": checksum}
print(json.dumps({"workload": "linked-list", "lengths": out}))
