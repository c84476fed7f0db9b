#!/usr/bin/env python3
"""Cancel latency: the time from SIGINT (or SIGTERM) to dug's exit, mid-walk.

Usage: bench/cancel-latency.py [--runs N] [--signal INT|TERM] DUG TREE [DUG ARGS...]

Each run starts `DUG -v ARGS TREE` with stdout to /dev/null, waits for its first progress
line on stderr (500 ms into the walk), sends the signal, and times until waitpid returns.
Prints the median, min and max, and checks every run exited 128+N.
"""
import argparse
import os
import signal
import statistics
import subprocess
import sys
import time


class UnexpectedEnd(Exception):
    """A run ended before its first progress line, or not as a cancelled run ends."""


def latencies(dug, tree, args, runs, sig=signal.SIGINT):
    """The seconds from the signal to dug's exit, one per run (see the module's doc)."""
    lat = []
    for _ in range(runs):
        p = subprocess.Popen([dug, "-v", *args, tree], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        line = p.stderr.readline()
        if not line.endswith(b"entries/s\n"):
            p.wait()
            raise UnexpectedEnd(f"no progress line before the end: {line!r}")
        t0 = time.perf_counter()
        os.kill(p.pid, sig)
        rc = p.wait()
        lat.append(time.perf_counter() - t0)
        rest = p.stderr.read()
        if rc != 128 + sig or b"interrupted" not in rest:
            raise UnexpectedEnd(f"unexpected end: status {rc}, stderr {rest!r}")
    return lat


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--signal", default="INT", choices=["INT", "TERM"])
    ap.add_argument("dug")
    ap.add_argument("tree")
    ap.add_argument("args", nargs="*")
    a = ap.parse_args()
    try:
        lat = latencies(a.dug, a.tree, a.args, a.runs, getattr(signal, "SIG" + a.signal))
    except UnexpectedEnd as e:
        print(e, file=sys.stderr)
        return 2
    ms = sorted(x * 1000 for x in lat)
    print(f"SIG{a.signal} to exit, {a.runs} runs: median {statistics.median(ms):.1f} ms, "
          f"min {ms[0]:.1f} ms, max {ms[-1]:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
