#!/usr/bin/env python3
"""Times whole processes of several commands, interleaved run by run, and prints medians.

Usage: bench/interleaved.py [--runs N] [--warmup N] -- 'CMD A' 'CMD B' ...

Each round runs every command once, in turn, with stdout and stderr to /dev/null, so
that noise on this shared machine falls on all of them alike. The first command is the
reference for the ratios (dug is usually given second: ratio = other / first).
"""
import argparse
import shlex
import statistics
import subprocess
import sys
import time


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("commands", nargs="+")
    args = ap.parse_args()
    cmds = [shlex.split(c) for c in args.commands]
    times = [[] for _ in cmds]
    for r in range(args.warmup + args.runs):
        for i, cmd in enumerate(cmds):
            t0 = time.perf_counter()
            rc = subprocess.call(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            t = time.perf_counter() - t0
            if rc not in (0, 1):
                print(f"{args.commands[i]!r} exited {rc}", file=sys.stderr)
                return 2
            if r >= args.warmup:
                times[i].append(t)
    ref = statistics.median(times[0])
    print(f"| command | median ms | min ms | max ms | ratio to first |")
    print(f"|---|---:|---:|---:|---:|")
    for c, ts in zip(args.commands, times):
        m = statistics.median(ts)
        print(f"| `{c}` | {m*1000:.1f} | {min(ts)*1000:.1f} | {max(ts)*1000:.1f} | {m/ref:.2f} |")
    print(f"({args.runs} interleaved runs after {args.warmup} warm-up rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
