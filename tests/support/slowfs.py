#!/usr/bin/python3
"""A read-only passthrough FUSE file system that sleeps DELAY seconds in every getattr,
opendir and readdir: a stand-in for a slow network file system, so that a walk over a small
tree takes long enough for progress ticks and cancellation to be observed.

Usage: slowfs.py SOURCE MOUNTPOINT [DELAY]   (runs in the foreground until unmounted)
Needs python3-fusepy (Debian) and /dev/fuse.
"""
import errno
import os
import sys
import time

try:
    from fusepy import FUSE, FuseOSError, Operations  # Debian's python3-fusepy
except ImportError:
    from fuse import FUSE, FuseOSError, Operations  # fusepy from PyPI


class Slow(Operations):
    def __init__(self, root, delay):
        self.root = root
        self.delay = delay

    def _full(self, path):
        return os.path.join(self.root, path.lstrip("/"))

    def getattr(self, path, fh=None):
        time.sleep(self.delay)
        try:
            st = os.lstat(self._full(path))
        except OSError as e:
            raise FuseOSError(e.errno)
        keys = ("st_mode", "st_nlink", "st_uid", "st_gid", "st_size", "st_blocks",
                "st_atime", "st_mtime", "st_ctime")
        return {k: getattr(st, k) for k in keys}

    def opendir(self, path):
        time.sleep(self.delay)
        if not os.path.isdir(self._full(path)):
            raise FuseOSError(errno.ENOTDIR)
        return 0

    def readdir(self, path, fh):
        time.sleep(self.delay)
        return [".", ".."] + os.listdir(self._full(path))

    def readlink(self, path):
        return os.readlink(self._full(path))

    def access(self, path, mode):
        if mode & os.W_OK:
            raise FuseOSError(errno.EROFS)


def main():
    source, mountpoint = sys.argv[1], sys.argv[2]
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.001
    FUSE(Slow(os.path.realpath(source), delay), mountpoint, foreground=True, ro=True,
         nothreads=True, allow_other=True, attr_timeout=0, entry_timeout=0)


if __name__ == "__main__":
    main()
