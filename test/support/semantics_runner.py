"""Runs Python semantics twins in one interpreter: each case file given on the command line runs as
__main__ in a fresh namespace with its stdout captured; prints one JSON object {file: lines}. An
uncaught exception ends that case's trace with `uncaught Name: message`, as the TypeScript runner does."""
import contextlib
import gc
import io
import json
import runpy
import sys

results = {}
for path in sys.argv[1:]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            runpy.run_path(path, run_name="__main__")
        except BaseException as e:  # noqa: BLE001 - a twin's crash is part of its trace
            print("uncaught " + type(e).__name__ + ": " + str(e))
        # Generators the case left suspended are finalized (finally blocks run) here, inside its
        # own trace, not in a later case's: JS never does this, so such a twin fails visibly.
        gc.collect()
    lines = buf.getvalue().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    results[path] = lines
sys.stdout.write(json.dumps(results))
