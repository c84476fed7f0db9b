#!/usr/bin/python3
"""A read-only passthrough FUSE file system that renames a directory of the tree it is mounted
in the moment its root is opened: a directory moved while du is inside it, deterministically
(GNU's tests/du/move-dir-while-traversing.sh races inotify for the same).

Usage: movefs.py SOURCE MOUNTPOINT FROM TO   (foreground until unmounted)

On every opendir of its root, if FROM exists, it is renamed TO (absolute paths, outside this
file system; the mount point is usually below FROM and moves with it). Inode numbers are the
source's (use_ino); needs python3-fusepy and /dev/fuse.
"""
import errno
import os
import sys

try:
    from fusepy import FUSE, FuseOSError, Operations  # Debian's python3-fusepy
except ImportError:
    from fuse import FUSE, FuseOSError, Operations  # fusepy from PyPI

STAT_KEYS = ("st_mode", "st_ino", "st_nlink", "st_uid", "st_gid", "st_size", "st_blocks",
             "st_atime", "st_mtime", "st_ctime")


class Mover(Operations):
    def __init__(self, root, src, dest):
        self.root, self.src, self.dest = root, src, dest

    def _full(self, path):
        return os.path.join(self.root, path.lstrip("/"))

    def getattr(self, path, fh=None):
        try:
            st = os.lstat(self._full(path))
        except OSError as e:
            raise FuseOSError(e.errno)
        return {k: getattr(st, k) for k in STAT_KEYS}

    def opendir(self, path):
        if path == "/" and os.path.isdir(self.src):
            os.rename(self.src, self.dest)
        return 0

    def readdir(self, path, fh):
        try:
            return [".", ".."] + os.listdir(self._full(path))
        except OSError as e:
            raise FuseOSError(e.errno)


if __name__ == "__main__":
    source, mountpoint, src, dest = sys.argv[1:5]
    FUSE(Mover(os.path.realpath(source), src, dest), mountpoint, foreground=True, ro=True,
         nothreads=True, use_ino=True, fsname="dug-movefs")
