#!/usr/bin/python3
"""A read-only passthrough FUSE file system that sleeps DELAY seconds in every getattr,
opendir and readdir: a stand-in for a slow network file system such as NFS, where every
metadata request costs a round trip.

Usage: slowfs.py SOURCE MOUNTPOINT [DELAY] [--hang NAME --hang-flag FILE]
       (foreground until unmounted)

DELAY defaults to 0.001 (1 ms). The kernel's attribute and entry caches are off
(attr_timeout=0, entry_timeout=0), so every stat of every run reaches this process, and inode
numbers are the source's (use_ino).

It serves one request at a time, so that a walk over the cancel tests' small tree
(tests/cancel/) takes long enough, whatever dug's thread count, to be cancelled mid-way. (The
benchmark's server, which answers in parallel as an NFS server does, is bench/latencyfs.c.)
--hang NAME makes every getattr of an entry named NAME wait an hour, as a request to a server
that went away does (a cancel must not wait for it), creating FILE (--hang-flag) first, so
that a test knows the request is in flight.

Needs python3-fusepy (Debian; module `fusepy`, or `fuse` as PyPI names it) and /dev/fuse; run
it with the system /usr/bin/python3.
"""
import argparse
import errno
import os
import time

try:
    from fusepy import FUSE, FuseOSError, Operations  # Debian's python3-fusepy
except ImportError:
    from fuse import FUSE, FuseOSError, Operations  # fusepy from PyPI

STAT_KEYS = ("st_mode", "st_ino", "st_nlink", "st_uid", "st_gid", "st_size", "st_blocks",
             "st_atime", "st_mtime", "st_ctime")
STATFS_KEYS = ("f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree",
               "f_namemax")


class Slow(Operations):
    def __init__(self, root, delay, hang, hang_flag):
        self.root = root
        self.delay = delay
        self.hang = hang
        self.hang_flag = hang_flag

    def _full(self, path):
        return os.path.join(self.root, path.lstrip("/"))

    def getattr(self, path, fh=None):
        if self.hang and os.path.basename(path) == self.hang:
            if self.hang_flag:
                open(self.hang_flag, "w").close()
            time.sleep(3600)
        time.sleep(self.delay)
        try:
            st = os.lstat(self._full(path))
        except OSError as e:
            raise FuseOSError(e.errno)
        return {k: getattr(st, k) for k in STAT_KEYS}

    def opendir(self, path):
        time.sleep(self.delay)
        if not os.path.isdir(self._full(path)):
            raise FuseOSError(errno.ENOTDIR)
        return 0

    def readdir(self, path, fh):
        time.sleep(self.delay)
        try:
            return [".", ".."] + os.listdir(self._full(path))
        except OSError as e:
            raise FuseOSError(e.errno)

    def readlink(self, path):
        return os.readlink(self._full(path))

    def access(self, path, mode):
        if mode & os.W_OK:
            raise FuseOSError(errno.EROFS)

    def statfs(self, path):
        st = os.statvfs(self._full(path))
        return {k: getattr(st, k) for k in STATFS_KEYS}

    def open(self, path, flags):
        if flags & (os.O_WRONLY | os.O_RDWR):
            raise FuseOSError(errno.EROFS)
        return os.open(self._full(path), os.O_RDONLY)

    def read(self, path, size, offset, fh):
        return os.pread(fh, size, offset)

    def release(self, path, fh):
        os.close(fh)
        return 0


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("source")
    p.add_argument("mountpoint")
    p.add_argument("delay", nargs="?", type=float, default=0.001, help="seconds (0.001)")
    p.add_argument("--hang", metavar="NAME", help="every getattr of an entry NAME waits an hour")
    p.add_argument("--hang-flag", metavar="FILE", help="created when such a getattr begins")
    o = p.parse_args()
    # Only root may let other users in without user_allow_other in /etc/fuse.conf.
    slow = Slow(os.path.realpath(o.source), o.delay, o.hang, o.hang_flag)
    FUSE(slow, o.mountpoint, foreground=True, ro=True, nothreads=True,
         allow_other=os.getuid() == 0, use_ino=True, attr_timeout=0, entry_timeout=0,
         negative_timeout=0, fsname="dug-slowfs")


if __name__ == "__main__":
    main()
