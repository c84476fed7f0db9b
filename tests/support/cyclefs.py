#!/usr/bin/python3
"""A read-only FUSE file system whose made-up tree has directories that are their own
ancestors by dev/ino, as a corrupted file system's would be (Linux allows no directory hard
links, and a bind mount makes a cycle only through a mount point):

    /                 inode 1
    /x                inode 2     /x/f  (a file)
    /x/y              inode 2 again: x is its own ancestor, no mount point in the cycle
    /x/y/g            (a file)
    /r                inode 5     /r/h  (a file)
    /r/back           inode 1 again: the root, a mount point, is in the cycle
    /r/back/k         (a file)

Usage: cyclefs.py MOUNTPOINT   (foreground until unmounted)

Inode numbers are the ones above (use_ino); needs python3-fusepy and /dev/fuse.
"""
import errno
import stat
import sys

try:
    from fusepy import FUSE, FuseOSError, Operations  # Debian's python3-fusepy
except ImportError:
    from fuse import FUSE, FuseOSError, Operations  # fusepy from PyPI

# path -> (inode, size of a file, or None for a directory)
TREE = {
    "/": (1, None),
    "/x": (2, None),
    "/x/f": (3, 5000),
    "/x/y": (2, None),
    "/x/y/g": (4, 7000),
    "/r": (5, None),
    "/r/h": (6, 3000),
    "/r/back": (1, None),
    "/r/back/k": (7, 9000),
}


class Cycles(Operations):
    def getattr(self, path, fh=None):
        if path not in TREE:
            raise FuseOSError(errno.ENOENT)
        ino, size = TREE[path]
        st = {"st_ino": ino, "st_uid": 0, "st_gid": 0, "st_atime": 1e9, "st_mtime": 1e9,
              "st_ctime": 1e9}
        if size is None:
            st.update(st_mode=stat.S_IFDIR | 0o755, st_nlink=2, st_size=4096, st_blocks=8)
        else:
            st.update(st_mode=stat.S_IFREG | 0o644, st_nlink=1, st_size=size,
                      st_blocks=(size + 511) // 512)
        return st

    def readdir(self, path, fh):
        prefix = path.rstrip("/") + "/"
        names = [p[len(prefix):] for p in TREE
                 if p.startswith(prefix) and p != prefix and "/" not in p[len(prefix):]]
        return [".", ".."] + names


if __name__ == "__main__":
    FUSE(Cycles(), sys.argv[1], foreground=True, ro=True, nothreads=True, use_ino=True,
         fsname="dug-cyclefs")
