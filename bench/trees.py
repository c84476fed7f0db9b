#!/usr/bin/env python3
"""Builds the benchmark trees of bench/run, each one reusable on its own.

    bench/trees million DIR      ~1,000,000 entries: 51,050 directories, 950,000 files
    bench/trees linux DIR        the Linux 6.1 source tree (Debian package linux-source-6.1)
    bench/trees latency-src DIR  ~2,900 entries in 10 x 10 leaves: the nested tree served over FUSE
    bench/trees flat DIR         one directory of 200,000 empty files
    bench/trees latency-flat-src DIR   one directory of 2,000 files, served over FUSE
    bench/trees latency-deep-src DIR   a chain of 100 directories, 4 files in each, over FUSE
    bench/trees tiny DIR         a handful of files

A tree is built in DIR.partial and renamed to DIR when complete, so an existing DIR is a whole
tree and is reused as it is (pass --force to rebuild). The trees are deterministic: the same
command builds the same names, sizes and shape every time.
"""

import argparse
import multiprocessing
import os
import shutil
import subprocess
import sys

# The million tree: TOP x MID x LEAF leaf directories of FILES files each.
TOP, MID, LEAF, FILES = 50, 20, 50, 19
# One file in DATA_EVERY holds DATA_BYTES (one 4 KiB block on ext4); the rest are empty.
DATA_EVERY, DATA_BYTES = 10, 100

LINUX_TARBALL = "/usr/src/linux-source-6.1.tar.xz"


def build_million_top(args):
    """Builds top-level directory `t` (its MID x LEAF leaves) under `root`."""
    root, t, mid, leaf, files = args
    data = b"x" * DATA_BYTES
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    tname = f"t{t:02d}"
    os.mkdir(tname, dir_fd=root_fd(root))
    tfd = os.open(os.path.join(root, tname), os.O_RDONLY | os.O_DIRECTORY)
    n = 0
    for m in range(mid):
        mname = f"m{m:02d}"
        os.mkdir(mname, dir_fd=tfd)
        mfd = os.open(mname, os.O_RDONLY | os.O_DIRECTORY, dir_fd=tfd)
        for l in range(leaf):
            lname = f"d{l:02d}"
            os.mkdir(lname, dir_fd=mfd)
            lfd = os.open(lname, os.O_RDONLY | os.O_DIRECTORY, dir_fd=mfd)
            for f in range(files):
                fd = os.open(f"f{f:02d}", flags, 0o644, dir_fd=lfd)
                if (t * mid * leaf * files + n) % DATA_EVERY == 0:
                    os.write(fd, data)
                os.close(fd)
                n += 1
            os.close(lfd)
        os.close(mfd)
    os.close(tfd)
    return n


_root_fds = {}


def root_fd(root):
    if root not in _root_fds:
        _root_fds[root] = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    return _root_fds[root]


def million(tmp, opts):
    os.mkdir(tmp)
    jobs = [(tmp, t, opts.mid, opts.leaf, opts.files) for t in range(opts.top)]
    with multiprocessing.Pool(max(1, min(opts.jobs, len(jobs)))) as pool:
        files = sum(pool.map(build_million_top, jobs, chunksize=1))
    dirs = 1 + opts.top * (1 + opts.mid * (1 + opts.leaf))
    print(f"million: {dirs} directories, {files} files, {dirs + files} entries", file=sys.stderr)


def linux(tmp, opts):
    if not os.path.exists(opts.tarball):
        sys.exit(f"trees: {opts.tarball} missing: apt-get install linux-source-6.1")
    os.mkdir(tmp)
    subprocess.run(["tar", "-xJf", opts.tarball, "-C", tmp, "--strip-components=1"], check=True)


def latency_src(tmp, opts):
    """10 x 10 leaf directories of 28 files, a few with data, one symlink per leaf."""
    os.mkdir(tmp)
    n = 0
    for t in range(10):
        for m in range(10):
            leaf = os.path.join(tmp, f"t{t}", f"m{m}")
            os.makedirs(leaf)
            for f in range(27):
                with open(os.path.join(leaf, f"f{f:02d}"), "wb") as fh:
                    if n % 5 == 0:
                        fh.write(b"y" * (100 * (n % 50)))
                n += 1
            os.symlink("f00", os.path.join(leaf, "link"))


def flat_dir(tmp, count, data_every=0):
    """One directory of `count` files named f000000…; every `data_every`-th holds 100 bytes."""
    os.mkdir(tmp)
    fd = os.open(tmp, os.O_RDONLY | os.O_DIRECTORY)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    for i in range(count):
        f = os.open(f"f{i:06d}", flags, 0o644, dir_fd=fd)
        if data_every and i % data_every == 0:
            os.write(f, b"w" * DATA_BYTES)
        os.close(f)
    os.close(fd)


def flat(tmp, opts):
    flat_dir(tmp, 200_000)


def latency_flat_src(tmp, opts):
    flat_dir(tmp, 2_000, data_every=7)


def latency_deep_src(tmp, opts):
    """100 nested directories d/d/d/…, each with 4 files (one with data)."""
    os.mkdir(tmp)
    here = tmp
    for level in range(100):
        for f in range(4):
            with open(os.path.join(here, f"f{f}"), "wb") as fh:
                if f == 0:
                    fh.write(b"v" * (10 * level))
        here = os.path.join(here, "d")
        os.mkdir(here)


def tiny(tmp, opts):
    os.makedirs(os.path.join(tmp, "sub"))
    for name, size in [("a", 0), ("b", 10), ("c", 5000), ("sub/d", 0), ("sub/e", 70000)]:
        with open(os.path.join(tmp, name), "wb") as fh:
            fh.write(b"z" * size)


BUILDERS = {"million": million, "linux": linux, "latency-src": latency_src, "tiny": tiny,
            "flat": flat, "latency-flat-src": latency_flat_src,
            "latency-deep-src": latency_deep_src}


def main():
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("kind", choices=sorted(BUILDERS))
    p.add_argument("dir")
    p.add_argument("--force", action="store_true", help="rebuild even if DIR exists")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="processes building the million tree (default: all cores)")
    p.add_argument("--top", type=int, default=TOP, help=f"million: top directories ({TOP})")
    p.add_argument("--mid", type=int, default=MID, help=f"million: per top directory ({MID})")
    p.add_argument("--leaf", type=int, default=LEAF, help=f"million: per middle one ({LEAF})")
    p.add_argument("--files", type=int, default=FILES, help=f"million: per leaf ({FILES})")
    p.add_argument("--tarball", default=LINUX_TARBALL, help="linux: the source tarball")
    opts = p.parse_args()

    target = os.path.abspath(opts.dir)
    if os.path.exists(target):
        if not opts.force:
            print(f"trees: {target} exists, reused", file=sys.stderr)
            return
        shutil.rmtree(target)
    tmp = target + ".partial"
    if os.path.exists(tmp):
        shutil.rmtree(tmp)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    BUILDERS[opts.kind](tmp, opts)
    os.rename(tmp, target)


if __name__ == "__main__":
    main()
