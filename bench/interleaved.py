#!/usr/bin/env python3
"""Times whole processes of several commands, interleaved run by run, and prints medians.

Usage: bench/interleaved.py [--runs N] [--warmup N] [--rss] [--first-byte] -- 'CMD A' 'CMD B' ...

A round runs every command once, with stdout and stderr on /dev/null, in an order rotated from
round to round, so noise on this shared machine falls on all of them alike and the ratios come
from the same rounds. Warm-up rounds come first and are not timed. The first command is the
reference for the ratios (ratio = command / first).

--rss        also report peak RSS, measured in the warm-up rounds under `/usr/bin/time -f %M`
             (the "Maximum resident set size" of `time -v`): a child of this Python would
             inherit Python's ~16 MiB high-water mark through exec, `time` is small.
--first-byte instead time each command with stdout on a pipe: from spawn to the first byte
             read, and to the end (pipe closed and process reaped).

Also a module: bench/run uses `rounds` and `first_byte_rounds`.
"""
import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

GNU_TIME = "/usr/bin/time"


def spawn_timed(argv, rss=False):
    """One whole-process run with stdout and stderr on /dev/null: (seconds, peak RSS in KiB or
    None, exit status). Timed around posix_spawn and wait4, nothing in between. With rss=True the
    command runs under `/usr/bin/time -f %M`; that run's wall time is not comparable."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    report_path = None
    try:
        actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
        if rss:
            fd, report_path = tempfile.mkstemp(prefix="dug-bench-rss-")
            os.close(fd)
            argv = [GNU_TIME, "-f", "%M", "-o", report_path, *argv]
        start = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
        _, wstatus, _ = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
        peak = None
        if rss:
            with open(report_path) as fh:
                # "Command exited with non-zero status N" comes before %M on failure.
                peak = int(fh.read().split()[-1])
    finally:
        os.close(devnull)
        if report_path:
            os.unlink(report_path)
    return elapsed, peak, os.waitstatus_to_exitcode(wstatus)


def first_byte(argv):
    """One run with stdout on a pipe: (seconds to the first byte, seconds to the end, status).
    A listing writes its first line in one piece, so its first byte is its first line."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    read_end, write_end = os.pipe()
    try:
        actions = [(os.POSIX_SPAWN_DUP2, write_end, 1), (os.POSIX_SPAWN_DUP2, devnull, 2),
                   (os.POSIX_SPAWN_CLOSE, read_end)]
        start = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
        os.close(write_end)
        write_end = None
        first = None
        while True:
            chunk = os.read(read_end, 1 << 20)
            if first is None:
                first = time.perf_counter() - start
            if not chunk:
                break
        _, wstatus, _ = os.wait4(pid, 0)
        whole = time.perf_counter() - start
    finally:
        os.close(devnull)
        os.close(read_end)
        if write_end is not None:
            os.close(write_end)
    return first, whole, os.waitstatus_to_exitcode(wstatus)


def rounds(cmds, runs, warmup, rss=False, log=None, before_run=None):
    """Interleaved rounds over `cmds` = [(name, argv)]: {name: {"times": [...], "rss": [...],
    "status": last non-zero exit status or 0}}. With rss, the warm-up rounds run under
    /usr/bin/time to take peak RSS (so rss needs warmup >= 1). `before_run`, if given, is
    called before every run, untimed (bench/run drops the page cache there)."""
    results = {name: {"times": [], "rss": [], "status": 0} for name, _ in cmds}
    for round_no in range(warmup + runs):
        shift = round_no % len(cmds)
        measured = round_no >= warmup
        for name, argv in cmds[shift:] + cmds[:shift]:
            if before_run:
                before_run()
            elapsed, peak, status = spawn_timed(argv, rss=rss and not measured)
            r = results[name]
            if status != 0:
                r["status"] = status
            if measured:
                r["times"].append(elapsed)
            elif peak is not None:
                r["rss"].append(peak)
        if log:
            log(round_no, warmup)
    return results


def first_byte_rounds(cmds, runs, warmup):
    """Interleaved rounds of `first_byte`: {name: {"first": [...], "whole": [...], "status"}}."""
    results = {name: {"first": [], "whole": [], "status": 0} for name, _ in cmds}
    for round_no in range(warmup + runs):
        shift = round_no % len(cmds)
        for name, argv in cmds[shift:] + cmds[:shift]:
            first, whole, status = first_byte(argv)
            r = results[name]
            if status != 0:
                r["status"] = status
            if round_no >= warmup:
                r["first"].append(first)
                r["whole"].append(whole)
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--rss", action="store_true")
    ap.add_argument("--first-byte", action="store_true")
    ap.add_argument("commands", nargs="+")
    args = ap.parse_args()
    if args.rss and args.warmup < 1:
        ap.error("--rss needs at least one warm-up round")
    cmds = [(c, shlex.split(c)) for c in args.commands]
    if args.first_byte:
        res = first_byte_rounds(cmds, args.runs, args.warmup)
        print("| command | first byte ms | whole ms | first/whole |")
        print("|---|---:|---:|---:|")
        for c, r in res.items():
            f, w = statistics.median(r["first"]), statistics.median(r["whole"])
            print(f"| `{c}` | {f * 1000:.1f} | {w * 1000:.1f} | {100 * f / w:.1f}% |")
    else:
        res = rounds(cmds, args.runs, args.warmup, rss=args.rss)
        ref = statistics.median(res[args.commands[0]]["times"])
        print("| command | median ms | min ms | max ms | ratio to first |"
              + (" peak RSS MiB |" if args.rss else ""))
        print("|---|---:|---:|---:|---:|" + ("---:|" if args.rss else ""))
        for c, r in res.items():
            ts = r["times"]
            m = statistics.median(ts)
            rss = f" {max(r['rss']) / 1024:.1f} |" if args.rss else ""
            print(f"| `{c}` | {m * 1000:.1f} | {min(ts) * 1000:.1f} | {max(ts) * 1000:.1f} "
                  f"| {m / ref:.2f} |{rss}")
    print(f"({args.runs} interleaved rounds after {args.warmup} warm-up rounds)")
    failed = [c for c, r in res.items() if r["status"] not in (0, 1)]
    for c in failed:
        print(f"{c!r} exited {res[c]['status']}", file=sys.stderr)
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
