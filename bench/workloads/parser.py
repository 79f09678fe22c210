# Twin of parser.ts: the same recursive-descent parser with `yield from`, the same generated source
# (the same LCG), tokens pulled by send.
import json, re, sys, time

EOF_TOKEN = "$"
P = 1_000_003

def source(nbytes):
    seed = 12345
    def rand(n):
        nonlocal seed
        seed = (seed * 48271) % 2147483647
        return seed % n
    def expr(depth):
        s = f"({expr(depth - 1)})" if depth > 0 and rand(3) == 0 else str(rand(1000))
        for _ in range(rand(4)):
            right = f"({expr(depth - 1)})" if depth > 0 and rand(3) == 0 else str(rand(1000))
            s += f" {'+-*/'[rand(4)]} {right}"
        return s
    parts, size = [], 0
    while size < nbytes:
        e = expr(6)
        parts.append(e)
        size += len(e) + 2
    return ";\n".join(parts) + ";\n"

def tokens(text):
    out = [int(t) if t.isdigit() else t for t in re.findall(r"\d+|[-+*/();]", text)]
    out.append(EOF_TOKEN)
    return out

def apply(op, a, b):
    if op == "+": return (a + b) % P
    if op == "-": return (a - b + P) % P
    if op == "*": return (a * b) % P
    return 0 if (a + 1) % P == 0 else a // (b + 1)

class State:
    tok = EOF_TOKEN

def program(st):
    st.tok = yield
    total = 0
    while st.tok != EOF_TOKEN:
        total = (total + (yield from expr(st))) % P
        st.tok = yield
    return total

def expr(st):
    v = yield from term(st)
    while st.tok == "+" or st.tok == "-":
        op = st.tok
        st.tok = yield
        v = apply(op, v, (yield from term(st)))
    return v

def term(st):
    v = yield from factor(st)
    while st.tok == "*" or st.tok == "/":
        op = st.tok
        st.tok = yield
        v = apply(op, v, (yield from factor(st)))
    return v

def factor(st):
    if st.tok == "(":
        st.tok = yield
        v = yield from expr(st)
        st.tok = yield
        return v
    v = st.tok
    st.tok = yield
    return v

def parse(toks):
    p = program(State())
    next(p)
    for t in toks:
        try:
            p.send(t)
        except StopIteration as e:
            return e.value
    raise RuntimeError("the parser did not finish")

text = source(1_000_000)
toks = tokens(text)
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
ms, checksum = [], None
for r in range(-1, rounds):
    start = time.perf_counter()
    checksum = parse(toks)
    if r >= 0:
        ms.append((time.perf_counter() - start) * 1000)
print(json.dumps({"workload": "parser", "bytes": len(text), "tokens": len(toks), "ms": {"python": ms}, "checksum": checksum}))
